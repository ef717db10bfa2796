import ElectronicSeal
import Foundation
import Gongwen
import Guomi

/// A unit seal as pages and the API show it (never its key).
struct UnitSealView: Codable, Sendable {
    var id: UUID
    var name: String
    /// `sm2` (GB/T 38540) or `p256` (made before national seals).
    var algorithm: String
    var keeperID: UUID?
    var keeperName: String?
    var createdAt: Date
    var validUntil: Date?
    var revokedAt: Date?
    var active: Bool
    /// The seal key certificate's SM3 fingerprint (national seals) or the key's SHA-256 (P-256), hex.
    var fingerprint: String
    /// The 印章制作 authority (national seals).
    var maker: String?

    init(_ seal: UnitSeal, keepers: [UUID: String], now: Date = Date()) {
        id = seal.id ?? UUID()
        name = seal.name
        algorithm = seal.algorithm ?? UnitSeal.Algorithm.p256.rawValue
        keeperID = seal.keeperID
        keeperName = seal.keeperID.flatMap { keepers[$0] }
        createdAt = seal.createdAt
        validUntil = seal.validUntil
        revokedAt = seal.revokedAt
        active = seal.revokedAt == nil && (seal.validUntil.map { now <= $0 } ?? true)
        let certificate = seal.certificate.flatMap { Data(base64Encoded: $0) }.flatMap { try? SM2Certificate(derRepresentation: $0) }
        fingerprint = certificate?.fingerprint ?? SHA256Hex.of(seal.publicKey)
        maker = seal.eseal.flatMap { Data(base64Encoded: $0) }.flatMap { try? SESeal(derRepresentation: $0) }
            .flatMap { try? SM2Certificate(derRepresentation: $0.makerCertificate) }?.subject.commonName
    }
}
