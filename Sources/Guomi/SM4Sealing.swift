import COpenSSL
import Foundation

/// Secrets kept at rest under a key from configuration (印章密钥 in the database): SM4-CBC, then HMAC-SM3 over
/// the IV and the ciphertext (encrypt-then-MAC), so a changed or swapped value is refused before it is decrypted.
///
/// The sealed form is `version (1 byte, 1) ‖ IV (16) ‖ ciphertext ‖ tag (32)`. The 32-byte key is split: the first
/// 16 bytes encrypt, the last 16 authenticate.
public struct SM4Sealing: Sendable {
    public static let keyByteCount = 32
    private static let version: UInt8 = 1
    private let encryptionKey: Data
    private let macKey: Data

    public init(key: Data) throws {
        guard key.count == Self.keyByteCount else { throw GuomiError("sm4.sealing", reason: "the key is 32 bytes") }
        encryptionKey = key.prefix(16)
        macKey = key.suffix(16)
    }

    /// A new random key (for `zhengtong` to print when none is configured).
    public static func generateKey() -> Data { randomBytes(keyByteCount) }

    /// `associated` (e.g. the record's id) is authenticated with the value but not stored: a sealed value copied
    /// to another record does not open there.
    public func seal(_ plaintext: Data, associated: Data = Data()) throws -> Data {
        let iv = Self.randomBytes(SM4.blockByteCount)
        let ciphertext = try SM4.encrypt(plaintext, key: encryptionKey, mode: .cbc(iv: iv))
        let body = Data([Self.version]) + iv + ciphertext
        return body + SM3.hmac(key: macKey, body + associated)
    }

    public func open(_ sealed: Data, associated: Data = Data()) throws -> Data {
        let sealed = Data(sealed)
        guard sealed.count >= 1 + SM4.blockByteCount + SM4.blockByteCount + SM3.byteCount, sealed.first == Self.version else {
            throw GuomiError("sm4.open", reason: "not a sealed value")
        }
        let body = sealed.prefix(sealed.count - SM3.byteCount)
        let tag = sealed.suffix(SM3.byteCount)
        guard Self.constantTimeEqual(SM3.hmac(key: macKey, body + associated), tag) else {
            throw GuomiError("sm4.open", reason: "the value was changed or the key is not the one it was sealed with")
        }
        let iv = body.dropFirst().prefix(SM4.blockByteCount)
        return try SM4.decrypt(body.dropFirst(1 + SM4.blockByteCount), key: encryptionKey, mode: .cbc(iv: Data(iv)))
    }

    static func randomBytes(_ count: Int) -> Data {
        var bytes = [UInt8](repeating: 0, count: count)
        precondition(RAND_bytes(&bytes, Int32(count)) == 1, "the random generator failed")
        return Data(bytes)
    }

    private static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
