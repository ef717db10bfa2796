import Fluent
import Foundation
import Gongwen
import Vapor

/// 归档: a finished document (发文 封发, 收文 办结) becomes an archive item. The records officer picks the class and
/// the 保管期限 (a default by kind is offered); the 件号 comes gap-free within 年度 × class × 保管期限, the 档号 is
/// formed as DA/T 22 writes it, and the files are gathered and hashed: the OFD with the 归档章, attachments,
/// 定稿 and version history, the processing form, and for a received document the sender's OFD as received.
enum ArchiveFiling {
    enum SourceType: String, Sendable {
        case outgoing
        case incoming
    }

    /// A finished document waiting to be filed.
    struct Candidate: Sendable {
        var type: SourceType
        var id: UUID
        var unitID: UUID
        var title: String
        var number: String?
        var kind: DocumentKind?
        var finishedAt: Date
    }

    /// 门类代码 of 文书 (documents), as in the 档号.
    static let categoryCode = "WS"

    /// 保管期限 offered by default: 永久 for the kinds that decide, command, announce or record (决议 … 纪要) of
    /// one's own issuing, 定期30年 for 通知, 报告, 请示 and the like, 定期10年 for 函 and for what others sent.
    static func defaultRetention(kind: DocumentKind?, type: SourceType) -> Retention {
        switch (type, kind) {
        case (.outgoing, .resolution?), (.outgoing, .decision?), (.outgoing, .order?), (.outgoing, .communique?), (.outgoing, .announcement?),
             (.outgoing, .publicNotice?), (.outgoing, .opinion?), (.outgoing, .motion?), (.outgoing, .minutes?):
            .permanent
        case (.outgoing, .letter?), (.incoming, _):
            kind == .decision || kind == .order || kind == .announcement ? .thirtyYears : .tenYears
        default:
            .thirtyYears
        }
    }

    /// `J012-WS·2026-Y-01-0007`.
    static func archiveCode(fonds: String, year: Int, retention: Retention, classCode: String, itemNumber: Int) -> String {
        "\(fonds)-\(categoryCode)·\(year)-\(retention.rawValue)-\(classCode)-\(String(format: "%04d", itemNumber))"
    }

    /// Finished documents of `units` not filed yet, newest first.
    static func pending(units: [UUID], on db: any Database) async throws -> [Candidate] {
        guard !units.isEmpty else { return [] }
        let filed = Set(try await ArchiveItem.query(on: db).filter(\.$unitID ~~ units).field(\.$sourceID).field(\.$id).all().map(\.sourceID))
        var candidates: [Candidate] = []
        for document in try await OutgoingDocument.query(on: db).filter(\.$unit.$id ~~ units)
            .filter(\.$status == OutgoingDocument.Status.dispatched.rawValue).all() where !filed.contains(try document.requireID()) {
            candidates.append(Candidate(type: .outgoing, id: try document.requireID(), unitID: document.$unit.id, title: document.title,
                                        number: document.number, kind: DocumentKind(rawValue: document.kind),
                                        finishedAt: document.dispatchedAt ?? document.updatedAt))
        }
        for document in try await IncomingDocument.query(on: db).filter(\.$unitID ~~ units)
            .filter(\.$status == IncomingDocument.Status.closed.rawValue).all() where !filed.contains(try document.requireID()) {
            candidates.append(Candidate(type: .incoming, id: try document.requireID(), unitID: document.unitID, title: document.title,
                                        number: document.senderNumber, kind: document.kindValue, finishedAt: document.closedAt ?? document.updatedAt))
        }
        return candidates.sorted { $0.finishedAt > $1.finishedAt }
    }

    /// Files a document for the records officer of `unit`, in the caller's transaction: the 待归档 page and the API
    /// both come here. Another unit's document is not found (404), as if it did not exist.
    static func file(_ type: SourceType, id: UUID, ofUnit unit: UUID, classCode: String, retention: Retention, by officer: UUID, actor: AuditActor,
                     at now: Date, on db: any Database) async throws -> ArchiveItem {
        let owner: UUID? = switch type {
        case .outgoing: try await OutgoingDocument.find(id, on: db)?.$unit.id
        case .incoming: try await IncomingDocument.find(id, on: db)?.unitID
        }
        guard owner == unit else { throw AppError.notFound() }
        return try await file(type, id: id, classCode: classCode, retention: retention, by: officer, actor: actor, at: now, on: db)
    }

