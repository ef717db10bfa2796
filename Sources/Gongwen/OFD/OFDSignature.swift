import Foundation

/// The signature of a seal, recorded in `Signature.xml` and `SignedValue.dat`.
///
/// The national seal format (GB/T 38540-2020: an SES_Signature structure with SM2 over SM3 hashes, method
/// OID 1.2.156.10197.1.501) is not produced yet. This is an ECDSA P-256 signature over SHA-256 in the
/// same package structure: a reader lists the signature and its stamp, a verifier that knows the method
/// checks it, and SM2 can replace it without changing the package.
public struct OFDSignature: Sendable {
    /// ecdsa-with-SHA256 (RFC 5758).
    public static let ecdsaWithSHA256 = "1.2.840.10045.4.3.2"
    /// SM2 with SM3, the method of GB/T 38540 (for when the national format is produced).
    public static let sm2WithSM3 = "1.2.156.10197.1.501"

    /// The person who applied the seal (印章管理员 or the signer); written as the stamp annotation's creator.
    public var signerName: String
    /// The signing component, written as `Provider ProviderName`.
    public var providerName: String
    public var time: Date
    /// `SignatureMethod`: the algorithm's OID.
    public var methodOID: String
    public var value: Value

    /// The signature bytes written to `SignedValue.dat`.
    public enum Value: Sendable {
        /// Bytes produced elsewhere (a signing service), written as given.
        case bytes(Data)
        /// Signs the message the package defines: the bytes of `Signature.xml` (which holds the digest of
        /// every protected file), as GB/T 38540 signs the signature description file. Returns the
        /// signature bytes, e.g. an ECDSA signature's DER form.
        case signing(@Sendable (_ signatureXML: Data) throws -> Data)
    }

    public init(signerName: String, providerName: String = "政通 Zhengtong", time: Date, methodOID: String = OFDSignature.ecdsaWithSHA256, value: Value) {
        self.signerName = signerName
        self.providerName = providerName
        self.time = time
        self.methodOID = methodOID
        self.value = value
    }
}
