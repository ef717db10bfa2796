import Fluent
import Foundation
import SQLKit

/// Reads the kept daily rows (``StatisticsAggregation``): a source's aggregates over a period, per unit, department,
/// step or month — sums in SQL from the `(source, day, unit)` and `(unit, source, day)` indexes; histograms are
/// merged here only when a percentile or distribution is asked for.
enum StatisticsStore {
    enum Grouping: Sendable {
        case unit
        /// Within one unit.
        case department
        /// Within one unit.
        case step
        /// Within one unit: by day (a trend is folded into months by the caller).
        case day
    }

    /// What a group of rows is keyed by.
    enum Group: Hashable, Sendable {
        case unit(UUID)
        case department(UUID?)
        case step(String)
        case day(Int)
    }

    /// Aggregates of `source` over `period`, for the units of `scope` (``Grouping/unit``) or within `unit`.
    static func aggregates(source: any StatisticsSource, period: StatisticsPeriod, grouping: Grouping, scope: UnitScope,
                           histograms: Bool, on db: any Database) async throws -> [Group: StatisticsAggregate] {
        if case .units(let set) = scope, set.isEmpty { return [:] }
        let column: String = switch grouping {
        case .unit: "unit_id"
        case .department: "department_id"
        case .step: "step"
        case .day: "day"
        }
        let units: SQLQueryString
        if case .units(let set) = scope {
            units = "AND unit_id IN (\(binds: set.sorted { $0.uuidString < $1.uuidString }.map { $0 as any Encodable & Sendable }))"
        } else {
            units = ""
        }
        let sql = try db.sqlDatabase()
        // PostgreSQL sums BIGINT columns as NUMERIC; the cast gives both databases an integer.
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: column) AS g, CAST(SUM(count) AS BIGINT) AS count, CAST(SUM(seconds) AS BIGINT) AS seconds,
                CAST(SUM(hits) AS BIGINT) AS hits FROM statistics_daily
            WHERE source = \(bind: source.key) AND day >= \(bind: period.first.number) AND day <= \(bind: period.last.number) \(units)
            GROUP BY \(unsafeRaw: column)
            """).all()
        var result: [Group: StatisticsAggregate] = [:]
        for row in rows {
            let group = try Self.group(row, grouping)
            result[group] = StatisticsAggregate(count: try row.decode(column: "count", as: Int.self), seconds: try row.decode(column: "seconds", as: Int.self),
                                                hits: try row.decode(column: "hits", as: Int.self))
        }
        if histograms && source.timed {
            let parts = try await sql.raw("""
                SELECT \(unsafeRaw: column) AS g, histogram FROM statistics_daily
                WHERE source = \(bind: source.key) AND day >= \(bind: period.first.number) AND day <= \(bind: period.last.number) \(units)
                """).all()
            for row in parts {
                let group = try Self.group(row, grouping)
                let histogram = HandlingTimeBuckets.decode(try row.decode(column: "histogram", as: String.self))
                result[group, default: StatisticsAggregate()].add(StatisticsAggregate(histogram: histogram))
            }
        }
        return result
    }

    private static func group(_ row: any SQLRow, _ grouping: Grouping) throws -> Group {
        switch grouping {
        case .unit: .unit(try row.decode(column: "g", as: UUID.self))
        case .department: .department(try row.decode(column: "g", as: UUID?.self))
        case .step: .step(try row.decode(column: "g", as: String.self))
        case .day: .day(try row.decode(column: "g", as: Int.self))
        }
    }

    /// Each figure's value per unit of `scope` over `period` (units without facts are absent).
    static func values(of figures: [StatisticsFigure], period: StatisticsPeriod, scope: UnitScope,
                       on db: any Database) async throws -> [FigureKey: [UUID: Double]] {
        var result: [FigureKey: [UUID: Double]] = [:]
        let bySource = Dictionary(grouping: figures, by: \.source)
        for (sourceKey, figures) in bySource.sorted(by: { $0.key < $1.key }) {
            guard let source = StatisticsSources.source(sourceKey) else { continue }
            let needsHistogram = figures.contains { $0.measure == .p90Hours }
            let groups = try await aggregates(source: source, period: period, grouping: .unit, scope: scope, histograms: needsHistogram, on: db)
            for figure in figures {
                var values: [UUID: Double] = [:]
                // A unit with nothing to count has a count of 0 (no returns is the best there is), not "no data".
                if figure.measure == .count || figure.measure == .misses, case .units(let set) = scope {
                    for unit in set { values[unit] = 0 }
                }
                for (group, aggregate) in groups {
                    if case .unit(let unit) = group, let value = figure.value(of: aggregate) { values[unit] = value }
                }
                result[figure.key] = values
            }
        }
        return result
    }
}
