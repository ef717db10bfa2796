import Fluent
import Foundation
import Vapor

/// `/api/v1/mail`: the same ``MailService`` calls as the pages, for a phone client. Files travel as base64
/// `{name, contentBase64}`.
struct MailAPIController {
    struct FileBody: Content, Sendable {
        var name: String
        var contentBase64: String
    }

    struct AddressBody: Content, Sendable {
        var kind: MailAddress.Kind
        var id: String
    }

    struct MessageBody: Content, Sendable {
        var subject: String?
        var body: String?
        var to: [AddressBody]?
        var cc: [AddressBody]?
        var bcc: [AddressBody]?
        var important: Bool?
        var receiptRequested: Bool?
        /// POST: keep as a draft instead of sending.
        var draft: Bool?
        /// PUT: send the draft after saving it.
        var send: Bool?
        /// PUT: the draft's version the change is based on.
        var version: Int?
        var attachments: [FileBody]?

        var input: MailService.Input {
            func list(_ values: [AddressBody]?) -> [MailAddress] { (values ?? []).map { MailAddress(kind: $0.kind, id: $0.id) } }
            return MailService.Input(subject: subject, body: body, addressing: MailAddressing(to: list(to), cc: list(cc), bcc: list(bcc)),
                                     important: important ?? false, receiptRequested: receiptRequested ?? false)
        }
    }

    struct Line: Content, Sendable {
        var id: UUID
        var threadId: UUID
        var status: String
        var subject: String
        var senderName: String
        var sentAt: Date?
        var updatedAt: Date
        var important: Bool
        var receiptRequested: Bool
        var read: Bool
        var flagged: Bool
        var folder: String
        var attachments: Int
    }

    struct Lines: Content, Sendable {
        var items: [Line]
        var total: Int
        var page: Int
        var perPage: Int
        var unread: Int
        var usedBytes: Int
        var quotaBytes: Int
    }

    struct ReadBody: Content, Sendable { var read: Bool }
    struct FlagBody: Content, Sendable { var flagged: Bool }
    struct MoveBody: Content, Sendable { var folder: String }
    struct NameBody: Content, Sendable { var name: String? }
    struct GroupBody: Content, Sendable {
        var name: String?
        var members: [UUID]?
    }

    struct Recalled: Content, Sendable {
        var recalled: [MailMessageDTO.Person]
    }

    struct FolderView: Content, Sendable {
        var id: UUID
        var name: String
    }

    struct GroupView: Content, Sendable {
        var id: UUID
        var name: String
        var members: [MailMessageDTO.Person]
    }

    func register(on routes: any RoutesBuilder) {
        let mail = routes.grouped("mail")
        mail.get("messages", use: list)
        mail.on(.POST, "messages", body: .collect(maxSize: "40mb"), use: create)
        mail.get("messages", ":messageID", use: show)
        mail.on(.PUT, "messages", ":messageID", body: .collect(maxSize: "40mb"), use: update)
        mail.post("messages", ":messageID", "recall", use: recall)
        mail.post("messages", ":messageID", "read", use: read)
        mail.post("messages", ":messageID", "flag", use: flag)
        mail.post("messages", ":messageID", "move", use: move)
        mail.post("messages", ":messageID", "delete", use: delete)
        mail.post("messages", ":messageID", "restore", use: restore)
        mail.post("messages", ":messageID", ":response", use: respond)
        mail.on(.POST, "messages", ":messageID", "attachments", body: .collect(maxSize: "40mb"), use: upload)
        mail.get("messages", ":messageID", "attachments", ":attachmentID", use: download)
        mail.delete("messages", ":messageID", "attachments", ":attachmentID", use: detach)
        mail.get("folders", use: folders)
        mail.post("folders", use: createFolder)
        mail.delete("folders", ":folderID", use: deleteFolder)
        mail.get("groups", use: groups)
        mail.post("groups", use: createGroup)
        mail.delete("groups", ":groupID", use: deleteGroup)
        mail.get("recipients", use: recipients)
    }

    private func view(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let person = try await req.access().userID
        let (message, copy) = try await MailScope.held(id, by: person, on: req.db)
        return try APIResponse.json(try await MailMessageDTO.load(message, copy: copy, for: person, on: req.db), status: status)
    }

