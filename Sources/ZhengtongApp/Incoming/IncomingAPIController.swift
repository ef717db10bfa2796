import Fluent
import Foundation
import Gongwen
import Vapor

/// `GET/POST /api/v1/incoming`, `GET /api/v1/incoming/{id}`, and `POST /api/v1/circulations` (传阅 of an
/// incoming document, or of any instance one may circulate in).
struct IncomingAPIController {
    struct List: Content, Sendable {
        var items: [IncomingView]
        var total: Int
        var page: Int
        var perPage: Int
    }

    /// A document registered by hand: the registration fields and, for paper, its scan.
    struct CreateBody: Content, Sendable {
        struct Scan: Content, Sendable {
            var name: String
            var contentBase64: String
        }
        var senderName: String?
        var senderNumber: String?
        var title: String?
        var kind: String?
        var classification: String?
        var urgency: String?
        var copies: Int?
        var dueDate: String?
        var handling: String?
        var source: String?
        var file: Scan?
    }

    struct CirculateBody: Content, Sendable {
        var incomingID: UUID?
        var instanceID: UUID?
        var readers: [UUID]
        var ordered: Bool?
        var note: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get("incoming", use: list)
        routes.on(.POST, "incoming", body: .collect(maxSize: "30mb"), use: create)
        routes.get("incoming", ":incomingID", use: show)
        routes.post("circulations", use: circulate)
    }

    /// The 收文 the caller handles (``Access/incomingList(on:)``: a clerk's register, else those on their desk), newest
    /// first; `status` filters (registering, handling, closed, returned).
    @Sendable func list(req: Request) async throws -> List {
        let access = try await req.access()
        let paging = try APIPage.from(req)
        let query = try await access.incomingList(on: req.db)
        if let status = req.queryValue("status"), !status.isEmpty {
            guard IncomingDocument.Status(rawValue: status) != nil else { throw AppError.validation(Strings.API.valueInvalid("status"), fields: ["status": Strings.API.valueInvalidField]) }
            query.filter(\.$status == status)
        }
        let total = try await query.count()
        let documents = try await query.sort(\.$receivedAt, .descending).sort(\.$id).range(paging.range).all()
        var items: [IncomingView] = []
        for document in documents { items.append(try await IncomingView.load(document, links: .api, on: req.db)) }
        return List(items: items, total: total, page: paging.page, perPage: paging.perPage)
    }

    @Sendable func show(req: Request) async throws -> IncomingView {
        try await IncomingView.load(try await req.visibleIncoming(), links: .api, on: req.db)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.documentRegister) else { throw AppError.forbidden(Strings.Incoming.forbidden) }
        let body = try req.content.decode(CreateBody.self)
        let input = IncomingRegistrationInput(senderName: body.senderName, senderNumber: body.senderNumber, title: body.title, kind: body.kind,
                                              classification: body.classification, urgency: body.urgency, copies: body.copies.map(String.init),
                                              dueDate: body.dueDate, handling: body.handling, source: body.source)
        let (particulars, problems) = input.validate(policy: req.application.documentPolicy)
        var errors = problems
        var scan: (name: String, type: String, data: Data)?
        if let file = body.file {
            let name = UploadedFiles.cleanName(file.name)
            if let data = Data(base64Encoded: file.contentBase64), data.count <= UploadedFiles.maximumSize, let type = IncomingFiles.scanType(name: name, data: data) {
                scan = (name, type, data)
            } else {
                errors["file"] = Strings.Incoming.fileRefused
            }
        } else if particulars?.source == .paper {
            errors["file"] = Strings.Incoming.fileRequired
        }
        guard errors.isEmpty, let chosen = particulars else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let clerk = try req.currentUser()
        let actor = req.workflowActor(access)
        let workflow = req.workflow
        let file = scan
        let document = try await req.write { db in
            let document = try await IncomingRegistration.register(chosen, by: clerk, actor: actor, workflow: workflow, at: Date(), on: db)
            if let file { try await IncomingFiles.add(file.name, type: file.type, data: file.data, to: document, by: try clerk.requireID(), on: db) }
            return document
        }
        let view = try await IncomingView.load(document, links: .api, on: req.db)
        let response = try await view.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.incoming.link(view.id))
        return response
    }

    /// 传阅: sends an incoming document (`incomingID`) or an instance (`instanceID`) round for reading.
    @Sendable func circulate(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(CirculateBody.self)
        let instanceID: UUID
        if let incomingID = body.incomingID {
            guard let document = try await IncomingDocument.find(incomingID, on: req.db), try await access.canView(document, on: req.db) else {
                throw AppError.notFound()
            }
            guard try await access.canCirculate(document, on: req.db), let id = document.instanceID else { throw AppError.forbidden() }
            instanceID = id
        } else if let id = body.instanceID {
            guard let instance = try await WorkflowInstanceRecord.find(id, on: req.db), try await access.canView(instance, on: req.db) else { throw AppError.notFound() }
            let holds = try await WorkflowTaskRecord.query(on: req.db).filter(\.$instance.$id == id).filter(\.$state == "open")
                .filter(\.$assigneeID == access.userID).first() != nil
            guard holds || access.canSteer(instance) else { throw AppError.forbidden() }
            instanceID = id
        } else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["incomingID": "incomingID or instanceID"])
        }
        let command = try TaskCommandInput.circulate(readers: body.readers.map(\.uuidString), ordered: body.ordered ?? false, fromTask: nil, note: body.note)
        let result = try await req.workflow.perform(command, on: instanceID, by: req.workflowActor(access),
                                                    requestID: TaskCommandInput.requestID(req.headers.first(name: "Idempotency-Key")))
        return try APIResponse.json(result)
    }
}
