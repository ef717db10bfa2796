import Fluent
import Foundation

/// A scheme's result for a period: every unit's points per indicator, their total and place (equal totals share a
/// place). Computed from the kept daily rows — one indexed sum per indicator's source — so a year of the city's
/// units ranks in well under the two seconds the issue allows.
struct AssessmentRanking: Codable, Sendable {
    struct Indicator: Codable, Sendable {
        var figure: FigureKey
        var label: String
        var weight: Double
        var rule: ScoringRule
        var ruleLabel: String
        var target: Double?
    }

    struct Part: Codable, Sendable {
        var figure: FigureKey
        var value: Double?
        var text: String
        var points: Double
    }

    struct Row: Codable, Sendable {
        var rank: Int
        var unitId: UUID
        var unitName: String
        var total: Double
        var parts: [Part]
    }

    var schemeId: UUID
    var name: String
    var category: String
    var period: String
    var periodLabel: String
    var indicators: [Indicator]
    var rows: [Row]

    static func compute(scheme: AssessmentScheme, period: StatisticsPeriod, tree: UnitTree, on db: any Database) async throws -> AssessmentRanking {
        let schemeID = try scheme.requireID()
        let indicators = try await AssessmentIndicator.query(on: db).filter(\.$schemeID == schemeID).sort(\.$position).all()
        let units = try await AssessmentSchemeUnit.query(on: db).filter(\.$schemeID == schemeID).all().map(\.unitID)
        let figures = indicators.compactMap { StatisticsSources.figure($0.figure) }
        let values = try await StatisticsStore.values(of: figures, period: period, scope: .units(Set(units)), on: db)
        var parts: [UUID: [Part]] = [:]
        var described: [Indicator] = []
        for indicator in indicators {
            guard let figure = StatisticsSources.figure(indicator.figure) else { continue }
            described.append(Indicator(figure: figure.key, label: figure.label, weight: indicator.weight, rule: indicator.rule,
                                       ruleLabel: indicator.rule.label, target: indicator.target))
            let figureValues = values[figure.key] ?? [:]
            let points = indicator.rule.points(weight: indicator.weight, target: indicator.target, direction: figure.direction,
                                               values: figureValues, units: units)
            for unit in units {
                let value = figureValues[unit]
                parts[unit, default: []].append(Part(figure: figure.key, value: value, text: figure.text(value), points: points[unit] ?? 0))
            }
        }
        let unranked = units.map { unit in
            Row(rank: 0, unitId: unit, unitName: tree.nameOf[unit] ?? "", total: ScoringRule.rounded((parts[unit] ?? []).reduce(0) { $0 + $1.points }),
                parts: parts[unit] ?? [])
        }.sorted { ($0.total, $1.unitName) > ($1.total, $0.unitName) }
        var rows: [Row] = []
        for (index, row) in unranked.enumerated() {
            var ranked = row
            ranked.rank = index > 0 && rows[index - 1].total == row.total ? rows[index - 1].rank : index + 1
            rows.append(ranked)
        }
        return AssessmentRanking(schemeId: schemeID, name: scheme.name, category: scheme.category, period: period.code, periodLabel: period.label,
                                 indicators: described, rows: rows)
    }

    /// Only the rows of units in `scope` (the places stay those of the whole category).
    func visible(to scope: UnitScope) -> AssessmentRanking {
        var copy = self
        copy.rows = rows.filter { scope.contains($0.unitId) }
        return copy
    }

    var table: StatisticsTable {
        var header = [Strings.Statistics.rankHeader, Strings.Statistics.unitHeader, Strings.Statistics.totalHeader]
        for indicator in indicators {
            header += [indicator.label, Strings.Statistics.pointsHeader(indicator.label)]
        }
        return StatisticsTable(title: Strings.Statistics.rankingTableTitle(name, periodLabel), header: header, rows: rows.map { row in
            [.number(Double(row.rank)), .text(row.unitName), .number(row.total)] + row.parts.flatMap { [StatisticsTable.cell($0.value), .number($0.points)] }
        })
    }
}
