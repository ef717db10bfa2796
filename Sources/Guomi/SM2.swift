import COpenSSL
import Foundation

/// SM2 (GB/T 32918-2016): signatures over the SM2 curve with SM3, the algorithm of seals, key sign-in and
/// certificates in Chinese government systems.
///
/// Every signature and verification here uses a distinguishing ID (用户身份标识, hashed into the signed digest as
/// `Z`). GB/T 35276 fixes the default `1234567812345678`; OpenSSL 3.0 would otherwise use an empty one, and a
/// signature made with one ID never verifies with the other.
public enum SM2 {
    /// `1234567812345678`.
    public static let defaultID = Data("1234567812345678".utf8)
    /// SM2 signature with SM3: `1.2.156.10197.1.501`.
    public static let signatureOID = "1.2.156.10197.1.501"
    /// The SM2 curve (sm2p256v1): `1.2.156.10197.1.301`.
    public static let curveOID = "1.2.156.10197.1.301"

    /// An EVP_PKEY owned by Swift.
    final class Key: @unchecked Sendable {
        // @unchecked: OpenSSL 3 keys are immutable once made and reference-counted; signing and verifying take
        // their own contexts, so one key may be used from several threads.
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { EVP_PKEY_free(pointer) }
    }

    /// A digest-sign or digest-verify context over `key` with SM3 and the distinguishing `id`, handed to `body`.
    static func withDigestContext<T>(_ operation: String, key: Key, id: Data, signing: Bool,
                                     _ body: (OpaquePointer) throws -> T) throws -> T {
        guard let keyContext = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else { throw GuomiError(operation) }
        defer { EVP_PKEY_CTX_free(keyContext) }
        let idSet = id.withUnsafeBytes { EVP_PKEY_CTX_set1_id(keyContext, $0.baseAddress, Int32($0.count)) }
        guard idSet > 0, let digestContext = EVP_MD_CTX_new() else { throw GuomiError(operation) }
        defer { EVP_MD_CTX_free(digestContext) }
        EVP_MD_CTX_set_pkey_ctx(digestContext, keyContext)
        let initialised = signing
            ? EVP_DigestSignInit_ex(digestContext, nil, "SM3", nil, nil, key.pointer, nil)
            : EVP_DigestVerifyInit_ex(digestContext, nil, "SM3", nil, nil, key.pointer, nil)
        guard initialised == 1 else { throw GuomiError(operation) }
        return try body(digestContext)
    }

    /// A key from its raw point and, when given, its private scalar.
    static func key(publicPoint: Data, privateScalar: Data?) throws -> Key {
        let made: OpaquePointer? = publicPoint.withUnsafeBytes { point in
            let pointBytes = point.bindMemory(to: UInt8.self).baseAddress
            guard let privateScalar else { return zt_sm2_key_from_raw(pointBytes, point.count, nil, 0) }
            return privateScalar.withUnsafeBytes { scalar in
                zt_sm2_key_from_raw(pointBytes, point.count, scalar.bindMemory(to: UInt8.self).baseAddress, scalar.count)
            }
        }
        guard let made else { throw GuomiError("sm2.key") }
        return Key(made)
    }

    /// Keys read from PEM or DER are SM2 only when their curve is; anything else is refused.
    static func requireSM2(_ key: OpaquePointer, _ operation: String) throws -> Key {
        let owned = Key(key)
        guard EVP_PKEY_is_a(key, "SM2") == 1 else { throw GuomiError(operation, reason: "not an SM2 key") }
        return owned
    }
}
