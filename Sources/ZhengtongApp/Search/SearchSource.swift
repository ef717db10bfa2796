import Fluent
import Foundation
import Gongwen

/// What the index knows of a document: its facts and all its searchable text — title, 文号, issuer, body,
/// the opinions entered on it, and the text of its attachments where it can be read (plain text, .docx, .ofd,
/// simple PDFs).
///
/// Loading reads the database only: attached files come back as bytes, and their text is read afterwards by
/// ``AttachmentText`` on the thread pool (``readingAttachments(with:)``), never on an event loop or while a
/// request waits.
struct SearchSource: Sendable {
    enum SourceType: String, Sendable, CaseIterable {
        case outgoing
        case incoming
        case notice

        /// The kind of result, as the search page names it.
        var label: String {
            switch self {
            case .outgoing: Strings.page["search_outgoing"]!
            case .incoming: Strings.page["search_incoming"]!
            case .notice: Strings.page["search_notice"]!
            }
        }
    }

    /// A piece of searchable text, or an attached file: its name, and its text once read.
    enum Part: Sendable {
        case text(String)
        case file(name: String, data: Data)
    }

    var type: SourceType
    var id: UUID
    var unitID: UUID
    var title: String
    var number: String?
    var issuer: String
    var kind: String?
    var year: Int
    var status: String
    var classification: String?
    var date: Date
    /// Searchable text apart from the title, in the order snippets prefer it.
    var parts: [Part]

    /// At most this much text per document goes into the index (a very long attachment is cut, not refused).
    static let maximumText = 1_000_000

    static func load(_ type: SourceType, id: UUID, on db: any Database) async throws -> SearchSource? {
        switch type {
        case .outgoing: try await outgoing(id, on: db)
        case .incoming: try await incoming(id, on: db)
        case .notice: try await notice(id, on: db)
        }
    }

    private static func opinions(instance: UUID?, on db: any Database) async throws -> [String] {
        guard let instance else { return [] }
        return try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instance).filter(\.$state == "completed")
            .sort(\.$completedAt).all().compactMap(\.opinion).filter { !$0.isEmpty }
    }

    private static func outgoing(_ id: UUID, on db: any Database) async throws -> SearchSource? {
        guard let document = try await OutgoingDocument.find(id, on: db) else { return nil }
        let content = try document.document()
        let unit = try await Unit.find(document.$unit.id, on: db)
        var parts: [Part] = [content.body, content.mainRecipients.joined(separator: "、"), content.ccRecipients.joined(separator: "、"), content.note ?? ""]
            .map(Part.text)
        for attachment in try await OutgoingAttachment.query(on: db).filter(\.$document.$id == id).sort(\.$createdAt).all() {
            parts.append(.file(name: attachment.name, data: attachment.data))
        }
        parts += try await opinions(instance: document.instanceID, on: db).map(Part.text)
        let date = document.dispatchedAt ?? document.createdAt ?? document.updatedAt
        return SearchSource(type: .outgoing, id: id, unitID: document.$unit.id, title: content.title, number: content.number,
                            issuer: content.signatureName ?? unit?.name ?? "", kind: content.kind.rawValue, year: DocumentDate(date).year,
                            status: document.status, classification: content.classification?.rawValue, date: date, parts: parts)
    }

    private static func incoming(_ id: UUID, on db: any Database) async throws -> SearchSource? {
        guard let document = try await IncomingDocument.find(id, on: db) else { return nil }
        var parts: [Part] = [.text(document.registrationNumber)]
        if let packageID = document.packageID, let package = try await ExchangePackage.find(packageID, on: db) {
            let content = try package.document()
            parts.append(.text(content.body))
            for file in try await ExchangePackageFile.query(on: db).filter(\.$packageID == packageID).sort(\.$sortOrder).all() {
                parts.append(.file(name: file.name, data: file.data))
            }
        }
        for file in try await IncomingFile.query(on: db).filter(\.$incomingID == id).sort(\.$createdAt).all() {
            parts.append(.file(name: file.name, data: file.data))
        }
        parts += try await opinions(instance: document.instanceID, on: db).map(Part.text)
        parts.append(.text(document.result ?? ""))
        return SearchSource(type: .incoming, id: id, unitID: document.unitID, title: document.title, number: document.senderNumber,
                            issuer: document.senderName, kind: document.kind, year: DocumentDate(document.receivedAt).year, status: document.status,
                            classification: document.classification, date: document.receivedAt, parts: parts)
    }

    /// The source with each attached file replaced by its name and the text `read` finds in it.
    func readingAttachments(with read: (_ name: String, _ data: Data) async throws -> String?) async rethrows -> SearchSource {
        var source = self
        source.parts = []
        for part in parts {
            switch part {
            case .text:
                source.parts.append(part)
            case .file(let name, let data):
                source.parts.append(.text(name))
                if let text = try await read(name, data) { source.parts.append(.text(text)) }
            }
        }
        return source
    }

    /// All the text, title first, cut at `maximumText` characters; files not yet read count by their names.
    var content: String {
        let texts = parts.map { part in
            switch part {
            case .text(let text): text
            case .file(let name, _): name
            }
        }
        let all = ([title, number ?? "", issuer] + texts).filter { !$0.isEmpty }.joined(separator: "\n")
        return all.count > Self.maximumText ? String(all.prefix(Self.maximumText)) : all
    }
}
