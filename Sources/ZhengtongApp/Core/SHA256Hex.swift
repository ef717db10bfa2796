import Crypto
import Foundation

/// Lower-case hex SHA-256, the form stored for audit hashes and API token digests.
enum SHA256Hex {
    static func of(_ text: String) -> String {
        of(Data(text.utf8))
    }

    static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
