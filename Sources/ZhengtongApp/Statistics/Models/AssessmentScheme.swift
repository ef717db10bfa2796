import Fluent
import Foundation

/// 考核方案: the indicators one category of units (长顺's 三个类别: 一类, 二类, 三类) is scored on, defined by an
/// administrator for the units of an organising unit (`owner_unit_id`: whoever manages 考核 over it manages the scheme).
final class AssessmentScheme: Model, @unchecked Sendable {
    static let schema = "assessment_schemes"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// The unit category it scores (一类单位 …).
    @Field(key: "category") var category: String
    @Field(key: "owner_unit_id") var ownerUnitID: UUID
    /// Raised by every 修改: a form or request based on an older one is refused (409).
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(name: String, category: String, ownerUnitID: UUID) {
        self.name = name
        self.version = 1
        self.category = category
        self.ownerUnitID = ownerUnitID
    }
}

/// 考核指标: a figure of the scheme with its weight (points) and scoring rule.
final class AssessmentIndicator: Model, @unchecked Sendable {
    static let schema = "assessment_indicators"

    @ID(key: .id) var id: UUID?
    @Field(key: "scheme_id") var schemeID: UUID
    @Field(key: "figure") var figureKey: String
    @Field(key: "weight") var weight: Double
    @Field(key: "rule") var ruleValue: String
    /// The target of ``ScoringRule/target`` (a rate in %, hours, or a count, in the figure's own measure).
    @OptionalField(key: "target") var target: Double?
    @Field(key: "position") var position: Int

    init() {}

    init(schemeID: UUID, figure: FigureKey, weight: Double, rule: ScoringRule, target: Double?, position: Int) {
        self.schemeID = schemeID
        self.figureKey = figure.rawValue
        self.weight = weight
        self.ruleValue = rule.rawValue
        self.target = target
        self.position = position
    }

    var figure: FigureKey { FigureKey(figureKey) }
    var rule: ScoringRule { ScoringRule(rawValue: ruleValue) ?? .ratioToBest }
}

/// A unit scored by a scheme.
final class AssessmentSchemeUnit: Model, @unchecked Sendable {
    static let schema = "assessment_scheme_units"

    @ID(key: .id) var id: UUID?
    @Field(key: "scheme_id") var schemeID: UUID
    @Field(key: "unit_id") var unitID: UUID

    init() {}

    init(schemeID: UUID, unitID: UUID) {
        self.schemeID = schemeID
        self.unitID = unitID
    }
}
