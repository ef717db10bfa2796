import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// Starting a process, the instance page (diagram, steps, history, steering), and 传阅 items.
struct InstancePagesController {
    struct StartForm: Content, Sendable {
        var process: String?
        var title: String?
        var note: String?
        var requestID: String?
    }

    struct StartPage: Encodable, Sendable {
        var processes: [SelectOption]
        var form: StartForm
        var errors: [String: String]
        var error: String?
        var requestID: String
    }

    struct Step: Encodable, Sendable {
        var name: String
        var person: String
        var state: String
        var received: String
        var done: String?
        var opinion: String?
        var href: String?
    }

    struct Reading: Encodable, Sendable {
        var reader: String
        var state: String
        var sent: String
        var read: String?
        var comment: String?
    }

    struct Event: Encodable, Sendable {
        var time: String
        var actor: String
        var text: String
    }

    struct InstancePage: Encodable, Sendable {
        var title: String
        var processName: String
        var definitionVersion: Int
        var status: String
        var statusLabel: String
        var initiator: String
        var started: String
        var ended: String?
        var diagramHref: String
        var steps: [Step]
        var readings: [Reading]
        var events: [Event]
        var canSuspend: Bool
        var canResume: Bool
        var canTerminate: Bool
        var action: String
        var version: Int
    }

    struct CirculationPage: Encodable, Sendable {
        var item: CirculationSummary
        var instanceHref: String
        var action: String
        var people: [SelectOption]
        var error: String?
    }

