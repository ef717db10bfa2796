import Foundation

/// The signature of a seal, recorded in `Signature.xml` and `SignedValue.dat`.
///
/// Two kinds: the national seal (GB/T 38540-2020: an `SES_Signature` with SM2 over SM3 digests, method OID
/// 1.2.156.10197.1.501, the seal itself in `Seal.esl`; see ``sm2(signerName:time:seal:signerCertificate:key:)``),
/// and the ECDSA P-256 signature over SHA-256 seals made before it (``p256(signerName:time:key:)``), kept so
/// those documents' packages can still be written and checked.
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
    /// The digest of the protected files in `Signature.xml`'s References.
    public var digest: Digest
    /// The seal (`SESeal`, DER), written as `Seal.esl` beside the signature; nil for P-256 seals.
    public var sealFile: Data?
    public var value: Value

    /// A References `CheckMethod`.
    public enum Digest: Sendable {
        case sha256
        case sm3
    }

    /// The signature bytes written to `SignedValue.dat`.
    public enum Value: Sendable {
        /// Bytes produced elsewhere (a signing service), written as given.
        case bytes(Data)
        /// Signs the message the package defines: the bytes of `Signature.xml` (which holds the digest of
        /// every protected file), as GB/T 38540 signs the signature description file; `signatureLoc` is that
        /// file's absolute path in the package (an SES_Signature's propertyInfo). Returns the signature bytes,
        /// e.g. an ECDSA signature's DER form or an SES_Signature.
        case signing(@Sendable (_ signatureXML: Data, _ signatureLoc: String) throws -> Data)
    }

    public init(signerName: String, providerName: String = "政通 Zhengtong", time: Date, methodOID: String = OFDSignature.ecdsaWithSHA256,
                digest: Digest = .sha256, sealFile: Data? = nil, value: Value) {
        self.signerName = signerName
        self.providerName = providerName
        self.time = time
        self.methodOID = methodOID
        self.digest = digest
        self.sealFile = sealFile
        self.value = value
    }
}
