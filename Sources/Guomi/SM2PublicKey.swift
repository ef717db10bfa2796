import COpenSSL
import Foundation

extension SM2 {
    /// An SM2 public key: verifies signatures.
    public struct PublicKey: Sendable {
        let key: Key

        init(key: Key) { self.key = key }

        /// The uncompressed point `04 ‖ X ‖ Y` (65 bytes), as seals and USB keys exchange it.
        public init(x962Representation point: Data) throws {
            guard point.count == 65, point.first == 0x04 else { throw GuomiError("sm2.public_key", reason: "not an uncompressed SM2 point") }
            key = try SM2.key(publicPoint: point, privateScalar: nil)
        }

        /// SubjectPublicKeyInfo, DER.
        public init(derRepresentation der: Data) throws {
            let decoded: OpaquePointer? = der.withUnsafeBytes { raw in
                var cursor = raw.bindMemory(to: UInt8.self).baseAddress
                return d2i_PUBKEY(nil, &cursor, raw.count)
            }
            guard let decoded else { throw GuomiError("sm2.public_key") }
            key = try SM2.requireSM2(decoded, "sm2.public_key")
        }

        /// `-----BEGIN PUBLIC KEY-----`.
        public init(pemRepresentation pem: String) throws {
            let decoded = try OpenSSLBytes.withReadBIO(Data(pem.utf8)) { PEM_read_bio_PUBKEY($0, nil, nil, nil) }
            guard let decoded else { throw GuomiError("sm2.public_key") }
            key = try SM2.requireSM2(decoded, "sm2.public_key")
        }

        public var x962Representation: Data {
            var buffer = [UInt8](repeating: 0, count: 65)
            var length = 0
            let done = EVP_PKEY_get_octet_string_param(key.pointer, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, &buffer, buffer.count, &length)
            precondition(done == 1 && length == 65, "an SM2 key without its point")
            return Data(buffer)
        }

        public var derRepresentation: Data {
            // A key made here always encodes; failure would mean memory ran out.
            try! OpenSSLBytes.der("sm2.public_key") { i2d_PUBKEY(key.pointer, $0) }
        }

        public var pemRepresentation: String {
            String(decoding: try! OpenSSLBytes.writing("sm2.public_key") { PEM_write_bio_PUBKEY($0, key.pointer) }, as: UTF8.self)
        }

        /// Whether `signature` (DER `SEQUENCE { r, s }`) is this key's SM2 signature of `message` under `id`.
        public func isValidSignature(_ signature: Data, for message: Data, id: Data = SM2.defaultID) -> Bool {
            let verified = try? SM2.withDigestContext("sm2.verify", key: key, id: id, signing: false) { context in
                signature.withUnsafeBytes { sig in
                    message.withUnsafeBytes { data in
                        EVP_DigestVerify(context, sig.bindMemory(to: UInt8.self).baseAddress, sig.count,
                                         data.bindMemory(to: UInt8.self).baseAddress, data.count)
                    }
                }
            }
            _ = GuomiError.lastOpenSSLError()  // a refused signature leaves reasons on the queue
            return verified == 1
        }
    }
}
