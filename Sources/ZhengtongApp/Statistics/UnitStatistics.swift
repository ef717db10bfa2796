import Fluent
import Foundation

/// What the statistics page of one unit shows, and `GET /api/v1/statistics/units/{id}` answers: every figure for
/// the period, the figures per department, per workflow step, the monthly trend of 发文/收文 and the distribution of
/// document handling times. Read from the kept daily rows only (about twenty indexed sums).
struct UnitStatistics: Codable, Sendable {
    struct Value: Codable, Sendable {
        var figure: FigureKey
        var label: String
        var value: Double?
        var text: String
    }

    struct DepartmentRow: Codable, Sendable {
        var departmentId: UUID?
        var name: String
        var values: [Value]
    }

    struct StepRow: Codable, Sendable {
        var step: String
        var completed: Int
        var averageHours: Double?
        var p90Hours: Double?
        var onTimeRate: Double?
        var overdue: Int
        var returns: Int
    }

    struct TrendPoint: Codable, Sendable {
        var label: String
        var outgoing: Int
        var incoming: Int
    }

    struct Bin: Codable, Sendable {
        var label: String
        var count: Int
    }

    var unitId: UUID
    var unitName: String
    var period: String
    var periodLabel: String
    var figures: [Value]
    var departments: [DepartmentRow]
    var steps: [StepRow]
    var trend: [TrendPoint]
    /// Counts of documents by handling time (≤1 小时 … 30 天以上).
    var distribution: [Bin]
    var refreshedAt: Date?

    static func load(unit: UUID, unitName: String, period: StatisticsPeriod, on db: any Database) async throws -> UnitStatistics {
        let scope = UnitScope.units([unit])
        var figures: [Value] = []
        var departmentValues: [UUID?: [FigureKey: Double]] = [:]
        var documentHistogram: [Int] = []
        for source in StatisticsSources.all {
            let totals = try await StatisticsStore.aggregates(source: source, period: period, grouping: .unit, scope: scope, histograms: source.timed, on: db)
            let aggregate = totals[.unit(unit)] ?? StatisticsAggregate()
            if source.key == DocumentTimeSource().key { documentHistogram = aggregate.histogram }
            for figure in source.figures {
                let value = figure.value(of: aggregate)
                figures.append(Value(figure: figure.key, label: figure.label, value: value, text: figure.text(value)))
            }
            let departmental = source.figures.filter(\.byDepartment)
            guard !departmental.isEmpty else { continue }
            let byDepartment = try await StatisticsStore.aggregates(source: source, period: period, grouping: .department, scope: scope,
                                                                    histograms: departmental.contains { $0.measure == .p90Hours }, on: db)
            for (group, aggregate) in byDepartment {
                guard case .department(let department) = group else { continue }
                for figure in departmental {
                    if let value = figure.value(of: aggregate) { departmentValues[department, default: [:]][figure.key] = value }
                }
            }
        }
        let departmentFigures = StatisticsSources.figures.filter(\.byDepartment)
        let names = try await Department.query(on: db).filter(\.$unit.$id == unit).all()
        let nameOf = Dictionary(names.compactMap { department in department.id.map { ($0, department.name) } }) { first, _ in first }
        let departments = departmentValues.keys.sorted { ($0.flatMap { nameOf[$0] } ?? "\u{FFFF}") < ($1.flatMap { nameOf[$0] } ?? "\u{FFFF}") }
            .map { department in
                DepartmentRow(departmentId: department, name: department.flatMap { nameOf[$0] } ?? Strings.Statistics.noDepartment,
                              values: departmentFigures.map { figure in
                                  let counted = figure.measure == .count || figure.measure == .misses
                                  let value = departmentValues[department]?[figure.key] ?? (counted ? 0 : nil)
                                  return Value(figure: figure.key, label: figure.label, value: value, text: figure.text(value))
                              })
            }
        return UnitStatistics(unitId: unit, unitName: unitName, period: period.code, periodLabel: period.label, figures: figures,
                              departments: departments, steps: try await steps(unit: unit, period: period, on: db),
                              trend: try await trend(unit: unit, period: period, on: db),
                              distribution: bins(documentHistogram), refreshedAt: try await StatisticsAggregation.lastRefresh(on: db))
    }

