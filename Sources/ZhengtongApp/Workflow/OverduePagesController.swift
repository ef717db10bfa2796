import Fluent
import Foundation
import Vapor

/// 逾期事项: the open tasks past their due time in the units one looks after (``Access/overdueScope``),
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
        let scope = access.overdueScope
        if case .units(let units) = scope, units.isEmpty { throw AppError.forbidden(Strings.Workflow.overdueForbidden) }
        let now = Date()
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let found = try await OverdueTasks.page(in: scope, now: now, offset: (page - 1) * Self.perPage, limit: Self.perPage, on: req.db)
        let tasks = found.tasks, total = found.total
        let units = access.tree.nameOf
        let viewable = try await access.viewable(tasks.map(\.instance), on: req.db)
        var rows: [Row] = []
        for task in tasks {
            let due = task.dueAt
            let reminders = try await WorkflowReminderRecord.query(on: req.db).filter(\.$instanceID == task.instanceID)
                .filter(\.$taskEngineID == task.engineID).count()
            rows.append(Row(title: task.title, step: task.name, holder: task.assigneeName ?? Strings.Workflow.awaitingClaim,
                            unit: units[task.instance.unitID] ?? "", due: DisplayFormat.minute(due), late: Strings.Workflow.lateText(now.timeIntervalSince(due)),
                            reminders: reminders, taskHref: viewable.contains(task.instanceID) ? SiteURL.task.link(task.id) : nil))
        }
        return try await req.renderPage("workflow/overdue", title: Strings.Workflow.overdueTitle, section: .tasks,
                                        Page(rows: rows, total: total, pager: Pager(page: page, perPage: Self.perPage, total: total, request: req)))
    }
}
