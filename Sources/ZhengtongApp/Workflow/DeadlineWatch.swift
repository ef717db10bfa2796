import Fluent
import Foundation
import Vapor

/// 限时办结: tells people about deadlines. Runs as a recurring job (every minute while a server runs; any
/// one server process leases it) and can be run directly (tests, tools):
/// - a task due within `warning` gets its holder a 即将到期 notice, once;
/// - a task past its due time gets its holder an 已逾期 notice and the holder's leader one too, once.
/// Each task row records when its notices went out, and the notifications are unique per event, so two
/// processes scanning at once still tell each person once.
enum DeadlineWatch {
    static let kind = "deadline-watch"
    static let key = "deadline-watch"
    /// How long before the due time the holder is warned.
    static let warning: TimeInterval = 24 * 3600
    static let interval: TimeInterval = 60
    /// Tasks handled per run; the rest wait a minute.
    static let batch = 200

    /// The job handler: scans, then schedules the next run.
    @Sendable static func run(_ job: JobRecord, app: Application, now: Date) async throws {
        try await scan(app: app, at: now)
        // 督办事项 are chased on the same watch: report days and deadlines (``SupervisionWatch``).
        try await SupervisionWatch.scan(app: app, at: now)
        try await app.write { db in try await JobQueue.schedule(kind: kind, key: key, payload: "", at: now.addingTimeInterval(interval), on: db) }
    }

    /// Makes sure the recurring job exists (at server start).
    static func ensureScheduled(app: Application, at now: Date = Date()) async throws {
        try await app.write { db in try await JobQueue.ensureRecurring(kind: kind, key: key, at: now, on: db) }
    }

    static func scan(app: Application, at now: Date = Date()) async throws {
        try await app.write { db in
            let soon = try await WorkflowTaskRecord.query(on: db).filter(\.$state == "open").filter(\.$dueAt > now)
                .filter(\.$dueAt <= now.addingTimeInterval(warning)).filter(\.$dueNotifiedAt == nil).limit(batch).all()
            for task in soon {
                try await notify(task, kind: .dueSoon, at: now, on: db)
                task.dueNotifiedAt = now
                try await task.update(on: db)
            }
            let late = try await WorkflowTaskRecord.query(on: db).filter(\.$state == "open").filter(\.$dueAt <= now)
                .filter(\.$overdueNotifiedAt == nil).limit(batch).all()
            for task in late {
                try await notify(task, kind: .overdue, at: now, on: db)
                task.overdueNotifiedAt = now
                task.dueNotifiedAt = task.dueNotifiedAt ?? now
                try await task.update(on: db)
            }
        }
    }

    private static func notify(_ task: WorkflowTaskRecord, kind: NotificationKind, at now: Date, on db: any Database) async throws {
        guard let instance = try await WorkflowInstanceRecord.find(task.$instance.id, on: db), let due = task.dueAt else { return }
        let taskID = try task.requireID()
        var holders = task.assigneeID.map { [$0] } ?? []
        if holders.isEmpty {
            holders = try await WorkflowTaskCandidate.query(on: db).filter(\.$task.$id == taskID).all().map(\.userID)
        }
        let link = SiteURL.task.link(taskID)
        let dueText = DisplayFormat.minute(due)
        let title = kind == .overdue ? Strings.Workflow.overdueTitle(task: task.name, document: instance.title)
                                     : Strings.Workflow.dueSoonTitle(task: task.name, document: instance.title)
        try await Notifier.send(NotificationDraft(kind: kind, title: title, body: Strings.Workflow.dueBody(dueText), link: link,
                                                  key: "\(kind.rawValue):\(taskID)"), to: holders, at: now, on: db)
        guard kind == .overdue else { return }
        // The holder's leader hears of it too: the department head, or for a head the unit's leaders above them.
        for holder in holders {
            guard let person = try await User.find(holder, on: db) else { continue }
            let members = try await OrganizationEnvironment.members(ofUnit: person.$unit.id, on: db)
            let leaders = OrganizationEnvironment.leaders(of: holder.uuidString, among: members).compactMap(UUID.init(uuidString:))
            try await Notifier.send(NotificationDraft(kind: .overdue, title: Strings.Workflow.overdueLeaderTitle(person: person.name, task: task.name, document: instance.title),
                                                      body: Strings.Workflow.dueBody(dueText), link: link, key: "overdue-leader:\(taskID)"),
                                    to: leaders, at: now, on: db)
        }
    }
}
