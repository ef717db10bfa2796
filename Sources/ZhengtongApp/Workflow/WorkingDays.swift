import Fluent
import Foundation
import WorkflowEngine

/// The working calendar from the configured days (holidays and 调休 working weekends).
enum WorkingDays {
    static func calendar(on db: any Database) async throws -> WorkingCalendar {
        let days = try await CalendarDayRecord.query(on: db).all()
        var holidays: Set<CalendarDay> = []
        var workdays: Set<CalendarDay> = []
        for record in days {
            guard let day = CalendarDay(record.day) else { continue }
            if record.kind == CalendarDayRecord.Kind.workday.rawValue { workdays.insert(day) } else { holidays.insert(day) }
        }
        return WorkingCalendar(holidays: holidays, adjustedWorkingDays: workdays)
    }
}
