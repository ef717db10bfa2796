import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// Timer start events: a recurring job (one row, key `workflow-timer-starts`, every minute, any one server leases
/// it) that starts an instance of each enabled newest version for every moment its timer starts were due since
/// the last one started. Each occurrence is started once, even by several servers at once: its
/// `workflow_timer_starts` row, unique per (version, start event, occurrence), is inserted first in the starting
/// transaction, so a second server's insert waits for the first's commit and then fails, rolling its start back.
///
/// The initiator is the person who deployed the version (the 流程管理员 answers for what it starts; the instance
/// is in their lists and its unassigned steps are theirs). A version deployed by no person (the bundled
/// processes) has nobody to start it as: the occurrence is recorded with the reason and not started.
enum WorkflowTimerStarts {
    static let kind = "workflow-timer-starts"
    static let key = "workflow-timer-starts"
    static let interval: TimeInterval = 60
    /// Starts per version and run: a server that was down catches up this many at a time.
    static let catchUp = 20
    /// How far back a run looks for moments not yet started (a server down longer loses the older ones).
    static let catchUpWindow: TimeInterval = 24 * 3600

    /// The job handler: starts what is due, then schedules the next run.
    @Sendable static func run(_ job: JobRecord, app: Application, now: Date) async throws {
        try await startDue(app: app, at: now)
        try await app.write { db in try await JobQueue.schedule(kind: kind, key: key, payload: "", at: now.addingTimeInterval(interval), on: db) }
    }

    /// Makes sure the recurring job exists (at server start).
    static func ensureScheduled(app: Application, at now: Date = Date()) async throws {
        try await app.write { db in try await JobQueue.ensureRecurring(kind: kind, key: key, at: now, on: db) }
    }

    /// Starts every occurrence due at `now`; returns the instances started.
    @discardableResult
    static func startDue(app: Application, at now: Date) async throws -> [UUID] {
        let records = try await WorkflowDefinitions.enabledVersions(on: app.db)
        let calendar = try await WorkingDays.calendar(on: app.db)
        var newest: Set<String> = []
        var started: [UUID] = []
        for record in records where newest.insert(record.processKey).inserted {
            let definition = try await WorkflowDefinitions.load(record.requireID(), on: app.db)
            guard !definition.process.timerStartEvents.isEmpty else { continue }
            let deployedAt = record.createdAt ?? now
            // Every moment up to the latest one taken has been taken (they are taken earliest first).
            let last = try await WorkflowTimerStartRecord.query(on: app.db).filter(\.$definition.$id == record.requireID())
                .sort(\.$dueAt, .descending).first()?.dueAt ?? deployedAt
            // A version enabled again after months does not start every hour it missed: a day back at most.
            let after = max(last, now.addingTimeInterval(-catchUpWindow))
            for due in definition.process.timerStarts(deployedAt: deployedAt, after: after, through: now, calendar: calendar, limit: catchUp) {
                if let id = try await start(due, of: record, app: app, at: now) { started.append(id) }
            }
        }
        return started
    }

    /// Starts one occurrence, or records why it could not; nil when it did not start (or another server did).
    static func start(_ due: TimerStartDue, of record: WorkflowDefinitionRecord, app: Application, at now: Date) async throws -> UUID? {
        let recordID = try record.requireID()
        @Sendable func taken(on db: any Database) async throws -> Bool {
            try await WorkflowTimerStartRecord.query(on: db).filter(\.$definition.$id == recordID).filter(\.$startEvent == due.startEvent)
                .filter(\.$occurrence == due.occurrence).first() != nil
        }
        @Sendable func row(instance: UUID?, error: String?) -> WorkflowTimerStartRecord {
            let row = WorkflowTimerStartRecord()
            row.$definition.id = recordID
            row.startEvent = due.startEvent
            row.occurrence = due.occurrence
            row.dueAt = due.due
            row.instanceID = instance
            row.error = error
            row.createdAt = now
            return row
        }
        let workflow = app.workflow
        do {
            return try await app.write { db -> UUID? in
                guard try await !taken(on: db) else { return nil }
                guard let deployer = record.deployedBy else { throw AppError.validation(Strings.Workflow.timerStartNoDeployer) }
                let instanceID = UUID()
                try await row(instance: instanceID, error: nil).create(on: db)
                let title = Strings.Workflow.timerStartTitle(record.name, at: DisplayFormat.minute(due.due))
                _ = try await workflow.begin(record, command: "start-from-timer", instanceID: instanceID, title: title, initiator: deployer,
                                             by: .system(), at: now, on: db,
                                             details: ["startEvent": due.startEvent, "occurrence": String(due.occurrence)]) { runner, id in
                    try runner.startFromTimer(due.startEvent, instanceID: id, initiator: deployer.uuidString, at: now)
                }
                return instanceID
            }
        } catch {
            // Another server took it (its row is there), or it cannot start: then the row says why (and the log), once,
            // so it is not retried every minute.
            let reason = (error as? AppError)?.message ?? String(describing: error)
            app.logger.warning("timer start \(record.processKey) v\(record.version) \(due.startEvent) #\(due.occurrence): \(reason)",
                               metadata: ["component": "workflow-timer-starts"])
            try await app.write { db in
                guard try await !taken(on: db) else { return }
                try await row(instance: nil, error: String(reason.prefix(2000))).create(on: db)
            }
            return nil
        }
    }
}
