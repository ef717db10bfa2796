import Fluent
import Foundation
import Vapor

/// `/api/v1/bulletins`, `/api/v1/bulletin-issues`, `/api/v1/bulletin-items`, `/api/v1/reading-list`: the same
/// ``BulletinService``, ``BulletinInstructions`` and ``ReadingList`` calls as the pages, for a phone client.
struct BulletinAPIController {
    struct BulletinBody: Content, Sendable {
        var name: String?
        var kind: String?
    }

    struct IssueBody: Content, Sendable {
        var readerPeople: [UUID]?
        var readerUnits: [UUID]?
        var reportTo: String?
        var sendTo: String?
        var distributeTo: String?
        var copies: Int?
        /// PATCH: the version the change is based on.
        var version: Int?

        var input: BulletinService.IssueInput {
            .init(readerPeople: readerPeople ?? [], readerUnits: readerUnits ?? [], reportTo: reportTo, sendTo: sendTo, distributeTo: distributeTo, copies: copies)
        }
    }

    struct ItemBody: Content, Sendable {
        var reportId: UUID?
        var title: String?
        var body: String?
        var sourceUnitName: String?
        var note: String?
        var version: Int

        var input: BulletinService.ItemInput {
            .init(reportID: reportId, title: title, body: body, sourceUnitName: sourceUnitName, note: note)
        }
    }

    struct VersionBody: Content, Sendable {
        var version: Int
    }

    struct OrderBody: Content, Sendable {
        var version: Int
        var itemIds: [UUID]
    }

    struct SuperviseBody: Content, Sendable {
        var deadline: String?
        var leadUnitIds: [UUID]?
    }

    struct ReadingBody: Content, Sendable {
        var leaderId: UUID
        var kind: ReadingListEntry.Kind
        var targetId: UUID
        var note: String?
    }

    struct Items<Element: Content & Sendable>: Content, Sendable {
        var items: [Element]
    }

    struct AdoptedLine: Content, Sendable {
        var id: UUID
        var title: String
        var unitName: String
        var levelName: String
        var adoptedAt: Date
    }

    struct InstructionCreated: Content, Sendable {
        var id: UUID
        var itemId: UUID
        var text: String
        var handwritingSVG: String?
        var createdAt: Date
    }

    struct Supervised: Content, Sendable {
        var supervisionItemId: UUID
        var url: String
    }

