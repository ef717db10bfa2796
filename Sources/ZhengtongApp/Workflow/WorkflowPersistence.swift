import Fluent
import Foundation
import SQLKit
import Vapor
import WorkflowEngine

/// Writes what a command changed: the instance row (guarded by its version), then only the tasks,
/// circulation items and tokens that changed, the new history events and the instance's timer job.
enum WorkflowPersistence {
    /// The guarded update: succeeds only if nobody changed the instance since `before` was read.
    static func update(_ row: WorkflowInstanceRecord, from before: ProcessInstance, to outcome: ProcessRunner.Outcome, task: Int?, at now: Date,
                       on db: any Database) async throws {
        let sql = try db.sqlDatabase()
        let after = outcome.instance
        let state = try WorkflowState.encode(after.compacted())
        let updated = try await sql.raw("""
            UPDATE \(ident: WorkflowInstanceRecord.schema)
            SET state = \(bind: state), version = \(bind: after.version), status = \(bind: after.status.rawValue),
                ended_at = \(bind: after.endedAt), updated_at = \(bind: now)
            WHERE id = \(bind: row.requireID()) AND version = \(bind: row.version)
            RETURNING id
            """).all()
        guard !updated.isEmpty else {
            // Lost the race: say what the winner did (each statement sees what has been committed).
            guard let current = try await WorkflowInstanceRecord.find(row.requireID(), on: db) else { throw AppError.notFound() }
            throw try await WorkflowConflict.error(instance: current, task: task, on: db)
        }
    }

    /// Everything but the instance row; returns the ids of the tasks the command created.
    static func write(from before: ProcessInstance, to outcome: ProcessRunner.Outcome, instanceID: UUID, actor: WorkflowService.Actor,
                      at now: Date, on db: any Database) async throws -> [UUID] {
        let after = outcome.instance
        try await requireActivePeople(in: before, after, on: db)
        let created = try await writeTasks(from: before, to: after, instanceID: instanceID, on: db)
        try await writeCirculations(from: before, to: after, instanceID: instanceID, on: db)
        try await writeTokens(from: before, to: after, instanceID: instanceID, on: db)
        try await writeSubscriptions(from: before, to: after, instanceID: instanceID, on: db)
        try await appendHistory(outcome.events, instanceID: instanceID, actor: actor.userID, at: now, on: db)
        if before.timers != after.timers || before.status != after.status {
            try await WorkflowTimers.schedule(instanceID: instanceID, timers: after.timers, on: db)
        }
        return created
    }