    private static func steps(unit: UUID, period: StatisticsPeriod, on db: any Database) async throws -> [StepRow] {
        let scope = UnitScope.units([unit])
        let times = try await StatisticsStore.aggregates(source: StepTimeSource(), period: period, grouping: .step, scope: scope, histograms: true, on: db)
        let deadlines = try await StatisticsStore.aggregates(source: DeadlineSource(), period: period, grouping: .step, scope: scope, histograms: false, on: db)
        let returns = try await StatisticsStore.aggregates(source: ReturnSource(), period: period, grouping: .step, scope: scope, histograms: false, on: db)
        var names = Set<String>()
        for group in Array(times.keys) + Array(deadlines.keys) + Array(returns.keys) {
            if case .step(let name) = group { names.insert(name) }
        }
        let average = StatisticsSources.figure(.stepTimeAverage)!, p90 = StatisticsSources.figure(.stepTimeP90)!
        let onTime = StatisticsSources.figure(.onTimeRate)!
        return names.map { name in
            let time = times[.step(name)] ?? StatisticsAggregate()
            let deadline = deadlines[.step(name)] ?? StatisticsAggregate()
            return StepRow(step: name, completed: time.count, averageHours: average.value(of: time), p90Hours: p90.value(of: time),
                           onTimeRate: onTime.value(of: deadline), overdue: deadline.count - deadline.hits, returns: returns[.step(name)]?.count ?? 0)
        }.sorted { ($0.completed, $1.step) > ($1.completed, $0.step) }
    }

    /// Per month over the period; a period within one month per day.
    private static func trend(unit: UUID, period: StatisticsPeriod, on db: any Database) async throws -> [TrendPoint] {
        let scope = UnitScope.units([unit])
        let outgoing = try await StatisticsStore.aggregates(source: OutgoingVolumeSource(), period: period, grouping: .day, scope: scope, histograms: false, on: db)
        let incoming = try await StatisticsStore.aggregates(source: IncomingVolumeSource(), period: period, grouping: .day, scope: scope, histograms: false, on: db)
        func count(_ groups: [StatisticsStore.Group: StatisticsAggregate], _ days: ClosedRange<Int>) -> Int {
            groups.reduce(0) { sum, entry in
                if case .day(let day) = entry.key, days.contains(day) { return sum + entry.value.count }
                return sum
            }
        }
        let months = period.months
        if months.count < 2 {
            return period.days.map { day in
                TrendPoint(label: String(StatisticsDay(number: day).civil.day), outgoing: count(outgoing, day...day), incoming: count(incoming, day...day))
            }
        }
        return months.map { month in
            let first = StatisticsDay(year: month.year, month: month.month, day: 1)!.number
            let last = StatisticsDay(year: month.year, month: month.month, day: StatisticsDay.length(month: month.month, year: month.year))!.number
            let days = max(first, period.first.number)...min(last, period.last.number)
            return TrendPoint(label: Strings.Statistics.monthLabel(month.month), outgoing: count(outgoing, days), incoming: count(incoming, days))
        }
    }

    private static func bins(_ histogram: [Int]) -> [Bin] {
        let bins = Strings.Statistics.distributionBins
        var counts = Array(repeating: 0, count: bins.count)
        for (bucket, count) in histogram.enumerated() where bucket < HandlingTimeBuckets.upperBounds.count {
            let bound = HandlingTimeBuckets.upperBounds[bucket]
            counts[bins.firstIndex { bound <= $0.upTo } ?? bins.count - 1] += count
        }
        return zip(bins, counts).map { Bin(label: $0.label, count: $1) }
    }

    /// The tables of the page, for CSV and XLSX.
    var figureTable: StatisticsTable {
        StatisticsTable(title: Strings.Statistics.unitTableTitle(unitName, periodLabel), header: [Strings.Statistics.figureHeader, Strings.Statistics.valueHeader],
                        rows: figures.map { [.text($0.label), StatisticsTable.cell($0.value)] })
    }

    var stepTable: StatisticsTable {
        StatisticsTable(title: Strings.Statistics.stepTableTitle(unitName, periodLabel), header: Strings.Statistics.stepHeader,
                        rows: steps.map { [.text($0.step), .number(Double($0.completed)), StatisticsTable.cell($0.averageHours), StatisticsTable.cell($0.p90Hours),
                                           StatisticsTable.cell($0.onTimeRate), .number(Double($0.overdue)), .number(Double($0.returns))] })
    }

    var departmentTable: StatisticsTable {
        let figures = StatisticsSources.figures.filter(\.byDepartment)
        return StatisticsTable(title: Strings.Statistics.departmentTableTitle(unitName, periodLabel), header: [Strings.Statistics.departmentHeader] + figures.map(\.label),
                               rows: departments.map { row in [.text(row.name)] + row.values.map { StatisticsTable.cell($0.value) } })
    }
}
