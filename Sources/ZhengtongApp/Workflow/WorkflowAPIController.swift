import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// `/api/v1/tasks`, `/api/v1/circulations` and `/api/v1/workflow/…`. Commands take an optional
/// `Idempotency-Key` header (a retry returns the first result) and an optional `version` (409 when stale).
struct WorkflowAPIController {
    struct TaskList: Content, Sendable {
        var items: [TaskSummary]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct TaskDetail: Content, Sendable {
        var task: TaskSummary
        /// The instance's version: send it back with a command to act only on what you saw.
        var version: Int
        var actions: [String]
        var returnTargets: [TaskActions.Option]
        var instanceURL: String
        /// What the caller may decide on completing it (outcomes, choices with their allowed values); empty
        /// unless they hold it. `complete` accepts these and nothing else.
        var decisions: StepDecisions
        /// What the task is about, with where to read it (absent for a plain process).
        var business: BusinessReference?
    }

    struct CirculationList: Content, Sendable {
        var items: [CirculationSummary]
        var total: Int
    }

    struct CompleteBody: Content, Sendable {
        var outcome: String?
        var opinion: String?
        var variables: [String: ExpressionValue]?
        var version: Int?
    }

    struct ReturnBody: Content, Sendable {
        var to: String?
        var reason: String?
        var version: Int?
    }

    struct PersonBody: Content, Sendable {
        var to: String?
        var signer: String?
        var position: String?
        var version: Int?
    }

    struct CirculateBody: Content, Sendable {
        var readers: [String]
        var ordered: Bool?
        var note: String?
        var version: Int?
    }

    struct RemindBody: Content, Sendable {
        var message: String?
    }

    struct VersionBody: Content, Sendable {
        var version: Int?
    }

    struct StartBody: Content, Sendable {
        var process: String
        var title: String
        var variables: [String: ExpressionValue]?
    }

    struct MessageBody: Content, Sendable {
        var name: String
        var correlationKey: String?
        var payload: [String: ExpressionValue]?
        var messageId: String?
        var expectedVersion: Int?
    }

    struct ReadBody: Content, Sendable {
        var comment: String?
    }

    struct DeployResult: Content, Sendable {
        struct Deployed: Content, Sendable {
            var id: UUID
            var process: String
            var name: String
            var version: Int
        }
        var deployed: [Deployed]
    }

    struct InstanceDetail: Content, Sendable {
        struct Event: Content, Sendable {
            var seq: Int
            var at: Date
            var actor: UUID?
            var event: [String: ExpressionValue]
        }
        var id: UUID
        var title: String
        var process: String
        var definitionVersion: Int
        var status: String
        var version: Int
        var initiator: TaskSummary.Person?
        var startedAt: Date
        var endedAt: Date?
        var currentSteps: [String]
        var variables: [String: ExpressionValue]
        var tasks: [TaskSummary]
        var history: [Event]
        var diagramURL: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get("tasks", use: tasks)
        routes.get("tasks", ":taskID", use: task)
        routes.post("tasks", ":taskID", "complete", use: complete)
        routes.post("tasks", ":taskID", "return", use: returnTask)
        routes.post("tasks", ":taskID", "withdraw", use: withdraw)
        routes.post("tasks", ":taskID", "transfer", use: transfer)
        routes.post("tasks", ":taskID", "add-signer", use: addSigner)
        routes.post("tasks", ":taskID", "claim", use: claim)
        routes.post("tasks", ":taskID", "unclaim", use: unclaim)
        routes.post("tasks", ":taskID", "remind", use: remind)
        routes.post("tasks", ":taskID", "circulate", use: circulate)
        routes.get("circulations", use: circulations)
        routes.post("circulations", ":itemID", "read", use: markRead)
        routes.on(.POST, "workflow", "definitions", body: .collect(maxSize: "4mb"), use: deploy)
        routes.post("workflow", "instances", use: start)
        routes.post("workflow", "messages", use: deliverMessage)
        routes.get("workflow", "instances", ":instanceID", use: instance)
        routes.get("workflow", "instances", ":instanceID", "diagram.svg", use: diagram)
        for command in ["suspend", "resume", "terminate"] {
            routes.post("workflow", "instances", ":instanceID", PathComponent(stringLiteral: command)) { req in try await steer(req, command: command) }
        }
    }

