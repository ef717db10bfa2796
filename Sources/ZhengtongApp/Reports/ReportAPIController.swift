import Fluent
import Foundation
import Vapor

/// `/api/v1/reports`: the same ``ReportService`` calls as the pages, for a phone client or an integrator. Files go as
/// base64 (`{name, contentBase64}`); decisions carry the row's `revision` so a stale screen gets 409.
struct ReportAPIController {
    struct FileBody: Content, Sendable {
        var name: String
        var contentBase64: String
    }

    struct ReportBody: Content, Sendable {
        var title: String?
        var body: String?
        var category: String?
        var urgency: String?
        var targetIds: [UUID]?
        var requestId: UUID?
        var files: [FileBody]?
        /// PATCH: the revision the change is based on.
        var revision: Int?

        var input: ReportService.Input {
            ReportService.Input(title: title, body: body, category: category, urgency: urgency, targetIDs: targetIds ?? [], requestID: requestId)
        }
    }

    struct DecisionBody: Content, Sendable {
        /// The collecting unit whose row is decided; needed only when the caller edits for several of its targets.
        var targetUnitId: UUID?
        var levelId: UUID?
        var reason: String?
        var revision: Int?
    }

    struct RevisionBody: Content, Sendable {
        var revision: Int
    }

    struct RequestBody: Content, Sendable {
        var unitId: UUID?
        var topic: String?
        var details: String?
        /// `2026-12-20`.
        var deadline: String?
        var unitIds: [UUID]?
    }

    struct PeriodBody: Content, Sendable {
        var collectorId: UUID?
        var period: ReportRanking.Period?
        var year: Int?
        var number: Int?
    }

    struct LevelBody: Content, Sendable {
        var id: UUID?
        var name: String?
        var points: Int?
    }

    struct SchemeBody: Content, Sendable {
        var collects: Bool?
        var levels: [LevelBody]?
    }

    struct Lines: Content, Sendable { var items: [ReportLine]; var total: Int; var page: Int; var perPage: Int }
    struct Requests: Content, Sendable { var items: [ReportRequests.Line] }
    struct TargetView: Content, Sendable { var id: UUID; var name: String }
    struct Targets: Content, Sendable { var items: [TargetView] }
    struct FileSaved: Content, Sendable { var id: UUID; var name: String; var size: Int; var url: String }
    struct CircularDrafted: Content, Sendable { var outgoingId: UUID; var url: String }

    struct LevelView: Content, Sendable {
        var id: UUID
        var name: String
        var points: Int
        var instruction: Bool
    }

