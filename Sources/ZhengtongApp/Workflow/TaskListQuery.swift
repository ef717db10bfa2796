import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import PostgresNIO
import SQLKit

/// A page of 待办 or 已办 in one statement: the tasks with their instance's title and every name the list shows,
/// and for 待办 the total alongside (`COUNT(*) OVER ()`). The lists are what every clerk opens at 8:30; read
/// through Fluent they took five statements and reflected every row into a model.
///
/// Which tasks are a person's is ``Access``'s rule (`openTaskIDs`, `doneTasksCondition`).
///
/// 待办 runs as a prepared statement on PostgreSQL: planning this join took longer than running it (1.7 ms
/// against 1.5), and a prepared statement is planned once per connection. SQLite runs the same text (`$1` is
/// a parameter there too), with LIMIT and OFFSET written as numbers — a bound LIMIT makes SQLite compile the
/// statement again at every execution.
enum TaskListQuery {
    struct Page: Sendable {
        var items: [TaskSummary]
        var total: Int
    }

    private static let columns = """
        t.id, t.instance_id, t.node, t.name, t.state, t.assignee_id, t.delegated_from, t.created_at, t.opened_at, t.due_at,
        t.completed_at, t.completed_by, t.outcome, t.opinion, i.title, i.process_key, i.initiator_id, i.business_type, i.business_id,
        ua.name AS assignee_name, ui.name AS initiator_name, ud.name AS delegated_name, uc.name AS completed_name
        """
    private static let joins = """
        JOIN workflow_instances i ON i.id = t.instance_id
        LEFT JOIN users ua ON ua.id = t.assignee_id
        LEFT JOIN users ui ON ui.id = i.initiator_id
        LEFT JOIN users ud ON ud.id = t.delegated_from
        LEFT JOIN users uc ON uc.id = t.completed_by
        """

    static func openSQL(limit: String) -> String {
        """
        SELECT \(columns), COUNT(*) OVER () AS total
        FROM (\(Access.openTaskIDs)) mine JOIN workflow_tasks t ON t.id = mine.id \(joins)
        ORDER BY t.created_at DESC, t.id \(limit)
        """
    }

