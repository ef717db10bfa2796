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

    /// 归档 as a business action: the page, the API and the demo call this. The document must belong to a unit whose
    /// archive `access` keeps; the layout work (pages, the 正本 with its 归档章) is done first, off the event loop
    /// and outside the write transaction, for the 件号 the item will most likely get; the transaction then takes
    /// the number and uses that work if the number is the one expected (if someone filed meanwhile, it lays out
    /// again inside — rare, and still correct).
    static func fileDocument(_ type: SourceType, id: UUID, classCode: String, retention: Retention, access: Access, actor: AuditActor,
                             app: Application, at now: Date = Date()) async throws -> ArchiveItem {
        let owner: UUID? = switch type {
        case .outgoing: try await OutgoingDocument.find(id, on: app.db)?.$unit.id
        case .incoming: try await IncomingDocument.find(id, on: app.db)?.unitID
        }
        guard let owner, access.archiveUnit(owner) == owner else { throw AppError.notFound() }
        let prepared = try await prepare(type, id: id, classCode: classCode, retention: retention, app: app)
        return try await app.write { db in
            try await file(type, id: id, classCode: classCode, retention: retention, by: access.userID, actor: actor, at: now, prepared: prepared, on: db)
        }
    }

    /// The layout work of filing, done before the transaction: the page count and the stamped 正本 for the 件号 expected.
    struct Prepared: Sendable {
        var stamp: ArchiveStamp
        var stampedOFD: Data?
    }

    /// Lays the document out on the thread pool for the next 件号 of its class and 保管期限 (nil when it cannot be
    /// filed as asked: `file` then says why).
    static func prepare(_ type: SourceType, id: UUID, classCode: String, retention: Retention, app: Application) async throws -> Prepared? {
        guard let source = try? await layoutSource(type, id: id, on: app.db) else { return nil }
        let settings = try await ArchiveSettings.of(unit: source.unitID, on: app.db)
        guard let archiveClass = settings.classList.first(where: { $0.code == classCode }) else { return nil }
        let number = try await SequenceCounter.peek(unit: source.unitID, key: counterKey(classCode: classCode, retention: retention), year: source.year,
                                                    on: app.db)
        let fonds = settings.fondsCode
        return try await app.threadPool.runIfActive {
            let stamp = ArchiveStamp(fondsCode: fonds, year: source.year, itemNumber: number, classLabel: archiveClass.name,
                                     retention: retention.stampText, pages: source.layout.pages)
            return Prepared(stamp: stamp, stampedOFD: try source.layout.stampedOFD(stamp))
        }
    }

    static func counterKey(classCode: String, retention: Retention) -> String { "@archive|\(classCode)|\(retention.rawValue)" }

    /// Files the document, in the caller's transaction. A document already filed gets 409.
    static func file(_ type: SourceType, id: UUID, classCode: String, retention: Retention, by officer: UUID, actor: AuditActor, at now: Date,
                     prepared: Prepared? = nil, on db: any Database) async throws -> ArchiveItem {
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
        let number = try await SequenceCounter.next(unit: gathered.unitID, key: counterKey(classCode: classCode, retention: retention), year: year, on: db)
        let pages = prepared?.stamp.pages ?? gathered.layout.pages
        let stamp = ArchiveStamp(fondsCode: settings.fondsCode, year: year, itemNumber: number, classLabel: archiveClass.name,
                                 retention: retention.stampText, pages: pages)

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
        item.pages = pages
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
        let stamped = prepared?.stamp == stamp ? prepared?.stampedOFD : try gathered.layout.stampedOFD(stamp)
        if let stamped { try await add(.document, "正本.ofd", "application/ofd", stamped) }
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
        var note: String?
        var layout: LayoutSource
        var files: [(role: ArchiveItemFile.Role, name: String, type: String, data: Data)]
    }

    /// What the 正本 is laid out from: values only, so the layout runs anywhere (the thread pool).
    enum LayoutSource: Sendable {
        /// A 发文 as it was dispatched.
        case outgoing(OutgoingOutput.OFDInputs)
        /// A received document from its exchange package.
        case received(OfficialDocument, attachments: [AttachmentContent], metadata: OFDMetadata)
        /// A paper document: its scans are filed as they are (the 归档章 is recorded, not drawn); one page per scan.
        case paper(scans: Int)

        /// 页数 (CPU work: a layout).
        var pages: Int {
            switch self {
            case .outgoing(let inputs): DocumentLayout.layout(inputs.content, attachments: inputs.attachments).pages.count
            case .received(let content, let attachments, _): DocumentLayout.layout(content, attachments: attachments).pages.count
            case .paper(let scans): max(1, scans)
            }
        }

        /// The 正本 with the 归档章, as OFD; nil for paper (CPU work: a layout and a ZIP).
        func stampedOFD(_ stamp: ArchiveStamp) throws -> Data? {
            switch self {
            case .outgoing(var inputs):
                inputs.stamp = stamp
                return try OutgoingOutput.ofd(inputs)
            case .received(let content, let attachments, let metadata):
                return try OFDWriter.package(DocumentLayout.layout(content, attachments: attachments).stamped(stamp), metadata: metadata, seal: nil,
                                             fonts: DocumentFonts.library)
            case .paper:
                return nil
            }
        }
    }

    /// The layout source of a finished document, with its unit and 年度 (throws if it is not finished).
    static func layoutSource(_ type: SourceType, id: UUID, on db: any Database) async throws -> (unitID: UUID, year: Int, layout: LayoutSource) {
        switch type {
        case .outgoing:
            guard let document = try await OutgoingDocument.find(id, on: db), document.status == OutgoingDocument.Status.dispatched.rawValue
            else { throw AppError.validation(Strings.Archive.notFinished) }
            let content = try document.document()
            let year = (content.date ?? DocumentDate(document.dispatchedAt ?? document.updatedAt)).year
            return (document.$unit.id, year, .outgoing(try await OutgoingOutput.ofdInputs(document, on: db)))
        case .incoming:
            guard let document = try await IncomingDocument.find(id, on: db), document.statusValue == .closed
            else { throw AppError.validation(Strings.Archive.notFinished) }
            return (document.unitID, DocumentDate(document.receivedAt).year, try await receivedLayout(document, on: db))
        }
    }

    private static func receivedLayout(_ document: IncomingDocument, on db: any Database) async throws -> LayoutSource {
        guard let packageID = document.packageID, let package = try await ExchangePackage.find(packageID, on: db) else {
            return .paper(scans: try await IncomingFile.query(on: db).filter(\.$incomingID == document.requireID()).count())
        }
        let content = try package.document()
        let packageFiles = try await ExchangePackageFile.query(on: db).filter(\.$packageID == packageID).sort(\.$sortOrder).all()
        return .received(content, attachments: packageFiles.map { AttachmentContent(fileName: $0.name, data: $0.data) },
                         metadata: OFDMetadata(document: content, documentID: packageID, creationDate: package.createdAt, modificationDate: package.createdAt))
    }

    private static func outgoing(_ document: OutgoingDocument, on db: any Database) async throws -> Gathered {
        let content = try document.document()
        let inputs = try await OutgoingOutput.ofdInputs(document, on: db)
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
                        classification: content.classification?.rawValue, note: nil, layout: .outgoing(inputs), files: files)
    }

    private static func incoming(_ document: IncomingDocument, on db: any Database) async throws -> Gathered {
        var files: [(ArchiveItemFile.Role, String, String, Data)] = []
        var note: String?
        if let packageID = document.packageID, let package = try await ExchangePackage.find(packageID, on: db) {
            let packageFiles = try await ExchangePackageFile.query(on: db).filter(\.$packageID == packageID).sort(\.$sortOrder).all()
            if let ofd = package.ofd { files.append((.original, "来文.ofd", "application/ofd", ofd)) }
            files += packageFiles.map { (.attachment, "附件-\($0.name)", $0.contentType, $0.data) }
        } else {
            // A paper document: its scans are filed as they are; the 归档章 is recorded, not drawn on them.
            note = Strings.Archive.scanNote
        }
        let scans = try await IncomingFile.query(on: db).filter(\.$incomingID == document.requireID()).sort(\.$createdAt).all()
        files += scans.map { (.attachment, $0.name, $0.contentType, $0.data) }
        files.append((.form, "收文处理笺.html", "text/html; charset=utf-8",
                      Data(ArchiveFormHTML.incoming(try await IncomingProcessingForm.load(for: document, on: db)).utf8)))
        let date = DocumentDate(document.receivedAt)
        return Gathered(unitID: document.unitID, year: date.year, title: document.title, number: document.senderNumber, responsible: document.senderName,
                        date: date.iso, kind: document.kindValue, classification: document.classification, note: note,
                        layout: try await receivedLayout(document, on: db), files: files)
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
