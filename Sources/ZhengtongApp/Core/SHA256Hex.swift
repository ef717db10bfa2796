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

    /// The digest and size of a file, read a mebibyte at a time: a backup of a city is gigabytes, and mapping it
    /// whole made the process's resident size as large as the file.
    static func ofFile(atPath path: String) throws -> (sha256: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += chunk.count
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), bytes)
    }
}