    private static func writeTasks(from before: ProcessInstance, to after: ProcessInstance, instanceID: UUID, on db: any Database) async throws -> [UUID] {
        let old = Dictionary(before.tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var created: [UUID] = []
        var newRows: [WorkflowTaskRecord] = []
        var candidates: [WorkflowTaskCandidate] = []
        for task in after.tasks where old[task.id] != task {
            if old[task.id] == nil {
                let id = UUID()
                let row = WorkflowTaskRecord()
                row.id = id
                row.$instance.id = instanceID
                row.engineID = task.id
                try fill(row, with: task)
                newRows.append(row)
                created.append(id)
                if task.assignee == nil {
                    candidates += task.candidateUsers.compactMap(UUID.init(uuidString:)).map { WorkflowTaskCandidate(taskID: id, userID: $0) }
                }
            } else {
                let row = WorkflowTaskRecord()
                row.$instance.id = instanceID
                row.engineID = task.id
                try fill(row, with: task)
                try await WorkflowRows.update(row, on: db)
            }
        }
        try await WorkflowRows.insert(newRows, on: db)
        if !candidates.isEmpty { try await candidates.create(on: db) }
        return created
    }

    /// Copies the engine's task onto its row (also used by the seeder, which writes tasks in bulk).
    static func fill(_ row: WorkflowTaskRecord, with task: WorkTask) throws {
        row.node = task.node
        row.name = task.name ?? task.node
        row.state = task.state.rawValue
        row.assigneeID = task.assignee.flatMap(UUID.init(uuidString:))
        row.delegatedFrom = task.delegatedFrom.flatMap(UUID.init(uuidString:))
        row.createdAt = task.createdAt
        row.openedAt = task.openedAt
        row.dueAt = task.dueAt
        row.completedAt = task.completedAt
        row.completedBy = task.completedBy.flatMap(UUID.init(uuidString:))
        row.outcome = task.outcome
        row.opinion = task.opinion
        row.data = String(decoding: try JSONEncoder().encode(task), as: UTF8.self)
    }

    private static func writeCirculations(from before: ProcessInstance, to after: ProcessInstance, instanceID: UUID, on db: any Database) async throws {
        let old = Dictionary(before.circulations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var newRows: [WorkflowCirculationRecord] = []
        for item in after.circulations where old[item.id] != item {
            guard let reader = UUID(uuidString: item.reader) else { continue }
            let existing = old[item.id] == nil ? nil
                : try await WorkflowCirculationRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$engineID == item.id).first()
            let row = existing ?? WorkflowCirculationRecord()
            fill(row, with: item, reader: reader, instanceID: instanceID)
            if existing == nil { newRows.append(row) } else { try await row.update(on: db) }
        }
        if !newRows.isEmpty { try await newRows.create(on: db) }
    }

    static func fill(_ row: WorkflowCirculationRecord, with item: CirculationItem, reader: UUID, instanceID: UUID) {
        row.$instance.id = instanceID
        row.engineID = item.id
        row.readerID = reader
        row.sentBy = UUID(uuidString: item.sentBy) ?? reader
        row.state = item.state.rawValue
        row.note = item.note
        row.sentAt = item.sentAt
        row.readAt = item.readAt
        row.comment = item.comment
    }

    private static func writeTokens(from before: ProcessInstance, to after: ProcessInstance, instanceID: UUID, on db: any Database) async throws {
        let old = Set(before.tokens.map(\.id))
        let new = Set(after.tokens.map(\.id))
        let gone = old.subtracting(new)
        try await WorkflowRows.deleteTokens(gone.sorted(), instanceID: instanceID, on: db)
        let added = after.tokens.filter { !old.contains($0.id) }.map { token in
            let row = WorkflowTokenRecord()
            row.id = UUID()
            row.$instance.id = instanceID
            row.engineID = token.id
            row.node = token.node
            row.scope = token.scope
            return row
        }
        try await WorkflowRows.insert(added, on: db)
    }

    /// Keeps `workflow_message_subscriptions` what the engine waits for: rows of subscriptions gone (caught,
    /// cancelled, the instance ended) deleted, new ones inserted.
    private static func writeSubscriptions(from before: ProcessInstance, to after: ProcessInstance, instanceID: UUID, on db: any Database) async throws {
        let waiting = after.status == .running || after.status == .suspended ? after.messageSubscriptions : []
        let old = Dictionary(before.messageSubscriptions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(waiting.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let gone = old.filter { new[$0.key] != $0.value }.map(\.key)
        try await WorkflowRows.deleteSubscriptions(gone.sorted(), instanceID: instanceID, on: db)
        let added = waiting.filter { old[$0.id] != $0 }.map { WorkflowRows.SubscriptionRow(instanceID: instanceID, subscription: $0) }
        try await BulkInsert.rows(into: WorkflowMessageSubscriptionRecord.schema, added, on: db)
    }

    private static func appendHistory(_ events: [WorkflowEvent], instanceID: UUID, actor: UUID?, at now: Date, on db: any Database) async throws {
        guard !events.isEmpty else { return }
        let last = try await WorkflowRows.lastHistorySeq(instanceID, on: db)
        try await WorkflowRows.insert(historyRows(events, instanceID: instanceID, after: last, actor: actor, at: now), on: db)
    }

    /// A line of the platform's own in an instance's history (what became of a message it sent), numbered on.
    static func appendNote(_ json: [String: ExpressionValue], instanceID: UUID, at now: Date, on db: any Database) async throws {
        let row = WorkflowHistoryRecord()
        row.$instance.id = instanceID
        row.seq = try await WorkflowRows.lastHistorySeq(instanceID, on: db) + 1
        if case .string(let name)? = json["event"] { row.event = name } else { row.event = "unknown" }
        row.data = WorkflowHistoryText.encode(json)
        row.actorID = nil
        row.occurredAt = now
        try await WorkflowRows.insert([row], on: db)
    }

    /// The history rows of one command's events, numbered on from `last`.
    static func historyRows(_ events: [WorkflowEvent], instanceID: UUID, after last: Int, actor: UUID?, at now: Date) -> [WorkflowHistoryRecord] {
        events.enumerated().map { offset, event in
            let row = WorkflowHistoryRecord()
            row.$instance.id = instanceID
            row.seq = last + offset + 1
            let json = event.json
            if case .string(let name)? = json["event"] { row.event = name } else { row.event = "unknown" }
            row.data = WorkflowHistoryText.encode(json)
            row.actorID = actor
            row.occurredAt = now
            return row
        }
    }

    /// New holders and readers must be active people: a variable or a form naming someone else would
    /// leave a task nobody can see.
    private static func requireActivePeople(in before: ProcessInstance, _ after: ProcessInstance, on db: any Database) async throws {
        let old = Set(before.tasks.compactMap(\.assignee) + before.tasks.flatMap(\.candidateUsers) + before.circulations.map(\.reader))
        var named = Set(after.openTasks.compactMap(\.assignee) + after.openTasks.flatMap(\.candidateUsers) + after.circulations.map(\.reader))
        named.subtract(old)
        named.remove(WorkflowActorID.system)
        guard !named.isEmpty else { return }
        let ids = named.compactMap(UUID.init(uuidString:))
        let active = ids.isEmpty ? 0 : try await User.query(on: db).filter(\.$id ~~ ids).filter(\.$isDisabled == false).count()
        guard ids.count == named.count, active == ids.count else {
            throw AppError.validation(Strings.Workflow.personUnavailable)
        }
    }
}

/// History rows store the event as `workflow simulate` prints it.
enum WorkflowHistoryText {
    static func encode(_ json: [String: ExpressionValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(json), as: UTF8.self)) ?? "{}"
    }

    static func decode(_ text: String) -> [String: ExpressionValue] {
        (try? JSONDecoder().decode([String: ExpressionValue].self, from: Data(text.utf8))) ?? [:]
    }
}

/// The 409 a late command gets, saying what happened meanwhile.
enum WorkflowConflict {
    static func error(instance: WorkflowInstanceRecord, task: Int?, on db: any Database) async throws -> AppError {
        var fields = ["version": String(instance.version), "status": instance.status]
        var message = Strings.Workflow.instanceChanged
        if let task, let row = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instance.requireID())
            .filter(\.$engineID == task).first() {
            fields["task_state"] = row.state
            if row.state != "open" {
                var who: String?
                if let by = row.completedBy { who = try await User.find(by, on: db)?.name }
                if let who { fields["completed_by"] = who }
                message = Strings.Workflow.taskHandled(by: who, state: row.state)
            }
        }
        return AppError(status: .conflict, code: "conflict", message: message, fields: fields)
    }
}
