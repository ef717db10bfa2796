import COpenSSL
import Foundation

extension SM2 {
    /// An SM2 private key: signs. Kept as PKCS #8 (PEM or DER) and, at rest, sealed with ``SM4Sealing``.
    public struct PrivateKey: Sendable {
        let key: Key

        /// A new random key.
        public init() throws {
            guard let made = zt_sm2_keygen() else { throw GuomiError("sm2.generate") }
            key = Key(made)
        }

        /// A key from its scalar and point (32 and 65 bytes), e.g. the standard's examples.
        public init(rawScalar: Data, publicKey: Data) throws {
            key = try SM2.key(publicPoint: publicKey, privateScalar: rawScalar)
        }

        /// PKCS #8 `PrivateKeyInfo`, DER.
        public init(derRepresentation der: Data) throws {
            let decoded: OpaquePointer? = der.withUnsafeBytes { raw in
                var cursor = raw.bindMemory(to: UInt8.self).baseAddress
                return d2i_AutoPrivateKey(nil, &cursor, raw.count)
            }
            guard let decoded else { throw GuomiError("sm2.private_key") }
            key = try SM2.requireSM2(decoded, "sm2.private_key")
        }

        /// `-----BEGIN PRIVATE KEY-----`.
        public init(pemRepresentation pem: String) throws {
            let decoded = try OpenSSLBytes.withReadBIO(Data(pem.utf8)) { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
            guard let decoded else { throw GuomiError("sm2.private_key") }
            key = try SM2.requireSM2(decoded, "sm2.private_key")
        }

        public var publicKey: PublicKey { PublicKey(key: key) }

        /// PKCS #8, DER (unencrypted: seal it before it is stored).
        public var derRepresentation: Data {
            try! OpenSSLBytes.der("sm2.private_key") { i2d_PrivateKey(key.pointer, $0) }
        }

        public var pemRepresentation: String {
            String(decoding: try! OpenSSLBytes.writing("sm2.private_key") {
                PEM_write_bio_PrivateKey($0, key.pointer, nil, nil, 0, nil, nil)
            }, as: UTF8.self)
        }

        /// The SM2 signature of `message` under `id`, DER `SEQUENCE { r, s }` (random: two signatures of the same
        /// message differ, and both verify).
        public func signature(for message: Data, id: Data = SM2.defaultID) throws -> Data {
            try SM2.withDigestContext("sm2.sign", key: key, id: id, signing: true) { context in
                try message.withUnsafeBytes { data in
                    let bytes = data.bindMemory(to: UInt8.self).baseAddress
                    var length = 0
                    guard EVP_DigestSign(context, nil, &length, bytes, data.count) == 1 else { throw GuomiError("sm2.sign") }
                    var signature = [UInt8](repeating: 0, count: length)
                    guard EVP_DigestSign(context, &signature, &length, bytes, data.count) == 1 else { throw GuomiError("sm2.sign") }
                    return Data(signature.prefix(length))
                }
            }
        }
    }
}
