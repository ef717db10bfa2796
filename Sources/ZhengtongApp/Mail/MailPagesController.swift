import Fluent
import Foundation
import Vapor

/// 内部邮件 pages: a folder's list (or a search), a message with its thread, the compose form (a draft that saves
/// itself), folders and groups. Every action is a ``MailService`` call; every read goes through ``MailScope``.
struct MailPagesController {
    /// What the compose form sends (multipart with its file, or url-encoded from the autosave).
    struct ComposeForm: Content, Sendable {
        var version: String?
        var subject: String?
        var body: String?
        var to: [String]?
        var cc: [String]?
        var bcc: [String]?
        /// Names typed without the picker (comma separated), resolved at saving.
        var toText: String?
        var ccText: String?
        var bccText: String?
        var important: String?
        var receipt: String?
        /// `save` or `send`.
        var action: String?
        var file: File?
    }

    struct Chip: Encodable, Sendable {
        var token: String
        var label: String
    }

    struct Line: Encodable, Sendable {
        var subject: String
        var href: String
        var who: String
        var time: String
        var unread: Bool
        var important: Bool
        var receipt: Bool
        var flagged: Bool
        var attachments: Bool
    }

    struct ListPage: Encodable, Sendable {
        var folders: [ListTab]
        var folderLabel: String
        var folder: String
        var query: String
        var searching: Bool
        var lines: [Line]
        var trash: Bool
        var usage: String
        var pager: Pager
    }

    struct ComposePage: Encodable, Sendable {
        var action: String
        var autosave: String
        var form: ComposeForm
        var to: [Chip]
        var cc: [Chip]
        var bcc: [Chip]
        var attachments: [FileRow]
        var important: Bool
        var receipt: Bool
        var errors: [String: String]
        var error: String?
    }

    struct FileRow: Encodable, Sendable {
        var name: String
        var size: String
        var href: String?
        var deleteAction: String?
    }

    struct RecipientRow: Encodable, Sendable {
        var name: String
        var kind: String
        var readAt: String?
        var recalled: Bool
    }

    struct ThreadRow: Encodable, Sendable {
        var subject: String
        var who: String
        var time: String
        var href: String
        var current: Bool
        /// The start of its text, so the conversation reads on one page.
        var excerpt: String
    }

    struct Block: Encodable, Sendable {
        var heading: Bool
        var item: Bool
        var runs: [NoticeBlock.Run]
    }

    struct ShowPage: Encodable, Sendable {
        var id: String
        var subject: String
        var sender: String
        var time: String
        var to: String
        var cc: String
        var bcc: String
        var blocks: [Block]
        var important: Bool
        var receipt: Bool
        var isSender: Bool
        var isDraft: Bool
        var inTrash: Bool
        var unread: Bool
        var flagged: Bool
        var attachments: [FileRow]
        var recipients: [RecipientRow]
        var thread: [ThreadRow]
        var folders: [SelectOption]
        var actionHref: String
        var respondHref: String
        var recallHref: String?
        var editHref: String?
        var backHref: String
    }

    struct SettingsPage: Encodable, Sendable {
        struct Group: Encodable, Sendable {
            var name: String
            var members: String
            var deleteAction: String
        }
        struct Folder: Encodable, Sendable {
            var name: String
            var href: String
            var deleteAction: String
        }
        var folders: [Folder]
        var groups: [Group]
        var errors: [String: String]
        var error: String?
    }

    struct ActionForm: Content, Sendable {
        var action: String?
        var folder: String?
        var mode: String?
    }

