import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// Automatic 催办, run by the deadline watch (``DeadlineWatch``) every minute: a responsible unit is told the working day
/// before a report or the deadline falls due and again when it is missed; a missed deadline is told to the 督查室 too.
/// Each reminder is kept once (`supervision_reminders.key`), so a run that repeats or a second server tells nobody twice.
enum SupervisionWatch {
    /// Items looked at per run; the rest wait a minute.
    static let batch = 200

    static func scan(app: Application, at now: Date = Date()) async throws {
        let calendar = try await WorkingDays.calendar(on: app.db)
        let days = SupervisionDays(now: now, calendar: calendar)
        // Tomorrow's working day: what falls due by then gets its warning today.
        let soon = SupervisionDays.noon(of: days.today).map { DocumentDate(calendar.addingWorkingDays(1, to: $0)).iso } ?? days.today
        let items = try await SupervisionItem.query(on: app.db).filter(\.$state == SupervisionItem.State.open.rawValue)
            .filter(\.$nextDue <= soon).sort(\.$nextDue).limit(batch).all()
        for item in items {
            try await app.write { db in
                try await chase(item, days: days, soon: soon, at: now, on: db)
            }
        }
    }

    private static func chase(_ item: SupervisionItem, days: SupervisionDays, soon: String, at now: Date, on db: any Database) async throws {
        let id = try item.requireID()
        for part in try await SupervisionAssignment.query(on: db).filter(\.$itemID == id).all() {
            for (day, isDeadline) in [(part.nextReportDue, false), (item.deadline, true)] {
                guard let day, day <= soon else { continue }
                if isDeadline && part.nextReportDue == item.deadline { continue }
                let late = day < days.today
                let key = "auto:\(try part.requireID()):\(isDeadline ? "deadline" : "report"):\(day):\(late ? "late" : "soon")"
                guard try await SupervisionReminder.query(on: db).filter(\.$key == key).first() == nil else { continue }
                let s = Strings.Supervision.self
                let message = isDeadline ? (late ? s.autoDeadlineLate(day) : s.autoDeadlineSoon(day)) : (late ? s.autoReportLate(day) : s.autoReportSoon(day))
                let reminder = SupervisionReminder()
                reminder.itemID = id
                reminder.assignmentID = part.id
                reminder.message = message
                reminder.key = key
                reminder.createdAt = now
                try await reminder.create(on: db)
                var people = try await SupervisionPeople.handlers(of: part, on: db)
                if late { people += try await SupervisionPeople.office(of: item, on: db).filter { !people.contains($0) } }
                try await SupervisionPeople.notify(people, item: item, title: s.remindedTitle(item.title), body: message, key: "supervision-\(key)",
                                                   at: now, on: db)
            }
        }
    }
}
