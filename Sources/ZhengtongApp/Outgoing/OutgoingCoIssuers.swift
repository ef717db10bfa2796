import Fluent
import Foundation
import Gongwen

/// 联合行文's co-issuers that are units of the platform: who countersigns, whose seal keepers seal, and which seals
/// are on the document. A co-issuer is named in the document (`coIssuers`, as printed); the platform's unit of
/// that name, enabled and not the document's own, stands for it. Co-issuers outside the platform countersign and
/// seal on paper.
enum OutgoingCoIssuers {
    struct CoIssuer: Sendable, Equatable {
        /// 1… in issuing order (0 is the document's own unit), as `SealPlacement.issuer`.
        var issuer: Int
        var name: String
        var unitID: UUID
    }

    static func onPlatform(_ document: OutgoingDocument, on db: any Database) async throws -> [CoIssuer] {
        let names = try document.document().coIssuerNames
        guard !names.isEmpty else { return [] }
        let units = try await Unit.query(on: db).filter(\.$name ~~ names).filter(\.$isDisabled == false).all()
        return names.enumerated().compactMap { index, name in
            units.first { $0.name == name && $0.id != document.$unit.id }?.id.map { CoIssuer(issuer: index + 1, name: name, unitID: $0) }
        }
    }

    /// The seals applied to the document, by issuer: the unit's own (issuer 0) and each co-issuer's, each the latest
    /// application of that unit's seal (verification says whether the text changed since).
    static func applications(_ document: OutgoingDocument, on db: any Database) async throws -> [Int: (application: SealApplication, seal: UnitSeal)] {
        let applications = try await SealApplication.query(on: db).filter(\.$documentID == document.requireID())
            .sort(\.$appliedAt, .descending).all()
        guard !applications.isEmpty else { return [:] }
        let seals = try await UnitSeal.query(on: db).filter(\.$id ~~ Set(applications.map(\.sealID))).all()
        var issuerOf: [UUID: Int] = [document.$unit.id: 0]
        for coIssuer in try await onPlatform(document, on: db) { issuerOf[coIssuer.unitID] = coIssuer.issuer }
        var result: [Int: (SealApplication, UnitSeal)] = [:]
        for application in applications {
            guard let seal = seals.first(where: { $0.id == application.sealID }), let issuer = issuerOf[seal.unitID], result[issuer] == nil else { continue }
            result[issuer] = (application, seal)
        }
        return result
    }

    /// Co-issuers on the platform whose seal is not on the document as it stands (none, or over an older version).
    static func unsealed(_ document: OutgoingDocument, on db: any Database) async throws -> [CoIssuer] {
        let sealed = try await applications(document, on: db)
        return try await onPlatform(document, on: db).filter { sealed[$0.issuer]?.application.version != document.version }
    }

    /// Where each co-issuer named in the document stands with its seal, in issuing order.
    enum SealState: String, Codable, Sendable {
        /// Its seal is on the document as it stands.
        case sealed
        /// A unit of the platform whose seal is still due.
        case unsealed
        /// Not a unit of the platform: it countersigns and seals on paper.
        case offPlatform
    }

    static func sealStates(_ document: OutgoingDocument, on db: any Database) async throws -> [(name: String, state: SealState)] {
        let names = try document.document().coIssuerNames
        guard !names.isEmpty else { return [] }
        let onPlatform = try await onPlatform(document, on: db)
        let unsealed = try await unsealed(document, on: db)
        return names.map { name in
            (name, !onPlatform.contains { $0.name == name } ? .offPlatform : unsealed.contains { $0.name == name } ? .unsealed : .sealed)
        }
    }
}
