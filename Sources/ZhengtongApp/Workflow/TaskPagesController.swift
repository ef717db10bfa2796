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

    /// What a person types into the task page's forms; kept when a submission is refused.
    struct TaskForm: Content, Sendable {
        var version: String?
        var requestID: String?
        var outcome: String?
        var opinion: String?
        var nextAssignee: String?
        var target: String?
        var reason: String?
        var person: String?
        var position: String?
        var readers: [String]?
        var ordered: String?
        var note: String?
        /// 发文: departments whose heads countersign (chosen at 核稿 or 办公室审核).
        var countersignDepartments: [String]?
        /// 发文: co-issuing units whose principal leaders countersign.
        var countersignUnits: [String]?
        /// 收文 批办: the 主办 department, the 协办 ones and a deadline date.
        var lead: String?
        var assist: [String]?
        var deadline: String?
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
        var people: [SelectOption]
        var choosesNext: Bool
        var opinions: [Opinion]
        /// 催办 of this task, newest first.
        var reminders: [Reminder]
        var candidates: Bool
        /// The business object's own panel (发文), when the instance has one.
        var outgoing: OutgoingTaskPanel?
        var incoming: IncomingTaskPanel?
        /// 收文 登记: the registration form (the shared `incoming/registration-fields` reads `page.registration`).
        var registration: IncomingRegistrationForm?
        var errors: [String: String] = [:]
        /// The outcomes the complete form offers (none: it just goes on).
        var outcomes: [SelectOption]
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
            overdueHref: try await access.overdueScope(on: req.db) == .units([]) ? nil : SiteURL.overdue.path))
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
        // The engine does not check who may remind or circulate: the allowed actions do.
        if (name == "remind" && !context.actions.remind) || (name == "circulate" && !context.actions.circulate) { throw AppError.forbidden() }
        do {
            var (command, done) = try Self.command(name, form: form, task: context.row.engineID)
            if case .complete(let task, let outcome, let opinion, var variables) = command, context.instance.businessType == OutgoingSteps.businessType,
               form.countersignDepartments != nil || form.countersignUnits != nil {
                let people = try await OutgoingActions.countersigners(departments: (form.countersignDepartments ?? []).compactMap(UUID.init(uuidString:)),
                                                                      units: (form.countersignUnits ?? []).compactMap(UUID.init(uuidString:)),
                                                                      unitID: context.instance.unitID, on: req.db)
                variables["hasCountersign"] = .bool(!people.isEmpty)
                variables["countersigners"] = .list(people.map(ExpressionValue.string))
                command = .complete(task: task, outcome: outcome, opinion: opinion, variables: variables)
            }
            _ = try await req.workflow.perform(command, on: context.instance.requireID(), by: req.workflowActor(access),
                                               requestID: form.requestID.flatMap { $0.isEmpty ? nil : String($0.prefix(64)) },
                                               expectedVersion: form.version.flatMap(Int.init))
            req.flash(done)
            // After acting, the task usually leaves the person's hands: back to the list, except for claiming.
            return req.redirect(to: name == "claim" || name == "unclaim" ? SiteURL.task.link(try context.row.requireID()) : SiteURL.tasks.path)
        } catch let error as AppError {
            let fresh = try await WorkflowTaskContext.load(req)
            return try await render(req, fresh, form: form, error: error.message, status: error.status)
        }
    }

    /// The engine command a form asks for, and the message shown after it.
    static func command(_ name: String, form: TaskForm, task: Int) throws -> (WorkflowCommand, String) {
        func person(_ field: String?) throws -> String {
            guard let text = field, let id = UUID(uuidString: text) else {
                throw AppError.validation(Strings.Workflow.personRequired, fields: ["person": Strings.Workflow.personRequired])
            }
            return id.uuidString
        }
        let opinion = FieldRules.trimmed(form.opinion)
        switch name {
        case "complete":
            guard opinion.count <= 2000 else { throw AppError.validation(Strings.Workflow.opinionTooLong, fields: ["opinion": Strings.Workflow.opinionTooLong]) }
            var variables: [String: ExpressionValue] = [:]
            if let next = form.nextAssignee, !next.isEmpty { variables["nextAssignee"] = .string(try person(next)) }
            if let lead = form.lead, !lead.isEmpty {
                variables["leadDepartment"] = .string(lead)
                variables["assistDepartments"] = .list((form.assist ?? []).filter { !$0.isEmpty }.map(ExpressionValue.string))
            }
            if let deadline = form.deadline, !deadline.isEmpty { variables["deadline"] = .string(deadline) }
            return (.completion(task: task, outcome: FieldRules.trimmed(form.outcome), opinion: opinion, variables: variables), Strings.Workflow.completed)
        case "return":
            return (.returnTask(task: task, to: form.target.flatMap { $0.isEmpty ? nil : $0 }, reason: FieldRules.trimmed(form.reason)), Strings.Workflow.returned)
        case "withdraw": return (.withdraw(task: task), Strings.Workflow.withdrawn)
        case "transfer": return (.transfer(task: task, to: try person(form.person)), Strings.Workflow.transferred)
        case "add-signer":
            let position = ProcessRunner.SignerPosition(rawValue: form.position ?? "") ?? .after
            return (.addSigner(task: task, signer: try person(form.person), position: position), Strings.Workflow.signerAdded)
        case "claim": return (.claim(task: task), Strings.Workflow.claimed)
        case "unclaim": return (.unclaim(task: task), Strings.Workflow.unclaimed)
        case "remind":
            let message = FieldRules.trimmed(form.note)
            guard message.count <= 200 else { throw AppError.validation(Strings.Workflow.reminderTooLong, fields: ["note": Strings.Workflow.reminderTooLong]) }
            return (.remind(task: task, message: message.isEmpty ? nil : message), Strings.Workflow.reminded)
        case "circulate":
            let readers = try (form.readers ?? []).filter { !$0.isEmpty }.map { try person($0) }
            guard !readers.isEmpty else { throw AppError.validation(Strings.Workflow.readersRequired, fields: ["readers": Strings.Workflow.readersRequired]) }
            let note = FieldRules.trimmed(form.note)
            return (.circulate(readers: readers, ordered: form.ordered == "on", fromTask: task, note: note.isEmpty ? nil : String(note.prefix(500))),
                    Strings.Workflow.circulated)
        default:
            throw AppError.notFound()
        }
    }

    /// The complete form's outcomes: 同意/不同意 (and 圈阅 at 签发) by default; the business's own at its steps.
    static func outcomes(_ context: WorkflowTaskContext, chosen: String?) -> [SelectOption] {
        var options: [SelectOption]
        switch context.instance.businessType {
        case IncomingSteps.businessType:
            options = IncomingTaskPanel.outcomes(node: context.task.node)
        default:
            options = [SelectOption(value: "approve", label: Strings.Workflow.outcomeLabel("approve"), selected: false)]
            if context.instance.businessType == OutgoingSteps.businessType && context.task.node == OutgoingSteps.Node.sign {
                options.append(SelectOption(value: "circled", label: Strings.Workflow.outcomeLabel("circled"), selected: false))
            }
            options.append(SelectOption(value: "reject", label: Strings.Workflow.outcomeLabel("reject"), selected: false))
        }
        let wanted = options.contains { $0.value == chosen } ? chosen : options.first?.value
        return options.map { SelectOption(value: $0.value, label: $0.label, selected: $0.value == wanted) }
    }

    private func render(_ req: Request, _ context: WorkflowTaskContext, form: TaskForm, error: String?,
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
        var lead: String?
        if case .string(let text)? = context.state.variables["lead"] { lead = text }
        let incoming = try await IncomingTaskPanel.load(task: context.row, instance: context.instance, lead: lead, access: access, on: req.db)
        let people = try await WorkflowPeople.options(for: access, on: req.db)
        let choosesNext = NextSteps.choosesNextPerson(after: context.task.node, in: context.definition.process)
        let page = TaskPage(
            task: summary, processName: context.definition.name, startedText: DisplayFormat.minute(context.instance.startedAt),
            instanceHref: SiteURL.instance.link(instanceID), action: SiteURL.task.link(try context.row.requireID()),
            actions: context.actions, version: context.instance.version, requestID: form.requestID ?? UUID().uuidString, form: form, error: error,
            people: people, choosesNext: choosesNext, opinions: opinions, reminders: reminders, candidates: context.task.assignee == nil || !context.task.candidateUsers.isEmpty,
            outgoing: try await OutgoingTaskPanel.load(task: context.row, instance: context.instance, access: access, on: req.db),
            incoming: incoming, registration: incoming?.registration, outcomes: Self.outcomes(context, chosen: form.outcome))
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

/// People a task can be handed to (转办, 加签, 传阅, next step): active people of one's own unit.
enum WorkflowPeople {
    static func options(for access: Access, on db: any Database) async throws -> [SelectOption] {
        try await User.query(on: db).filter(\.$unit.$id == access.unitID).filter(\.$isDisabled == false)
            .filter(\.$id != access.userID).sort(\.$sortOrder).sort(\.$name).all()
            .compactMap { user in user.id.map { SelectOption(value: $0.uuidString, label: user.name, selected: false) } }
    }
}
