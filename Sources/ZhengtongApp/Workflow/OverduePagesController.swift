import Fluent
import Foundation
import Vapor

/// 逾期事项: the open tasks past their due time in the units one looks after (``Access/overdueScope(on:)``),
/// longest overdue first, with who holds each and how often it was chased; each links to its task, where
/// whoever may chase (the initiator, earlier steps, process administrators) sends a 催办.
struct OverduePagesController {
    struct Row: Encodable, Sendable {
        var title: String
        var step: String
        var holder: String
        var unit: String
        var due: String
        var late: String
        var reminders: Int
        var taskHref: String?
    }

    struct Page: Encodable, Sendable {
        var rows: [Row]
        var total: Int
        var pager: Pager
    }

    static let perPage = 50

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.overdue, use: list)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let scope = try await access.overdueScope(on: req.db)
        if case .units(let units) = scope, units.isEmpty { throw AppError.forbidden(Strings.Workflow.overdueForbidden) }
        let now = Date()
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let found = try await OverdueTasks.page(in: scope, now: now, offset: (page - 1) * Self.perPage, limit: Self.perPage, on: req.db)
        let tasks = found.tasks, total = found.total
        let instances = try await TaskView.instancesByID(tasks.map(\.instanceID), on: req.db)
        let names = try await TaskView.names(Set(tasks.compactMap(\.assigneeID)), on: req.db)
        let units = Dictionary(try await Unit.query(on: req.db).filter(\.$id ~~ Array(Set(instances.values.map(\.unitID)))).all()
            .compactMap { unit in unit.id.map { ($0, unit.name) } }, uniquingKeysWith: { first, _ in first })
        let viewable = try await access.viewable(Array(instances.values), on: req.db)
        var rows: [Row] = []
        for task in tasks {
            guard let instance = instances[task.instanceID] else { continue }
            let due = task.dueAt
            let reminders = try await WorkflowReminderRecord.query(on: req.db).filter(\.$instanceID == task.instanceID)
                .filter(\.$taskEngineID == task.engineID).count()
            rows.append(Row(title: instance.title, step: task.name, holder: task.assigneeID.flatMap { names[$0] } ?? Strings.Workflow.awaitingClaim,
                            unit: units[instance.unitID] ?? "", due: DisplayFormat.minute(due), late: Strings.Workflow.lateText(now.timeIntervalSince(due)),
                            reminders: reminders, taskHref: viewable.contains(task.instanceID) ? SiteURL.task.link(task.id) : nil))
        }
        return try await req.renderPage("workflow/overdue", title: Strings.Workflow.overdueTitle, section: .tasks,
                                        Page(rows: rows, total: total, pager: Pager(page: page, perPage: Self.perPage, total: total, request: req)))
    }
}
