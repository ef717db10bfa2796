import Foundation
import Gongwen
import WorkflowEngine

/// Days and times of 值班, all in Beijing: a rota's days, a shift's start and end from its kind's `HH:mm`, weekdays.
enum DutyDays {
    /// `yyyy-MM-dd` at `HH:mm`, Beijing; nil when either is not one (the clock strictly `HH:mm`, as kinds store it).
    static func at(_ day: String, _ time: String) -> Date? {
        guard clock(time) != nil else { return nil }
        return BeijingTime.date(day: day, time: time)
    }

    /// `HH:mm` as hour and minute.
    static func clock(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour, minute)
    }

    /// Every day from `first` to `last`, inclusive.
    static func days(from first: String, to last: String) -> [String] {
        guard var date = at(first, "12:00"), let end = at(last, "12:00") else { return [] }
        var days: [String] = []
        while date <= end {
            days.append(DocumentDate(date).iso)
            date = BeijingTime.adding(days: 1, to: date)
        }
        return days
    }

    static func day(of date: Date) -> String { BeijingTime.day(date) }

    /// 1 = Monday … 7 = Sunday.
    static func weekday(_ day: String) -> Int {
        at(day, "12:00").map(BeijingTime.weekday) ?? 1
    }

    /// When a shift of `kind` on `day` starts and ends: an end not after the start is on the next day.
    static func span(day: String, starts: String, ends: String) -> (Date, Date)? {
        guard let start = at(day, starts), var end = at(day, ends) else { return nil }
        if end <= start { end = end.addingTimeInterval(86_400) }
        return (start, end)
    }

    static func isWorkingDay(_ day: String, in calendar: WorkingCalendar) -> Bool {
        guard let parsed = CalendarDay(day) else { return true }
        return calendar.isWorkingDay(parsed)
    }

    /// `yyyy-MM-ddTHH:mm` (a datetime-local field) or `yyyy-MM-dd HH:mm`, Beijing.
    static func local(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2 else { return nil }
        return at(String(parts[0]), String(parts[1].prefix(5)))
    }

    /// The datetime-local value of `date`.
    static func localText(_ date: Date) -> String { BeijingTime.day(date) + "T" + BeijingTime.time(date) }

    static func clockText(_ date: Date) -> String { BeijingTime.time(date) }
}

/// 排班 generation, pure: each day's shifts of each kind filled from the list of people in turn and, where a 带班领导 is
/// needed (every shift of a holiday or weekend, and kinds that need one every day), from the list of leaders in turn.
/// Someone on leave that day is passed over and the turn goes on to the next (顺延); a slot nobody can fill stays empty
/// (publishing then refuses the rota until it is filled by hand).
enum DutyGeneration {
    struct Kind: Sendable {
        var id: UUID
        var starts: String
        var ends: String
        var staffCount: Int
        var needsLeader: Bool
    }

    struct Leave: Sendable, Equatable {
        var userID: UUID
        var fromDay: String
        var toDay: String

        func covers(_ day: String) -> Bool { fromDay <= day && day <= toDay }
    }

    struct Shift: Sendable, Equatable {
        var day: String
        var kindID: UUID
        var offDay: Bool
        var startsAt: Date
        var endsAt: Date
        var leaderID: UUID?
        var staffIDs: [UUID]
    }

    static func generate(days: [String], kinds: [Kind], people: [UUID], leaders: [UUID], leaves: [Leave],
                         isWorkingDay: (String) -> Bool) -> [Shift] {
        var nextPerson = 0
        var nextLeader = 0
        func away(_ person: UUID, _ day: String) -> Bool { leaves.contains { $0.userID == person && $0.covers(day) } }
        /// The next one in turn from `list` who is not away and not `taken`; the turn moves past them.
        func take(_ list: [UUID], _ next: inout Int, day: String, taken: [UUID]) -> UUID? {
            guard !list.isEmpty else { return nil }
            for step in 0..<list.count {
                let index = (next + step) % list.count
                let candidate = list[index]
                if away(candidate, day) || taken.contains(candidate) { continue }
                next = index + 1
                return candidate
            }
            return nil
        }
        var shifts: [Shift] = []
        for day in days {
            let offDay = !isWorkingDay(day)
            for kind in kinds {
                guard let (start, end) = DutyDays.span(day: day, starts: kind.starts, ends: kind.ends) else { continue }
                var leader: UUID?
                if offDay || kind.needsLeader { leader = take(leaders, &nextLeader, day: day, taken: []) }
                var staff: [UUID] = []
                for _ in 0..<max(1, kind.staffCount) {
                    guard let person = take(people, &nextPerson, day: day, taken: staff + (leader.map { [$0] } ?? [])) else { break }
                    staff.append(person)
                }
                shifts.append(Shift(day: day, kindID: kind.id, offDay: offDay, startsAt: start, endsAt: end, leaderID: leader, staffIDs: staff))
            }
        }
        return shifts
    }
}
