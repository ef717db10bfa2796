import Fluent
import Foundation

/// A person's certificate bound to their account by the security administrator (issue 22): signing in with the
/// certificate (through the proxy or a USB key's signature) signs in as this person. Revoked bindings stay, with who
/// revoked them and when; `activeFingerprint` is the fingerprint while the binding is active and NULL after, so one
/// certificate is bound to at most one account at a time (a unique column; both databases allow many NULLs).
final class CertificateBinding: Model, @unchecked Sendable {
    static let schema = "certificate_bindings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    /// SM3 of the DER, lowercase hex.
    @Field(key: "fingerprint") var fingerprint: String
    @OptionalField(key: "active_fingerprint") var activeFingerprint: String?
    @Field(key: "certificate") var certificate: Data
    @Field(key: "subject") var subject: String
    @Field(key: "issuer") var issuer: String
    @Field(key: "serial") var serial: String
    @Field(key: "not_before") var notBefore: Date
    @Field(key: "not_after") var notAfter: Date
    @Field(key: "bound_at") var boundAt: Date
    @OptionalField(key: "bound_by_id") var boundByID: UUID?
    @Field(key: "bound_by_name") var boundByName: String
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_by_id") var revokedByID: UUID?
    @OptionalField(key: "revoked_by_name") var revokedByName: String?

    init() {}

    var isActive: Bool { revokedAt == nil }
}

/// A unit whose people must sign in with a certificate or USB key: password sign-in (page and API token) is refused
/// for them. Kept by the security administrator (see ``CertificateBindings/setKeySignInRequired``).
final class UnitKeySignInPolicy: Model, @unchecked Sendable {
    static let schema = "unit_key_sign_in"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "required") var required: Bool
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by_name") var updatedByName: String

    init() {}
}

/// A challenge for a USB key to sign (method B): single use, short-lived, kept on the server so the page and the API
/// (a phone without a session) use the same one. Answered or expired challenges are deleted.
final class SignInChallenge: Model, @unchecked Sendable {
    static let schema = "sign_in_challenges"

    @ID(key: .id) var id: UUID?
    @Field(key: "nonce") var nonce: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(nonce: String, expiresAt: Date) {
        self.nonce = nonce
        self.expiresAt = expiresAt
    }
}

/// Certificate bindings, the units' key sign-in requirement and the challenges (issue 22).
struct M0040_CreateKeySignIn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CertificateBinding.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("fingerprint", .string, .required)
            .field("active_fingerprint", .string)
            .field("certificate", .data, .required)
            .field("subject", .string, .required)
            .field("issuer", .string, .required)
            .field("serial", .string, .required)
            .field("not_before", .datetime, .required)
            .field("not_after", .datetime, .required)
            .field("bound_at", .datetime, .required)
            .field("bound_by_id", .uuid)
            .field("bound_by_name", .string, .required)
            .field("revoked_at", .datetime)
            .field("revoked_by_id", .uuid)
            .field("revoked_by_name", .string)
            .unique(on: "active_fingerprint")
            .create()
        try await database.schema(UnitKeySignInPolicy.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .field("required", .bool, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by_name", .string, .required)
            .unique(on: "unit_id")
            .create()
        try await database.schema(SignInChallenge.schema)
            .id()
            .field("nonce", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "nonce")
            .create()
        try await DatabaseIndexes.create([
            (name: "certificate_bindings_user", table: CertificateBinding.schema, columns: "user_id"),
            (name: "certificate_bindings_fingerprint", table: CertificateBinding.schema, columns: "fingerprint"),
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInChallenge.schema).delete()
        try await database.schema(UnitKeySignInPolicy.schema).delete()
        try await database.schema(CertificateBinding.schema).delete()
    }
}
