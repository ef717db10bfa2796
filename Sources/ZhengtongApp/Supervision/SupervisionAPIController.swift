import Fluent
import Foundation
import Vapor

/// `/api/v1/supervision`: the same ``SupervisionService`` calls as the pages, for a phone client or an integrator.
struct SupervisionAPIController {
    /// What the 督查室 sends to open or edit an item.
    struct ItemBody: Content, Sendable {
        var title: String?
        var source: SupervisionItem.Source?
        var sourceText: String?
        var incomingId: UUID?
        var category: String?
        var leaderId: UUID?
        var leadUnitIds: [UUID]?
        var assistUnitIds: [UUID]?
        var requirements: String?
        /// `YYYY-MM-DD`.
        var deadline: String?
        var cycle: String?
        var cycleDays: Int?
        var classification: String?
        /// PATCH: the version the change is based on.
        var version: Int?

        var input: SupervisionService.Input {
            SupervisionService.Input(title: title, source: source ?? .manual, sourceText: sourceText, incomingID: incomingId, category: category,
                                     leaderID: leaderId, leadUnitIDs: leadUnitIds ?? [], assistUnitIDs: assistUnitIds ?? [], requirements: requirements,
                                     deadline: deadline, cycle: cycle, cycleDays: cycleDays.map(String.init), classification: classification)
        }
    }

    struct ChildBody: Content, Sendable {
        var title: String?
        var unitId: UUID?
        var departmentId: UUID?
        var requirements: String?
        var deadline: String?
    }

    struct ReportBody: Content, Sendable {
        var assignmentId: UUID?
        var text: String?
        var progress: Int?
    }

    struct DecisionBody: Content, Sendable {
        var accept: Bool?
        var reason: String?
    }

    struct RemindBody: Content, Sendable {
        var assignmentId: UUID?
        var message: String?
    }

    struct ExtensionBody: Content, Sendable {
        var deadline: String?
        var reason: String?
    }

    struct CompletionBody: Content, Sendable {
        var summary: String?
    }

    struct EvaluateBody: Content, Sendable {
        struct One: Content, Sendable {
            var assignmentId: UUID
            var score: Int?
            var remark: String?
        }
        var evaluations: [One]?
    }

    struct CloseBody: Content, Sendable {
        var how: SupervisionService.Closing?
        var reason: String?
    }

    /// A file as JSON, as the other modules take them; `reportId` puts it on one's own report.
    struct FileBody: Content, Sendable {
        var name: String
        var contentBase64: String
        var reportId: UUID?
    }

    /// A task list to open all at once: a CSV or XLSX file as base64.
    struct ImportBody: Content, Sendable {
        var name: String
        var contentBase64: String
        var sourceText: String?
    }

    struct BulletinBody: Content, Sendable {
        var title: String?
        var text: String?
        /// `outgoing` (default): a 发文 draft under `issuerCodeId`; `notice`: a 通知公告 draft in `columnId`, for the units
        /// responsible for the items of `from`–`to`.
        var send: String?
        var issuerCodeId: UUID?
        var columnId: UUID?
        var from: String?
        var to: String?
    }

    struct BulletinSent: Content, Sendable {
        var outgoingId: UUID?
        var noticeId: UUID?
        var url: String
    }

    struct Lines: Content, Sendable {
        var items: [SupervisionLine]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct Reminded: Content, Sendable {
        var reminded: Int
    }

    func register(on routes: any RoutesBuilder) {
        routes.get("supervision", "items", use: list)
        routes.post("supervision", "items", use: create)
        routes.on(.POST, "supervision", "import", body: .collect(maxSize: "28mb"), use: importList)
        routes.get("supervision", "bulletin", use: bulletin)
        routes.post("supervision", "bulletin", use: sendBulletin)
        routes.get("supervision", "items", ":itemID", use: show)
        routes.patch("supervision", "items", ":itemID", use: update)
        routes.post("supervision", "items", ":itemID", "children", use: split)
        routes.post("supervision", "items", ":itemID", "reports", use: report)
        routes.post("supervision", "items", ":itemID", "reports", ":reportID", "decision", use: decideReport)
        routes.post("supervision", "items", ":itemID", "remind", use: remind)
        routes.post("supervision", "items", ":itemID", "extension", use: requestExtension)
        routes.post("supervision", "items", ":itemID", "extension", ":requestID", "decision", use: decideExtension)
        routes.post("supervision", "items", ":itemID", "complete", use: requestCompletion)
        routes.post("supervision", "items", ":itemID", "completion", "decision", use: decideCompletion)
        routes.post("supervision", "items", ":itemID", "evaluate", use: evaluate)
        routes.post("supervision", "items", ":itemID", "close", use: close)
        routes.on(.POST, "supervision", "items", ":itemID", "files", body: .collect(maxSize: "28mb"), use: upload)
        routes.get("supervision", "items", ":itemID", "files", ":fileID", use: file)
    }

