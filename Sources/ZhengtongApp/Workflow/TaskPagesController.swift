import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// 待办 / 已办 / 待阅 / 已阅 and the task page with its actions.
struct TaskPagesController {
    typealias Tab = ListTab

    struct ListPage: Encodable, Sendable {
        var tabs: [Tab]
        var tab: String
        var tasks: [TaskSummary]
        var circulations: [CirculationSummary]
        var pager: Pager
        var startHref: String
        var delegationsHref: String
        /// 逾期事项, for those who look after a unit's deadlines.
        var overdueHref: String?
    }

    /// What a person types into the task page's forms; kept when a submission is refused. Field names are
    /// the API's (``TaskCommandInput``); a step's decisions come as fields named after its choices.
    struct TaskForm: Content, Sendable {
        var version: String?
        var requestID: String?
        var outcome: String?
        var opinion: String?
        /// 退回: the step; 转办: the person.
        var to: String?
        var reason: String?
        var signer: String?
        var position: String?
        var readers: [String]?
        var ordered: String?
        var note: String?
        var message: String?
    }

    /// A choice of the step drawn as a form field.
    struct ChoiceField: Encodable, Sendable {
        var name: String
        /// The form field's name (`name[]` for several).
        var field: String
        var label: String
        var isDate: Bool
        var multiple: Bool
        var required: Bool
        var help: String?
        var options: [SelectOption]
        /// A date field's value.
        var value: String
        var error: String?
    }

    struct Opinion: Encodable, Sendable {
        var step: String
        var person: String
        var time: String
        var outcome: String?
        var opinion: String?
        var state: String
    }

    struct Reminder: Encodable, Sendable {
        var person: String
        var time: String
        var message: String?
    }

