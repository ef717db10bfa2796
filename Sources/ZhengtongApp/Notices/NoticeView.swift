import Fluent
import Foundation
import Vapor

/// A notice as the API shows it (and the page builds on): never the model itself.
struct NoticeDTO: Content, Sendable {
    struct Ref: Content, Sendable {
        var id: UUID
        var name: String
    }

    struct File: Content, Sendable {
        var id: UUID
        var name: String
        var contentType: String
        var size: Int
        var picture: Bool
        /// Where it downloads with a token.
        var url: String
    }

    /// The caller's own receipt, when they are a recipient.
    struct Receipt: Content, Sendable {
        var readAt: Date?
        /// Changed since they read it.
        var changed: Bool
        var reply: NoticeReply?
        var repliedAt: Date?
    }

    var id: UUID
    var column: Ref
    var unit: Ref
    var author: Ref
    var title: String
    /// What the author typed.
    var body: String
    var blocks: [NoticeBlock]
    var status: String
    var important: Bool
    var pinnedUntil: Date?
    var expiresAt: Date?
    var replyFields: [NoticeReplyField]
    var audience: NoticeAudience
    var version: Int
    var createdAt: Date
    var publishedAt: Date?
    var withdrawnAt: Date?
    var withdrawReason: String?
    var returnedReason: String?
    var instanceID: UUID?
    var attachments: [File]
    var receipt: Receipt?
    /// The caller may edit, chase and withdraw it.
    var manages: Bool

    static func load(_ notice: Notice, for access: Access, on db: any Database) async throws -> NoticeDTO {
        let id = try notice.requireID()
        let column = try await NoticeColumn.find(notice.columnID, on: db)
        let unit = try await Unit.find(notice.unitID, on: db)
        let names = try await TaskView.names([notice.authorID], on: db)
        let files = try await NoticeAttachment.query(on: db).filter(\.$noticeID == id).sort(\.$createdAt)
            .field(\.$id).field(\.$name).field(\.$contentType).field(\.$size).field(\.$noticeID).all()
        let mine = try await NoticeRecipient.query(on: db).filter(\.$noticeID == id).filter(\.$userID == access.userID).first()
        return NoticeDTO(
            id: id, column: Ref(id: notice.columnID, name: column?.name ?? ""), unit: Ref(id: notice.unitID, name: unit?.name ?? ""),
            author: Ref(id: notice.authorID, name: names[notice.authorID] ?? "—"), title: notice.title, body: notice.body,
            blocks: (try? JSONDecoder().decode([NoticeBlock].self, from: Data(notice.blocks.utf8))) ?? [], status: notice.status,
            important: notice.important, pinnedUntil: notice.pinnedUntil, expiresAt: notice.expiresAt,
            replyFields: NoticeReplyField.decode(notice.replyFields), audience: NoticeAudience.decode(notice.audience), version: notice.version,
            createdAt: notice.createdAt, publishedAt: notice.publishedAt, withdrawnAt: notice.withdrawnAt, withdrawReason: notice.withdrawReason,
            returnedReason: notice.returnedReason, instanceID: notice.instanceID,
            attachments: try files.map { file in
                let fileID = try file.requireID()
                return File(id: fileID, name: file.name, contentType: file.contentType, size: file.size, picture: file.isPicture,
                            url: "/api/v1/notices/\(id.uuidString)/files/\(fileID.uuidString)")
            },
            receipt: mine.map { Receipt(readAt: $0.readAt, changed: $0.changedSinceRead, reply: NoticeReply.decode($0.reply), repliedAt: $0.repliedAt) },
            manages: try await access.manages(notice, on: db))
    }
}

/// The notice on the task page of its reviewers (and inside the notice page): the text, its files, its reach.
struct NoticeView: Encodable, Sendable {
    struct Block: Encodable, Sendable {
        var heading: Bool
        var item: Bool
        var runs: [NoticeBlock.Run]
    }

    struct File: Encodable, Sendable {
        var name: String
        var size: String
        var href: String
        var picture: Bool
    }

    var title: String
    var href: String
    var columnName: String
    var unitName: String
    var authorName: String
    var statusLabel: String
    var important: Bool
    var pinnedText: String?
    var expiresText: String?
    var publishedText: String?
    var blocks: [Block]
    var files: [File]
    var audience: [String]
    var replyFields: [String]

    static func load(_ notice: Notice, for access: Access, on db: any Database) async throws -> NoticeView {
        let dto = try await NoticeDTO.load(notice, for: access, on: db)
        return NoticeView(
            title: dto.title, href: SiteURL.notice.link(dto.id), columnName: dto.column.name, unitName: dto.unit.name, authorName: dto.author.name,
            statusLabel: Strings.Notices.statusLabel(notice.statusValue), important: dto.important,
            pinnedText: dto.pinnedUntil.map(DisplayFormat.date), expiresText: dto.expiresAt.map(DisplayFormat.date),
            publishedText: dto.publishedAt.map(DisplayFormat.minute),
            blocks: dto.blocks.map { Block(heading: $0.kind == .heading, item: $0.kind == .item, runs: $0.runs) },
            files: dto.attachments.map { File(name: $0.name, size: UploadedFiles.sizeText($0.size), href: SiteURL.noticeFile.link(dto.id, $0.id), picture: $0.picture) },
            audience: try await NoticeAudienceText.describe(dto.audience, on: db), replyFields: dto.replyFields.map(\.label))
    }
}

/// The audience in words: 清河县人民政府（含下级单位）、秘书股、收发员、张伟.
enum NoticeAudienceText {
    static func describe(_ audience: NoticeAudience, on db: any Database) async throws -> [String] {
        var words: [String] = []
        let units = try await Unit.query(on: db).filter(\.$id ~~ audience.units.map(\.unit)).all()
        for reach in audience.units {
            guard let unit = units.first(where: { $0.id == reach.unit }) else { continue }
            words.append(reach.withSubunits ? Strings.Notices.withSubunits(unit.name) : unit.name)
        }
        words += try await Department.query(on: db).filter(\.$id ~~ audience.departments).all().map(\.name)
        words += try await Role.query(on: db).filter(\.$code ~~ audience.roles).all().map(\.name)
        words += try await User.query(on: db).filter(\.$id ~~ audience.people).all().map(\.name)
        return words
    }
}