    @Sendable func tasks(req: Request) async throws -> Response {
        let access = try await req.access()
        let status = req.queryValue("status") ?? "open"
        let filter = try PeopleFilter.fromQuery(req, perPageLimit: 200)
        let page: TaskListQuery.Page
        switch status {
        case "open": page = try await TaskListQuery.open(for: access, page: filter.page, perPage: filter.perPage, on: req.db)
        case "done": page = try await TaskListQuery.done(for: access, page: filter.page, perPage: filter.perPage, on: req.db)
        default: throw AppError.validation(Strings.Workflow.statusInvalid, fields: ["status": "open | done"])
        }
        return try APIResponse.json(TaskList(items: page.items, total: page.total, page: filter.page, perPage: filter.perPage))
    }

    @Sendable func task(req: Request) async throws -> Response {
        let context = try await WorkflowTaskContext.loadForViewing(req)
        let access = try await req.access()
        let actions = context.actions
        let summary = try await TaskView.summaries([context.row], on: req.db)
        guard let first = summary.first else { throw AppError.notFound() }
        return try APIResponse.json(TaskDetail(task: first, version: context.instance.version, actions: actions.names,
                                               returnTargets: actions.returnTo,
                                               instanceURL: "/api/v1/workflow/instances/\(context.instance.id?.uuidString ?? "")",
                                               decisions: try await context.decisions(for: access, app: req.application, on: req.db),
                                               business: first.business))
    }

    @Sendable func complete(req: Request) async throws -> Response {
        let body = try req.content.decode(CompleteBody.self)
        let command = { (task: Int) in try TaskCommandInput.complete(task: task, outcome: body.outcome, opinion: body.opinion, values: body.variables ?? [:]) }
        return try await self.command(req, version: body.version, command)
    }

    @Sendable func returnTask(req: Request) async throws -> Response {
        let body = try req.content.decode(ReturnBody.self)
        return try await command(req, version: body.version) { try TaskCommandInput.returnTask(task: $0, to: body.to, reason: body.reason) }
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let body = try? req.content.decode(VersionBody.self)
        return try await command(req, version: body?.version) { .withdraw(task: $0) }
    }

    @Sendable func claim(req: Request) async throws -> Response {
        let body = try? req.content.decode(VersionBody.self)
        return try await command(req, version: body?.version) { .claim(task: $0) }
    }

    @Sendable func unclaim(req: Request) async throws -> Response {
        let body = try? req.content.decode(VersionBody.self)
        return try await command(req, version: body?.version) { .unclaim(task: $0) }
    }

    @Sendable func remind(req: Request) async throws -> Response {
        let body = try? req.content.decode(RemindBody.self)
        return try await command(req, version: nil, requiring: "remind") { try TaskCommandInput.remind(task: $0, message: body?.message) }
    }

    @Sendable func circulate(req: Request) async throws -> Response {
        let body = try req.content.decode(CirculateBody.self)
        return try await command(req, version: body.version, requiring: "circulate") {
            try TaskCommandInput.circulate(readers: body.readers, ordered: body.ordered ?? false, fromTask: $0, note: body.note)
        }
    }

    @Sendable func transfer(req: Request) async throws -> Response {
        let body = try req.content.decode(PersonBody.self)
        return try await command(req, version: body.version) { try TaskCommandInput.transfer(task: $0, to: body.to) }
    }

    @Sendable func addSigner(req: Request) async throws -> Response {
        let body = try req.content.decode(PersonBody.self)
        return try await command(req, version: body.version) { try TaskCommandInput.addSigner(task: $0, signer: body.signer, position: body.position) }
    }

    /// Runs a task command for the caller and answers with its result.
    private func command(_ req: Request, version: Int?, requiring action: String? = nil, _ make: (Int) throws -> WorkflowCommand) async throws -> Response {
        let context = try await WorkflowTaskContext.load(req)
        if let action { try context.actions.require(action) }
        let access = try await req.access()
        let result = try await req.workflow.perform(try make(context.row.engineID), on: context.instance.requireID(), by: req.workflowActor(access),
                                                    requestID: TaskCommandInput.requestID(req.headers.first(name: "Idempotency-Key")), expectedVersion: version)
        return try APIResponse.json(result)
    }

    @Sendable func circulations(req: Request) async throws -> Response {
        let access = try await req.access()
        let status = req.queryValue("status") ?? "unread"
        guard ["unread", "read"].contains(status) else {
            throw AppError.validation(Strings.Workflow.statusInvalid, fields: ["status": "unread | read"])
        }
        let filter = try PeopleFilter.fromQuery(req, perPageLimit: 200)
        let page = try await access.circulations(status, on: req.db).sort(\.$sentAt, .descending).paginate(PageRequest(page: filter.page, per: filter.perPage))
        let items = try await TaskView.circulations(page.items, on: req.db)
        return try APIResponse.json(CirculationList(items: items, total: page.metadata.total))
    }