    struct NameForm: Content, Sendable {
        var name: String?
        var members: [String]?
        var membersText: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.mail, use: list)
        routes.get(SiteURL.mailCompose, use: compose)
        routes.on(.POST, SiteURL.mailDraft.components, body: .collect(maxSize: "25mb"), use: saveDraft)
        routes.get(SiteURL.mailDraftEdit, use: editDraft)
        routes.post(SiteURL.mailDraftAutosave, use: autosave)
        routes.post(SiteURL.mailDraftAttachmentDelete, use: detach)
        routes.get(SiteURL.mailMessage, use: show)
        routes.post(SiteURL.mailRespond, use: respond)
        routes.post(SiteURL.mailRecall, use: recall)
        routes.post(SiteURL.mailAction, use: act)
        routes.get(SiteURL.mailAttachment, use: download)
        routes.get(SiteURL.mailRecipients, use: recipients)
        routes.get(SiteURL.mailSettings, use: settings)
        routes.post(SiteURL.mailFolders, use: createFolder)
        routes.post(SiteURL.mailFolderDelete, use: deleteFolder)
        routes.post(SiteURL.mailGroups, use: createGroup)
        routes.post(SiteURL.mailGroupDelete, use: deleteGroup)
    }

    // MARK: Lists

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let folder = req.queryValue("folder") ?? "inbox"
        let query = FieldRules.trimmed(req.queryValue("q"))
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let result = try await MailBox.list(of: access.userID, folder: folder, search: query, page: page, perPage: 30, on: req.db)
        let own = try await MailFolder.query(on: req.db).filter(\.$ownerID == access.userID).sort(\.$name).all()
        let unread = try await MailBox.unreadCount(of: access.userID, on: req.db)
        var tabs = [MailDelivery.Folder.inbox, .sent, .drafts, .trash].map { box in
            ListTab(key: box.rawValue, label: Strings.Mail.folderLabel(box), count: box == .inbox && unread > 0 ? unread : nil,
                    href: SiteURL.mail.path + "?folder=" + box.rawValue, active: query.isEmpty && folder == box.rawValue)
        }
        tabs += try own.map { item in
            let id = try item.requireID().uuidString
            return ListTab(key: id, label: item.name, count: nil, href: SiteURL.mail.path + "?folder=" + id, active: query.isEmpty && folder == id)
        }
        let lines = try result.lines.map { line -> Line in
            let id = try line.message.requireID()
            let draft = line.message.statusValue == .draft
            let sent = line.copy.kindValue == .sender
            let addressing = MailAddressing.decode(line.message.addressing)
            let who = sent ? (addressing.to + addressing.cc + addressing.bcc).compactMap(\.label).joined(separator: Strings.listSeparator) : line.senderName
            return Line(subject: line.message.subject.isEmpty ? "—" : line.message.subject,
                        href: draft ? SiteURL.mailDraftEdit.link(id) : SiteURL.mailMessage.link(id), who: who,
                        time: DisplayFormat.minute(line.message.sentAt ?? line.message.updatedAt), unread: !sent && line.copy.readAt == nil,
                        important: line.message.important, receipt: line.message.receiptRequested, flagged: line.copy.flagged, attachments: line.attachments > 0)
        }
        let label = query.isEmpty ? (tabs.first { $0.active }?.label ?? Strings.Mail.title) : Strings.page["mail_search_results"]!
        return try await req.renderPage("mail/list", title: Strings.Mail.title, section: .mail, ListPage(
            folders: tabs, folderLabel: label, folder: folder, query: query, searching: !query.isEmpty, lines: lines, trash: folder == "trash" && query.isEmpty,
            usage: Strings.Mail.usage(used: try await MailService.usage(of: access.userID, on: req.db), quota: try await MailSettings.effective(for: access.unitID, app: req.application).quotaBytes),
            pager: Pager(page: page, perPage: 30, total: result.total, request: req)))
    }

    // MARK: Compose

    /// A new message: `to` (an address token) and `link` + `title` (转发到邮件 from a 公文, notice or meeting: the body
    /// starts with the link to the thing's own page, which checks who may see it).
    @Sendable func compose(req: Request) async throws -> Response {
        let access = try await req.access()
        var form = ComposeForm()
        if let token = req.queryValue("to"), MailAddress(token: token) != nil { form.to = [token] }
        if let link = LocalPath.validated(req.queryValue("link")) {
            let title = String(FieldRules.trimmed(req.queryValue("title")).prefix(200))
            form.subject = title
            form.body = Strings.Mail.linkLine(title, link) + "\n"
        }
        return try await renderCompose(req, id: UUID(), form: form, message: nil, access: access, errors: [:], error: nil)
    }

    @Sendable func editDraft(req: Request) async throws -> Response {
        let access = try await req.access()
        let draft = try await MailScope.draft(try req.idParameter("messageID"), by: access.userID, on: req.db)
        let addressing = MailAddressing.decode(draft.addressing)
        var form = ComposeForm()
        form.version = String(draft.version)
        form.subject = draft.subject
        form.body = draft.body
        form.to = addressing.to.map(\.token)
        form.cc = addressing.cc.map(\.token)
        form.bcc = addressing.bcc.map(\.token)
        form.important = draft.important ? "on" : nil
        form.receipt = draft.receiptRequested ? "on" : nil
        return try await renderCompose(req, id: try draft.requireID(), form: form, message: draft, access: access, errors: [:], error: nil)
    }

    private static func input(_ form: ComposeForm, typed: MailAddressing) -> MailService.Input {
        func list(_ tokens: [String]?, _ extra: [MailAddress]) -> [MailAddress] { (tokens ?? []).compactMap(MailAddress.init(token:)) + extra }
        return MailService.Input(subject: form.subject, body: form.body,
                                 addressing: MailAddressing(to: list(form.to, typed.to), cc: list(form.cc, typed.cc), bcc: list(form.bcc, typed.bcc)),
                                 important: form.important == "on", receiptRequested: form.receipt == "on")
    }

    /// Names typed into the fields without the picker: each must name exactly one active person or one of one's groups.
    private static func typedAddresses(_ form: ComposeForm, access: Access, on db: any Database) async throws -> MailAddressing {
        var result = MailAddressing()
        var errors: [String: String] = [:]
        for (text, path, field) in [(form.toText, \MailAddressing.to, "to"), (form.ccText, \.cc, "cc"), (form.bccText, \.bcc, "bcc")] {
            let names = (text ?? "").split(whereSeparator: { ",，、;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for name in names.prefix(100) {
                if let address = try await MailRecipients.exact(name, access: access, on: db) {
                    result[keyPath: path].append(address)
                } else {
                    errors[field] = Strings.Mail.nameUnknown + " " + name
                }
            }
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return result
    }

    /// 保存草稿 or 发送: the draft is saved first (and the file attached), so a refused send loses nothing typed.
    @Sendable func saveDraft(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("messageID")
        var form = try req.content.decode(ComposeForm.self)
        let actor = req.workflowActor(access)
        let existing = try await MailMessage.find(id, on: req.db)
        if let existing, existing.senderID != access.userID { throw AppError.notFound() }
        do {
            let typed = try await Self.typedAddresses(form, access: access, on: req.db)
            let saved = try await MailService.save(id, Self.input(form, typed: typed), expectedVersion: existing == nil ? nil : form.version.flatMap(Int.init),
                                                   access: access, actor: actor, app: req.application)
            form.version = String(saved.version)
            // What was typed by name is now in the draft as addressees: shown as such if the send is refused.
            let savedAddressing = MailAddressing.decode(saved.addressing)
            form.to = savedAddressing.to.map(\.token)
            form.cc = savedAddressing.cc.map(\.token)
            form.bcc = savedAddressing.bcc.map(\.token)
            form.toText = nil
            form.ccText = nil
            form.bccText = nil
            if let file = form.file, file.data.readableBytes > 0 {
                try await MailService.attach(id, name: file.filename, data: Data(file.data.readableBytesView), access: access, actor: actor, app: req.application)
            }
            if form.action == "send" {
                try await MailService.send(id, access: access, actor: actor, app: req.application)
                req.flash(Strings.Mail.sent)
                return req.redirect(to: SiteURL.mailMessage.link(id))
            }
            req.flash(Strings.Mail.saved)
            return req.redirect(to: SiteURL.mailDraftEdit.link(id))
        } catch let error as AppError where ([.unprocessableEntity, .conflict, .payloadTooLarge] as [HTTPResponseStatus]).contains(error.status) {
            let message = try await MailMessage.find(id, on: req.db)
            if let message { form.version = String(message.version) }
            // The typed-in names stay; what was saved is shown from the draft on the next load.
            return try await renderCompose(req, id: id, form: form, message: message, access: access, errors: error.fields, error: error.message,
                                           status: error.status)
        }
    }

    struct AutosaveResult: Content, Sendable {
        var saved: Bool
        var version: Int
        var savedAt: String
    }

    /// The compose page's save every minute (the shared `data-autosave` script of 发文): JSON, errors as JSON too.
    @Sendable func autosave(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("messageID")
        let form = try req.content.decode(ComposeForm.self)
        let existing = try await MailMessage.find(id, on: req.db)
        do {
            if let existing, existing.senderID != access.userID { throw AppError.notFound() }
            let saved = try await MailService.save(id, Self.input(form, typed: MailAddressing()),
                                                   expectedVersion: existing == nil ? nil : form.version.flatMap(Int.init), access: access,
                                                   actor: req.workflowActor(access), app: req.application)
            return try APIResponse.json(AutosaveResult(saved: true, version: saved.version, savedAt: DisplayFormat.time(Date())))
        } catch let error as AppError {
            return try APIResponse.json(["error": ["code": error.code, "message": error.message]], status: error.status)
        }
    }

    private func renderCompose(_ req: Request, id: UUID, form: ComposeForm, message: MailMessage?, access: Access, errors: [String: String],
                               error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let saved = message.map { MailAddressing.decode($0.addressing) } ?? MailAddressing()
        func chips(_ tokens: [String]?, _ known: [MailAddress]) async throws -> [Chip] {
            var result: [Chip] = []
            for token in tokens ?? [] {
                guard let address = MailAddress(token: token), !result.contains(where: { $0.token == token }) else { continue }
                var label = known.first { $0 == address }?.label
                if label == nil { label = try await MailAddressing.label(of: address, sender: access, on: req.db) }
                if let label { result.append(Chip(token: token, label: label)) }
            }
            return result
        }
        var attachments: [FileRow] = []
        if message != nil {
            attachments = try await MailAttachment.query(on: req.db).filter(\.$messageID == id).sort(\.$createdAt).all().map { file in
                FileRow(name: file.name, size: UploadedFiles.sizeText(file.size), href: nil,
                        deleteAction: SiteURL.mailDraftAttachmentDelete.link(id, try file.requireID()))
            }
        }
        var form = form
        form.file = nil
        return try await req.renderPage("mail/compose", title: Strings.Mail.composeTitle, section: .mail, ComposePage(
            action: SiteURL.mailDraft.link(id), autosave: SiteURL.mailDraftAutosave.link(id), form: form,
            to: try await chips(form.to, saved.to), cc: try await chips(form.cc, saved.cc), bcc: try await chips(form.bcc, saved.bcc),
            attachments: attachments, important: form.important == "on", receipt: form.receipt == "on", errors: errors, error: error), status: status)
    }

    @Sendable func detach(req: Request) async throws -> Response {
        let id = try req.idParameter("messageID")
        try await MailService.detach(id, attachment: try req.idParameter("attachmentID"), access: try await req.access(), app: req.application)
        req.flash(Strings.Mail.removed)
        return req.redirect(to: SiteURL.mailDraftEdit.link(id))
    }

    // MARK: Reading

    @Sendable func show(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("messageID")
        let (message, copy) = try await MailService.open(id, by: access.userID, app: req.application)
        if message.statusValue == .draft { return req.redirect(to: SiteURL.mailDraftEdit.link(id)) }
        let dto = try await MailMessageDTO.load(message, copy: copy, for: access.userID, on: req.db)
        let own = try await MailFolder.query(on: req.db).filter(\.$ownerID == access.userID).sort(\.$name).all()
        let home = copy.kindValue == .sender ? MailDelivery.Folder.sent : .inbox
        let folders = [SelectOption(value: home.rawValue, label: Strings.Mail.folderLabel(home), selected: copy.folderValue == home)]
            + (try own.map { SelectOption(value: try $0.requireID().uuidString, label: $0.name, selected: $0.id == copy.folderID) })
        let separator = Strings.listSeparator
        let threadBodies = Dictionary(try await MailBox.thread(message.threadID, of: access.userID, on: req.db).map { (try $0.requireID(), $0.body) },
                                      uniquingKeysWith: { first, _ in first })
        func excerpt(_ id: UUID) -> String {
            let lines = (threadBodies[id] ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let text = NoticeMarkup.plainText(NoticeMarkup.parse(lines.prefix { !$0.hasPrefix("—— ") }.filter { !$0.hasPrefix(">") }.joined(separator: "\n")))
                .replacingOccurrences(of: "\n", with: " ")
            return text.count > 140 ? String(text.prefix(140)) + "…" : text
        }
        let page = ShowPage(
            id: id.uuidString, subject: message.subject, sender: dto.sender.name, time: DisplayFormat.minute(message.sentAt ?? message.updatedAt),
            to: dto.to.map(\.label).joined(separator: separator), cc: dto.cc.map(\.label).joined(separator: separator),
            bcc: dto.bcc.map(\.label).joined(separator: separator),
            blocks: NoticeMarkup.parse(message.body).map { Block(heading: $0.kind == .heading, item: $0.kind == .item, runs: $0.runs) },
            important: message.important, receipt: message.receiptRequested, isSender: copy.kindValue == .sender, isDraft: false,
            inTrash: copy.folderValue == .trash, unread: copy.kindValue != .sender && copy.readAt == nil, flagged: copy.flagged,
            attachments: dto.attachments.map { FileRow(name: $0.name, size: UploadedFiles.sizeText($0.size), href: SiteURL.mailAttachment.link(id, $0.id), deleteAction: nil) },
            recipients: dto.recipients.map { RecipientRow(name: $0.name, kind: Strings.page["mail_" + $0.kind] ?? "", readAt: $0.readAt.map(DisplayFormat.minute),
                                                          recalled: $0.recalledAt != nil) },
            thread: dto.thread.map { ThreadRow(subject: $0.subject, who: $0.senderName, time: $0.sentAt.map(DisplayFormat.minute) ?? "",
                                               href: SiteURL.mailMessage.link($0.id), current: $0.id == id,
                                               excerpt: $0.id == id ? "" : excerpt($0.id)) },
            folders: folders, actionHref: SiteURL.mailAction.link(id), respondHref: SiteURL.mailRespond.link(id),
            recallHref: copy.kindValue == .sender ? SiteURL.mailRecall.link(id) : nil, editHref: nil,
            backHref: SiteURL.mail.path + "?folder=" + (copy.folderValue == .custom ? copy.folderID?.uuidString ?? "inbox" : copy.folder))
        return try await req.renderPage("mail/show", title: message.subject, section: .mail, page)
    }

    @Sendable func respond(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(ActionForm.self)
        guard let mode = form.mode.flatMap(MailService.Response.init(rawValue:)) else { throw AppError.validation(Strings.Error.formInvalid) }
        let draft = try await MailService.respond(try req.idParameter("messageID"), mode, access: access, actor: req.workflowActor(access), app: req.application)
        return req.redirect(to: SiteURL.mailDraftEdit.link(try draft.requireID()))
    }

    @Sendable func recall(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("messageID")
        do {
            let people = try await MailService.recall(id, access: access, actor: req.workflowActor(access), app: req.application)
            let names = try await User.query(on: req.db).filter(\.$id ~~ people).all().map(\.name)
            req.flash(Strings.Mail.recalled(names))
        } catch let error as AppError where error.status == .forbidden || error.status == .conflict {
            req.flash(error.message)
        }
        return req.redirect(to: SiteURL.mailMessage.link(id))
    }

    /// 已读/未读, 标记, 移动, 删除, 恢复 from the message page.
    @Sendable func act(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("messageID")
        let form = try req.content.decode(ActionForm.self)
        let app = req.application
        let (_, copy) = try await MailScope.held(id, by: access.userID, on: req.db)
        do {
            switch form.action ?? "" {
            case "read": try await MailService.markRead(id, true, access: access, app: app)
            case "unread":
                try await MailService.markRead(id, false, access: access, app: app)
                return req.redirect(to: SiteURL.mail.path)
            case "flag": try await MailService.flag(id, true, access: access, app: app)
            case "unflag": try await MailService.flag(id, false, access: access, app: app)
            case "move":
                try await MailService.move(id, to: form.folder ?? "", access: access, app: app)
                req.flash(Strings.Mail.moved)
            case "delete":
                try await MailService.delete(id, access: access, app: app)
                req.flash(copy.folderValue == .trash ? Strings.Mail.deletedForGood : Strings.Mail.deleted)
                return req.redirect(to: SiteURL.mail.path + "?folder=" + (copy.folderValue == .trash ? "trash" : copy.kindValue == .sender ? "sent" : "inbox"))
            case "restore":
                try await MailService.restore(id, access: access, app: app)
                req.flash(Strings.Mail.restored)
            default: throw AppError.validation(Strings.Error.formInvalid)
            }
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            req.flash(error.message)
        }
        return req.redirect(to: SiteURL.mailMessage.link(id))
    }

    @Sendable func download(req: Request) async throws -> Response {
        let (message, _) = try await req.heldMail()
        return try await MailAttachment.download(try req.idParameter("attachmentID"), of: try message.requireID(), on: req.db)
    }

    /// The picker's JSON for the compose page's script (same search as the API).
    @Sendable func recipients(req: Request) async throws -> Response {
        let found = try await MailRecipients.search(req.queryValue("q") ?? "", access: try await req.access(), app: req.application)
        return try APIResponse.json(MailRecipients.Candidates(items: found))
    }

    // MARK: Folders and groups

    @Sendable func settings(req: Request) async throws -> Response {
        try await renderSettings(req, errors: [:], error: nil)
    }

    private func renderSettings(_ req: Request, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try await req.access().userID
        let folders = try await MailFolder.query(on: req.db).filter(\.$ownerID == person).sort(\.$name).all()
        let groups = try await MailAPIController.groupViews(of: person, on: req.db)
        return try await req.renderPage("mail/settings", title: Strings.Mail.settingsTitle, section: .mail, SettingsPage(
            folders: try folders.map { folder in
                let id = try folder.requireID()
                return .init(name: folder.name, href: SiteURL.mail.path + "?folder=" + id.uuidString, deleteAction: SiteURL.mailFolderDelete.link(id))
            },
            groups: groups.map { .init(name: $0.name, members: $0.members.map(\.name).joined(separator: Strings.listSeparator), deleteAction: SiteURL.mailGroupDelete.link($0.id)) },
            errors: errors, error: error), status: status)
    }

    @Sendable func createFolder(req: Request) async throws -> Response {
        do {
            _ = try await MailService.createFolder(named: try req.content.decode(NameForm.self).name, access: try await req.access(), app: req.application)
            req.flash(Strings.Mail.folderSaved)
            return req.redirect(to: SiteURL.mailSettings.path)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderSettings(req, errors: error.fields.mapKeys { "folder_" + $0 }, error: error.message, status: error.status)
        }
    }

    @Sendable func deleteFolder(req: Request) async throws -> Response {
        try await MailService.deleteFolder(try req.idParameter("folderID"), access: try await req.access(), app: req.application)
        req.flash(Strings.Mail.removed)
        return req.redirect(to: SiteURL.mailSettings.path)
    }

    @Sendable func createGroup(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(NameForm.self)
        do {
            var members = (form.members ?? []).compactMap { MailAddress(token: $0) }.filter { $0.kind == .person }.compactMap { UUID(uuidString: $0.id) }
            for name in (form.membersText ?? "").split(whereSeparator: { ",，、;；".contains($0) }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                guard let address = try await MailRecipients.exact(name, access: access, on: req.db), address.kind == .person, let id = UUID(uuidString: address.id) else {
                    throw AppError.validation(Strings.Error.formInvalid, fields: ["members": Strings.Mail.nameUnknown + " " + name])
                }
                members.append(id)
            }
            _ = try await MailService.saveGroup(nil, named: form.name, members: members, access: access, app: req.application)
            req.flash(Strings.Mail.groupSaved)
            return req.redirect(to: SiteURL.mailSettings.path)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderSettings(req, errors: error.fields.mapKeys { "group_" + $0 }, error: error.message, status: error.status)
        }
    }

    @Sendable func deleteGroup(req: Request) async throws -> Response {
        try await MailService.deleteGroup(try req.idParameter("groupID"), access: try await req.access(), app: req.application)
        req.flash(Strings.Mail.removed)
        return req.redirect(to: SiteURL.mailSettings.path)
    }
}

private extension Dictionary where Key == String {
    func mapKeys(_ transform: (String) -> String) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
