import Foundation
import Gongwen
import Vapor

/// A 日程 entry as the API returns it and the page shows it.
struct CalendarEntryView: Content, Sendable {
    var uid: String
    var kind: CalendarEntry.Kind
    var kindLabel: String
    var title: String
    var start: Date
    var end: Date
    /// 09:00–11:30, or the days when it runs over several.
    var time: String
    var location: String?
    var detail: String?
    var path: String?
    var cancelled: Bool
    var updatedAt: Date

    init(_ entry: CalendarEntry) {
        uid = entry.uid
        kind = entry.kind
        kindLabel = Strings.CalendarPage.kindLabel(entry.kind)
        title = entry.title
        start = entry.start
        end = entry.end
        let first = DocumentDate(entry.start), last = DocumentDate(max(entry.start, entry.end.addingTimeInterval(-1)))
        time = first == last ? DisplayFormat.time(entry.start) + "–" + DisplayFormat.time(entry.end)
            : "\(first.month)月\(first.day)日 " + DisplayFormat.time(entry.start) + " – \(last.month)月\(last.day)日 " + DisplayFormat.time(entry.end)
        location = entry.location
        detail = entry.detail
        path = entry.path
        cancelled = entry.cancelled
        updatedAt = entry.updatedAt
    }
}

/// The days a 日程 view covers.
enum CalendarRange {
    enum View: String, Sendable, CaseIterable {
        case day, week, month
    }

    /// The first and the day after the last day `view` shows around `day` (a month: whole weeks, Monday first).
    static func days(_ view: View, around day: DocumentDate) -> (first: DocumentDate, end: DocumentDate) {
        switch view {
        case .day: return (day, ScheduleClock.adding(1, to: day))
        case .week:
            let monday = ScheduleClock.monday(of: day)
            return (monday, ScheduleClock.adding(7, to: monday))
        case .month:
            let first = DocumentDate(year: day.year, month: day.month, day: 1) ?? day
            let next = day.month == 12 ? DocumentDate(year: day.year + 1, month: 1, day: 1) : DocumentDate(year: day.year, month: day.month + 1, day: 1)
            let lastDay = ScheduleClock.adding(-1, to: next ?? day)
            return (ScheduleClock.monday(of: first), ScheduleClock.adding(7, to: ScheduleClock.monday(of: lastDay)))
        }
    }

    /// Where the previous and next buttons go.
    static func step(_ view: View, from day: DocumentDate, forward: Bool) -> DocumentDate {
        let sign = forward ? 1 : -1
        switch view {
        case .day: return ScheduleClock.adding(sign, to: day)
        case .week: return ScheduleClock.adding(7 * sign, to: day)
        case .month:
            var month = day.month + sign, year = day.year
            if month == 0 { month = 12; year -= 1 }
            if month == 13 { month = 1; year += 1 }
            return DocumentDate(year: year, month: month, day: 1) ?? day
        }
    }
}