    /// Files the document, in the caller's transaction. A document already filed gets 409.
    static func file(_ type: SourceType, id: UUID, classCode: String, retention: Retention, by officer: UUID, actor: AuditActor, at now: Date,
                     on db: any Database) async throws -> ArchiveItem {
        if let existing = try await ArchiveItem.query(on: db).filter(\.$sourceType == type.rawValue).filter(\.$sourceID == id).first() {
            throw AppError.conflict(Strings.Archive.alreadyFiled(existing.archiveCode))
        }
        let gathered: Gathered
        switch type {
        case .outgoing:
            guard let document = try await OutgoingDocument.find(id, on: db), document.status == OutgoingDocument.Status.dispatched.rawValue
            else { throw AppError.validation(Strings.Archive.notFinished) }
            gathered = try await outgoing(document, on: db)
        case .incoming:
            guard let document = try await IncomingDocument.find(id, on: db), document.statusValue == .closed
            else { throw AppError.validation(Strings.Archive.notFinished) }
            gathered = try await incoming(document, on: db)
        }
        let settings = try await ArchiveSettings.of(unit: gathered.unitID, on: db)
        guard let archiveClass = settings.classList.first(where: { $0.code == classCode }) else { throw AppError.validation(Strings.Archive.classRequired) }
        let year = gathered.year
        let number = try await SequenceCounter.next(unit: gathered.unitID, key: "@archive|\(classCode)|\(retention.rawValue)", year: year, on: db)
        let stamp = ArchiveStamp(fondsCode: settings.fondsCode, year: year, itemNumber: number, classLabel: archiveClass.name,
                                 retention: retention.stampText, pages: gathered.pages)

        let item = ArchiveItem()
        item.id = UUID()
        item.unitID = gathered.unitID
        item.sourceType = type.rawValue
        item.sourceID = id
        item.fondsCode = settings.fondsCode
        item.year = year
        item.classCode = archiveClass.code
        item.className = archiveClass.name
        item.retention = retention.rawValue
        item.itemNumber = number
        item.archiveCode = archiveCode(fonds: settings.fondsCode, year: year, retention: retention, classCode: archiveClass.code, itemNumber: number)
        item.title = gathered.title
        item.number = gathered.number
        item.responsible = gathered.responsible
        item.documentDate = gathered.date
        item.kind = gathered.kind?.rawValue
        item.classification = gathered.classification
        item.pages = gathered.pages
        item.filedBy = officer
        item.filedAt = now
        item.version = 1
        item.note = gathered.note
        try await item.create(on: db)
        var order = 0
        func add(_ role: ArchiveItemFile.Role, _ name: String, _ type: String, _ data: Data) async throws {
            let file = ArchiveItemFile()
            file.itemID = try item.requireID()
            file.role = role.rawValue
            file.name = UploadedFiles.cleanName(name)
            file.contentType = type
            file.size = data.count
            file.sha256 = SHA256Hex.of(data)
            file.data = data
            file.sortOrder = order
            order += 1
            try await file.create(on: db)
        }
        if let stamped = try gathered.stampedOFD?(stamp) { try await add(.document, "正本.ofd", "application/ofd", stamped) }
        for file in gathered.files { try await add(file.role, file.name, file.type, file.data) }
        try await AuditLog.record(AuditEvent(action: "archive.file", targetType: "archive_item", targetID: item.id?.uuidString, targetLabel: item.archiveCode,
                                             after: ["title": item.title, "source": "\(type.rawValue):\(id.uuidString)", "files": String(order)]),
                                  by: actor, on: db)
        return item
    }

    /// What filing needs from a document.
    struct Gathered {
        var unitID: UUID
        var year: Int
        var title: String
        var number: String?
        var responsible: String
        var date: String
        var kind: DocumentKind?
        var classification: String?
        var pages: Int
        var note: String?
        /// The document laid out with the stamp, as OFD (nil: nothing to lay out, e.g. a paper document's scan).
        var stampedOFD: ((ArchiveStamp) throws -> Data)?
        var files: [(role: ArchiveItemFile.Role, name: String, type: String, data: Data)]
    }

