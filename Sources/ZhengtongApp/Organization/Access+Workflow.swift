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
        instance.$initiator.id == userID || covers(.workflowManage, unit: instance.unitID)
    }

    /// Seeing an instance: its initiator, anyone who held, holds or may claim a task in it, its readers,
    /// and process administrators over its unit.
    func canView(_ instance: WorkflowInstanceRecord, on db: any Database) async throws -> Bool {
        if canSteer(instance) { return true }
        let id = try instance.requireID()
        let me = userID
        if try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == id)
            .group(.or, { $0.filter(\.$assigneeID == me).filter(\.$completedBy == me).filter(\.$delegatedFrom == me) }).first() != nil {
            return true
        }
        if try await WorkflowCirculationRecord.query(on: db).filter(\.$instance.$id == id).filter(\.$readerID == me)
            .filter(\.$state != "queued").first() != nil {
            return true
        }
        return try await WorkflowTaskCandidate.query(on: db).join(WorkflowTaskRecord.self, on: \WorkflowTaskCandidate.$task.$id == \WorkflowTaskRecord.$id)
            .filter(WorkflowTaskRecord.self, \.$instance.$id == id).filter(\.$userID == me).first() != nil
    }

    /// Which of `instances` this person may see (``canView(_:on:)`` for a list: three queries whatever its length).
    func viewable(_ instances: [WorkflowInstanceRecord], on db: any Database) async throws -> Set<UUID> {
        var seen = Set(instances.filter(canSteer).compactMap(\.id))
        let rest = instances.compactMap(\.id).filter { !seen.contains($0) }
        guard !rest.isEmpty else { return seen }
        let me = userID
        for task in try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id ~~ rest)
            .group(.or, { $0.filter(\.$assigneeID == me).filter(\.$completedBy == me).filter(\.$delegatedFrom == me) }).field(\.$instance.$id).all() {
            seen.insert(task.$instance.id)
        }
        for item in try await WorkflowCirculationRecord.query(on: db).filter(\.$instance.$id ~~ rest).filter(\.$readerID == me)
            .filter(\.$state != "queued").field(\.$instance.$id).all() {
            seen.insert(item.$instance.id)
        }
        for candidate in try await WorkflowTaskCandidate.query(on: db).join(WorkflowTaskRecord.self, on: \WorkflowTaskCandidate.$task.$id == \WorkflowTaskRecord.$id)
            .filter(WorkflowTaskRecord.self, \.$instance.$id ~~ rest).filter(\.$userID == me).all() {
            seen.insert(try candidate.joined(WorkflowTaskRecord.self).$instance.id)
        }
        return seen
    }

    func requireView(_ instance: WorkflowInstanceRecord, on db: any Database) async throws {
        guard try await canView(instance, on: db) else { throw AppError.forbidden() }
    }

    /// 逾期事项: the units whose overdue tasks this person may list — process administrators over their scope;
    /// a unit's clerks, office reviewers and leaders (a post held for the whole unit) over their own unit.
    func overdueScope(on db: any Database) async throws -> UnitScope {
        var scope = scope(of: .workflowManage)
        let leads = try await UserPosition.query(on: db).filter(\.$user.$id == userID).filter(\.$department.$id == nil).first() != nil
        if has(.documentRegister) || has(.documentReview) || leads { scope = scope.union(.units([unitID])) }
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
}
