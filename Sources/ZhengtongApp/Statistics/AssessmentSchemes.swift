import Fluent
import Foundation
import Vapor

/// The business actions on 考核方案 — 新建, 修改, 删除 — each one call used by the admin pages and the API alike: the
/// rules, the transaction and the audit record are here, not at either door.
enum AssessmentSchemes {
    /// What a person sends for a scheme (page form or JSON).
    struct Input: Codable, Sendable {
        struct Indicator: Codable, Sendable {
            var figure: String
            var weight: Double
            var rule: String
            var target: Double?
        }

        var name: String
        var category: String
        var units: [UUID]
        var indicators: [Indicator]
        /// 修改: the version the change is based on (required); 新建: ignored.
        var version: Int?
    }

    /// A scheme as the API and the edit form show it.
    struct Detail: Codable, Sendable {
        var id: UUID
        var name: String
        var category: String
        var ownerUnitId: UUID
        var units: [UUID]
        var indicators: [Input.Indicator]
        var version: Int
    }

    /// Checks `input` as the administrator would expect (every problem named by field); returns it cleaned.
    static func checked(_ input: Input, access: Access) throws -> Input {
        var fields: [String: String] = [:]
        var clean = input
        clean.name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        clean.category = input.category.trimmingCharacters(in: .whitespacesAndNewlines)
        if clean.name.isEmpty { fields["name"] = Strings.Statistics.nameRequired } else if clean.name.count > 100 { fields["name"] = Strings.Statistics.nameTooLong }
        if clean.category.isEmpty { fields["category"] = Strings.Statistics.categoryRequired } else if clean.category.count > 50 { fields["category"] = Strings.Statistics.categoryTooLong }
        clean.units = Array(Set(input.units)).sorted { $0.uuidString < $1.uuidString }
        if clean.units.isEmpty {
            fields["units"] = Strings.Statistics.unitsRequired
        } else if clean.units.contains(where: { !access.assessableUnits.contains($0) || access.tree.nameOf[$0] == nil }) {
            fields["units"] = Strings.Statistics.unitsOutOfScope
        }
        if input.indicators.isEmpty { fields["indicators"] = Strings.Statistics.indicatorsRequired }
        var seen = Set<String>()
        for indicator in input.indicators {
            if StatisticsSources.figure(FigureKey(indicator.figure)) == nil {
                fields["indicators"] = Strings.Statistics.figureUnknown(indicator.figure)
            } else if !seen.insert(indicator.figure).inserted {
                fields["indicators"] = Strings.Statistics.figureTwice(StatisticsSources.figure(FigureKey(indicator.figure))!.label)
            } else if !(indicator.weight > 0 && indicator.weight <= 100) {
                fields["indicators"] = Strings.Statistics.weightInvalid
            } else if let rule = ScoringRule(rawValue: indicator.rule) {
                if rule == .target && indicator.target == nil { fields["indicators"] = Strings.Statistics.targetRequired }
            } else {
                fields["indicators"] = Strings.Statistics.ruleUnknown
            }
        }
        guard fields.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: fields) }
        return clean
    }

    /// 新建: the scheme belongs to the person's unit's 考核 (its owner is the lowest unit their grant covers that
    /// holds all the chosen units — simply their grant's scope unit, or the person's unit for a platform-wide grant).
    static func create(_ input: Input, access: Access, actor: AuditActor, app: Application) async throws -> AssessmentScheme {
        guard access.managesAssessment else { throw AppError.notFound() }
        let input = try checked(input, access: access)
        let owner = access.grants.first { $0.permissions.contains(.assessmentManage) }?.scope ?? access.unitID
        return try await app.write { db in
            let scheme = AssessmentScheme(name: input.name, category: input.category, ownerUnitID: owner)
            try await scheme.create(on: db)
            try await write(input, into: scheme, on: db)
            try await AuditLog.record(AuditEvent(action: "assessment.scheme.create", targetType: "assessmentScheme", targetID: scheme.id?.uuidString,
                                                 targetLabel: scheme.name, after: auditFields(input)), by: actor, on: db)
            return scheme
        }
    }

    /// 修改: name, category, units and indicators replaced as a whole.
    static func update(_ id: UUID, _ input: Input, access: Access, actor: AuditActor, app: Application) async throws -> AssessmentScheme {
        // Someone who does not manage the scheme learns nothing of it, not even whether their input would pass.
        guard let existing = try await AssessmentScheme.find(id, on: app.db) else { throw AppError.notFound() }
        try access.requireAssessmentManagement(of: existing.ownerUnitID)
        let input = try checked(input, access: access)
        return try await app.write { db in
            guard let scheme = try await AssessmentScheme.find(id, on: db) else { throw AppError.notFound() }
            try access.requireAssessmentManagement(of: scheme.ownerUnitID)
            guard let expected = input.version else {
                throw AppError.validation(Strings.Statistics.schemeEditedMeanwhile, fields: ["version": Strings.Statistics.schemeEditedMeanwhile])
            }
            guard expected == scheme.version else { throw AppError.conflict(Strings.Statistics.schemeEditedMeanwhile) }
            let before = auditFields(try await detail(of: scheme, on: db).input)
            scheme.name = input.name
            scheme.category = input.category
            scheme.version += 1
            try await scheme.save(on: db)
            try await AssessmentIndicator.query(on: db).filter(\.$schemeID == id).delete()
            try await AssessmentSchemeUnit.query(on: db).filter(\.$schemeID == id).delete()
            try await write(input, into: scheme, on: db)
            try await AuditLog.record(AuditEvent(action: "assessment.scheme.update", targetType: "assessmentScheme", targetID: id.uuidString,
                                                 targetLabel: scheme.name, before: before, after: auditFields(input)), by: actor, on: db)
            return scheme
        }
    }

    /// 删除.
    static func delete(_ id: UUID, access: Access, actor: AuditActor, app: Application) async throws {
        try await app.write { db in
            guard let scheme = try await AssessmentScheme.find(id, on: db) else { throw AppError.notFound() }
            try access.requireAssessmentManagement(of: scheme.ownerUnitID)
            let before = auditFields(try await detail(of: scheme, on: db).input)
            try await AssessmentIndicator.query(on: db).filter(\.$schemeID == id).delete()
            try await AssessmentSchemeUnit.query(on: db).filter(\.$schemeID == id).delete()
            try await scheme.delete(on: db)
            try await AuditLog.record(AuditEvent(action: "assessment.scheme.delete", targetType: "assessmentScheme", targetID: id.uuidString,
                                                 targetLabel: scheme.name, before: before), by: actor, on: db)
        }
    }

    private static func write(_ input: Input, into scheme: AssessmentScheme, on db: any Database) async throws {
        let id = try scheme.requireID()
        for (position, indicator) in input.indicators.enumerated() {
            let rule = ScoringRule(rawValue: indicator.rule) ?? .ratioToBest
            try await AssessmentIndicator(schemeID: id, figure: FigureKey(indicator.figure), weight: indicator.weight, rule: rule,
                                          target: rule == .target ? indicator.target : nil, position: position).create(on: db)
        }
        for unit in input.units {
            try await AssessmentSchemeUnit(schemeID: id, unitID: unit).create(on: db)
        }
    }

    private static func auditFields(_ input: Input) -> [String: String] {
        ["name": input.name, "category": input.category, "units": "\(input.units.count)",
         "indicators": input.indicators.map { "\($0.figure):\($0.weight):\($0.rule)\($0.target.map { ":\($0)" } ?? "")" }.joined(separator: ",")]
    }

    static func detail(of scheme: AssessmentScheme, on db: any Database) async throws -> Detail {
        let id = try scheme.requireID()
        let indicators = try await AssessmentIndicator.query(on: db).filter(\.$schemeID == id).sort(\.$position).all()
        let units = try await AssessmentSchemeUnit.query(on: db).filter(\.$schemeID == id).all().map(\.unitID).sorted { $0.uuidString < $1.uuidString }
        return Detail(id: id, name: scheme.name, category: scheme.category, ownerUnitId: scheme.ownerUnitID, units: units,
                      indicators: indicators.map { Input.Indicator(figure: $0.figureKey, weight: $0.weight, rule: $0.ruleValue, target: $0.target) },
                      version: scheme.version)
    }

    /// Schemes whose ranking the person sees a row of (some unit of theirs is scored), or that they manage.
    static func visible(to access: Access, on db: any Database) async throws -> [AssessmentScheme] {
        let schemes = try await AssessmentScheme.query(on: db).sort(\.$category).sort(\.$name).all()
        let scope = access.statisticsScope
        var result: [AssessmentScheme] = []
        for scheme in schemes {
            if access.covers(.assessmentManage, unit: scheme.ownerUnitID) { result.append(scheme); continue }
            let units = try await AssessmentSchemeUnit.query(on: db).filter(\.$schemeID == scheme.requireID()).all()
            if units.contains(where: { scope.contains($0.unitID) }) { result.append(scheme) }
        }
        return result
    }

    /// A scheme the person may see the ranking of; 404 otherwise.
    static func visibleScheme(_ id: UUID, access: Access, on db: any Database) async throws -> AssessmentScheme {
        guard let scheme = try await AssessmentScheme.find(id, on: db) else { throw AppError.notFound() }
        if access.covers(.assessmentManage, unit: scheme.ownerUnitID) { return scheme }
        let units = try await AssessmentSchemeUnit.query(on: db).filter(\.$schemeID == id).all()
        guard units.contains(where: { access.statisticsScope.contains($0.unitID) }) else { throw AppError.notFound() }
        return scheme
    }

    /// The rows a person sees: all for who manages the scheme, else those of units in their statistics scope.
    static func rankingScope(of scheme: AssessmentScheme, access: Access) -> UnitScope {
        access.covers(.assessmentManage, unit: scheme.ownerUnitID) ? .all : access.statisticsScope
    }
}

extension AssessmentSchemes.Detail {
    var input: AssessmentSchemes.Input { .init(name: name, category: category, units: units, indicators: indicators, version: version) }
}
