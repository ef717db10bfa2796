import Fluent
import Foundation
import Vapor

/// `/api/v1/notices`: the same ``NoticeService`` calls as the pages, for a phone client or an integrator.
struct NoticeAPIController {
    struct NoticeBody: Content, Sendable {
        var column: UUID?
        var title: String?
        var body: String?
        var audience: NoticeAudience?
        var important: Bool?
        /// `YYYY-MM-DD`.
        var pinnedUntil: String?
        var expiresAt: String?
        var replyFields: [NoticeReplyField]?
        /// PATCH: the version the change is based on.
        var version: Int?

        var input: NoticeService.Input {
            NoticeService.Input(columnID: column, title: title, body: body, audience: audience ?? NoticeAudience(), important: important ?? false,
                                pinnedUntil: pinnedUntil, expiresAt: expiresAt, replyFields: replyFields ?? [])
        }
    }

    /// A line of a board or of the notices one keeps.
    struct Line: Content, Sendable {
        var id: UUID
        var title: String
        var column: NoticeDTO.Ref
        var unitName: String
        var status: String
        var publishedAt: Date?
        var important: Bool
        var pinned: Bool
        var readAt: Date?
        var changed: Bool
        var replyAsked: Bool
        var replied: Bool
        var url: String
    }

    struct Lines: Content, Sendable {
        var items: [Line]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct ColumnView: Content, Sendable {
        var id: UUID
        var name: String
        var unit: NoticeDTO.Ref
        var isPublic: Bool
        var processKey: String
    }

    struct ReceiptsView: Content, Sendable {
        var total: Int
        var read: Int
        var units: [NoticeReceipts.UnitLine]
        var people: [NoticeReceipts.PersonLine]
        var replyFields: [NoticeReplyField]
    }

    struct WithdrawBody: Content, Sendable {
        var reason: String?
    }

    struct Reminded: Content, Sendable {
        var reminded: Int
    }

    struct FileBody: Content, Sendable {
        var name: String
        var contentBase64: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get("notice-columns", use: columns)
        routes.get("notices", use: list)
        routes.post("notices", use: create)
        routes.get("notices", ":noticeID", use: show)
        routes.patch("notices", ":noticeID", use: update)
        routes.post("notices", ":noticeID", "submit", use: submit)
        routes.post("notices", ":noticeID", "read", use: read)
        routes.post("notices", ":noticeID", "reply", use: reply)
        routes.get("notices", ":noticeID", "receipts", use: receipts)
        routes.post("notices", ":noticeID", "remind", use: remind)
        routes.post("notices", ":noticeID", "withdraw", use: withdraw)
        routes.on(.POST, "notices", ":noticeID", "files", body: .collect(maxSize: "28mb"), use: upload)
        routes.get("notices", ":noticeID", "files", ":fileID", use: file)
        routes.delete("notices", ":noticeID", "files", ":fileID", use: deleteFile)
    }

    private func view(_ notice: Notice, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        guard let fresh = try await Notice.find(notice.id, on: req.db) else { throw AppError.notFound() }
        return try APIResponse.json(try await NoticeDTO.load(fresh, for: try await req.access(), on: req.db), status: status)
    }

    /// The columns the caller may publish in.
    @Sendable func columns(req: Request) async throws -> Response {
        let columns = try await NoticeBoard.publishable(for: try await req.access(), on: req.db)
        let units = try await Unit.query(on: req.db).filter(\.$id ~~ columns.map(\.unitID)).all()
        return try APIResponse.json(try columns.map { column in
            ColumnView(id: try column.requireID(), name: column.name,
                       unit: NoticeDTO.Ref(id: column.unitID, name: units.first { $0.id == column.unitID }?.name ?? ""), isPublic: column.isPublic,
                       processKey: column.processKey)
        })
    }