    struct ReadingCreated: Content, Sendable {
        var id: UUID
        var kind: ReadingListEntry.Kind
        var targetId: UUID
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.bulletins.components, use: list)
        routes.post(APIURL.bulletins.components, use: createBulletin)
        routes.get(APIURL.bulletin.components, use: show)
        routes.post(APIURL.bulletinIssues.components, use: createIssue)
        routes.get(APIURL.bulletinIssue.components, use: issue)
        routes.patch(APIURL.bulletinIssue.components, use: updateIssue)
        routes.post(APIURL.bulletinIssueItems.components, use: addItem)
        routes.patch(APIURL.bulletinIssueItem.components, use: updateItem)
        routes.post(APIURL.bulletinIssueItemRemove.components, use: removeItem)
        routes.post(APIURL.bulletinIssueOrder.components, use: order)
        routes.post(APIURL.bulletinIssueSubmit.components, use: submit)
        routes.post(APIURL.bulletinIssueRead.components, use: read)
        routes.get(APIURL.bulletinIssueOFD.components, use: ofd)
        routes.on(.POST, APIURL.bulletinItemInstructions.components, body: .collect(maxSize: "256kb"), use: instruct)
        routes.post(APIURL.bulletinInstructionSupervise.components, use: supervise)
        routes.get(APIURL.adoptedReports.components, use: adopted)
        routes.get(APIURL.readingList.components, use: readingList)
        routes.post(APIURL.readingList.components, use: addReading)
        routes.post(APIURL.readingListEntryRead.components, use: readEntry)
    }

    private func issueView(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        return try APIResponse.json(try await BulletinIssueView.load(try await BulletinLookup.visible(id, access: access, on: req.db), for: access, on: req.db),
                                    status: status)
    }

    /// The 刊物 the caller may see: as an editor, or as a reader of one of their issues.
    @Sendable func list(req: Request) async throws -> Response {
        try APIResponse.json(Items(items: try await BulletinBoard.lines(for: try await req.access(), on: req.db)))
    }

    @Sendable func createBulletin(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(BulletinBody.self)
        let bulletin = try await BulletinService.createBulletin(name: body.name, kind: body.kind, access: access, actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try await BulletinBoard.detail(bulletin, for: access, on: req.db), status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let access = try await req.access()
        let bulletin = try await BulletinLookup.bulletin(try req.idParameter("bulletinID"), access: access, on: req.db)
        return try APIResponse.json(try await BulletinBoard.detail(bulletin, for: access, on: req.db))
    }

    @Sendable func createIssue(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(IssueBody.self)
        let issue = try await BulletinService.newIssue(of: try req.idParameter("bulletinID"), body.input, access: access, actor: req.workflowActor(access),
                                                       app: req.application)
        return try await issueView(try issue.requireID(), req, status: .created)
    }

    /// One issue (reading is recorded by `POST …/read`, so a list fetched ahead does not count as read).
    @Sendable func issue(req: Request) async throws -> Response {
        try await issueView(try req.idParameter("issueID"), req)
    }

    @Sendable func updateIssue(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(IssueBody.self)
        guard let version = body.version else { throw AppError.validation(Strings.Error.formInvalid, fields: ["version": Strings.Error.formInvalid]) }
        let id = try req.idParameter("issueID")
        try await BulletinService.editIssue(id, body.input, expectedVersion: version, access: access, actor: req.workflowActor(access), app: req.application)
        return try await issueView(id, req)
    }

    @Sendable func addItem(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ItemBody.self)
        let id = try req.idParameter("issueID")
        _ = try await BulletinService.addItem(to: id, body.input, expectedVersion: body.version, access: access, actor: req.workflowActor(access), app: req.application)
        return try await issueView(id, req, status: .created)
    }

    @Sendable func updateItem(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ItemBody.self)
        let id = try req.idParameter("issueID")
        _ = try await BulletinService.editItem(try req.idParameter("itemID"), in: id, body.input, expectedVersion: body.version, access: access,
                                               actor: req.workflowActor(access), app: req.application)
        return try await issueView(id, req)
    }

    @Sendable func removeItem(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(VersionBody.self)
        let id = try req.idParameter("issueID")
        _ = try await BulletinService.removeItem(try req.idParameter("itemID"), from: id, expectedVersion: body.version, access: access,
                                                 actor: req.workflowActor(access), app: req.application)
        return try await issueView(id, req)
    }

    @Sendable func order(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(OrderBody.self)
        let id = try req.idParameter("issueID")
        _ = try await BulletinService.order(id, body.itemIds, expectedVersion: body.version, access: access, actor: req.workflowActor(access), app: req.application)
        return try await issueView(id, req)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(VersionBody.self)
        let id = try req.idParameter("issueID")
        _ = try await BulletinService.submit(id, expectedVersion: body.version, access: access, actor: req.workflowActor(access), app: req.application)
        return try await issueView(id, req)
    }

    /// 已阅: the caller's first read is recorded (a phone opens the issue, then says so).
    @Sendable func read(req: Request) async throws -> Response {
        let access = try await req.access()
        let issue = try await BulletinLookup.visible(try req.idParameter("issueID"), access: access, on: req.db)
        try await BulletinService.markRead(issue, by: access.userID, app: req.application)
        return try await issueView(try issue.requireID(), req)
    }

    @Sendable func ofd(req: Request) async throws -> Response {
        let issue = try await BulletinLookup.visible(try req.idParameter("issueID"), access: try await req.access(), on: req.db)
        let (data, name) = try await BulletinOutput.ofd(issue, app: req.application)
        return FileDownload.response(data, contentType: OutgoingOutputController.ofdType, name: name)
    }

    /// 批示: `{"text": "…", "strokes": [[[x, y], …], …]}` — strokes in the 600 × 300 canvas's coordinates, optional.
    @Sendable func instruct(req: Request) async throws -> Response {
        let access = try await req.access()
        guard let bytes = req.body.data, let object = try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any] else {
            throw AppError.validation(Strings.Error.formInvalid)
        }
        let text = object["text"] as? String
        if object["text"] != nil && text == nil && !(object["text"] is NSNull) { throw AppError.validation(Strings.Error.formInvalid, fields: ["text": Strings.Error.formInvalid]) }
        var strokes: String?
        if let raw = object["strokes"], !(raw is NSNull) {
            guard JSONSerialization.isValidJSONObject(raw), let data = try? JSONSerialization.data(withJSONObject: raw) else {
                throw AppError.validation(Strings.Bulletins.strokesInvalid, fields: ["strokes": Strings.Bulletins.strokesInvalid])
            }
            strokes = String(decoding: data, as: UTF8.self)
        }
        let instruction = try await BulletinInstructions.instruct(on: try req.idParameter("itemID"), text: text, strokes: strokes, access: access,
                                                                  actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(InstructionCreated(id: try instruction.requireID(), itemId: instruction.itemID, text: instruction.text,
                                                       handwritingSVG: BulletinStrokes.stored(instruction.strokes)?.svg, createdAt: instruction.createdAt),
                                    status: .created)
    }

    @Sendable func supervise(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(SuperviseBody.self)
        let item = try await BulletinInstructions.toSupervision(try req.idParameter("instructionID"), deadline: body.deadline, leadUnitIDs: body.leadUnitIds ?? [],
                                                                access: access, actor: req.workflowActor(access), app: req.application)
        let id = try item.requireID()
        return try APIResponse.json(Supervised(supervisionItemId: id, url: "/api/v1/supervision/items/\(id.uuidString)"), status: .created)
    }

    /// The adopted 信息 an editor may put into an issue (the picker).
    @Sendable func adopted(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.reportEdit) else { throw AppError.forbidden(Strings.Bulletins.notEditor) }
        let reports = try await ReportCatalog.adopted(for: access, search: req.queryValue("search"), on: req.db)
        return try APIResponse.json(Items(items: reports.prefix(200).map {
            AdoptedLine(id: $0.id, title: $0.title, unitName: $0.unitName, levelName: $0.levelName, adoptedAt: $0.adoptedAt)
        }))
    }

    /// 信息专供: the caller's reading list, unread first.
    @Sendable func readingList(req: Request) async throws -> Response {
        try APIResponse.json(Items(items: try await ReadingList.lines(for: try await req.access(), on: req.db)))
    }

    @Sendable func addReading(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ReadingBody.self)
        let entry = try await ReadingList.add(leaderID: body.leaderId, kind: body.kind, targetID: body.targetId, note: body.note, access: access,
                                              actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(ReadingCreated(id: try entry.requireID(), kind: entry.kindValue, targetId: entry.targetID), status: .created)
    }

    /// An entry the office added, read (an issue is read through its own route).
    @Sendable func readEntry(req: Request) async throws -> Response {
        let access = try await req.access()
        _ = try await ReadingList.open(try req.idParameter("entryID"), access: access, app: req.application)
        return try APIResponse.json(Items(items: try await ReadingList.lines(for: access, on: req.db)))
    }
}
