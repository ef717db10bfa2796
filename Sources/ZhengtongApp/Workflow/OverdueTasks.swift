import Fluent
import Foundation

/// 逾期事项: open tasks past their deadline in the units a person looks after (``Access/overdueScope(on:)``), the most
/// late first — one query for the 逾期事项 page and the 工作台 block alike.
enum OverdueTasks {
    static func query(in scope: UnitScope, now: Date, on db: any Database) -> QueryBuilder<WorkflowTaskRecord> {
        let base = WorkflowTaskRecord.query(on: db).join(WorkflowInstanceRecord.self, on: \WorkflowTaskRecord.$instance.$id == \WorkflowInstanceRecord.$id)
            .filter(\.$state == "open").filter(\.$dueAt < now)
        if case .units(let units) = scope { return base.filter(WorkflowInstanceRecord.self, \.$unitID ~~ Array(units)) }
        return base
    }
}