    /// `box=received` (default: the caller's boards, 置顶 then unread first) or `box=kept` (what they write or keep).
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let filter = try PeopleFilter.fromQuery(req, perPageLimit: 200)
        let column = req.queryValue("column").flatMap(UUID.init(uuidString:))
        switch req.queryValue("box") ?? "received" {
        case "received":
            let page = try await NoticeBoard.received(by: access.userID, column: column, page: filter.page, perPage: filter.perPage, on: req.db)
            return try APIResponse.json(Lines(items: page.lines.map { line in
                Line(id: line.id, title: line.title, column: NoticeDTO.Ref(id: line.columnID, name: line.columnName), unitName: line.unitName,
                     status: Notice.Status.published.rawValue, publishedAt: line.publishedAt, important: line.important, pinned: line.pinned, readAt: line.readAt,
                     changed: line.readAt != nil && line.changed, replyAsked: line.replyAsked, replied: line.replied, url: "/api/v1/notices/\(line.id.uuidString)")
            }, total: page.total, page: filter.page, perPage: filter.perPage))
        case "kept":
            let kept = try await NoticeBoard.kept(by: access, page: filter.page, perPage: filter.perPage, on: req.db)
            let columns = try await NoticeColumn.query(on: req.db).filter(\.$id ~~ Array(Set(kept.notices.map(\.columnID)))).all()
            let units = try await Unit.query(on: req.db).filter(\.$id ~~ Array(Set(kept.notices.map(\.unitID)))).all()
            return try APIResponse.json(Lines(items: try kept.notices.map { notice in
                let id = try notice.requireID()
                return Line(id: id, title: notice.title,
                            column: NoticeDTO.Ref(id: notice.columnID, name: columns.first { $0.id == notice.columnID }?.name ?? ""),
                            unitName: units.first { $0.id == notice.unitID }?.name ?? "", status: notice.status, publishedAt: notice.publishedAt,
                            important: notice.important, pinned: notice.pinnedUntil.map { $0 > Date() } ?? false, readAt: nil, changed: false,
                            replyAsked: notice.replyFields != "[]", replied: false, url: "/api/v1/notices/\(id.uuidString)")
            }, total: kept.total, page: filter.page, perPage: filter.perPage))
        default:
            throw AppError.validation(Strings.Workflow.statusInvalid, fields: ["box": "received | kept"])
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(NoticeBody.self)
        let notice = try await NoticeService.draft(body.input, access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(notice, req, status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await view(try await req.visibleNotice(), req)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let body = try req.content.decode(NoticeBody.self)
        guard let version = body.version else {
            throw AppError.validation(Strings.Notices.editedMeanwhile, fields: ["version": Strings.Notices.editedMeanwhile])
        }
        let edited = try await NoticeService.edit(try notice.requireID(), body.input, expectedVersion: version, access: access,
                                                  actor: req.workflowActor(access), app: req.application)
        return try await view(edited, req)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        return try await view(try await NoticeService.submit(try notice.requireID(), access: access, actor: req.workflowActor(access), app: req.application), req)
    }

    /// Marks the caller's receipt read (the page does it on opening).
    @Sendable func read(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        try await NoticeService.markRead(notice, by: try await req.access().userID, app: req.application)
        return try await view(notice, req)
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let body = try req.content.decode(NoticeReply.self)
        _ = try await NoticeService.reply(try notice.requireID(), body, access: access, actor: req.workflowActor(access), app: req.application)
        return try await view(notice, req)
    }

    @Sendable func receipts(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        guard try await req.access().manages(notice, on: req.db) else { throw AppError.forbidden(Strings.Notices.notManager) }
        let receipts = try await NoticeReceipts.load(notice, on: req.db)
        if req.queryValue("format") == "csv" {
            return FileDownload.response(Data(receipts.csv().utf8), contentType: "text/csv; charset=utf-8", name: Strings.Notices.csvName(notice.title))
        }
        return try APIResponse.json(ReceiptsView(total: receipts.total, read: receipts.read, units: receipts.units, people: receipts.people,
                                                 replyFields: receipts.replyFields))
    }

    @Sendable func remind(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let count = try await NoticeService.remind(try notice.requireID(), access: access, actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(Reminded(reminded: count))
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let body = try req.content.decode(WithdrawBody.self)
        return try await view(try await NoticeService.withdraw(try notice.requireID(), reason: body.reason, access: access, actor: req.workflowActor(access),
                                                               app: req.application), req)
    }

    /// A file as JSON (`name`, `contentBase64`), as the 收文 registration takes scans.
    @Sendable func upload(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let body = try req.content.decode(FileBody.self)
        guard let data = Data(base64Encoded: body.contentBase64) else {
            throw AppError.validation(Strings.Notices.attachmentRefused, fields: ["contentBase64": Strings.Notices.attachmentRefused])
        }
        _ = try await NoticeService.addAttachment(try notice.requireID(), name: body.name, data: data, access: access, actor: req.workflowActor(access),
                                                  app: req.application)
        return try await view(notice, req, status: .created)
    }

    @Sendable func file(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        guard let file = try await NoticeAttachment.find(try req.idParameter("fileID"), on: req.db), file.noticeID == notice.id else { throw AppError.notFound() }
        return NoticeFiles.response(file, inline: false)
    }

    @Sendable func deleteFile(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        try await NoticeService.deleteAttachment(try notice.requireID(), file: try req.idParameter("fileID"), access: access, actor: req.workflowActor(access),
                                                 app: req.application)
        return try await view(notice, req)
    }
}