    struct ReadForm: Content, Sendable {
        var comment: String?
        /// 转给下一位: the next reader.
        var to: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.workflowStart, use: startForm)
        routes.post(SiteURL.workflowStart, use: start)
        routes.get(SiteURL.instance, use: show)
        routes.get(SiteURL.instanceDiagram, use: diagram)
        routes.post(SiteURL.instanceCommand, use: command)
        routes.get(SiteURL.circulation, use: circulation)
        routes.post(SiteURL.circulationCommand, use: circulationCommand)
    }

    @Sendable func startForm(req: Request) async throws -> Response {
        try await renderStart(req, form: StartForm(process: req.queryValue("process")), errors: [:], error: nil)
    }

    @Sendable func start(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(StartForm.self)
        do {
            let title = try TaskCommandInput.title(form.title)
            guard let process = form.process, !process.isEmpty else {
                throw AppError.validation(Strings.Workflow.processNotDeployed, fields: ["process": Strings.Workflow.processNotDeployed])
            }
            let note = FieldRules.trimmed(form.note)
            let result = try await req.workflow.start(processKey: process, title: title,
                                                      variables: note.isEmpty ? [:] : [PlainProcessStart.note: .string(note)],
                                                      by: req.workflowActor(access), requestID: TaskCommandInput.requestID(form.requestID))
            req.flash(Strings.Workflow.started)
            return req.redirect(to: SiteURL.instance.link(result.instanceID))
        } catch let error as AppError {
            return try await renderStart(req, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    private func renderStart(_ req: Request, form: StartForm, errors: [String: String], error: String?,
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let records = try await WorkflowDefinitionRecord.query(on: req.db).filter(\.$isEnabled == true).sort(\.$processKey).sort(\.$version, .descending).all()
        var seen: Set<String> = []
        // Processes bound to a business object start through it (送审, 签收), not here.
        let processes = records.filter { WorkflowBusinesses.owner(ofProcess: $0.processKey) == nil && seen.insert($0.processKey).inserted }
            .map { SelectOption(value: $0.processKey, label: $0.name, selected: $0.processKey == form.process) }
        return try await req.renderPage("workflow/start", title: Strings.page["start_title"]!, section: .tasks,
                                        StartPage(processes: processes, form: form, errors: errors, error: error,
                                                  requestID: form.requestID ?? UUID().uuidString), status: status)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let view = try await InstanceView.load(req)
        let access = try await req.access()
        let record = view.record
        var people = Set(view.taskRows.flatMap { [$0.assigneeID, $0.completedBy].compactMap { $0 } })
        people.insert(record.$initiator.id)
        let id = try record.requireID()
        let readings = try await WorkflowCirculationRecord.query(on: req.db).filter(\.$instance.$id == id).sort(\.$sentAt).all()
        readings.forEach { people.insert($0.readerID) }
        view.history.compactMap(\.actorID).forEach { people.insert($0) }
        let names = try await TaskView.names(people, on: req.db)
        func name(_ id: UUID?) -> String { id.flatMap { names[$0] } ?? "—" }
        let steps = try view.taskRows.filter { $0.state != "cancelled" }.map { row in
            Step(name: row.name, person: name(row.completedBy ?? row.assigneeID), state: Strings.Workflow.stateLabel(row.state),
                 received: DisplayFormat.minute(row.createdAt), done: row.completedAt.map(DisplayFormat.minute), opinion: row.opinion,
                 href: row.state == "open" || row.assigneeID == access.userID || row.completedBy == access.userID ? SiteURL.task.link(try row.requireID()) : nil)
        }
        let nameByEngineID = Dictionary(uniqueKeysWithValues: names.map { ($0.key.uuidString, $0.value) })
        let events = view.history.map { row in
            Event(time: DisplayFormat.minute(row.occurredAt), actor: row.actorID.map { name($0) } ?? Strings.Workflow.systemActor,
                  text: WorkflowEventText.describe(WorkflowHistoryText.decode(row.data), names: nameByEngineID, definition: view.definition.process))
        }
        let steer = access.canSteer(record)
        let status = record.status
        let page = InstancePage(
            title: record.title, processName: view.definition.name, definitionVersion: view.definition.version, status: status,
            statusLabel: Strings.Workflow.statusLabel(status), initiator: name(record.$initiator.id), started: DisplayFormat.minute(record.startedAt),
            ended: record.endedAt.map(DisplayFormat.minute), diagramHref: SiteURL.instanceDiagram.link(id), steps: steps,
            readings: readings.map { Reading(reader: name($0.readerID), state: $0.state == "read" ? Strings.page["circulations_read"]! : Strings.page["circulations_unread"]!,
                                              sent: DisplayFormat.minute($0.sentAt), read: $0.readAt.map(DisplayFormat.minute), comment: $0.comment) },
            events: events, canSuspend: steer && status == "running", canResume: steer && status == "suspended",
            canTerminate: steer && (status == "running" || status == "suspended"), action: SiteURL.instance.link(id), version: record.version)
        return try await req.renderPage("workflow/instance", title: record.title, section: .tasks, page)
    }

    @Sendable func diagram(req: Request) async throws -> Response {
        try await InstanceView.load(req).svgResponse(app: req.application)
    }

    struct SteerForm: Content, Sendable {
        var version: String?
    }

    @Sendable func command(req: Request) async throws -> Response {
        let access = try await req.access()
        let view = try await InstanceView.load(req)
        guard access.canSteer(view.record) else { throw AppError.forbidden() }
        let form = try req.content.decode(SteerForm.self)
        let (command, message): (WorkflowCommand, String) = switch req.parameters.get("command") ?? "" {
        case "suspend": (.suspend, Strings.Workflow.suspended)
        case "resume": (.resume, Strings.Workflow.resumed)
        case "terminate": (.terminate, Strings.Workflow.terminated)
        default: throw AppError.notFound()
        }
        let id = try view.record.requireID()
        do {
            _ = try await req.workflow.perform(command, on: id, by: req.workflowActor(access), expectedVersion: form.version.flatMap(Int.init))
            req.flash(message)
        } catch let error as AppError {
            req.flash(error.message)
        }
        return req.redirect(to: SiteURL.instance.link(id))
    }

    @Sendable func circulation(req: Request) async throws -> Response {
        try await renderCirculation(req, error: nil)
    }

    private func loadItem(_ req: Request) async throws -> WorkflowCirculationRecord {
        let access = try await req.access()
        guard let item = try await WorkflowCirculationRecord.find(try req.idParameter("itemID"), on: req.db), item.readerID == access.userID,
              item.state != "queued" else { throw AppError.notFound() }
        return item
    }

    private func renderCirculation(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let item = try await loadItem(req)
        guard let summary = try await TaskView.circulations([item], on: req.db).first else { throw AppError.notFound() }
        let page = CirculationPage(item: summary, instanceHref: SiteURL.instance.link(item.$instance.id), action: SiteURL.circulation.link(try item.requireID()),
                                   people: try await WorkParticipants.options(for: try await req.access().userID, on: req.db)
                                       .map { SelectOption(value: $0.id, label: $0.label, selected: false) }, error: error)
        return try await req.renderPage("workflow/circulation", title: summary.title, section: .tasks, page, status: status)
    }

    @Sendable func circulationCommand(req: Request) async throws -> Response {
        let access = try await req.access()
        let item = try await loadItem(req)
        let form = try req.content.decode(ReadForm.self)
        do {
            switch req.parameters.get("command") ?? "" {
            case "read":
                _ = try await req.workflow.perform(try TaskCommandInput.markRead(item: item.engineID, comment: form.comment),
                                                   on: item.$instance.id, by: req.workflowActor(access))
                req.flash(Strings.Workflow.read)
            case "pass-on":
                _ = try await req.workflow.perform(try TaskCommandInput.passOn(item: item.engineID, to: form.to), on: item.$instance.id,
                                                   by: req.workflowActor(access))
                req.flash(Strings.Workflow.passedOn)
            default:
                throw AppError.notFound()
            }
            return req.redirect(to: SiteURL.tasks.path + "?tab=unread")
        } catch let error as AppError where error.status != .notFound {
            return try await renderCirculation(req, error: error.message, status: error.status)
        }
    }
}