    struct TaskPage: Encodable, Sendable {
        var task: TaskSummary
        var processName: String
        var startedText: String
        var instanceHref: String
        var action: String
        var actions: TaskActions
        var version: Int
        var requestID: String
        var form: TaskForm
        var error: String?
        /// People a task can be handed or sent to (转办, 加签, 传阅).
        var people: [SelectOption]
        var opinions: [Opinion]
        /// 催办 of this task, newest first.
        var reminders: [Reminder]
        var candidates: Bool
        /// The business object's own panel, rendered from its template (nil for a plain process).
        var panel: String?
        var errors: [String: String] = [:]
        /// The outcomes the complete form offers (none: it just goes on).
        var outcomes: [SelectOption]
        /// The step's choices (the next holder, 会签, 主办 …).
        var choices: [ChoiceField]
        /// The opinion box's text.
        var opinionText: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.tasks, use: list)
        routes.get(SiteURL.task, use: show)
        routes.post(SiteURL.taskCommand, use: command)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let tab = req.queryValue("tab") ?? "open"
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let perPage = 20
        let counts = try await WorkflowCounts.load(for: access, on: req.db)
        var tasks: [TaskSummary] = []
        var circulations: [CirculationSummary] = []
        var total = 0
        switch tab {
        case "done":
            let result = try await TaskListQuery.done(for: access, page: page, perPage: perPage, on: req.db)
            tasks = result.items
            total = result.total
        case "unread", "read":
            let result = try await access.circulations(tab, on: req.db).sort(\.$sentAt, .descending).paginate(PageRequest(page: page, per: perPage))
            circulations = try await TaskView.circulations(result.items, on: req.db)
            total = result.metadata.total
        case "open":
            let result = try await TaskListQuery.open(for: access, page: page, perPage: perPage, on: req.db)
            tasks = result.items
            total = result.total
        default:
            throw AppError.notFound()
        }
        let t = Strings.page
        let tabs = [("open", t["tasks_open"]!, counts.open as Int?), ("done", t["tasks_done"]!, nil),
                    ("unread", t["circulations_unread"]!, counts.unread as Int?), ("read", t["circulations_read"]!, nil)]
            .map { Tab(key: $0.0, label: $0.1, count: ($0.2 ?? 0) > 0 ? $0.2 : nil, href: SiteURL.tasks.path + "?tab=\($0.0)", active: $0.0 == tab) }
        let title = tabs.first { $0.active }?.label ?? t["tasks_open"]!
        return try await req.renderPage("workflow/tasks", title: title, section: .tasks, ListPage(
            tabs: tabs, tab: tab, tasks: tasks, circulations: circulations, pager: Pager(page: page, perPage: perPage, total: total, request: req),
            startHref: SiteURL.workflowStart.path, delegationsHref: SiteURL.delegations.path,
            overdueHref: access.overdueScope == .units([]) ? nil : SiteURL.overdue.path))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let context = try await WorkflowTaskContext.loadForViewing(req)
        return try await render(req, context, form: TaskForm(), error: nil)
    }

    @Sendable func command(req: Request) async throws -> Response {
        let context = try await WorkflowTaskContext.load(req)
        let form = try req.content.decode(TaskForm.self)
        let access = try await req.access()
        let name = req.parameters.get("command") ?? ""
        try context.actions.require(name)
        var values: [String: [String]] = [:]
        do {
            let task = context.row.engineID
            let command: WorkflowCommand
            let done: String
            switch name {
            case "complete":
                let offered = try await context.decisions(for: access, app: req.application, on: req.db)
                values = Self.values(of: offered, in: req)
                command = try TaskCommandInput.complete(task: task, outcome: form.outcome, opinion: form.opinion, values: values.mapValues { list in
                    list.count == 1 ? .string(list[0]) : .list(list.map(ExpressionValue.string))
                })
                done = Strings.Workflow.completed
            case "return": (command, done) = (try TaskCommandInput.returnTask(task: task, to: form.to, reason: form.reason), Strings.Workflow.returned)
            case "withdraw": (command, done) = (.withdraw(task: task), Strings.Workflow.withdrawn)
            case "transfer": (command, done) = (try TaskCommandInput.transfer(task: task, to: form.to), Strings.Workflow.transferred)
            case "add-signer": (command, done) = (try TaskCommandInput.addSigner(task: task, signer: form.signer, position: form.position), Strings.Workflow.signerAdded)
            case "claim": (command, done) = (.claim(task: task), Strings.Workflow.claimed)
            case "unclaim": (command, done) = (.unclaim(task: task), Strings.Workflow.unclaimed)
            case "remind": (command, done) = (try TaskCommandInput.remind(task: task, message: form.message), Strings.Workflow.reminded)
            case "circulate":
                (command, done) = (try TaskCommandInput.circulate(readers: form.readers ?? [], ordered: form.ordered == "on", fromTask: task, note: form.note),
                                   Strings.Workflow.circulated)
            default: throw AppError.notFound()
            }
            _ = try await req.workflow.perform(command, on: context.instance.requireID(), by: req.workflowActor(access),
                                               requestID: TaskCommandInput.requestID(form.requestID), expectedVersion: form.version.flatMap(Int.init))
            req.flash(done)
            // After acting, the task usually leaves the person's hands: back to the list, except for claiming.
            return req.redirect(to: name == "claim" || name == "unclaim" ? SiteURL.task.link(try context.row.requireID()) : SiteURL.tasks.path)
        } catch let error as AppError where error.status != .notFound && error.status != .forbidden {
            let fresh = try await WorkflowTaskContext.load(req)
            return try await render(req, fresh, form: form, values: values, error: error, status: error.status)
        }
    }

    /// The page's fields for the step's choices, by choice name (a choice of several sends `name[]`).
    static func values(of offered: StepDecisions, in req: Request) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for choice in offered.choices {
            let given = choice.multiple ? (try? req.content.get([String].self, at: choice.name)) ?? [] : [(try? req.content.get(String.self, at: choice.name)) ?? ""]
            let kept = given.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if !kept.isEmpty { values[choice.name] = kept }
        }
        return values
    }

    private func render(_ req: Request, _ context: WorkflowTaskContext, form: TaskForm, values: [String: [String]] = [:], error: AppError?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        guard let summary = try await TaskView.summaries([context.row], on: req.db).first else { throw AppError.notFound() }
        let instanceID = try context.instance.requireID()
        let rows = try await WorkflowTaskRecord.query(on: req.db).filter(\.$instance.$id == instanceID).filter(\.$state != "open")
            .filter(\.$state != "cancelled").sort(\.$completedAt).all()
        let names = try await TaskView.names(Set(rows.compactMap { $0.completedBy ?? $0.assigneeID }), on: req.db)
        let opinions = rows.map { row in
            Opinion(step: row.name, person: (row.completedBy ?? row.assigneeID).flatMap { names[$0] } ?? "—",
                    time: DisplayFormat.minute(row.completedAt ?? row.createdAt), outcome: row.outcome.map(Strings.Workflow.outcomeLabel), opinion: row.opinion,
                    state: Strings.Workflow.stateLabel(row.state))
        }
        let reminderRows = try await WorkflowReminderRecord.query(on: req.db).filter(\.$instanceID == instanceID)
            .filter(\.$taskEngineID == context.row.engineID).sort(\.$sentAt, .descending).all()
        let chasers = try await TaskView.names(Set(reminderRows.compactMap(\.sentBy)), on: req.db)
        let reminders = reminderRows.map { row in
            Reminder(person: row.sentBy.flatMap { chasers[$0] } ?? Strings.Workflow.systemActor, time: DisplayFormat.minute(row.sentAt), message: row.message)
        }
        var panel: String?
        if let business = WorkflowBusinesses.business(ofType: context.instance.businessType),
           let content = try await business.panel(task: context.row, instance: context.instance, access: access, app: req.application, on: req.db) {
            panel = try await req.renderFragment(business.panelTemplate, content)
        }
        let offered = context.actions.complete ? try await context.decisions(for: access, app: req.application, on: req.db) : .none
        let errors = error?.fields ?? [:]
        let choices = offered.choices.map { choice in
            let chosen = Set(values[choice.name] ?? [])
            return ChoiceField(name: choice.name, field: choice.multiple ? choice.name + "[]" : choice.name, label: choice.label, isDate: choice.kind == .date,
                               multiple: choice.multiple, required: choice.required, help: choice.help,
                               options: choice.options.map { SelectOption(value: $0.id, label: $0.label, selected: chosen.contains($0.id)) },
                               value: choice.kind == .date ? values[choice.name]?.first ?? "" : "", error: errors[choice.name])
        }
        let wanted = offered.outcomes.contains { $0.value == form.outcome } ? form.outcome : offered.outcomes.first?.value
        let people = try await WorkParticipants.options(for: access.userID, on: req.db).map { SelectOption(value: $0.id, label: $0.label, selected: false) }
        let page = TaskPage(
            task: summary, processName: context.definition.name, startedText: DisplayFormat.minute(context.instance.startedAt),
            instanceHref: SiteURL.instance.link(instanceID), action: SiteURL.task.link(try context.row.requireID()),
            actions: context.actions, version: context.instance.version, requestID: form.requestID ?? UUID().uuidString, form: form, error: error?.message,
            people: people, opinions: opinions, reminders: reminders,
            candidates: context.task.assignee == nil || !context.task.candidateUsers.isEmpty, panel: panel, errors: errors,
            outcomes: offered.outcomes.map { SelectOption(value: $0.value, label: $0.label, selected: $0.value == wanted) }, choices: choices,
            opinionText: form.opinion ?? offered.suggestedOpinion ?? "")
        return try await req.renderPage("workflow/task", title: summary.name, section: .tasks, page, status: status)
    }
}

/// The counts on the 工作台 and the list tabs.
struct WorkflowCounts: Sendable {
    var open: Int
    var unread: Int

    static func load(for access: Access, on db: any Database) async throws -> WorkflowCounts {
        WorkflowCounts(open: try await TaskListQuery.openCount(for: access, on: db), unread: try await access.circulations("unread", on: db).count())
    }
}
