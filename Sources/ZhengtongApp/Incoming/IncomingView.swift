import Fluent
import Foundation
import Gongwen
import Vapor

/// An incoming document as its pages and the API show it: registration data, the step it is at, opinions
/// in order and the circulation (who read it, who has it now, who waits).
struct IncomingView: Content, Sendable {
    struct Opinion: Content, Sendable {
        /// The step's id in the model (`Propose`, `Instruct` …).
        var node: String
        var step: String
        var person: String
        var time: Date
        var timeText: String
        var outcome: String?
        var opinion: String?
    }

    struct Reader: Content, Sendable {
        var person: String
        var state: String
        var stateLabel: String
        var sentAt: Date
        var readAt: Date?
        var readText: String?
        var comment: String?
    }

    struct File: Content, Sendable {
        var name: String
        var contentType: String
        var size: Int
        var sha256: String
        var url: String
    }

    var id: UUID
    var registrationNumber: String
    var senderName: String
    var senderNumber: String?
    var title: String
    var kind: String?
    var kindLabel: String?
    var classification: String?
    var urgency: String?
    var urgencyLabel: String?
    var copies: Int
    var source: String
    var sourceLabel: String
    var handling: String
    var handlingLabel: String
    var status: String
    var statusLabel: String
    var receivedAt: Date
    var receivedText: String
    var dueAt: Date?
    var dueText: String?
    var overdue: Bool
    var result: String?
    var closedAt: Date?
    var currentSteps: [String]
    var instanceID: UUID?
    var deliveryID: UUID?
    var opinions: [Opinion]
    var readers: [Reader]
    var files: [File]
    /// The document as the sender dispatched it (print view and OFD), when it came through 公文交换.
    var originalURL: String?
    var originalOFDURL: String?

    /// The view with links for `links`: pages for the pages, API routes (which take a token) for the API.
    static func load(_ document: IncomingDocument, now: Date = Date(), links: LinkKind = .page, on db: any Database) async throws -> IncomingView {
        let id = try document.requireID()
        var opinions: [Opinion] = []
        var readers: [Reader] = []
        var current: [String] = []
        if let instanceID = document.instanceID {
            let tasks = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).sort(\.$engineID).all()
            let circulations = try await WorkflowCirculationRecord.query(on: db).filter(\.$instance.$id == instanceID).sort(\.$engineID).all()
            let names = try await TaskView.names(Set(tasks.compactMap { $0.completedBy ?? $0.assigneeID } + circulations.map(\.readerID)), on: db)
            current = tasks.filter { $0.state == "open" }.map { task in "\(task.name)（\(task.assigneeID.flatMap { names[$0] } ?? Strings.Workflow.awaitingClaim)）" }
            opinions = tasks.filter { $0.state == "completed" }.compactMap { task in
                guard let at = task.completedAt else { return nil }
                return Opinion(node: task.node, step: task.name, person: task.completedBy.flatMap { names[$0] } ?? "—", time: at, timeText: DisplayFormat.minute(at),
                               outcome: task.outcome.map(Strings.Workflow.outcomeLabel), opinion: task.opinion)
            }.sorted { $0.time < $1.time }
            readers = circulations.map { item in
                Reader(person: names[item.readerID] ?? "—", state: item.state, stateLabel: Strings.Incoming.readerState(item.state), sentAt: item.sentAt,
                       readAt: item.readAt, readText: item.readAt.map(DisplayFormat.minute), comment: item.comment)
            }
        }
        // The list, not the bytes.
        let files = try await IncomingFile.query(on: db).filter(\.$incomingID == id).sort(\.$createdAt)
            .field(\.$id).field(\.$incomingID).field(\.$name).field(\.$contentType).field(\.$size).field(\.$sha256).field(\.$createdAt).all()
        let status = document.statusValue
        return IncomingView(
            id: id, registrationNumber: document.registrationNumber, senderName: document.senderName, senderNumber: document.senderNumber,
            title: document.title, kind: document.kind, kindLabel: document.kindValue?.title, classification: document.classification,
            urgency: document.urgency, urgencyLabel: document.urgencyValue?.title, copies: document.copies, source: document.source,
            sourceLabel: Strings.Incoming.sourceLabel(IncomingDocument.Source(rawValue: document.source) ?? .other), handling: document.handling,
            handlingLabel: Strings.Incoming.handlingLabel(IncomingDocument.Handling(rawValue: document.handling) ?? .handle),
            status: document.status, statusLabel: Strings.Incoming.statusLabel(status), receivedAt: document.receivedAt,
            receivedText: DisplayFormat.minute(document.receivedAt), dueAt: document.dueAt, dueText: document.dueAt.map(DisplayFormat.minute),
            overdue: (status == .registering || status == .handling) && (document.dueAt.map { $0 < now } ?? false),
            result: document.result, closedAt: document.closedAt, currentSteps: current, instanceID: document.instanceID, deliveryID: document.deliveryID,
            opinions: opinions, readers: readers,
            files: try files.map { file in
                let fileID = try file.requireID()
                return File(name: file.name, contentType: file.contentType, size: file.size, sha256: file.sha256,
                            url: links == .api ? APIURL.incomingFile.link(id, fileID) : SiteURL.incomingFile.link(id, fileID))
            },
            originalURL: document.packageID == nil ? nil : (links == .api ? APIURL.incomingOriginal.link(id) : SiteURL.incomingOriginal.link(id)),
            originalOFDURL: document.packageID == nil ? nil : (links == .api ? APIURL.incomingOriginalOFD.link(id) : SiteURL.incomingOriginalOFD.link(id)))
    }
}
