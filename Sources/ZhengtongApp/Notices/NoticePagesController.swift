import Fluent
import Foundation
import Gongwen
import Vapor

/// 通知公告 pages: the boards (收到的, 我发布的), writing and editing, the notice with its 回执, files, and for those
/// who manage it the receipts, 催阅 and 撤回. Every action is a ``NoticeService`` call.
struct NoticePagesController {
    /// What a publisher types; kept when a save is refused.
    struct NoticeForm: Content, Sendable {
        var version: String?
        var column: String?
        var title: String?
        var body: String?
        var important: String?
        var pinnedUntil: String?
        var expiresAt: String?
        var replyFields: [String]?
        /// Units without, and with, the units under them.
        var units: [String]?
        var unitTrees: [String]?
        var departments: [String]?
        var roles: [String]?
        var people: [String]?

        var input: NoticeService.Input {
            func ids(_ values: [String]?) -> [UUID] { (values ?? []).compactMap(UUID.init(uuidString:)) }
            let trees = ids(unitTrees)
            let audience = NoticeAudience(
                units: trees.map { .init(unit: $0, withSubunits: true) } + ids(units).filter { !trees.contains($0) }.map { .init(unit: $0, withSubunits: false) },
                departments: ids(departments), roles: (roles ?? []).filter { !$0.isEmpty }, people: ids(people))
            return NoticeService.Input(columnID: column.flatMap(UUID.init(uuidString:)), title: title, body: body, audience: audience,
                                       important: important == "on", pinnedUntil: pinnedUntil, expiresAt: expiresAt,
                                       replyFields: (replyFields ?? []).compactMap(NoticeReplyField.init(rawValue:)))
        }

        init() {}

        init(_ notice: Notice) {
            let audience = NoticeAudience.decode(notice.audience)
            version = String(notice.version)
            column = notice.columnID.uuidString
            title = notice.title
            body = notice.body
            important = notice.important ? "on" : nil
            pinnedUntil = notice.pinnedUntil.map { DocumentDate($0).iso }
            expiresAt = notice.expiresAt.map { DocumentDate($0).iso }
            replyFields = NoticeReplyField.decode(notice.replyFields).map(\.rawValue)
            units = audience.units.filter { !$0.withSubunits }.map(\.unit.uuidString)
            unitTrees = audience.units.filter(\.withSubunits).map(\.unit.uuidString)
            departments = audience.departments.map(\.uuidString)
            roles = audience.roles
            people = audience.people.map(\.uuidString)
        }
    }

    struct BoardLine: Encodable, Sendable {
        var title: String
        var href: String
        var column: String
        var unit: String
        var time: String
        var important: Bool
        var pinned: Bool
        var unread: Bool
        var changed: Bool
        var replyAsked: Bool
        var replied: Bool
    }

    struct KeptLine: Encodable, Sendable {
        var title: String
        var href: String
        var column: String
        var status: String
        var time: String
    }

    struct BoardPage: Encodable, Sendable {
        var tabs: [ListTab]
        var mine: Bool
        var lines: [BoardLine]
        var kept: [KeptLine]
        var columns: [SelectOption]
        var newHref: String?
        var pager: Pager
    }

    struct FormPage: Encodable, Sendable {
        var action: String
        var form: NoticeForm
        var editing: Bool
        var published: Bool
        var columns: [SelectOption]
        var units: [SelectOption]
        var unitTrees: [SelectOption]
        var departments: [SelectOption]
        var roles: [SelectOption]
        var people: [SelectOption]
        var replyFields: [SelectOption]
        var important: Bool
        var errors: [String: String]
        var error: String?
        var cancelHref: String
    }

    struct ShowPage: Encodable, Sendable {
        var notice: NoticeView
        var id: String
        var status: String
        var version: Int
        var returnedReason: String?
        var withdrawReason: String?
        var changed: Bool
        /// 回执: asked of this reader.
        var replyAction: String?
        var reply: ReplyForm
        var replied: String?
        var attending: [SelectOption]
        var replyFields: [String]
        var manages: Bool
        var editHref: String?
        var submitAction: String?
        var fileAction: String?
        var files: [FileRow]
        var receiptsHref: String?
        var remindAction: String?
        var withdrawAction: String?
        var readCount: String?
        var instanceHref: String?
        var versions: [String]
        var errors: [String: String]
        var error: String?
    }

