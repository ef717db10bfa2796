import Foundation
import Gongwen
import WorkflowEngine

/// The days of 督办: deadlines and report days are Beijing days written `yyyy-MM-dd` (they sort as they read, on both
/// databases); the next report day follows the item's 反馈周期; 临期 is a set number of working days before a day.
struct SupervisionDays: Sendable {
    /// 黄: within this many working days of what is owed (offices usually say 3).
    static let nearingWorkingDays = 3

    let today: String
    /// The last day that still counts as 临期.
    let nearingUntil: String
    let calendar: WorkingCalendar

    init(now: Date, calendar: WorkingCalendar) {
        self.calendar = calendar
        today = DocumentDate(now).iso
        let noon = Self.noon(of: today) ?? now
        nearingUntil = DocumentDate(calendar.addingWorkingDays(Self.nearingWorkingDays, to: noon)).iso
    }

    /// The next report day after `day` for `cycle`, no later than `deadline`; nil when nothing more is owed
    /// (一次性, or `day` was the deadline).
    func nextReport(after day: String, cycle: SupervisionItem.Cycle, customDays: Int?, deadline: String) -> String? {
        guard day < deadline, let noon = Self.noon(of: day) else { return nil }
        var beijing = Calendar(identifier: .gregorian)
        beijing.timeZone = .beijing
        let next: Date?
        switch cycle {
        case .once: return deadline
        case .weekly: next = beijing.date(byAdding: .day, value: 7, to: noon)
        case .monthly: next = beijing.date(byAdding: .month, value: 1, to: noon)
        case .custom: next = calendar.addingWorkingDays(max(1, customDays ?? 5), to: noon)
        }
        guard let next else { return deadline }
        return min(DocumentDate(next).iso, deadline)
    }

    /// Noon of a Beijing day (away from either midnight, so adding days never slips a date).
    static func noon(of day: String) -> Date? {
        guard let date = DocumentDate(iso: day) else { return nil }
        var beijing = Calendar(identifier: .gregorian)
        beijing.timeZone = .beijing
        return beijing.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))
    }

    /// Whole days from `from` to `to` (negative when `to` is earlier).
    static func days(from: String, to: String) -> Int {
        guard let a = noon(of: from), let b = noon(of: to) else { return 0 }
        return Int((b.timeIntervalSince(a) / 86_400).rounded())
    }
}

/// 正常 / 临期 / 逾期 / 办结 — the colour every list shows (绿, 黄, 红, 灰).
enum SupervisionLight: String, Codable, Sendable, CaseIterable {
    case normal
    case nearing
    case overdue
    case done

    static func of(state: SupervisionItem.State, nextDue: String?, days: SupervisionDays) -> SupervisionLight {
        if state.isClosed { return .done }
        guard let nextDue else { return .normal }
        if nextDue < days.today { return .overdue }
        if nextDue <= days.nearingUntil { return .nearing }
        return .normal
    }

    static func of(_ item: SupervisionItem, days: SupervisionDays) -> SupervisionLight {
        of(state: item.stateValue, nextDue: item.nextDue, days: days)
    }
}