    /// `folder=inbox` (default) | `sent` | `drafts` | `trash` | a folder id; `q` searches all one's mail instead.
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let filter = try PeopleFilter.fromQuery(req, perPageLimit: 200)
        let result = try await MailBox.list(of: access.userID, folder: req.queryValue("folder") ?? "inbox", search: req.queryValue("q"),
                                            page: filter.page, perPage: filter.perPage, on: req.db)
        return try APIResponse.json(Lines(items: try result.lines.map { line in
            Line(id: try line.message.requireID(), threadId: line.message.threadID, status: line.message.status, subject: line.message.subject,
                 senderName: line.senderName, sentAt: line.message.sentAt, updatedAt: line.message.updatedAt, important: line.message.important,
                 receiptRequested: line.message.receiptRequested, read: line.copy.readAt != nil || line.copy.kindValue == .sender,
                 flagged: line.copy.flagged, folder: line.copy.folder, attachments: line.attachments)
        }, total: result.total, page: filter.page, perPage: filter.perPage, unread: try await MailBox.unreadCount(of: access.userID, on: req.db),
           usedBytes: try await MailService.usage(of: access.userID, on: req.db), quotaBytes: try await MailSettings.effective(for: access.unitID, app: req.application).quotaBytes))
    }

    private func decodeFiles(_ files: [FileBody]?) throws -> [(String, Data)] {
        try (files ?? []).map { file in
            guard let data = Data(base64Encoded: file.contentBase64) else {
                throw AppError.validation(Strings.Mail.attachmentRefused, fields: ["contentBase64": Strings.Mail.attachmentRefused])
            }
            return (file.name, data)
        }
    }

    /// Sends a new message, or with `"draft": true` keeps it as a draft; `attachments` are attached first.
    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(MessageBody.self)
        let files = try decodeFiles(body.attachments)
        let actor = req.workflowActor(access)
        let id = UUID()
        try await MailService.save(id, body.input, expectedVersion: nil, access: access, actor: actor, app: req.application)
        do {
            for (name, data) in files { try await MailService.attach(id, name: name, data: data, access: access, actor: actor, app: req.application) }
            if body.draft != true { try await MailService.send(id, access: access, actor: actor, app: req.application) }
        } catch {
            // A refused request leaves nothing behind: the client still has what it sent and no id to find a draft by.
            try await MailService.discardDraft(id, access: access, app: req.application)
            throw error
        }
        return try await view(id, req, status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.idParameter("messageID")
        _ = try await MailService.open(id, by: try await req.access().userID, app: req.application)
        return try await view(id, req)
    }

    /// Changes a draft (by `version`); with `"send": true` sends it afterwards.
    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("messageID")
        _ = try await MailScope.draft(id, by: access.userID, on: req.db)
        let body = try req.content.decode(MessageBody.self)
        guard let version = body.version else { throw AppError.validation(Strings.Mail.editedMeanwhile, fields: ["version": Strings.Mail.editedMeanwhile]) }
        let files = try decodeFiles(body.attachments)
        let actor = req.workflowActor(access)
        try await MailService.save(id, body.input, expectedVersion: version, access: access, actor: actor, app: req.application)
        for (name, data) in files { try await MailService.attach(id, name: name, data: data, access: access, actor: actor, app: req.application) }
        if body.send == true { try await MailService.send(id, access: access, actor: actor, app: req.application) }
        return try await view(id, req)
    }

    @Sendable func recall(req: Request) async throws -> Response {
        let access = try await req.access()
        let people = try await MailService.recall(try req.idParameter("messageID"), access: access, actor: req.workflowActor(access), app: req.application)
        let users = try await User.query(on: req.db).filter(\.$id ~~ people).all()
        return try APIResponse.json(Recalled(recalled: try users.map { MailMessageDTO.Person(id: try $0.requireID(), name: $0.name) }))
    }

    @Sendable func read(req: Request) async throws -> Response {
        let id = try req.idParameter("messageID")
        try await MailService.markRead(id, try req.content.decode(ReadBody.self).read, access: try await req.access(), app: req.application)
        return try await view(id, req)
    }

    @Sendable func flag(req: Request) async throws -> Response {
        let id = try req.idParameter("messageID")
        try await MailService.flag(id, try req.content.decode(FlagBody.self).flagged, access: try await req.access(), app: req.application)
        return try await view(id, req)
    }

    @Sendable func move(req: Request) async throws -> Response {
        let id = try req.idParameter("messageID")
        try await MailService.move(id, to: try req.content.decode(MoveBody.self).folder, access: try await req.access(), app: req.application)
        return try await view(id, req)
    }

    /// Into 已删除; from 已删除, for good (204).
    @Sendable func delete(req: Request) async throws -> Response {
        let id = try req.idParameter("messageID")
        let access = try await req.access()
        let (_, copy) = try await MailScope.held(id, by: access.userID, on: req.db)
        try await MailService.delete(id, access: access, app: req.application)
        if copy.folderValue == .trash { return Response(status: .noContent) }
        return try await view(id, req)
    }

    @Sendable func restore(req: Request) async throws -> Response {
        let id = try req.idParameter("messageID")
        try await MailService.restore(id, access: try await req.access(), app: req.application)
        return try await view(id, req)
    }

    /// `reply`, `reply-all`, `forward`: a new draft (201).
    @Sendable func respond(req: Request) async throws -> Response {
        guard let response = req.parameters.get("response").flatMap(MailService.Response.init(rawValue:)) else { throw AppError.notFound() }
        let access = try await req.access()
        let draft = try await MailService.respond(try req.idParameter("messageID"), response, access: access, actor: req.workflowActor(access),
                                                  app: req.application)
        return try await view(try draft.requireID(), req, status: .created)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("messageID")
        _ = try await MailScope.draft(id, by: access.userID, on: req.db)
        let body = try req.content.decode(FileBody.self)
        for (name, data) in try decodeFiles([body]) {
            try await MailService.attach(id, name: name, data: data, access: access, actor: req.workflowActor(access), app: req.application)
        }
        return try await view(id, req, status: .created)
    }

    @Sendable func download(req: Request) async throws -> Response {
        let (message, _) = try await req.heldMail()
        return try await MailAttachment.download(try req.idParameter("attachmentID"), of: try message.requireID(), on: req.db)
    }

    @Sendable func detach(req: Request) async throws -> Response {
        let id = try req.idParameter("messageID")
        try await MailService.detach(id, attachment: try req.idParameter("attachmentID"), access: try await req.access(), app: req.application)
        return try await view(id, req)
    }

    @Sendable func folders(req: Request) async throws -> Response {
        let person = try await req.access().userID
        return try APIResponse.json(try await MailFolder.query(on: req.db).filter(\.$ownerID == person).sort(\.$name).all().map {
            FolderView(id: try $0.requireID(), name: $0.name)
        })
    }

    @Sendable func createFolder(req: Request) async throws -> Response {
        let folder = try await MailService.createFolder(named: try req.content.decode(NameBody.self).name, access: try await req.access(), app: req.application)
        return try APIResponse.json(FolderView(id: try folder.requireID(), name: folder.name), status: .created)
    }

    @Sendable func deleteFolder(req: Request) async throws -> Response {
        try await MailService.deleteFolder(try req.idParameter("folderID"), access: try await req.access(), app: req.application)
        return Response(status: .noContent)
    }

    static func groupViews(of person: UUID, on db: any Database) async throws -> [GroupView] {
        let groups = try await MailGroup.query(on: db).filter(\.$ownerID == person).sort(\.$name).all()
        let people = try await User.query(on: db).filter(\.$id ~~ Array(Set(groups.flatMap(\.memberIDs)))).all()
        return try groups.map { group in
            GroupView(id: try group.requireID(), name: group.name, members: group.memberIDs.compactMap { id in
                people.first { $0.id == id }.map { MailMessageDTO.Person(id: id, name: $0.name) }
            })
        }
    }

    @Sendable func groups(req: Request) async throws -> Response {
        try APIResponse.json(try await Self.groupViews(of: try await req.access().userID, on: req.db))
    }

    @Sendable func createGroup(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(GroupBody.self)
        let group = try await MailService.saveGroup(nil, named: body.name, members: body.members ?? [], access: access, app: req.application)
        let view = try await Self.groupViews(of: access.userID, on: req.db).first { $0.id == group.id }
        return try APIResponse.json(view, status: .created)
    }

    @Sendable func deleteGroup(req: Request) async throws -> Response {
        try await MailService.deleteGroup(try req.idParameter("groupID"), access: try await req.access(), app: req.application)
        return Response(status: .noContent)
    }

    /// The picker: `q` matched against names, pinyin initials, phone numbers, departments, units, roles and one's groups.
    @Sendable func recipients(req: Request) async throws -> Response {
        let found = try await MailRecipients.search(req.queryValue("q") ?? "", access: try await req.access(), app: req.application)
        return try APIResponse.json(MailRecipients.Candidates(items: found))
    }
}
