import Fluent
import Foundation

/// A unit's electronic seal: its name (the unit's name when it was made) and signing key. The private
/// key never leaves the server; the public key is what verification compares against.
final class UnitSeal: Model, @unchecked Sendable {
    static let schema = "unit_seals"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    @Field(key: "private_key_pem") var privateKeyPEM: String
    @Field(key: "public_key") var publicKey: String
    @Field(key: "created_at") var createdAt: Date

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
