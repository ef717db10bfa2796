import Foundation
import Testing
@testable import WorkflowEngine

/// A moment in Beijing time, for tests that reason in local dates.
func beijing(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) throws -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = ISODuration.beijing
    return try #require(calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)))
}

func day(_ text: String) throws -> CalendarDay {
    try #require(CalendarDay(text), "not a day: \(text)")
}

/// 2026's Spring Festival as the State Council set it: 15–23 February off (Sunday to Monday),
/// Saturdays 14 and 28 February worked in exchange (调休).
func springFestival2026() throws -> WorkingCalendar {
    WorkingCalendar(holidays: Set(try (15...23).map { try day("2026-02-\($0)") }),
                    adjustedWorkingDays: [try day("2026-02-14"), try day("2026-02-28")])
}

@Suite("Working calendar (工作日)")
struct WorkingCalendarTests {
    @Test("weekends, holidays and 调休 Saturdays")
    func workingDays() throws {
        let festival = try springFestival2026()
        let expected: [(String, Bool)] = [
            ("2026-02-13", true),   // Friday
            ("2026-02-14", true),   // Saturday, worked (调休)
            ("2026-02-15", false),  // Sunday, holiday
            ("2026-02-17", false),  // Tuesday, 春节
            ("2026-02-23", false),  // Monday, last day off
            ("2026-02-24", true),   // Tuesday, back to work
            ("2026-02-28", true),   // Saturday, worked (调休)
            ("2026-03-01", false),  // Sunday
        ]
        for (text, working) in expected {
            #expect(festival.isWorkingDay(try day(text)) == working, "\(text)")
        }
        // The day of a moment is taken in Beijing: Friday 23:30 Beijing is still Friday there, though Saturday is near.
        #expect(festival.isWorkingDay(try beijing(2026, 2, 13, 23, 30)))
        #expect(!festival.isWorkingDay(try beijing(2026, 2, 15, 0, 0)))
        #expect(!WorkingCalendar.weekendsOnly.isWorkingDay(try day("2026-02-14")))
        #expect(WorkingCalendar.weekendsOnly.isWorkingDay(try day("2026-02-17")))
    }

    @Test("adding working days keeps the time of day; a non-working start counts from the next working morning")
    func addingWorkingDays() throws {
        let plain = WorkingCalendar.weekendsOnly
        #expect(plain.addingWorkingDays(1, to: try beijing(2026, 2, 6, 10)) == (try beijing(2026, 2, 9, 10)))   // Friday → Monday
        #expect(plain.addingWorkingDays(2, to: try beijing(2026, 2, 5, 16, 30)) == (try beijing(2026, 2, 9, 16, 30)))
        #expect(plain.addingWorkingDays(1, to: try beijing(2026, 2, 7, 15)) == (try beijing(2026, 2, 10)))      // Saturday → Tuesday 00:00
        #expect(plain.addingWorkingDays(0, to: try beijing(2026, 2, 7, 15)) == (try beijing(2026, 2, 7, 15)))

        let festival = try springFestival2026()
        // Thursday before the holiday: Friday, the 调休 Saturday, then the first day back.
        #expect(festival.addingWorkingDays(3, to: try beijing(2026, 2, 12, 10)) == (try beijing(2026, 2, 24, 10)))
        // Received during the holiday: the count starts on the morning of 24 February.
        #expect(festival.addingWorkingDays(1, to: try beijing(2026, 2, 18, 15, 30)) == (try beijing(2026, 2, 25)))
        // A calendar without any working day does not loop for ever: it falls back to calendar days.
        let never = WorkingCalendar(weekendDays: Set(1...7))
        #expect(never.addingWorkingDays(2, to: try beijing(2026, 2, 6, 10)) == (try beijing(2026, 2, 8, 10)))
    }

    @Test("ISO durations: days and weeks in working days, the rest as calendar and clock time")
    func addingDurations() throws {
        let festival = try springFestival2026()
        func duration(_ text: String) throws -> ISODuration { try #require(ISODuration(parsing: text)) }
        // A week is five working days.
        #expect(festival.adding(try duration("P1W"), to: try beijing(2026, 2, 6, 10)) == (try beijing(2026, 2, 13, 10)))
        #expect(festival.adding(try duration("P1W"), to: try beijing(2026, 2, 13, 10)) == (try beijing(2026, 2, 27, 10)))
        // Months first, then working days, then the clock.
        #expect(festival.adding(try duration("P1M2D"), to: try beijing(2026, 1, 14, 10)) == (try beijing(2026, 2, 25, 10)))
        #expect(festival.adding(try duration("P1DT2H"), to: try beijing(2026, 2, 13, 17)) == (try beijing(2026, 2, 14, 19)))
        // Without days the duration is plain clock time, holidays or not.
        #expect(festival.adding(try duration("PT30H"), to: try beijing(2026, 2, 13, 17)) == (try beijing(2026, 2, 14, 23)))
    }

    @Test("days parse strictly, number correctly and encode as yyyy-MM-dd")
    func days() throws {
        for bad in ["2026-02-30", "2026-2-3", "2026/02/03", "20260203", "", "2026-13-01", "0000-01-01", "2026-02-0a"] {
            #expect(CalendarDay(bad) == nil, "\(bad)")
        }
        #expect(try day("2024-02-29").description == "2024-02-29")
        #expect(CalendarDay("2100-02-29") == nil)
        #expect(try day("2026-02-14") < (try day("2026-02-28")))
        // Day numbers and weekdays agree with Foundation over a few centuries.
        var utc = Calendar(identifier: .gregorian)
        let zone = try #require(TimeZone(secondsFromGMT: 0))
        utc.timeZone = zone
        for number in stride(from: -80_000, through: 80_000, by: 997) {
            let date = Date(timeIntervalSince1970: Double(number) * 86_400)
            let parts = utc.dateComponents([.year, .month, .day, .weekday], from: date)
            let computed = CalendarDay(dayNumber: number)
            #expect([computed.year, computed.month, computed.day] == [parts.year, parts.month, parts.day], "\(number)")
            #expect(computed.dayNumber == number)
            #expect(CalendarDay(date, in: zone) == computed)
            #expect(CalendarDay.weekday(ofDayNumber: number) == parts.weekday, "\(number)")
        }

        let festival = try springFestival2026()
        let json = try JSONEncoder().encode(festival)
        #expect(String(decoding: json, as: UTF8.self).contains("\"2026-02-14\""))
        #expect(try JSONDecoder().decode(WorkingCalendar.self, from: json) == festival)
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
