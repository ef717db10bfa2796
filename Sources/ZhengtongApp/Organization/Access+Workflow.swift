import Fluent
import Foundation

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

    /// 待办: open tasks this person holds or, unclaimed, may claim. The lists ask here, never the tables.
    func openTasks(on db: any Database) async throws -> QueryBuilder<WorkflowTaskRecord> {
        let me = userID
        let claimable = try await WorkflowTaskCandidate.query(on: db)
            .join(WorkflowTaskRecord.self, on: \WorkflowTaskCandidate.$task.$id == \WorkflowTaskRecord.$id)
            .filter(\.$userID == me)
            .filter(WorkflowTaskRecord.self, \.$state == "open")
            .filter(WorkflowTaskRecord.self, \.$assigneeID == nil)
            .all().map(\.$task.id)
        return WorkflowTaskRecord.query(on: db).filter(\.$state == "open").group(.or) { either in
            either.filter(\.$assigneeID == me)
            if !claimable.isEmpty { either.filter(\.$id ~~ claimable) }
        }
    }

    /// 已办: tasks this person completed.
    func doneTasks(on db: any Database) -> QueryBuilder<WorkflowTaskRecord> {
        WorkflowTaskRecord.query(on: db).filter(\.$completedBy == userID).filter(\.$state == "completed")
    }

    /// 待阅 (`unread`) or 已阅 (`read`) items of this person.
    func circulations(_ state: String, on db: any Database) -> QueryBuilder<WorkflowCirculationRecord> {
        WorkflowCirculationRecord.query(on: db).filter(\.$readerID == userID).filter(\.$state == state)
    }
}
