import Foundation

/// The period figures are counted over: a month, quarter, half year or year (the 考核 periods), or any range of
/// days. Written in URLs and the API as `2026`, `2026-H1`, `2026-Q3`, `2026-07`, or `2026-03-01..2026-05-31`.
struct StatisticsPeriod: Sendable, Hashable {
    enum Kind: String, Sendable, CaseIterable, Codable {
        case month, quarter, half, year, range
    }

    let kind: Kind
    /// First day, included.
    let first: StatisticsDay
    /// Last day, included.
    let last: StatisticsDay
    /// How it is written (`2026-Q3`).
    let code: String

    static func year(_ year: Int) -> StatisticsPeriod {
        StatisticsPeriod(kind: .year, first: StatisticsDay(year: year, month: 1, day: 1)!, last: StatisticsDay(year: year, month: 12, day: 31)!,
                         code: String(year))
    }

    static func months(_ year: Int, from month: Int, count: Int, kind: Kind, code: String) -> StatisticsPeriod {
        let endMonth = month + count - 1
        return StatisticsPeriod(kind: kind, first: StatisticsDay(year: year, month: month, day: 1)!,
                                last: StatisticsDay(year: year, month: endMonth, day: StatisticsDay.length(month: endMonth, year: year))!, code: code)
    }

    static func month(_ year: Int, _ month: Int) -> StatisticsPeriod {
        months(year, from: month, count: 1, kind: .month, code: String(format: "%04d-%02d", year, month))
    }

    /// Reads a period code; nil when it is not one (or a range runs backwards or over ten years).
    init?(code raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if let range = text.range(of: "..") {
            guard let first = StatisticsDay(String(text[..<range.lowerBound])), let last = StatisticsDay(String(text[range.upperBound...])),
                  first <= last, last.number - first.number < 3660 else { return nil }
            self.init(kind: .range, first: first, last: last, code: "\(first.text)..\(last.text)")
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let yearText = parts.first, yearText.count == 4, let year = Int(yearText), (2000...2100).contains(year) else { return nil }
        if parts.count == 1 { self = .year(year); return }
        guard parts.count == 2 else { return nil }
        let part = parts[1]
        if part.count == 2, part.hasPrefix("H"), let half = Int(part.dropFirst()), (1...2).contains(half) {
            self = .months(year, from: half == 1 ? 1 : 7, count: 6, kind: .half, code: "\(year)-H\(half)")
        } else if part.count == 2, part.hasPrefix("Q"), let quarter = Int(part.dropFirst()), (1...4).contains(quarter) {
            self = .months(year, from: (quarter - 1) * 3 + 1, count: 3, kind: .quarter, code: "\(year)-Q\(quarter)")
        } else if part.count == 2, let month = Int(part), (1...12).contains(month) {
            self = .month(year, month)
        } else {
            return nil
        }
    }

    private init(kind: Kind, first: StatisticsDay, last: StatisticsDay, code: String) {
        self.kind = kind
        self.first = first
        self.last = last
        self.code = code
    }

    /// The current year up to the date, by default.
    static func currentYear(at now: Date) -> StatisticsPeriod { .year(StatisticsDay(now).civil.year) }

    /// Days as numbers, `first...last`.
    var days: ClosedRange<Int> { first.number...last.number }

    /// How pages name it: 2026年, 2026年上半年, 2026年第三季度, 2026年7月, 2026-03-01 至 2026-05-31.
    var label: String { Strings.Statistics.periodLabel(self) }

    /// The months it covers, for trend lines (a range shorter than two months is shown by day instead).
    var months: [(year: Int, month: Int)] {
        var result: [(Int, Int)] = []
        var (y, m, _) = first.civil
        let end = last.civil
        while (y, m) <= (end.year, end.month) {
            result.append((y, m))
            m += 1
            if m == 13 { m = 1; y += 1 }
        }
        return result
    }

    /// Codes offered in the period picker: this year, its halves, quarters and months up to now, and last year.
    static func choices(at now: Date) -> [StatisticsPeriod] {
        let today = StatisticsDay(now).civil
        var result: [StatisticsPeriod] = [.year(today.year)]
        for half in 1...2 where (half - 1) * 6 + 1 <= today.month { result.append(StatisticsPeriod(code: "\(today.year)-H\(half)")!) }
        for quarter in 1...4 where (quarter - 1) * 3 + 1 <= today.month { result.append(StatisticsPeriod(code: "\(today.year)-Q\(quarter)")!) }
        for month in (1...today.month).reversed() { result.append(.month(today.year, month)) }
        result.append(.year(today.year - 1))
        return result
    }
}