    struct SchemeView: Content, Sendable {
        var unitId: UUID
        var unitName: String
        var collects: Bool
        var items: [LevelView]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.reports.components, use: list)
        routes.on(.POST, APIURL.reports.components, body: .collect(maxSize: "28mb"), use: create)
        routes.get(APIURL.reportTargets.components, use: targets)
        routes.get(APIURL.reportRequests.components, use: requests)
        routes.post(APIURL.reportRequests.components, use: createRequest)
        routes.get(APIURL.reportRanking.components, use: ranking)
        routes.get(APIURL.reportRankingExport.components, use: export)
        routes.post(APIURL.reportRankingCircular.components, use: circular)
        routes.get(APIURL.report.components, use: show)
        routes.patch(APIURL.report.components, use: update)
        routes.post(APIURL.reportReview.components, use: review)
        routes.post(APIURL.reportResubmit.components, use: resubmit)
        routes.post(APIURL.reportAdopt.components, use: adopt)
        routes.post(APIURL.reportReturn.components, use: sendBack)
        routes.post(APIURL.reportArchive.components, use: archive)
        routes.on(.POST, APIURL.reportFiles.components, body: .collect(maxSize: "28mb"), use: upload)
        routes.get(APIURL.reportFile.components, use: file)
        routes.get(APIURL.reportScheme.components, use: scheme)
        routes.put(APIURL.reportScheme.components, use: saveScheme)
    }

    private func view(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let report = try await ReportLookup.visible(id, access: access, on: req.db)
        return try APIResponse.json(try await ReportView.load(report, for: access, on: req.db), status: status)
    }

    /// `view=mine` (the unit's 信息, the default for a 信息员) or `view=inbox` (an editor's; `open=true` only those waiting).
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let view = req.queryValue("view") ?? (access.has(.reportEdit) ? "inbox" : "mine")
        let paging = try APIPage.from(req)
        let found: ReportBoard.Page
        switch view {
        case "mine": found = try await ReportBoard.mine(access: access, page: paging.page, perPage: paging.perPage, links: .api, on: req.db)
        case "inbox":
            found = try await ReportBoard.inbox(access: access, open: req.queryValue("open") == "true", page: paging.page, perPage: paging.perPage,
                                                links: .api, on: req.db)
        default: throw AppError.validation(Strings.Error.formInvalid, fields: ["view": Strings.Error.formInvalid])
        }
        return try APIResponse.json(Lines(items: found.lines, total: found.total, page: paging.page, perPage: paging.perPage))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ReportBody.self)
        let files = try (body.files ?? []).map { file in
            guard let data = Data(base64Encoded: file.contentBase64) else {
                throw AppError.validation(Strings.Reports.fileRefused, fields: ["contentBase64": Strings.Reports.fileRefused])
            }
            return (file.name, data)
        }
        let actor = req.workflowActor(access)
        let report = try await ReportService.create(body.input, access: access, actor: actor, app: req.application)
        let id = try report.requireID()
        for (name, data) in files { _ = try await ReportService.addFile(id, name: name, data: data, access: access, actor: actor, app: req.application) }
        return try await view(id, req, status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await view(try req.idParameter("reportID"), req)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("reportID")
        _ = try await ReportLookup.visible(id, access: access, on: req.db)
        let body = try req.content.decode(ReportBody.self)
        guard let revision = body.revision else {
            throw AppError.validation(Strings.Reports.editedMeanwhile, fields: ["revision": Strings.Reports.editedMeanwhile])
        }
        try await ReportService.edit(id, body.input, expectedRevision: revision, access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func review(req: Request) async throws -> Response {
        let access = try await req.access()
        let report = try await ReportService.submitForReview(try req.idParameter("reportID"), access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(try report.requireID(), req)
    }

    @Sendable func resubmit(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(RevisionBody.self)
        let report = try await ReportService.resubmit(try req.idParameter("reportID"), expectedRevision: body.revision, access: access,
                                                      actor: req.workflowActor(access), app: req.application)
        return try await view(try report.requireID(), req)
    }

    @Sendable func adopt(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("reportID")
        let body = try req.content.decode(DecisionBody.self)
        try await ReportService.adopt(id, target: body.targetUnitId, levelID: body.levelId, expectedRevision: body.revision, access: access,
                                      actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func sendBack(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("reportID")
        let body = try req.content.decode(DecisionBody.self)
        try await ReportService.sendBack(id, target: body.targetUnitId, reason: body.reason, expectedRevision: body.revision, access: access,
                                         actor: req.workflowActor(access), app: req.application)
        return try await view(id, req)
    }

    @Sendable func archive(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("reportID")
        let body = (try? req.content.decode(DecisionBody.self)) ?? DecisionBody()
        try await ReportService.archive(id, target: body.targetUnitId, expectedRevision: body.revision, access: access, actor: req.workflowActor(access),
                                        app: req.application)
        return try await view(id, req)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(FileBody.self)
        guard let data = Data(base64Encoded: body.contentBase64) else {
            throw AppError.validation(Strings.Reports.fileRefused, fields: ["contentBase64": Strings.Reports.fileRefused])
        }
        let id = try req.idParameter("reportID")
        let file = try await ReportService.addFile(id, name: body.name, data: data, access: access, actor: req.workflowActor(access), app: req.application)
        let fileID = try file.requireID()
        return try APIResponse.json(FileSaved(id: fileID, name: file.name, size: file.size, url: APIURL.reportFile.link(id, fileID)), status: .created)
    }

    @Sendable func file(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("reportID")
        _ = try await ReportLookup.visible(id, access: access, on: req.db)
        guard let file = try await ReportFile.find(try req.idParameter("fileID"), on: req.db), file.reportID == id else { throw AppError.notFound() }
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }

    /// The collecting units the caller's unit may send to.
    @Sendable func targets(req: Request) async throws -> Response {
        let access = try await req.access()
        let targets = try await ReportScheme.targets(for: access.unitID, tree: access.tree, on: req.db)
        return try APIResponse.json(Targets(items: targets.map { TargetView(id: $0.id, name: $0.name) }))
    }

    /// `open=true`: only the 约稿 the caller's unit still owes.
    @Sendable func requests(req: Request) async throws -> Response {
        let access = try await req.access()
        return try APIResponse.json(Requests(items: try await ReportRequests.list(access: access, openOnly: req.queryValue("open") == "true", on: req.db)))
    }

    @Sendable func createRequest(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(RequestBody.self)
        let request = try await ReportRequests.create(.init(unitID: body.unitId, topic: body.topic, details: body.details, deadline: body.deadline,
                                                            unitIDs: body.unitIds ?? []), access: access, actor: req.workflowActor(access), app: req.application)
        let line = try await ReportRequests.list(access: access, on: req.db).first { $0.id == request.id }
        guard let line else { throw AppError.notFound() }
        return try APIResponse.json(line, status: .created)
    }

    private func period(_ req: Request) throws -> (UUID?, ReportRanking.Period, Int?, Int?) {
        let text = req.queryValue("period") ?? "month"
        guard let period = ReportRanking.Period(rawValue: text) else {
            throw AppError.validation(Strings.Reports.periodInvalid, fields: ["period": Strings.Reports.periodInvalid])
        }
        func int(_ name: String) throws -> Int? {
            guard let value = req.queryValue(name), !value.isEmpty else { return nil }
            guard let number = Int(value) else { throw AppError.validation(Strings.Reports.periodInvalid, fields: [name: Strings.Reports.periodInvalid]) }
            return number
        }
        var collector: UUID?
        if let value = req.queryValue("collectorId"), !value.isEmpty {
            guard let id = UUID(uuidString: value) else { throw AppError.validation(Strings.Reports.periodInvalid, fields: ["collectorId": Strings.Reports.periodInvalid]) }
            collector = id
        }
        return (collector, period, try int("year"), try int("number"))
    }

    /// `period=month|quarter|year`, `year`, `number` (month or quarter), `collectorId`.
    @Sendable func ranking(req: Request) async throws -> Response {
        let access = try await req.access()
        let (collector, period, year, number) = try period(req)
        return try APIResponse.json(try await ReportRanking.table(collector: collector, period: period, year: year, number: number, access: access, on: req.db))
    }

    /// The same parameters and `format=csv|xlsx`.
    @Sendable func export(req: Request) async throws -> Response {
        let access = try await req.access()
        let (collector, period, year, number) = try period(req)
        guard let format = StatisticsTable.Format(rawValue: req.queryValue("format") ?? "csv") else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["format": Strings.Error.formInvalid])
        }
        let table = try await ReportRanking.table(collector: collector, period: period, year: year, number: number, access: access, on: req.db)
        return try await ReportRanking.export(table).download(format, on: req.application)
    }

    @Sendable func circular(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = (try? req.content.decode(PeriodBody.self)) ?? PeriodBody()
        let table = try await ReportRanking.table(collector: body.collectorId, period: body.period ?? .month, year: body.year, number: body.number, access: access,
                                                  on: req.db)
        let document = try await ReportRanking.draftCircular(table, access: access, actor: req.workflowActor(access), app: req.application)
        let id = try document.requireID()
        return try APIResponse.json(CircularDrafted(outgoingId: id, url: APIURL.outgoing.link(id)), status: .created)
    }

    private func schemeView(_ unit: UUID, access: Access, on db: any Database) async throws -> SchemeView {
        let levels = try await ReportScheme.levels(of: unit, on: db)
        return SchemeView(unitId: unit, unitName: access.tree.nameOf[unit] ?? "", collects: try await ReportScheme.collects(unit, on: db),
                          items: try levels.map { LevelView(id: try $0.requireID(), name: $0.name, points: $0.points, instruction: $0.isInstruction) })
    }

    /// A unit's setting and scheme: its administrators and its editors read it.
    @Sendable func scheme(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try req.idParameter("unitID")
        guard access.tree.all.contains(unit) else { throw AppError.notFound() }
        guard access.keepsReportScheme(of: unit) || access.editsReports(for: unit) else { throw AppError.forbidden(Strings.Reports.notSchemeKeeper) }
        return try APIResponse.json(try await schemeView(unit, access: access, on: req.db))
    }

    @Sendable func saveScheme(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try req.idParameter("unitID")
        guard access.tree.all.contains(unit) else { throw AppError.notFound() }
        let body = try req.content.decode(SchemeBody.self)
        let actor = req.workflowActor(access)
        if let collects = body.collects { try await ReportScheme.setCollecting(unit, collects, access: access, actor: actor, app: req.application) }
        if let levels = body.levels {
            _ = try await ReportScheme.saveLevels(unit, levels.map { .init(id: $0.id, name: $0.name, points: $0.points) }, access: access, actor: actor,
                                                  app: req.application)
        }
        guard access.keepsReportScheme(of: unit) else { throw AppError.forbidden(Strings.Reports.notSchemeKeeper) }
        return try APIResponse.json(try await schemeView(unit, access: access, on: req.db))
    }
}
