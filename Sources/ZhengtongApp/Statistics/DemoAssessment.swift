import Fluent
import Foundation
import Vapor

/// The demo city's 考核: two categories as 长顺 has them — the governments' offices (一类) and the county bureaus
/// (二类) — each with its scheme, and the figures computed once so the first sign-in shows them.
enum DemoAssessment {
    static func seed(app: Application) async throws {
        let units = try await Unit.query(on: app.db).all()
        let idOf = Dictionary(units.compactMap { unit in unit.id.map { (unit.name, $0) } }) { first, _ in first }
        let schemes: [(String, String, [String], [AssessmentSchemes.Input.Indicator])] = [
            ("政府办公室效能考核", "一类单位", ["江北市人民政府办公室", "清河县人民政府办公室", "柳林区人民政府办公室", "东山县人民政府办公室"], [
                .init(figure: FigureKey.outgoingVolume.rawValue, weight: 25, rule: ScoringRule.ratioToBest.rawValue),
                .init(figure: FigureKey.incomingVolume.rawValue, weight: 20, rule: ScoringRule.ratioToBest.rawValue),
                .init(figure: FigureKey.onTimeRate.rawValue, weight: 20, rule: ScoringRule.target.rawValue, target: 90),
                .init(figure: FigureKey.signIns.rawValue, weight: 25, rule: ScoringRule.rank.rawValue),
                .init(figure: FigureKey.paperShare.rawValue, weight: 10, rule: ScoringRule.target.rawValue, target: 5),
            ]),
            ("县直部门效能考核", "二类单位", ["清河县财政局", "清河县教育局", "柳林区发展和改革局", "柳林区卫生健康委员会", "东山县公安局", "东山县自然资源局"], [
                .init(figure: FigureKey.signIns.rawValue, weight: 40, rule: ScoringRule.ratioToBest.rawValue),
                .init(figure: FigureKey.acceptanceDelay.rawValue, weight: 30, rule: ScoringRule.rank.rawValue),
                .init(figure: FigureKey.overdueCount.rawValue, weight: 30, rule: ScoringRule.rank.rawValue),
            ]),
        ]
        guard let root = units.first(where: { $0.name == "江北市人民政府" })?.id ?? units.first?.id else { return }
        try await app.write { db in
            for (name, category, members, indicators) in schemes {
                let scheme = AssessmentScheme(name: name, category: category, ownerUnitID: root)
                try await scheme.create(on: db)
                let id = try scheme.requireID()
                for (position, indicator) in indicators.enumerated() {
                    try await AssessmentIndicator(schemeID: id, figure: FigureKey(indicator.figure), weight: indicator.weight,
                                                  rule: ScoringRule(rawValue: indicator.rule) ?? .ratioToBest, target: indicator.target, position: position).create(on: db)
                }
                for unit in members.compactMap({ idOf[$0] }) { try await AssessmentSchemeUnit(schemeID: id, unitID: unit).create(on: db) }
            }
        }
        try await StatisticsAggregation.refreshAll(app: app)
    }
}
