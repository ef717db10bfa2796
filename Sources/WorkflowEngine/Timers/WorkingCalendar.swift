import Foundation

/// Which days are working days (工作日): Chinese government deadlines are set in working days, and
/// the official calendar moves them every year (法定节假日, and 调休 weekends worked in exchange).
///
/// A day is a working day when it is an adjusted working day; else not when it is a holiday (a
/// holiday listed as an adjusted working day too is a mistake in the list: the working day wins,
/// so a deadline never silently grows); else when it is not a weekend day. The holidays and adjusted
/// days are given per year by the application (from the State Council's notice); the engine ships none.
public struct WorkingCalendar: Sendable, Equatable, Codable {
    /// The zone whose midnight starts a day (Beijing).
    public var timeZone: TimeZone
    /// Weekend days in Foundation's numbering: 1 = Sunday … 7 = Saturday.
    public var weekendDays: Set<Int>
    /// 法定节假日: days off, weekend or not.
    public var holidays: Set<CalendarDay>
    /// 调休: weekend days that are working days.
    public var adjustedWorkingDays: Set<CalendarDay>

    public init(timeZone: TimeZone = ISODuration.beijing, weekendDays: Set<Int> = [1, 7], holidays: Set<CalendarDay> = [],
                adjustedWorkingDays: Set<CalendarDay> = []) {
        self.timeZone = timeZone
        self.weekendDays = weekendDays
        self.holidays = holidays
        self.adjustedWorkingDays = adjustedWorkingDays
    }

    /// Monday to Friday in Beijing, no holidays: what an environment uses until it knows the year's calendar.
    public static let weekendsOnly = WorkingCalendar()

    /// Whether `day` is a working day.
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        isWorkingDay(dayNumber: day.dayNumber)
    }

    /// Whether `date` falls on a working day in `timeZone`.
    public func isWorkingDay(_ date: Date) -> Bool {
        isWorkingDay(CalendarDay(date, in: timeZone))
    }

    /// `n` working days after `date`, at the same time of day.
    ///
    /// The rule: from a working day, each following working day counts one, so Friday 10:00 plus 1 is
    /// Monday 10:00. From a non-working day the count starts at 00:00 of the next working day, so a
    /// document received on Saturday with one working day is due Tuesday 00:00 (the end of Monday),
    /// as if it had arrived first thing Monday. `n` ≤ 0: `date` itself.
    ///
    /// A calendar with almost no working days (every weekday a weekend day, holidays for years) would
    /// search for ever; after `7 n + 3660` days without finding the last one, `n` counts calendar days.
    public func addingWorkingDays(_ n: Int, to date: Date) -> Date {
        guard n > 0 else { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = CalendarDay(date, in: timeZone)
        var time = calendar.dateComponents([.hour, .minute, .second, .nanosecond], from: date)
        var day = start.dayNumber
        let limit = day + 7 * n + 3660
        if !isWorkingDay(dayNumber: day) {
            time = DateComponents(hour: 0, minute: 0, second: 0, nanosecond: 0)
            repeat { day += 1 } while !isWorkingDay(dayNumber: day) && day < limit
        }
        var remaining = n
        while remaining > 0, day < limit {
            day += 1
            if isWorkingDay(dayNumber: day) { remaining -= 1 }
        }
        guard remaining == 0 else { return calendar.date(byAdding: .day, value: n, to: date) ?? date }
        let target = CalendarDay(dayNumber: day)
        let wallClock = DateComponents(year: target.year, month: target.month, day: target.day, hour: time.hour, minute: time.minute,
                                       second: time.second, nanosecond: time.nanosecond)
        return calendar.date(from: wallClock) ?? date
    }

    /// `date` plus an ISO 8601 duration whose days count working days: years and months are added as
    /// calendar time first (in `timeZone`), then days and weeks as working days (a week is 5 working
    /// days) by `addingWorkingDays`, then hours, minutes and seconds as clock time. A duration without
    /// days or weeks is added exactly as `ISODuration.added(to:timeZone:)` adds it.
    public func adding(_ duration: ISODuration, to date: Date) -> Date {
        let workingDays = duration.weeks * 5 + duration.days
        guard workingDays > 0 else { return duration.added(to: date, timeZone: timeZone) }
        let calendarPart = ISODuration(years: duration.years, months: duration.months)
        let clockPart = ISODuration(hours: duration.hours, minutes: duration.minutes, seconds: duration.seconds)
        let afterMonths = calendarPart.added(to: date, timeZone: timeZone)
        let afterDays = addingWorkingDays(workingDays, to: afterMonths)
        return clockPart.added(to: afterDays, timeZone: timeZone)
    }

    func isWorkingDay(dayNumber: Int) -> Bool {
        let day = CalendarDay(dayNumber: dayNumber)
        if adjustedWorkingDays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return !weekendDays.contains(CalendarDay.weekday(ofDayNumber: dayNumber))
    }
}