    @Sendable func markRead(req: Request) async throws -> Response {
        let access = try await req.access()
        guard let item = try await WorkflowCirculationRecord.find(try req.idParameter("itemID"), on: req.db), item.readerID == access.userID
        else { throw AppError.notFound() }
        let body = try? req.content.decode(ReadBody.self)
        let result = try await req.workflow.perform(try TaskCommandInput.markRead(item: item.engineID, comment: body?.comment), on: item.$instance.id,
                                                    by: req.workflowActor(access), requestID: TaskCommandInput.requestID(req.headers.first(name: "Idempotency-Key")))
        return try APIResponse.json(result)
    }

    @Sendable func deploy(req: Request) async throws -> Response {
        let access = try await req.access()
        try access.requireWorkflowAdministration()
        guard let buffer = req.body.data else { throw AppError.validation(Strings.Workflow.fileRequired) }
        let upload = try await BPMNUpload.read(Data(buffer.readableBytesView), on: req.application.threadPool)
        let actor = req.auditActor()
        let hooks = req.workflow.hooks
        let records = try await req.write { db in try await WorkflowDefinitions.deploy(upload, hooks: hooks, by: actor, on: db) }
        let deployed = try records.map { DeployResult.Deployed(id: try $0.requireID(), process: $0.processKey, name: $0.name, version: $0.version) }
        return try APIResponse.json(DeployResult(deployed: deployed), status: deployed.isEmpty ? .ok : .created)
    }

    @Sendable func start(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(StartBody.self)
        let title = try TaskCommandInput.title(body.title)
        let result = try await req.workflow.start(processKey: body.process, title: title, variables: body.variables ?? [:],
                                                  by: req.workflowActor(access), requestID: TaskCommandInput.requestID(req.headers.first(name: "Idempotency-Key")))
        return try APIResponse.json(result, status: result.replayed ? .ok : .created)
    }

    /// A message for the instance waiting for it (or the process that starts on it); who may send it is
    /// ``Access/canDeliverMessage(to:on:)``'s to say.
    @Sendable func deliverMessage(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(MessageBody.self)
        let message = try WorkflowMessages.checked(name: body.name, correlationKey: body.correlationKey, payload: body.payload, id: body.messageId)
        let result = try await req.workflow.deliver(message, by: req.workflowActor(access), access: access,
                                                    requestID: TaskCommandInput.requestID(req.headers.first(name: "Idempotency-Key")),
                                                    expectedVersion: body.expectedVersion)
        return try APIResponse.json(result, status: result.command == "start-by-message" && !result.replayed ? .created : .ok)
    }

    @Sendable func instance(req: Request) async throws -> Response {
        let view = try await InstanceView.load(req)
        let tasks = try await TaskView.summaries(view.taskRows, on: req.db)
        let history = view.history.map { InstanceDetail.Event(seq: $0.seq, at: $0.occurredAt, actor: $0.actorID, event: WorkflowHistoryText.decode($0.data)) }
        let names = try await TaskView.names([view.record.$initiator.id], on: req.db)
        let id = try view.record.requireID()
        return try APIResponse.json(InstanceDetail(
            id: id, title: view.record.title, process: view.record.processKey, definitionVersion: view.definition.version,
            status: view.record.status, version: view.record.version,
            initiator: names[view.record.$initiator.id].map { TaskSummary.Person(id: view.record.$initiator.id, name: $0) },
            startedAt: view.record.startedAt, endedAt: view.record.endedAt, currentSteps: view.state.activeNodes,
            variables: view.state.variables, tasks: tasks, history: history, diagramURL: "/api/v1/workflow/instances/\(id.uuidString)/diagram.svg"))
    }

    /// 挂起, 恢复, 终止: for the initiator and process administrators over the instance's unit.
    func steer(_ req: Request, command name: String) async throws -> Response {
        let access = try await req.access()
        let view = try await InstanceView.load(req)
        guard access.canSteer(view.record) else { throw AppError.forbidden() }
        let command: WorkflowCommand = switch name {
        case "suspend": .suspend
        case "resume": .resume
        default: .terminate
        }
        let body = try? req.content.decode(VersionBody.self)
        let result = try await req.workflow.perform(command, on: view.record.requireID(), by: req.workflowActor(access),
                                                    requestID: req.headers.first(name: "Idempotency-Key"), expectedVersion: body?.version)
        return try APIResponse.json(result)
    }

    @Sendable func diagram(req: Request) async throws -> Response {
        let view = try await InstanceView.load(req)
        return try await view.svgResponse(app: req.application)
    }
}

extension Request {
    /// The signed-in person as a workflow actor.
    func workflowActor(_ access: Access) -> WorkflowService.Actor {
        WorkflowService.Actor(userID: access.userID, audit: auditActor())
    }
}
