import Fluent
import Foundation
import SQLKit

/// Who may see and steer workflow instances; part of the one scoping place (``Access``).
extension Access {
    /// The person's engine id.
    var workflowID: String { userID.uuidString }

    /// Process administration (deploying definitions) anywhere.
    func requireWorkflowAdministration() throws {
        try require(.workflowManage)
    }

    /// Monitoring: suspending, resuming, terminating instances started in units the permission covers.
    func canSteer(_ instance: WorkflowInstanceRecord) -> Bool {
        steers(initiator: instance.$initiator.id, unit: instance.unitID)
    }

    func canSteer(_ instance: InstanceRef) -> Bool {
        steers(initiator: instance.initiatorID, unit: instance.unitID)
    }

    private func steers(initiator: UUID, unit: UUID) -> Bool {
        initiator == userID || covers(.workflowManage, unit: unit)
    }

    /// Delivering a message to a waiting instance (the 批复 or registration a step waits for moves the work on, as
    /// completing a task does): whoever may steer it (its initiator, process administrators over its unit) and
    /// whoever holds or may claim one of its open tasks. Earlier holders and readers see it but no longer move it.
    func canDeliverMessage(to instance: WorkflowInstanceRecord, on db: any Database) async throws -> Bool {
        if canSteer(instance) { return true }
        let id = try instance.requireID()
        let rows = try await db.sqlDatabase().raw("""
            SELECT 1 AS held FROM workflow_tasks WHERE instance_id = \(bind: id) AND state = 'open' AND assignee_id = \(bind: userID)
            UNION SELECT 1 AS held FROM workflow_task_candidates c JOIN workflow_tasks t ON t.id = c.task_id
                WHERE t.instance_id = \(bind: id) AND t.state = 'open' AND t.assignee_id IS NULL AND c.user_id = \(bind: userID)
            """).all()
        return !rows.isEmpty
    }

    /// Seeing an instance: its initiator, anyone who held, holds or may claim a task in it, its readers,
    /// and process administrators over its unit.
    func canView(_ instance: WorkflowInstanceRecord, on db: any Database) async throws -> Bool {
        guard let id = instance.id else { return false }
        return try await viewable([instance], on: db).contains(id)
    }

    /// What seeing an instance depends on besides the person's part in it.
    struct InstanceRef: Sendable {
        var id: UUID
        var initiatorID: UUID
        var unitID: UUID
    }

    /// Which of `instances` this person may see (``canView(_:on:)`` for a list).
    func viewable(_ instances: [WorkflowInstanceRecord], on db: any Database) async throws -> Set<UUID> {
        try await viewable(instances.compactMap { instance in instance.id.map { InstanceRef(id: $0, initiatorID: instance.$initiator.id, unitID: instance.unitID) } },
                           on: db)
    }

    /// Which of `instances` this person may see: those they steer, and those they have a part in (one statement
    /// whatever the list's length).
    func viewable(_ instances: [InstanceRef], on db: any Database) async throws -> Set<UUID> {
        let seen = Set(instances.filter(canSteer).map(\.id))
        let rest = Set(instances.map(\.id)).subtracting(seen)
        guard !rest.isEmpty else { return seen }
        return seen.union(try await instancesWithPart(among: rest, on: db))
    }

    /// Every instance this person holds, held or may take a task in, or was sent to read, for lists that start from
    /// the person (the 收文 list of anyone not a clerk).
    func instancesWithPart(on db: any Database) async throws -> Set<UUID> {
        try await instancesWithPart(among: nil, on: db)
    }

    /// The person's part in an instance, the one rule ``canView(_:on:)``, ``viewable(_:on:)`` and the lists use: one
    /// lookup per index joined by `UNION` (written as one `WHERE … OR …`, PostgreSQL read every task of the city),
    /// limited to `among` when given.
    private func instancesWithPart(among ids: Set<UUID>?, on db: any Database) async throws -> Set<UUID> {
        let me = userID
        func within(_ column: String) -> SQLQueryString {
            guard let ids else { return "" }
            return "AND \(unsafeRaw: column) IN (\(binds: ids.sorted { $0.uuidString < $1.uuidString }.map { $0 as any Encodable & Sendable }))"
        }
        let rows = try await db.sqlDatabase().raw("""
            SELECT instance_id FROM workflow_tasks WHERE assignee_id = \(bind: me) \(within("instance_id"))
            UNION SELECT instance_id FROM workflow_tasks WHERE completed_by = \(bind: me) \(within("instance_id"))
            UNION SELECT instance_id FROM workflow_tasks WHERE delegated_from = \(bind: me) \(within("instance_id"))
            UNION SELECT t.instance_id FROM workflow_task_candidates c JOIN workflow_tasks t ON t.id = c.task_id
                WHERE c.user_id = \(bind: me) \(within("t.instance_id"))
            UNION SELECT instance_id FROM workflow_circulations WHERE reader_id = \(bind: me) AND state <> 'queued' \(within("instance_id"))
            """).all()
        return Set(try rows.map { try $0.decode(column: "instance_id", as: UUID.self) })
    }

    func requireView(_ instance: WorkflowInstanceRecord, on db: any Database) async throws {
        guard try await canView(instance, on: db) else { throw AppError.forbidden() }
    }

    /// 逾期事项: the units whose overdue tasks this person may list — process administrators over their scope;
    /// a unit's clerks, office reviewers and leaders (a post held for the whole unit) over their own unit.
    var overdueScope: UnitScope {
        var scope = scope(of: .workflowManage)
        if has(.documentRegister) || has(.documentReview) || leadsUnit { scope = scope.union(.units([unitID])) }
        return scope
    }

    /// 待办: the ids of open tasks a person holds or, unclaimed, may claim — a `SELECT` of `id`, the person being
    /// the statement's parameter `$1`. The lists (``TaskListQuery``) ask here, never the tables. Two index
    /// lookups joined by `UNION ALL`: written as one `WHERE … OR …`, SQLite walked every open task of the city.
    static let openTaskIDs = """
        SELECT id FROM workflow_tasks WHERE assignee_id = $1 AND state = 'open'
        UNION ALL
        SELECT c.task_id FROM workflow_task_candidates c JOIN workflow_tasks o ON o.id = c.task_id
        WHERE c.user_id = $1 AND o.state = 'open' AND o.assignee_id IS NULL
        """

    /// 已办: tasks this person completed — a condition on `workflow_tasks t`.
    var doneTasksCondition: SQLQueryString {
        "t.completed_by = \(bind: userID) AND t.state = 'completed'"
    }

    /// 待阅 (`unread`) or 已阅 (`read`) items of this person.
    func circulations(_ state: String, on db: any Database) -> QueryBuilder<WorkflowCirculationRecord> {
        WorkflowCirculationRecord.query(on: db).filter(\.$readerID == userID).filter(\.$state == state)
    }

    /// The same as a condition on `workflow_circulations c`, for readers that join it in SQL.
    func circulationsCondition(_ state: String) -> SQLQueryString {
        "c.reader_id = \(bind: userID) AND c.state = \(bind: state)"
    }
}
