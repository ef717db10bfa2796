import Fluent
import Foundation
import Vapor

/// 印章管理: a unit's seals made (as national seals), given a keeper (印章管理员), revoked (停用) — by the unit's
/// organisation administrator — and chosen at 用印. Pages, the API and the demo call these.
enum UnitSealService {
    struct MakeInput: Sendable {
        var name: String
        var keeperID: UUID?
    }

    /// The unit's seals, newest last; revoked ones included (a list shows them as 已停用).
    static func seals(of unitID: UUID, on db: any Database) async throws -> [UnitSeal] {
        try await UnitSeal.query(on: db).filter(\.$unitID == unitID).sort(\.$createdAt).all()
    }

    /// People who may keep the unit's seals: its active people holding 电子印章使用.
    static func keeperCandidates(of unitID: UUID, on db: any Database) async throws -> [User] {
        let ids = try await PermissionHolders.people(with: .sealUse, in: [unitID], on: db)
        guard !ids.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
    }

    /// Makes a national seal for the unit: at most ``AppConfig/sealsPerUnit`` valid ones, names distinct among them.
    static func make(_ input: MakeInput, unitID: UUID, access: Access, actor: WorkflowService.Actor, app: Application,
                     now: Date = Date()) async throws -> UnitSeal {
        try access.require(.organizationManage, unit: unitID)
        let name = FieldRules.trimmed(input.name)
        guard !name.isEmpty, name.count <= SealRules.nameLimit else {
            throw AppError.validation(Strings.Seals.nameInvalid, fields: ["name": Strings.Seals.nameInvalid])
        }
        if let keeper = input.keeperID, try await !keeperCandidates(of: unitID, on: app.db).contains(where: { $0.id == keeper }) {
            throw AppError.validation(Strings.Seals.keeperInvalid, fields: ["keeperID": Strings.Seals.keeperInvalid])
        }
        guard let unit = try await Unit.find(unitID, on: app.db) else { throw AppError.notFound() }
        let limit = app.config.sealsPerUnit
        let vault = app.sealKeyVault
        return try await app.write { db in
            let active = try await UnitSeal.query(on: db).filter(\.$unitID == unitID).filter(\.$revokedAt == nil).all()
            guard active.count < limit else { throw AppError(status: .conflict, code: "seal_limit", message: Strings.Seals.limitReached(limit)) }
            guard !active.contains(where: { $0.name == name }) else {
                throw AppError.validation(Strings.Seals.nameTaken, fields: ["name": Strings.Seals.nameTaken])
            }
            let seal = UnitSeal()
            seal.unitID = unitID
            seal.createdAt = now
            seal.keeperID = input.keeperID
            try await NationalSeals.make(seal, for: unit, name: name, vault: vault, now: now, on: db)
            try await seal.create(on: db)
            try await AuditLog.record(AuditEvent(action: "seal.create", targetType: "unit_seal", targetID: seal.id?.uuidString, targetLabel: name,
                                                 after: ["unit": unit.name, "keeper": input.keeperID?.uuidString ?? "",
                                                         "certificate": String(SHA256Hex.of(seal.publicKey).prefix(16))]), by: actor.audit, on: db)
            return seal
        }
    }

    /// 停用: the seal is no longer applied (documents it sealed keep verifying).
    static func revoke(_ sealID: UUID, unitID: UUID, access: Access, actor: WorkflowService.Actor, app: Application, now: Date = Date()) async throws {
        try access.require(.organizationManage, unit: unitID)
        try await app.write { db in
            guard let seal = try await UnitSeal.find(sealID, on: db), seal.unitID == unitID else { throw AppError.notFound() }
            guard seal.revokedAt == nil else { throw AppError(status: .conflict, code: "seal_revoked", message: Strings.Seals.alreadyRevoked) }
            seal.revokedAt = now
            seal.revokedBy = actor.userID
            try await seal.update(on: db)
            try await AuditLog.record(AuditEvent(action: "seal.revoke", targetType: "unit_seal", targetID: sealID.uuidString, targetLabel: seal.name),
                                      by: actor.audit, on: db)
        }
    }

    /// Gives the seal to `keeperID` (nil: any 印章管理员 of the unit).
    static func setKeeper(_ sealID: UUID, keeperID: UUID?, unitID: UUID, access: Access, actor: WorkflowService.Actor, app: Application) async throws {
        try access.require(.organizationManage, unit: unitID)
        if let keeperID, try await !keeperCandidates(of: unitID, on: app.db).contains(where: { $0.id == keeperID }) {
            throw AppError.validation(Strings.Seals.keeperInvalid, fields: ["keeperID": Strings.Seals.keeperInvalid])
        }
        try await app.write { db in
            guard let seal = try await UnitSeal.find(sealID, on: db), seal.unitID == unitID else { throw AppError.notFound() }
            guard seal.revokedAt == nil else { throw AppError(status: .conflict, code: "seal_revoked", message: Strings.Seals.alreadyRevoked) }
            let before = seal.keeperID?.uuidString ?? ""
            seal.keeperID = keeperID
            try await seal.update(on: db)
            try await AuditLog.record(AuditEvent(action: "seal.keeper", targetType: "unit_seal", targetID: sealID.uuidString, targetLabel: seal.name,
                                                 before: ["keeper": before], after: ["keeper": keeperID?.uuidString ?? ""]), by: actor.audit, on: db)
        }
    }

    /// The seal `person` applies for the unit at 用印: `chosen` when given (it must be theirs to use), else the first
    /// usable one; when the unit has no seal yet, its first (named as the unit, kept by no one in particular) is made.
    static func forUse(unitID: UUID, by person: UUID, chosen: UUID?, vault: SealKeyVault, now: Date = Date(), on db: any Database) async throws -> UnitSeal {
        let seals = try await UnitSeal.query(on: db).filter(\.$unitID == unitID).sort(\.$createdAt).all()
        if seals.isEmpty { return try await UnitSeals.seal(of: unitID, vault: vault, on: db) }
        if let chosen {
            guard let seal = seals.first(where: { $0.id == chosen }) else { throw AppError.notFound() }
            guard SealRules.usable(seal, by: person, at: now) else { throw AppError.forbidden(Strings.Seals.notYours) }
            return seal
        }
        guard let seal = seals.first(where: { SealRules.usable($0, by: person, at: now) }) else { throw AppError.forbidden(Strings.Seals.noneUsable) }
        return seal
    }

    /// The seals `person` may apply for the unit now, as choices.
    static func usable(unitID: UUID, by person: UUID, now: Date = Date(), on db: any Database) async throws -> [UnitSeal] {
        try await UnitSeal.query(on: db).filter(\.$unitID == unitID).sort(\.$createdAt).all().filter { SealRules.usable($0, by: person, at: now) }
    }
}
