import Foundation

/// The record of one application of a seal (用印): who stamped which document for which unit and when,
/// with the ECDSA signature that lets anyone holding the document check it later (see ``SealSigning``).
///
/// Every field is text so the record reads the same in JSON, in a database column and on a verification
/// page, and so that the exact bytes signed can be rebuilt from it.
public struct SealSignature: Codable, Hashable, Sendable {
    /// ECDSA over P-256 with SHA-256: the seals made before the national format.
    public static let ecdsaP256SHA256 = "ECDSA-P256-SHA256"
    /// The national seal: an SES_Signature (GB/T 38540, SM2 with SM3) over the signed bytes.
    public static let sm2SES = "SM2-SM3-SES"

    /// 用印人: the name of the person who applied the seal.
    public var signerName: String
    /// The signer's user id.
    public var signerID: String
    /// The unit whose seal it is (印章名称), e.g. `江北市人民政府办公室`.
    public var unitName: String
    /// 用印时间, ISO 8601 in UTC to the second: `2026-01-05T02:30:00Z`.
    public var signedAt: String
    /// ``ecdsaP256SHA256`` or ``sm2SES``.
    public var algorithm: String
    /// P-256: the unit's public key, ANSI X9.63 (uncompressed point `04‖X‖Y`, 65 bytes), base64. SM2: the seal
    /// keeper's certificate (the seal key's), DER, base64.
    public var publicKey: String
    /// SHA-256 (P-256) or SM3 (SM2) of ``SealSigning/canonicalContent(of:)``, lowercase hex.
    public var documentDigest: String
    /// P-256: the ECDSA signature, DER, base64. SM2: the SES_Signature, DER, base64.
    public var signature: String

    public init(signerName: String, signerID: String, unitName: String, signedAt: String, algorithm: String = Self.ecdsaP256SHA256,
                publicKey: String, documentDigest: String, signature: String) {
        self.signerName = signerName
        self.signerID = signerID
        self.unitName = unitName
        self.signedAt = signedAt
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.documentDigest = documentDigest
        self.signature = signature
    }

    /// ``signedAt`` as an instant, or nil when the text is not ISO 8601.
    public var date: Date? { try? Date(signedAt, strategy: .iso8601) }
}
