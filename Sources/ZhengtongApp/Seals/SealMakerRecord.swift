import Fluent
import Foundation

/// The platform's 印章制作 authority as stored: its certificate (DER, base64) and its private key sealed by
/// ``SealKeyVault`` (base64). Made once, on the first national seal.
final class SealMakerRecord: Model, @unchecked Sendable {
    static let schema = "seal_makers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "certificate") var certificate: String
    @Field(key: "sealed_private_key") var sealedPrivateKey: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