    private static func outgoing(_ document: OutgoingDocument, on db: any Database) async throws -> Gathered {
        let content = try document.document()
        var inputs = try await OutgoingOutput.ofdInputs(document, on: db)
        let pages = DocumentLayout.layout(content, attachments: inputs.attachments).pages.count
        let unit = try await Unit.find(document.$unit.id, on: db)
        var files: [(ArchiveItemFile.Role, String, String, Data)] = []
        for attachment in try await OutgoingAttachment.query(on: db).filter(\.$document.$id == document.requireID()).sort(\.$createdAt).all() {
            files.append((.attachment, "附件-\(attachment.name)", attachment.contentType, attachment.data))
        }
        files.append((.history, "定稿及修改记录.json", "application/json", try await history(of: document, on: db)))
        files.append((.form, "发文稿纸.html", "text/html; charset=utf-8", Data(ArchiveFormHTML.outgoing(try await OutgoingProcessingForm.load(for: document, on: db)).utf8)))
        let date = content.date ?? DocumentDate(document.dispatchedAt ?? document.updatedAt)
        return Gathered(unitID: document.$unit.id, year: date.year, title: content.title, number: content.number,
                        responsible: content.signatureName ?? unit?.name ?? "", date: date.iso, kind: content.kind,
                        classification: content.classification?.rawValue, pages: pages, note: nil,
                        stampedOFD: { stamp in
                            inputs.stamp = stamp
                            return try OutgoingOutput.ofd(inputs)
                        },
                        files: files)
    }

    private static func incoming(_ document: IncomingDocument, on db: any Database) async throws -> Gathered {
        var files: [(ArchiveItemFile.Role, String, String, Data)] = []
        var stamped: ((ArchiveStamp) throws -> Data)?
        var pages = 1
        var note: String?
        if let packageID = document.packageID, let package = try await ExchangePackage.find(packageID, on: db) {
            let content = try package.document()
            let packageFiles = try await ExchangePackageFile.query(on: db).filter(\.$packageID == packageID).sort(\.$sortOrder).all()
            let attachments = packageFiles.map { AttachmentContent(fileName: $0.name, data: $0.data) }
            pages = DocumentLayout.layout(content, attachments: attachments).pages.count
            let metadata = OFDMetadata(document: content, documentID: packageID, creationDate: package.createdAt, modificationDate: package.createdAt)
            stamped = { stamp in
                try OFDWriter.package(DocumentLayout.layout(content, attachments: attachments).stamped(stamp), metadata: metadata, seal: nil)
            }
            if let ofd = package.ofd { files.append((.original, "来文.ofd", "application/ofd", ofd)) }
            files += packageFiles.map { (.attachment, "附件-\($0.name)", $0.contentType, $0.data) }
        } else {
            // A paper document: its scans are filed as they are; the 归档章 is recorded, not drawn on them.
            note = Strings.Archive.scanNote
        }
        let scans = try await IncomingFile.query(on: db).filter(\.$incomingID == document.requireID()).sort(\.$createdAt).all()
        files += scans.map { (.attachment, $0.name, $0.contentType, $0.data) }
        if document.packageID == nil { pages = max(1, scans.count) }
        files.append((.form, "收文处理笺.html", "text/html; charset=utf-8",
                      Data(ArchiveFormHTML.incoming(try await IncomingProcessingForm.load(for: document, on: db)).utf8)))
        let date = DocumentDate(document.receivedAt)
        return Gathered(unitID: document.unitID, year: date.year, title: document.title, number: document.senderNumber, responsible: document.senderName,
                        date: date.iso, kind: document.kindValue, classification: document.classification, pages: pages, note: note,
                        stampedOFD: stamped, files: files)
    }

    /// 定稿 and every version after it: who saved which text at which step, newest last.
    private static func history(of document: OutgoingDocument, on db: any Database) async throws -> Data {
        struct Entry: Encodable {
            var version: Int
            var author: String
            var step: String
            var savedAt: Date
            var content: OfficialDocument
        }
        let versions = try await OutgoingVersion.query(on: db).filter(\.$document.$id == document.requireID()).sort(\.$version).all()
        let names = try await TaskView.names(Set(versions.map(\.authorID)), on: db)
        let entries = try versions.map { version in
            Entry(version: version.version, author: names[version.authorID] ?? "", step: version.step, savedAt: version.createdAt,
                  content: try OutgoingContent.decode(version.content))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(entries)
    }
}