    private func view(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let item = try await SupervisionLookup.visible(id, access: access, on: req.db)
        let days = SupervisionDays(now: Date(), calendar: try await WorkingDays.calendar(on: req.db))
        return try APIResponse.json(try await SupervisionItemView.load(item, access: access, days: days, on: req.db), status: status)
    }

    /// `view=todo|all`, `category`, `unit`, `leader`, `office`, `status` (normal|nearing|overdue|done), `from`/`to` (立项 days), `page`, `perPage`.
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let paging = try PeopleFilter.fromQuery(req, perPageLimit: 200)
        let filter = try SupervisionFilterQuery.filter(req)
        let days = SupervisionDays(now: Date(), calendar: try await WorkingDays.calendar(on: req.db))
        let page = try await SupervisionBoard.list(filter, access: access, days: days, page: paging.page, perPage: paging.perPage, on: req.db)
        return try APIResponse.json(Lines(items: try await SupervisionLine.load(page.items, access: access, days: days, links: .api, on: req.db),
                                          total: page.total, page: paging.page, perPage: paging.perPage))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ItemBody.self)
        let item = try await SupervisionService.open(body.input, access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(try item.requireID(), req, status: .created)
    }

    /// 批量立项: 201 with the items opened, or 422 `import_rows_invalid` naming every bad row (`row3`) and opening none.
    @Sendable func importList(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ImportBody.self)
        guard let data = Data(base64Encoded: body.contentBase64) else {
            throw AppError.validation(Strings.Supervision.importUnreadable, fields: ["contentBase64": Strings.Supervision.importUnreadable])
        }
        do {
            let items = try await SupervisionImport.run(data: data, fileName: body.name, sourceText: body.sourceText, access: access,
                                                        actor: req.workflowActor(access), app: req.application)
            let days = SupervisionDays(now: Date(), calendar: try await WorkingDays.calendar(on: req.db))
            let lines = try await SupervisionLine.load(items, access: access, days: days, links: .api, on: req.db)
            return try APIResponse.json(Lines(items: lines, total: lines.count, page: 1, perPage: max(1, lines.count)), status: .created)
        } catch let refused as SupervisionImport.Refused {
            throw refused.appError
        }
    }

    /// 督查通报 for `from`–`to` (default: this month): the figures and the generated text.
    @Sendable func bulletin(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let (from, to) = SupervisionBulletinPages.period(req)
        let figures = try await SupervisionBulletin.figures(from: from, to: to, access: access, on: req.db)
        return try APIResponse.json(SupervisionBulletin.draft(figures, unitName: access.tree.nameOf[access.unitID] ?? ""))
    }

    /// Sends the (edited) 通报 on as a 发文 draft.
    @Sendable func sendBulletin(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(BulletinBody.self)
        if body.send == "notice" {
            let (from, to) = SupervisionBulletinPages.period(req, from: body.from, to: body.to)
            let notice = try await SupervisionBulletin.sendAsNotice(title: body.title, text: body.text, columnID: body.columnId, from: from, to: to,
                                                                   access: access, actor: req.workflowActor(access), app: req.application)
            let id = try notice.requireID()
            return try APIResponse.json(BulletinSent(noticeId: id, url: "/api/v1/notices/\(id.uuidString)"), status: .created)
        }
        let document = try await SupervisionBulletin.sendAsOutgoing(title: body.title, text: body.text, issuerCode: body.issuerCodeId, access: access,
                                                                   actor: req.workflowActor(access), app: req.application)
        let id = try document.requireID()
        return try APIResponse.json(BulletinSent(outgoingId: id, url: APIURL.outgoing.link(id)), status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await view(try await req.visibleSupervisionItem().requireID(), req)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(ItemBody.self)
        guard let version = body.version else {
            throw AppError.validation(Strings.Supervision.editedMeanwhile, fields: ["version": Strings.Supervision.editedMeanwhile])
        }
        let id = try item.requireID()
        try await SupervisionService.edit(id, body.input, expectedVersion: version, access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func split(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(ChildBody.self)
        let child = try await SupervisionService.split(try item.requireID(), .init(title: body.title, unitID: body.unitId, departmentID: body.departmentId,
                                                                                  requirements: body.requirements, deadline: body.deadline),
                                                       access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(try child.requireID(), req, status: .created)
    }

    @Sendable func report(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(ReportBody.self)
        let id = try item.requireID()
        _ = try await SupervisionService.report(id, assignmentID: body.assignmentId, text: body.text, progress: body.progress, access: access,
                                                actor: req.workflowActor(access), app: req.application)
        return try await view(id, req, status: .created)
    }

    @Sendable func decideReport(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(DecisionBody.self)
        guard let accept = body.accept else { throw AppError.validation(Strings.Error.formInvalid, fields: ["accept": "true | false"]) }
        let id = try item.requireID()
        _ = try await SupervisionService.decideReport(id, report: try req.idParameter("reportID"), accept: accept, reason: body.reason, access: access,
                                                      actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func remind(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(RemindBody.self)
        let count = try await SupervisionService.remind(try item.requireID(), assignmentID: body.assignmentId, message: body.message, access: access,
                                                        actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(Reminded(reminded: count))
    }

    @Sendable func requestExtension(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(ExtensionBody.self)
        let id = try item.requireID()
        _ = try await SupervisionService.requestExtension(id, deadline: body.deadline, reason: body.reason, access: access,
                                                          actor: req.workflowActor(access), app: req.application)
        return try await view(id, req, status: .created)
    }

    @Sendable func decideExtension(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(DecisionBody.self)
        guard let grant = body.accept else { throw AppError.validation(Strings.Error.formInvalid, fields: ["accept": "true | false"]) }
        let id = try item.requireID()
        _ = try await SupervisionService.decideExtension(id, request: try req.idParameter("requestID"), grant: grant, reason: body.reason, access: access,
                                                         actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func requestCompletion(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(CompletionBody.self)
        let id = try item.requireID()
        _ = try await SupervisionService.requestCompletion(id, summary: body.summary, access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func decideCompletion(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(DecisionBody.self)
        guard let approve = body.accept else { throw AppError.validation(Strings.Error.formInvalid, fields: ["accept": "true | false"]) }
        let id = try item.requireID()
        _ = try await SupervisionService.decideCompletion(id, approve: approve, reason: body.reason, access: access, actor: req.workflowActor(access),
                                                          app: req.application)
        return try await view(id, req)
    }

    @Sendable func evaluate(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(EvaluateBody.self)
        let id = try item.requireID()
        _ = try await SupervisionService.evaluate(id, (body.evaluations ?? []).map { .init(assignmentID: $0.assignmentId, score: $0.score, remark: $0.remark) },
                                                  access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func close(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(CloseBody.self)
        guard let how = body.how else { throw AppError.validation(Strings.Error.formInvalid, fields: ["how": "terminate | cancel"]) }
        let id = try item.requireID()
        _ = try await SupervisionService.close(id, how, reason: body.reason, access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let body = try req.content.decode(FileBody.self)
        guard let data = Data(base64Encoded: body.contentBase64) else {
            throw AppError.validation(Strings.Supervision.fileRefused, fields: ["contentBase64": Strings.Supervision.fileRefused])
        }
        let id = try item.requireID()
        _ = try await SupervisionService.addFile(id, report: body.reportId, upload: .init(name: body.name, data: data), access: access,
                                                 actor: req.workflowActor(access), app: req.application)
        return try await view(id, req, status: .created)
    }

    @Sendable func file(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        guard let file = try await SupervisionFile.find(try req.idParameter("fileID"), on: req.db), file.itemID == item.id else { throw AppError.notFound() }
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }
}

/// The list filters from a query string, the same for the page and the API; a value that is not one gets 422.
enum SupervisionFilterQuery {
    static func filter(_ req: Request) throws -> SupervisionBoard.Filter {
        var filter = SupervisionBoard.Filter()
        var errors: [String: String] = [:]
        func value(_ name: String) -> String? { req.queryValue(name).flatMap { $0.isEmpty ? nil : $0 } }
        func id(_ name: String) -> UUID? {
            guard let text = value(name) else { return nil }
            guard let id = UUID(uuidString: text) else { errors[name] = Strings.Supervision.filterInvalid; return nil }
            return id
        }
        if let text = value("view") { if let view = SupervisionBoard.View(rawValue: text) { filter.view = view } else { errors["view"] = "todo | all" } }
        if let text = value("category") {
            if let category = SupervisionItem.Category(rawValue: text) { filter.category = category } else { errors["category"] = Strings.Supervision.filterInvalid }
        }
        if let text = value("status") {
            if let light = SupervisionLight(rawValue: text) { filter.light = light } else { errors["status"] = "normal | nearing | overdue | done" }
        }
        filter.unitID = id("unit")
        filter.leaderID = id("leader")
        filter.officeID = id("office")
        for name in ["from", "to"] {
            guard let text = value(name) else { continue }
            guard SupervisionDays.noon(of: text) != nil else { errors[name] = Strings.Supervision.deadlineInvalid; continue }
            if name == "from" { filter.from = text } else { filter.to = text }
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return filter
    }
}
