import Fluent
import Foundation
import SQLKit

/// 逾期事项: open tasks past their deadline in the units a person looks after (``Access/overdueScope``), the most
/// late first — one query for the 逾期事项 page and the 工作台 block alike.
enum OverdueTasks {
    struct Task: Sendable {
        var id: UUID
        var instanceID: UUID
        /// The engine's task id (催办 records name it).
        var engineID: Int
        var name: String
        var assigneeID: UUID?
        /// Who holds it (nil: waiting to be claimed).
        var assigneeName: String?
        var dueAt: Date
        /// Its instance: what the page shows and what ``Access/viewable(_:on:)`` asks.
        var instance: Access.InstanceRef
        var title: String
    }

    struct Page: Sendable {
        var tasks: [Task]
        var total: Int
    }

    /// One page and the total, in one statement. It starts from the scope's running and suspended instances
    /// (`workflow_instances_unit`) and reaches their tasks by instance: a city has thousands of overdue tasks and one
    /// unit a few dozen, so starting from the deadline index walked the whole city's for every 工作台. SQLite keeps the order of a `CROSS JOIN`;
    /// PostgreSQL plans it as any inner join, from its statistics.
    static func page(in scope: UnitScope, now: Date, offset: Int = 0, limit: Int, on db: any Database) async throws -> Page {
        if case .units(let units) = scope, units.isEmpty { return Page(tasks: [], total: 0) }
        let units: SQLQueryString
        if case .units(let set) = scope {
            units = "AND i.unit_id IN (\(binds: set.sorted { $0.uuidString < $1.uuidString }.map { $0 as any Encodable & Sendable }))"
        } else {
            units = ""
        }
        let rows = try await db.sqlDatabase().raw("""
            SELECT t.id, t.instance_id, t.engine_id, t.name, t.assignee_id, t.due_at, i.title, i.initiator_id, i.unit_id, u.name AS assignee_name,
                COUNT(*) OVER () AS total
            FROM workflow_instances i CROSS JOIN workflow_tasks t LEFT JOIN users u ON u.id = t.assignee_id
            WHERE t.instance_id = i.id AND i.status IN ('running', 'suspended') \(units) AND t.state = 'open' AND t.due_at < \(bind: now)
            ORDER BY t.due_at, t.id LIMIT \(unsafeRaw: String(max(1, limit))) OFFSET \(unsafeRaw: String(max(0, offset)))
            """).all()
        let tasks = try rows.map { row in
            let instanceID = try row.decode(column: "instance_id", as: UUID.self)
            return Task(id: try row.decode(column: "id", as: UUID.self), instanceID: instanceID,
                        engineID: try row.decode(column: "engine_id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                        assigneeID: try row.decode(column: "assignee_id", as: UUID?.self),
                        assigneeName: try row.decode(column: "assignee_name", as: String?.self), dueAt: try row.decode(column: "due_at", as: Date.self),
                        instance: Access.InstanceRef(id: instanceID, initiatorID: try row.decode(column: "initiator_id", as: UUID.self),
                                                     unitID: try row.decode(column: "unit_id", as: UUID.self)),
                        title: try row.decode(column: "title", as: String.self))
        }
        if let first = rows.first { return Page(tasks: tasks, total: try first.decode(column: "total", as: Int.self)) }
        // Past the last page no row carries the total.
        return Page(tasks: [], total: offset > 0 ? try await page(in: scope, now: now, limit: 1, on: db).total : 0)
    }
}
