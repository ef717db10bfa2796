import Fluent
import Foundation

/// A figure's name in code, URLs and the API (`outgoingVolume`); typed so a figure is never a loose string.
struct FigureKey: RawRepresentable, Hashable, Sendable, Codable, Comparable {
    let rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }
    static func < (lhs: FigureKey, rhs: FigureKey) -> Bool { lhs.rawValue < rhs.rawValue }

    init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// How a figure is read from its source's aggregate.
enum FigureMeasure: String, Sendable, Codable {
    /// How many facts (发文量, 访问量).
    case count
    /// Facts that are not hits (逾期: deadlines not met).
    case misses
    /// Average duration, in hours.
    case averageHours
    /// 90th-percentile duration, in hours (the upper bound of its bucket).
    case p90Hours
    /// Hits as a percentage of facts (按时办结率, 纸质分发占比).
    case hitRate
}

/// Whether more is better (按时办结率) or less (逾期件数, 办理时长) — what a scoring rule compares with.
enum FigureDirection: String, Sendable, Codable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"
}

/// One figure of 效能统计: a measure of one source's facts.
struct StatisticsFigure: Sendable {
    var key: FigureKey
    /// 发文量, 按时办结率 … (pages and the API).
    var label: String
    var source: String
    var measure: FigureMeasure
    var direction: FigureDirection
    /// Whether the figure means anything per department (a figure whose facts carry none is shown per unit only).
    var byDepartment: Bool

    /// The figure's value for an aggregate of its source; nil when there is nothing to measure.
    func value(of aggregate: StatisticsAggregate) -> Double? {
        switch measure {
        case .count: return Double(aggregate.count)
        case .misses: return Double(aggregate.count - aggregate.hits)
        case .averageHours:
            guard aggregate.count > 0 else { return nil }
            return Self.rounded(Double(aggregate.seconds) / Double(aggregate.count) / 3600, places: 2)
        case .p90Hours:
            return HandlingTimeBuckets.percentile(0.9, of: aggregate.histogram).map { Self.rounded(Double($0) / 3600, places: 2) }
        case .hitRate:
            guard aggregate.count > 0 else { return nil }
            return Self.rounded(Double(aggregate.hits) * 100 / Double(aggregate.count), places: 2)
        }
    }

    /// The value as pages show it (12 件, 3.5 小时, 96.2%), or 无数据.
    func text(_ value: Double?) -> String { Strings.Statistics.valueText(value, measure: measure, source: source) }

    static func rounded(_ value: Double, places: Int) -> Double {
        let factor = pow(10, Double(places))
        return (value * factor).rounded() / factor
    }
}

/// Where a group of figures comes from: the records the platform already keeps (no separate bookkeeping). A source
/// reads the facts of a span of time once; ``StatisticsAggregation`` keeps them per day, unit, department and step.
///
/// To add a figure: write a source (or use one) and list it in ``StatisticsSources/all`` — its figures then appear
/// on the statistics pages, in the API, and as indicators a 考核 scheme may choose.
protocol StatisticsSource: Sendable {
    /// Stored in the daily rows; never change it once shipped.
    var key: String { get }
    /// Whether facts carry durations (kept as a histogram for percentiles and the distribution chart).
    var timed: Bool { get }
    var figures: [StatisticsFigure] { get }
    /// The facts whose time lies in `from..<to`. `now` bounds what can already be known (a deadline not yet
    /// reached is neither met nor missed).
    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact]
}