    struct FileRow: Encodable, Sendable {
        var name: String
        var href: String
        var inlineHref: String?
        var size: String
        var deleteAction: String?
    }

    struct ReplyForm: Content, Sendable {
        var attending: String?
        var count: String?
        var contact: String?
        var note: String?
    }

    struct ReceiptsPage: Encodable, Sendable {
        struct Person: Encodable, Sendable {
            var name: String
            var unit: String
            var read: String?
            var reminded: String?
            var answers: [String]
            var replied: String?
        }
        var title: String
        var noticeHref: String
        var units: [NoticeReceipts.UnitLine]
        var people: [Person]
        var fields: [String]
        var summary: String
        var csvHref: String
        var remindAction: String?
    }

    struct WithdrawForm: Content, Sendable {
        var reason: String?
    }

    struct Upload: Content, Sendable {
        var file: File?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.notices, use: board)
        routes.get(SiteURL.noticesMine, use: mine)
        routes.get(SiteURL.noticeNew, use: newForm)
        routes.post(SiteURL.notices, use: create)
        routes.get(SiteURL.notice, use: show)
        routes.get(SiteURL.noticeEdit, use: editForm)
        routes.post(SiteURL.notice, use: update)
        routes.post(SiteURL.noticeSubmit, use: submit)
        routes.post(SiteURL.noticeReply, use: reply)
        routes.post(SiteURL.noticeRemind, use: remind)
        routes.post(SiteURL.noticeWithdraw, use: withdraw)
        routes.get(SiteURL.noticeReceipts, use: receipts)
        routes.get(SiteURL.noticeReceiptsCSV, use: receiptsCSV)
        routes.on(.POST, SiteURL.noticeFiles.components, body: .collect(maxSize: "21mb"), use: upload)
        routes.get(SiteURL.noticeFile, use: file)
        routes.post(SiteURL.noticeFileDelete, use: deleteFile)
    }

    // MARK: Boards

    @Sendable func board(req: Request) async throws -> Response {
        try await renderBoard(req, mine: false)
    }

    @Sendable func mine(req: Request) async throws -> Response {
        try await renderBoard(req, mine: true)
    }

    private func renderBoard(_ req: Request, mine: Bool) async throws -> Response {
        let access = try await req.access()
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let column = req.queryValue("column").flatMap(UUID.init(uuidString:))
        let publishable = try await NoticeBoard.publishable(for: access, on: req.db)
        var lines: [BoardLine] = []
        var kept: [KeptLine] = []
        var total = 0
        if mine {
            let result = try await NoticeBoard.kept(by: access, page: page, perPage: 20, on: req.db)
            let columns = try await NoticeColumn.query(on: req.db).filter(\.$id ~~ Array(Set(result.notices.map(\.columnID)))).all()
            kept = try result.notices.map { notice in
                KeptLine(title: notice.title, href: SiteURL.notice.link(try notice.requireID()),
                         column: columns.first { $0.id == notice.columnID }?.name ?? "", status: Strings.Notices.statusLabel(notice.statusValue),
                         time: DisplayFormat.minute(notice.updatedAt))
            }
            total = result.total
        } else {
            let result = try await NoticeBoard.received(by: access.userID, column: column, page: page, perPage: 20, on: req.db)
            lines = result.lines.map { line in
                BoardLine(title: line.title, href: SiteURL.notice.link(line.id), column: line.columnName, unit: line.unitName,
                          time: DisplayFormat.minute(line.publishedAt), important: line.important, pinned: line.pinned, unread: line.readAt == nil,
                          changed: line.readAt != nil && line.changed, replyAsked: line.replyAsked, replied: line.replied)
            }
            total = result.total
        }
        let unread = try await NoticeBoard.unreadCount(of: access.userID, on: req.db)
        let t = Strings.page
        let tabs = [ListTab(key: "received", label: t["notices_received"]!, count: unread > 0 ? unread : nil, href: SiteURL.notices.path, active: !mine),
                    ListTab(key: "mine", label: t["notices_mine"]!, count: nil, href: SiteURL.noticesMine.path, active: mine)]
        let columnOptions = try await NoticeColumn.query(on: req.db).filter(\.$isDisabled == false).sort(\.$sortOrder).all()
        return try await req.renderPage("notices/board", title: Strings.Notices.boardTitle, section: .notices, BoardPage(
            tabs: tabs, mine: mine, lines: lines, kept: kept,
            columns: try columnOptions.filter { !mine || access.canPublish(in: $0) }.map { SelectOption(value: try $0.requireID().uuidString, label: $0.name, selected: $0.id == column) }
                .reduce(into: [SelectOption]()) { list, option in if !list.contains(where: { $0.label == option.label && $0.value == option.value }) { list.append(option) } },
            newHref: publishable.isEmpty ? nil : SiteURL.noticeNew.path, pager: Pager(page: page, perPage: 20, total: total, request: req)))
    }

    // MARK: Writing

    @Sendable func newForm(req: Request) async throws -> Response {
        var form = NoticeForm()
        form.column = req.queryValue("column")
        return try await renderForm(req, form: form, notice: nil, errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(NoticeForm.self)
        do {
            let notice = try await NoticeService.draft(form.input, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Notices.saved)
            return req.redirect(to: SiteURL.notice.link(try notice.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderForm(req, form: form, notice: nil, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        try await NoticeService.requireEditable(notice, access: try await req.access(), on: req.db)
        return try await renderForm(req, form: NoticeForm(notice), notice: notice, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let form = try req.content.decode(NoticeForm.self)
        do {
            try await NoticeService.edit(try notice.requireID(), form.input, expectedVersion: form.version.flatMap(Int.init) ?? -1, access: access,
                                         actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Notices.saved)
            return req.redirect(to: SiteURL.notice.link(try notice.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderForm(req, form: form, notice: notice, errors: error.fields, error: error.message, status: error.status)
        }
    }

    private func renderForm(_ req: Request, form: NoticeForm, notice: Notice?, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let columns = try await NoticeBoard.publishable(for: access, on: req.db)
        guard !columns.isEmpty || notice != nil else { throw AppError.forbidden(Strings.Notices.noColumn) }
        let chosenColumn = columns.first { $0.id?.uuidString == form.column } ?? columns.first
        let reachUnit = notice?.unitID ?? chosenColumn?.unitID ?? access.unitID
        let reach = try await NoticeAudience.reach(of: reachUnit, tree: access.tree, on: req.db)
        let units = try await Unit.query(on: req.db).filter(\.$id ~~ Array(reach)).filter(\.$isDisabled == false).sort(\.$sortOrder).sort(\.$name).all()
        func options(_ values: [(String, String)], chosen: [String]?) -> [SelectOption] {
            let set = Set(chosen ?? [])
            return values.map { SelectOption(value: $0.0, label: $0.1, selected: set.contains($0.0)) }
        }
        let unitValues = try units.map { (try $0.requireID().uuidString, $0.name) }
        let departments = try await Department.query(on: req.db).filter(\.$unit.$id == access.unitID).filter(\.$isDisabled == false).sort(\.$sortOrder).all()
        let roles = try await Role.query(on: req.db).sort(\.$name).all().filter { !BuiltinRole.administrators.map(\.rawValue).contains($0.code) }
        let people = try await User.query(on: req.db).filter(\.$unit.$id == access.unitID).filter(\.$isDisabled == false).sort(\.$sortOrder).sort(\.$name).all()
        let id = try notice?.requireID()
        let page = FormPage(
            action: id.map { SiteURL.notice.link($0) } ?? SiteURL.notices.path, form: form, editing: notice != nil,
            published: notice?.statusValue == .published,
            columns: try columns.map { SelectOption(value: try $0.requireID().uuidString, label: $0.name, selected: $0.id == chosenColumn?.id) },
            units: options(unitValues, chosen: form.units), unitTrees: options(unitValues, chosen: form.unitTrees),
            departments: options(try departments.map { (try $0.requireID().uuidString, $0.name) }, chosen: form.departments),
            roles: options(roles.map { ($0.code, $0.name) }, chosen: form.roles),
            people: options(try people.map { (try $0.requireID().uuidString, $0.name) }, chosen: form.people),
            replyFields: options(NoticeReplyField.allCases.map { ($0.rawValue, $0.label) }, chosen: form.replyFields),
            important: form.important == "on", errors: errors, error: error,
            cancelHref: id.map { SiteURL.notice.link($0) } ?? SiteURL.notices.path)
        let title = notice == nil ? Strings.Notices.newTitle : Strings.Notices.editTitle
        return try await req.renderPage("notices/form", title: title, section: .notices, page, status: status)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        do {
            _ = try await NoticeService.submit(try notice.requireID(), access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Notices.submitted)
        } catch let error as AppError where error.status != .notFound {
            req.flash(error.message)
        }
        return req.redirect(to: SiteURL.notice.link(try notice.requireID()))
    }

    // MARK: Reading

    @Sendable func show(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        try await NoticeService.markRead(notice, by: try await req.access().userID, app: req.application)
        return try await renderShow(req, notice, reply: nil, errors: [:], error: nil)
    }

    private func renderShow(_ req: Request, _ notice: Notice, reply typed: ReplyForm?, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let dto = try await NoticeDTO.load(notice, for: access, on: req.db)
        let view = try await NoticeView.load(notice, for: access, on: req.db)
        let id = dto.id
        let editable = (try? await NoticeService.requireEditable(notice, access: access, on: req.db)) != nil
        let published = notice.statusValue == .published
        let asksReply = published && !dto.replyFields.isEmpty && dto.receipt != nil
        let answered = dto.receipt?.reply
        let reply = typed ?? ReplyForm(attending: answered?.attending.map { $0 ? "yes" : "no" }, count: answered?.count.map(String.init),
                                       contact: answered?.contact, note: answered?.note)
        var readCount: String?
        if dto.manages && published {
            let receipts = try await NoticeReceipts.load(notice, on: req.db)
            readCount = Strings.Notices.readCount(read: receipts.read, total: receipts.total)
        }
        let versions = dto.manages ? try await NoticeVersion.query(on: req.db).filter(\.$noticeID == id).sort(\.$version, .descending).all()
            .map { Strings.Notices.versionLine(version: $0.version, title: $0.title, time: DisplayFormat.minute($0.createdAt)) } : []
        let t = Strings.page
        let page = ShowPage(
            notice: view, id: id.uuidString, status: notice.status, version: notice.version, returnedReason: notice.returnedReason,
            withdrawReason: notice.withdrawReason, changed: dto.receipt?.changed ?? false,
            replyAction: asksReply ? SiteURL.noticeReply.link(id) : nil, reply: reply,
            replied: dto.receipt?.repliedAt.map(DisplayFormat.minute),
            attending: [SelectOption(value: "yes", label: t["notice_attending_yes"]!, selected: reply.attending == "yes"),
                        SelectOption(value: "no", label: t["notice_attending_no"]!, selected: reply.attending == "no")],
            replyFields: dto.replyFields.map(\.rawValue), manages: dto.manages,
            editHref: editable ? SiteURL.noticeEdit.link(id) : nil,
            submitAction: notice.statusValue == .drafting && notice.authorID == access.userID ? SiteURL.noticeSubmit.link(id) : nil,
            fileAction: editable ? SiteURL.noticeFiles.link(id) : nil,
            files: dto.attachments.map { file in
                FileRow(name: file.name, href: SiteURL.noticeFile.link(id, file.id), inlineHref: file.picture ? SiteURL.noticeFile.link(id, file.id) + "?inline=1" : nil,
                        size: UploadedFiles.sizeText(file.size), deleteAction: editable ? SiteURL.noticeFileDelete.link(id, file.id) : nil)
            },
            receiptsHref: dto.manages && published ? SiteURL.noticeReceipts.link(id) : nil,
            remindAction: dto.manages && published ? SiteURL.noticeRemind.link(id) : nil,
            withdrawAction: dto.manages && published ? SiteURL.noticeWithdraw.link(id) : nil,
            readCount: readCount, instanceHref: notice.instanceID.map { SiteURL.instance.link($0) }, versions: versions, errors: errors, error: error)
        return try await req.renderPage("notices/show", title: notice.title, section: .notices, page, status: status)
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let form = try req.content.decode(ReplyForm.self)
        let count = FieldRules.trimmed(form.count)
        let reply = NoticeReply(attending: form.attending == "yes" ? true : (form.attending == "no" ? false : nil),
                                count: count.isEmpty ? nil : Int(count) ?? -1, contact: form.contact, note: form.note)
        do {
            _ = try await NoticeService.reply(try notice.requireID(), reply, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Notices.replied)
            return req.redirect(to: SiteURL.notice.link(try notice.requireID()))
        } catch let error as AppError where error.status != .notFound {
            return try await renderShow(req, notice, reply: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func remind(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let count = try await NoticeService.remind(try notice.requireID(), access: access, actor: req.workflowActor(access), app: req.application)
        req.flash(Strings.Notices.reminded(count))
        return req.redirect(to: LocalPath.validated(try? req.content.get(String.self, at: "returnTo"), or: SiteURL.noticeReceipts.link(try notice.requireID())))
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let form = try req.content.decode(WithdrawForm.self)
        do {
            _ = try await NoticeService.withdraw(try notice.requireID(), reason: form.reason, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Notices.withdrawn)
            return req.redirect(to: SiteURL.notice.link(try notice.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderShow(req, notice, reply: nil, errors: error.fields, error: error.message, status: error.status)
        }
    }

    // MARK: Receipts

    @Sendable func receipts(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        guard try await req.access().manages(notice, on: req.db) else { throw AppError.forbidden(Strings.Notices.notManager) }
        let id = try notice.requireID()
        let receipts = try await NoticeReceipts.load(notice, on: req.db)
        let t = Strings.Notices.self
        let people = receipts.people.map { person in
            ReceiptsPage.Person(name: person.name, unit: person.unit, read: person.readAt.map(DisplayFormat.minute), reminded: person.remindedAt.map(DisplayFormat.minute),
                                answers: receipts.replyFields.map { field in
                                    switch field {
                                    case .attendance: person.reply?.attending.map { $0 ? t.attending : t.notAttending } ?? ""
                                    case .count: person.reply?.count.map(String.init) ?? ""
                                    case .contact: person.reply?.contact ?? ""
                                    case .note: person.reply?.note ?? ""
                                    }
                                }, replied: person.repliedAt.map(DisplayFormat.minute))
        }
        return try await req.renderPage("notices/receipts", title: Strings.Notices.receiptsTitle, section: .notices, ReceiptsPage(
            title: notice.title, noticeHref: SiteURL.notice.link(id), units: receipts.units, people: people, fields: receipts.replyFields.map(\.label),
            summary: Strings.Notices.readCount(read: receipts.read, total: receipts.total), csvHref: SiteURL.noticeReceiptsCSV.link(id),
            remindAction: notice.statusValue == .published && receipts.read < receipts.total ? SiteURL.noticeRemind.link(id) : nil))
    }

    @Sendable func receiptsCSV(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        guard try await req.access().manages(notice, on: req.db) else { throw AppError.forbidden(Strings.Notices.notManager) }
        let csv = try await NoticeReceipts.load(notice, on: req.db).csv()
        return FileDownload.response(Data(csv.utf8), contentType: "text/csv; charset=utf-8", name: Strings.Notices.csvName(notice.title))
    }

    // MARK: Files

    @Sendable func upload(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        let upload = try req.content.decode(Upload.self)
        let id = try notice.requireID()
        do {
            guard let file = upload.file else { throw AppError.validation(Strings.Notices.attachmentRefused) }
            _ = try await NoticeService.addAttachment(id, name: file.filename, data: Data(file.data.readableBytesView), access: access,
                                                      actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Notices.attachmentAdded)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .payloadTooLarge {
            req.flash(error.message)
        }
        return req.redirect(to: SiteURL.notice.link(id))
    }

    @Sendable func file(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        guard let file = try await NoticeAttachment.find(try req.idParameter("fileID"), on: req.db), file.noticeID == notice.id else { throw AppError.notFound() }
        return NoticeFiles.response(file, inline: req.queryValue("inline") == "1")
    }

    @Sendable func deleteFile(req: Request) async throws -> Response {
        let notice = try await req.visibleNotice()
        let access = try await req.access()
        try await NoticeService.deleteAttachment(try notice.requireID(), file: try req.idParameter("fileID"), access: access, actor: req.workflowActor(access),
                                                 app: req.application)
        req.flash(Strings.Notices.attachmentDeleted)
        return req.redirect(to: SiteURL.notice.link(try notice.requireID()))
    }
}

/// A notice's file as an answer: downloaded, or — a picture asked for inline — shown in the page.
enum NoticeFiles {
    static func response(_ file: NoticeAttachment, inline: Bool) -> Response {
        guard inline, file.isPicture else { return FileDownload.response(file.data, contentType: file.contentType, name: file.name) }
        let response = Response(status: .ok, body: .init(data: file.data))
        response.headers.replaceOrAdd(name: .contentType, value: file.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return response
    }
}
