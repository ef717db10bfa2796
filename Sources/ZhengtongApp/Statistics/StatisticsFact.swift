import Foundation

/// One thing that happened, as a source of figures reports it: a document dispatched, a step completed, a deadline
/// met or missed, a sign-in. Facts are never stored; ``StatisticsAggregation`` folds them into daily rows.
struct StatisticsFact: Sendable {
    /// When it counts (a step: when it was completed; a deadline: when it fell due).
    var at: Date
    var unitID: UUID
    var departmentID: UUID?
    /// The workflow step's name, or the kind of document; empty when a source has no steps.
    var step: String = ""
    /// A duration in whole seconds (handling time, 签收 delay), or 0.
    var seconds: Int = 0
    /// Whether it counts towards a rate's numerator (on time, paper only).
    var hit: Bool = false
}

/// What a source's facts of one day, unit, department and step add up to; also the sum of such rows over a period.
struct StatisticsAggregate: Sendable, Equatable {
    var count: Int = 0
    var seconds: Int = 0
    var hits: Int = 0
    /// Counts per ``HandlingTimeBuckets`` bucket (empty when nothing was timed).
    var histogram: [Int] = []

    mutating func add(_ fact: StatisticsFact, timed: Bool) {
        count += 1
        seconds += fact.seconds
        if fact.hit { hits += 1 }
        if timed {
            if histogram.isEmpty { histogram = Array(repeating: 0, count: HandlingTimeBuckets.upperBounds.count) }
            histogram[HandlingTimeBuckets.bucket(of: fact.seconds)] += 1
        }
    }

    mutating func add(_ other: StatisticsAggregate) {
        count += other.count
        seconds += other.seconds
        hits += other.hits
        if !other.histogram.isEmpty {
            if histogram.isEmpty { histogram = Array(repeating: 0, count: other.histogram.count) }
            for index in other.histogram.indices where index < histogram.count { histogram[index] += other.histogram[index] }
        }
    }
}

/// The buckets handling times are counted in, for the 90th percentile and the distribution chart: fine near an hour,
/// coarse at weeks. A percentile is the upper bound of the bucket it falls in, so it reads "within".
enum HandlingTimeBuckets {
    static let upperBounds: [Int] = [600, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600, 86_400, 36 * 3600, 2 * 86_400,
                                     3 * 86_400, 4 * 86_400, 5 * 86_400, 7 * 86_400, 10 * 86_400, 14 * 86_400, 21 * 86_400,
                                     30 * 86_400, 45 * 86_400, 60 * 86_400, 90 * 86_400, Int.max]

    static func bucket(of seconds: Int) -> Int {
        upperBounds.firstIndex { seconds <= $0 } ?? upperBounds.count - 1
    }

    /// The upper bound (seconds) of the bucket holding the nearest-rank `fraction` percentile; nil without data.
    static func percentile(_ fraction: Double, of histogram: [Int]) -> Int? {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return nil }
        let rank = Int((Double(total) * fraction).rounded(.up))
        var seen = 0
        for (index, count) in histogram.enumerated() {
            seen += count
            if seen >= rank { return index == upperBounds.count - 1 ? upperBounds[index - 1] : upperBounds[index] }
        }
        return nil
    }

    /// The histogram as stored: counts separated by commas.
    static func encode(_ histogram: [Int]) -> String { histogram.map(String.init).joined(separator: ",") }

    static func decode(_ text: String) -> [Int] {
        text.isEmpty ? [] : text.split(separator: ",").map { Int($0) ?? 0 }
    }
}