    /// 待办 newest first: tasks the person holds, and unclaimed tasks they may claim.
    static func open(for access: Access, page: Int, perPage: Int, now: Date = Date(), on db: any Database) async throws -> Page {
        let perPage = max(1, perPage), offset = max(0, (page - 1) * perPage)
        let rows: [any SQLRow]
        if let postgres = db as? any PostgresDatabase {
            let statement = OpenTasksStatement(person: access.userID, limit: perPage, offset: offset)
            let logger = db.logger
            rows = try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    // Sent from a task, not in the pool's tick: the connection may have closed since it was leased.
                    try await connection.failingWhenClosed {
                        try await connection.execute(statement, logger: logger).reduce(into: [any SQLRow]()) { $0.append($1.sql()) }
                    }
                }
            }.get()
        } else {
            rows = try await Positional.rows(openSQL(limit: "LIMIT \(perPage) OFFSET \(offset)"), [access.userID], on: db)
        }
        let items = try rows.map { try summary($0, now: now) }
        if let first = rows.first { return Page(items: items, total: try first.decode(column: "total", as: Int.self)) }
        // Past the last page the window has no row to carry the total.
        let total = page > 1 ? try await openCount(for: access, on: db) : 0
        return Page(items: [], total: total)
    }

    static func openCount(for access: Access, on db: any Database) async throws -> Int {
        let rows = try await Positional.rows("SELECT COUNT(*) AS total FROM (\(Access.openTaskIDs)) mine", [access.userID], on: db)
        return try rows.first?.decode(column: "total", as: Int.self) ?? 0
    }

    /// 已办 newest first. A clerk completes thousands a year, so the total is counted apart from the page,
    /// off the `completed_by` index, rather than by a window over every row.
    static func done(for access: Access, page: Int, perPage: Int, now: Date = Date(), on db: any Database) async throws -> Page {
        let sql = try db.sqlDatabase()
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: columns)
            FROM workflow_tasks t \(unsafeRaw: joins)
            WHERE \(access.doneTasksCondition)
            ORDER BY t.completed_at DESC, t.id LIMIT \(unsafeRaw: String(max(1, perPage))) OFFSET \(unsafeRaw: String(max(0, (page - 1) * perPage)))
            """).all()
        let total = try await sql.raw("""
            SELECT COUNT(*) AS total FROM workflow_tasks t WHERE \(access.doneTasksCondition)
            """).first()?.decode(column: "total", as: Int.self) ?? 0
        return Page(items: try rows.map { try summary($0, now: now) }, total: total)
    }

    /// 待办 on PostgreSQL: `$1` the person, `$2` and `$3` the page.
    struct OpenTasksStatement: PostgresPreparedStatement {
        static let name = "zhengtong_open_tasks"
        static let sql = TaskListQuery.openSQL(limit: "LIMIT $2 OFFSET $3")
        typealias Row = PostgresRow

        var person: UUID
        var limit: Int
        var offset: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(person)
            bindings.append(limit)
            bindings.append(offset)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    private static func summary(_ row: any SQLRow, now: Date) throws -> TaskSummary {
        func person(_ id: String, _ name: String) throws -> TaskSummary.Person? {
            guard let id = try row.decode(column: id, as: UUID?.self) else { return nil }
            return TaskSummary.Person(id: id, name: try row.decode(column: name, as: String?.self) ?? "—")
        }
        let state = try row.decode(column: "state", as: String.self)
        let createdAt = try row.decode(column: "created_at", as: Date.self)
        let dueAt = try row.decode(column: "due_at", as: Date?.self)
        let completedAt = try row.decode(column: "completed_at", as: Date?.self)
        let title = try row.decode(column: "title", as: String.self)
        return TaskSummary(
            id: try row.decode(column: "id", as: UUID.self), instanceID: try row.decode(column: "instance_id", as: UUID.self),
            title: title, processKey: try row.decode(column: "process_key", as: String.self),
            step: try row.decode(column: "node", as: String.self), name: try row.decode(column: "name", as: String.self),
            state: state, stateLabel: Strings.Workflow.stateLabel(state), assignee: try person("assignee_id", "assignee_name"),
            initiator: try person("initiator_id", "initiator_name"), delegatedFrom: try person("delegated_from", "delegated_name"),
            createdAt: createdAt, dueAt: dueAt, overdue: state == "open" && (dueAt.map { $0 < now } ?? false),
            openedAt: try row.decode(column: "opened_at", as: Date?.self), completedAt: completedAt,
            completedBy: try person("completed_by", "completed_name"), outcome: try row.decode(column: "outcome", as: String?.self),
            opinion: try row.decode(column: "opinion", as: String?.self), createdText: DisplayFormat.minute(createdAt),
            dueText: dueAt.map(DisplayFormat.minute), completedText: completedAt.map(DisplayFormat.minute),
            business: WorkflowBusinesses.reference(type: try row.decode(column: "business_type", as: String.self),
                                                   id: try row.decode(column: "business_id", as: String?.self), title: title))
    }
}

/// SQL text that numbers its parameters (`$1`, `$2` …, a parameter used twice is bound once), run with SQLKit:
/// PostgreSQL reads `$n` natively, SQLite as named parameters numbered in order of first appearance.
enum Positional {
    private struct Text: SQLExpression {
        let sql: String
        let binds: [any Encodable & Sendable]

        func serialize(to serializer: inout SQLSerializer) {
            serializer.write(sql)
            serializer.binds += binds
        }
    }

    static func rows(_ sql: String, _ binds: [any Encodable & Sendable], on db: any Database) async throws -> [any SQLRow] {
        let database = try db.sqlDatabase()
        let rows = NIOLockedValueBox<[any SQLRow]>([])
        try await database.execute(sql: Text(sql: sql, binds: binds)) { row in rows.withLockedValue { $0.append(row) } }
        return rows.withLockedValue { $0 }
    }
}
