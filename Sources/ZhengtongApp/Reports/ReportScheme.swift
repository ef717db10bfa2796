import Fluent
import Foundation
import Vapor

/// Which units collect 信息 and what their adoption levels are worth: each collecting unit's own setting, kept by
/// that unit's administrators. Starting to collect seeds the default scheme (国家级 10, 省级 6, 市级 4, 刊物 2, 批示 3).
enum ReportScheme {
    typealias Actor = WorkflowService.Actor

    struct Target: Sendable, Equatable {
        var id: UUID
        var name: String
    }

    /// The collecting units a 信息员 of `unit` may send to: the collecting units above it, nearest first.
    static func targets(for unit: UUID, tree: UnitTree, on db: any Database) async throws -> [Target] {
        var ancestors: [UUID] = []
        var current = tree.parentOf[unit]
        while let id = current, ancestors.count < 32 {
            ancestors.append(id)
            current = tree.parentOf[id]
        }
        // A 政府办公室 collects for the government it serves: a county office's units reach the county's office too.
        let collecting = Set(try await collectingUnits(on: db))
        var result: [Target] = []
        for id in ancestors + siblingsCollecting(of: ancestors, tree: tree, collecting: collecting) where collecting.contains(id) && id != unit {
            if !result.contains(where: { $0.id == id }) { result.append(Target(id: id, name: tree.nameOf[id] ?? "")) }
        }
        return result
    }

    /// The offices of the governments above (a 政府办公室 is the government's child, not the unit's ancestor).
    private static func siblingsCollecting(of ancestors: [UUID], tree: UnitTree, collecting: Set<UUID>) -> [UUID] {
        ancestors.flatMap { (tree.childrenOf[$0] ?? []).filter { collecting.contains($0) && !ancestors.contains($0) } }
    }

    static func collectingUnits(on db: any Database) async throws -> [UUID] {
        try await ReportCollector.query(on: db).filter(\.$collects == true).all().map(\.unitID)
    }

    static func collects(_ unit: UUID, on db: any Database) async throws -> Bool {
        try await ReportCollector.query(on: db).filter(\.$unitID == unit).first()?.collects ?? false
    }

    /// A unit's levels, highest first (the 批示 level last).
    static func levels(of unit: UUID, on db: any Database) async throws -> [ReportLevel] {
        try await ReportLevel.query(on: db).filter(\.$unitID == unit).sort(\.$sortOrder).sort(\.$name).all()
    }

    /// Whether `unit` collects 信息; turning it on the first time seeds the default scheme.
    static func setCollecting(_ unit: UUID, _ collects: Bool, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws {
        guard access.keepsReportScheme(of: unit) else { throw AppError.forbidden(Strings.Reports.notSchemeKeeper) }
        try await app.write { db in
            try await setCollecting(unit, collects, at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "report.collector", targetType: "unit", targetID: unit.uuidString, targetLabel: access.tree.nameOf[unit] ?? "",
                                                 after: ["collects": String(collects)]), by: actor.audit, on: db)
        }
    }

    /// The same inside a transaction (the demo and tests set it up this way too).
    static func setCollecting(_ unit: UUID, _ collects: Bool, at now: Date, on db: any Database) async throws {
        if let row = try await ReportCollector.query(on: db).filter(\.$unitID == unit).first() {
            row.collects = collects
            row.updatedAt = now
            try await row.update(on: db)
        } else {
            let row = ReportCollector()
            row.unitID = unit
            row.collects = collects
            row.updatedAt = now
            try await row.create(on: db)
        }
        guard collects, try await ReportLevel.query(on: db).filter(\.$unitID == unit).count() == 0 else { return }
        for (index, level) in ReportLevel.defaults.enumerated() {
            let row = ReportLevel()
            row.unitID = unit
            row.name = level.name
            row.points = level.points
            row.isInstruction = level.instruction
            row.sortOrder = index
            row.updatedAt = now
            try await row.create(on: db)
        }
    }

    /// One level of the scheme as typed.
    struct LevelInput: Sendable {
        var id: UUID?
        var name: String?
        var points: Int?
    }

    /// The administrator's scheme: names and points of the levels (a new name adds one; the 批示 level stays one).
    /// Points already awarded keep their value.
    static func saveLevels(_ unit: UUID, _ inputs: [LevelInput], access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> [ReportLevel] {
        guard access.keepsReportScheme(of: unit) else { throw AppError.forbidden(Strings.Reports.notSchemeKeeper) }
        var errors: [String: String] = [:]
        var names: Set<String> = []
        for (index, input) in inputs.enumerated() {
            let name = FieldRules.trimmed(input.name)
            if name.isEmpty || name.count > 40 || names.contains(name) { errors["levels[\(index)].name"] = Strings.Reports.levelNameInvalid }
            names.insert(name)
            if let points = input.points, !(0...1000).contains(points) { errors["levels[\(index)].points"] = Strings.Reports.pointsInvalid }
            if input.points == nil { errors["levels[\(index)].points"] = Strings.Reports.pointsInvalid }
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return try await app.write { db in
            let existing = try await ReportLevel.query(on: db).filter(\.$unitID == unit).all()
            for (index, input) in inputs.enumerated() {
                let name = FieldRules.trimmed(input.name)
                let row = existing.first { $0.id == input.id } ?? ReportLevel()
                if row.id == nil { row.unitID = unit; row.isInstruction = false }
                row.name = name
                row.points = input.points ?? 0
                row.sortOrder = index
                row.updatedAt = now
                try await row.save(on: db)
            }
            try await AuditLog.record(AuditEvent(action: "report.scheme", targetType: "unit", targetID: unit.uuidString, targetLabel: access.tree.nameOf[unit] ?? "",
                                                 after: ["levels": inputs.map { "\(FieldRules.trimmed($0.name))=\($0.points ?? 0)" }.joined(separator: ",")]),
                                      by: actor.audit, on: db)
            return try await levels(of: unit, on: db)
        }
    }
}
