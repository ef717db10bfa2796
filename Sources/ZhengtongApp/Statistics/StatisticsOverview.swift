import Fluent
import Foundation

/// The 统计 page for someone who sees several units (a leader, 监察): one figure per unit as bars, and the headline
/// figures of every unit in a table. `GET /api/v1/statistics/figures/{figure}` answers the same values.
struct StatisticsOverview: Codable, Sendable {
    struct UnitRow: Codable, Sendable {
        var unitId: UUID
        var name: String
        var values: [UnitStatistics.Value]
    }

    var period: String
    var periodLabel: String
    var figure: FigureKey
    var figureLabel: String
    var units: [UnitRow]

    /// Figures the overview's table shows beside the chosen one.
    static let headline: [FigureKey] = [.outgoingVolume, .incomingVolume, .documentTimeAverage, .onTimeRate, .overdueCount, .returnCount, .signIns,
                                        .acceptanceDelay, .paperShare]

    /// Every unit of `scope` (sorted best first by `figure`, units without a value last).
    static func load(figure: StatisticsFigure, period: StatisticsPeriod, scope: UnitScope, tree: UnitTree,
                     on db: any Database) async throws -> StatisticsOverview {
        let shown = ([figure.key] + headline.filter { $0 != figure.key }).compactMap(StatisticsSources.figure)
        let values = try await StatisticsStore.values(of: shown, period: period, scope: scope, on: db)
        let units: [UUID] = switch scope {
        case .all: Array(tree.nameOf.keys)
        case .units(let set): Array(set)
        }
        let better: (Double, Double) -> Bool = figure.direction == .higherIsBetter ? { $0 > $1 } : { $0 < $1 }
        let counted = figure.measure == .count || figure.measure == .misses
        let chosen = (values[figure.key] ?? [:]).merging(counted ? Dictionary(units.map { ($0, 0.0) }) { a, _ in a } : [:]) { a, _ in a }
        let rows = units.map { unit in
            UnitRow(unitId: unit, name: tree.nameOf[unit] ?? "", values: shown.map { shownFigure in
                let counted = shownFigure.measure == .count || shownFigure.measure == .misses
                let value = values[shownFigure.key]?[unit] ?? (counted ? 0 : nil)
                return UnitStatistics.Value(figure: shownFigure.key, label: shownFigure.label, value: value, text: shownFigure.text(value))
            })
        }.sorted { a, b in
            switch (chosen[a.unitId], chosen[b.unitId]) {
            case (let x?, let y?) where x != y: better(x, y)
            case (.some, nil): true
            case (nil, .some): false
            default: a.name < b.name
            }
        }
        return StatisticsOverview(period: period.code, periodLabel: period.label, figure: figure.key, figureLabel: figure.label, units: rows)
    }

    var table: StatisticsTable {
        let labels = units.first?.values.map(\.label) ?? []
        return StatisticsTable(title: Strings.Statistics.overviewTableTitle(periodLabel), header: [Strings.Statistics.unitHeader] + labels,
                               rows: units.map { row in [.text(row.name)] + row.values.map { StatisticsTable.cell($0.value) } })
    }
}
