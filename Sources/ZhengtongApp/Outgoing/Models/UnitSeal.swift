import Fluent
import Foundation

/// A unit's electronic seal (a unit may hold several, up to ``SealRules/perUnit``): its name and signing key. The private
/// key never leaves the server; the public key is what verification compares against.
///
/// Two kinds: national seals (SM2, GB/T 38540: ``NationalSeals``) with their certificate, SESeal and sealed key, and
/// the P-256 seals made before them (`algorithm` NULL), whose key is the PEM.
final class UnitSeal: Model, @unchecked Sendable {
    static let schema = "unit_seals"

    enum Algorithm: String {
        case p256
        case sm2
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    /// P-256 seals only; empty for national seals.
    @Field(key: "private_key_pem") var privateKeyPEM: String
    /// P-256: the X9.63 point, base64. SM2: the seal key's certificate, DER, base64 (what a record's `publicKey` holds).
    @Field(key: "public_key") var publicKey: String
    @Field(key: "created_at") var createdAt: Date
    /// ``Algorithm``; NULL for seals made before national seals (P-256).
    @OptionalField(key: "algorithm") var algorithm: String?
    /// The seal key's certificate (issued by the platform's 印章制作 authority), DER, base64.
    @OptionalField(key: "certificate") var certificate: String?
    /// The seal key, PKCS #8 sealed by ``SealKeyVault``.
    @OptionalField(key: "sealed_private_key") var sealedPrivateKey: String?
    /// The SESeal, DER, base64.
    @OptionalField(key: "eseal") var eseal: String?
    /// This seal's 印章管理员: only they apply it. NULL: any 印章管理员 of the unit (seals made before keepers).
    @OptionalField(key: "keeper_id") var keeperID: UUID?
    /// The end of the seal's validity (national seals).
    @OptionalField(key: "valid_until") var validUntil: Date?
    /// 停用: no longer applied; what it sealed keeps verifying.
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_by") var revokedBy: UUID?

    init() {}
}

/// One application of a seal to a document (用印): the signature over the document as it was sealed.
final class SealApplication: Model, @unchecked Sendable {
    static let schema = "seal_applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "document_id") var documentID: UUID
    @Field(key: "seal_id") var sealID: UUID
    /// The document's version the seal covers.
    @Field(key: "version") var version: Int
    /// ``SealSignature`` as JSON.
    @Field(key: "signature") var signature: String
    @Field(key: "applied_by") var appliedBy: UUID
    @Field(key: "applied_at") var appliedAt: Date

    init() {}
}
