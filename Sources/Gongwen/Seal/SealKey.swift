import Crypto
import Foundation

/// A unit's seal key (印章密钥): the P-256 private key its seal signs with, kept as PEM (PKCS #8) by
/// whoever holds the unit's seals.
public struct SealKey: @unchecked Sendable {
    // @unchecked: P256.Signing.PrivateKey is Sendable from swift-crypto 4; in 3.x it is the same immutable
    // value without the annotation.
    public let privateKey: P256.Signing.PrivateKey

    public init(privateKey: P256.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// A new random key.
    public static func generate() -> SealKey {
        SealKey(privateKey: P256.Signing.PrivateKey())
    }

    /// A key read back from ``pemRepresentation`` (`-----BEGIN PRIVATE KEY-----`, or SEC 1's
    /// `-----BEGIN EC PRIVATE KEY-----`).
    public init(pem: String) throws {
        do {
            privateKey = try P256.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw InvalidPEM()
        }
    }

    /// The key as PEM, to store and read back with ``init(pem:)``.
    public var pemRepresentation: String { privateKey.pemRepresentation }

    public var publicKey: P256.Signing.PublicKey { privateKey.publicKey }

    /// The public key as ``SealSignature/publicKey`` records it (X9.63, base64): compare the two to know a
    /// signature was made with this unit's key.
    public var publicKeyBase64: String { privateKey.publicKey.x963Representation.base64EncodedString() }

    /// The public key as PEM (`-----BEGIN PUBLIC KEY-----`), to publish for verification.
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    /// Text that is not a P-256 private key in PEM.
    public struct InvalidPEM: Error, Hashable, Sendable, CustomStringConvertible {
        public init() {}
        public var description: String { "印章密钥不是有效的 P-256 PEM 私钥 / not a P-256 private key in PEM" }
    }
}
