import Fluent
import Foundation
import Gongwen
import Vapor

/// `GET /api/v1/exchange/inbox`, `GET /api/v1/exchange/{id}`, `POST /api/v1/exchange/{id}/accept`,
/// `POST /api/v1/exchange/{id}/refuse` for clerks, and `GET /api/v1/outgoing/{id}/receipts` for the sender.
struct ExchangeAPIController {
    struct DeliverySummary: Content, Sendable {
        var id: UUID
        var title: String
        var senderUnit: String
        var sender: String
        var recipientUnitID: UUID
        var number: String?
        var kind: String
        var urgency: String?
        var classification: String?
        var role: String
        var state: String
        var sentAt: Date
        var waitingSeconds: Int?
        var acceptedAt: Date?
        var refusedAt: Date?
        var reason: String?
        var incomingDocumentID: UUID?
        /// The document as dispatched: print view and OFD, through the API (they take the same token).
        var printURL: String
        var ofdURL: String?
        /// The package's files (attachments), on a single delivery's answer; lists leave them out.
        var files: [File]?
    }

    struct File: Content, Sendable {
        var id: UUID
        var name: String
        var contentType: String
        var size: Int
        var sha256: String
        var url: String
    }

    struct Inbox: Content, Sendable {
        var items: [DeliverySummary]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct RefuseBody: Content, Sendable {
        var reason: String?
    }

    struct Accepted: Content, Sendable {
        var delivery: DeliverySummary
        var incomingDocumentID: UUID
        var registrationNumber: String
    }

    struct Receipts: Content, Sendable {
        var items: [Receipt]
        var paperOnly: Bool
    }

    func register(on routes: any RoutesBuilder) {
        routes.get("exchange", "inbox", use: inbox)
        routes.get("exchange", ":deliveryID", use: show)
        routes.post("exchange", ":deliveryID", "accept", use: accept)
        routes.post("exchange", ":deliveryID", "refuse", use: refuse)
        routes.get("outgoing", ":documentID", "receipts", use: receipts)
    }

    /// 待签收 of the caller's units (`state=sent`, the default), or `accepted` / `refused`; oldest waiting first.
    @Sendable func inbox(req: Request) async throws -> Inbox {
        let access = try await req.access()
        let units = Array(access.exchangeUnits)
        guard !units.isEmpty else { throw AppError.forbidden(Strings.Exchange.forbidden) }
        let state = req.queryValue("state") ?? Delivery.State.sent.rawValue
        guard let wanted = Delivery.State(rawValue: state) else { throw AppError.validation(Strings.Error.formInvalid, fields: ["state": state]) }
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let perPage = max(1, min(200, req.queryInt("perPage") ?? 50))
        let query = Delivery.query(on: req.db).filter(\.$recipientUnitID ~~ units).filter(\.$state == wanted.rawValue)
        let total = try await query.count()
        let deliveries = try await Delivery.query(on: req.db).filter(\.$recipientUnitID ~~ units).filter(\.$state == wanted.rawValue)
            .sort(\.$sentAt, wanted == .sent ? .ascending : .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        return Inbox(items: try await Self.summaries(deliveries, on: req.db), total: total, page: page, perPage: perPage)
    }

    @Sendable func show(req: Request) async throws -> DeliverySummary {
        let (delivery, package, _) = try await ExchangeLookup.visible(req)
        guard var summary = try await Self.summaries([delivery], on: req.db).first else { throw AppError.notFound() }
        let id = try delivery.requireID()
        summary.files = try await ExchangePackageFile.query(on: req.db).filter(\.$packageID == package.requireID()).sort(\.$sortOrder)
            .field(\.$id).field(\.$packageID).field(\.$name).field(\.$contentType).field(\.$size).field(\.$sha256).field(\.$sortOrder).all()
            .map { file in
                let fileID = try file.requireID()
                return File(id: fileID, name: file.name, contentType: file.contentType, size: file.size, sha256: file.sha256,
                            url: APIURL.deliveryFile.link(id, fileID))
            }
        return summary
    }

    @Sendable func accept(req: Request) async throws -> Accepted {
        let (delivery, _, units) = try await ExchangeLookup.visible(req)
        guard units.contains(delivery.recipientUnitID) else { throw AppError.forbidden(Strings.Exchange.forbidden) }
        let clerk = try req.currentUser()
        let actor = req.workflowActor(try await req.access())
        let workflow = req.workflow
        let id = try delivery.requireID()
        let incoming = try await req.write { db in try await ExchangeService.accept(id, by: clerk, actor: actor, workflow: workflow, at: Date(), on: db) }
        guard let updated = try await Delivery.find(id, on: req.db), let summary = try await Self.summaries([updated], on: req.db).first else {
            throw AppError.notFound()
        }
        return Accepted(delivery: summary, incomingDocumentID: try incoming.requireID(), registrationNumber: incoming.registrationNumber)
    }

    @Sendable func refuse(req: Request) async throws -> DeliverySummary {
        let (delivery, _, units) = try await ExchangeLookup.visible(req)
        guard units.contains(delivery.recipientUnitID) else { throw AppError.forbidden(Strings.Exchange.forbidden) }
        let reason = FieldRules.trimmed((try? req.content.decode(RefuseBody.self))?.reason)
        guard !reason.isEmpty, reason.count <= 500 else {
            let message = reason.isEmpty ? Strings.Exchange.reasonRequired : Strings.Exchange.reasonTooLong
            throw AppError.validation(message, fields: ["reason": message])
        }
        let actor = req.workflowActor(try await req.access())
        let id = try delivery.requireID()
        try await req.write { db in try await ExchangeService.refuse(id, reason: reason, by: actor, at: Date(), on: db) }
        guard let updated = try await Delivery.find(id, on: req.db), let summary = try await Self.summaries([updated], on: req.db).first else {
            throw AppError.notFound()
        }
        return summary
    }

    @Sendable func receipts(req: Request) async throws -> Receipts {
        let document = try await req.visibleOutgoing()
        return Receipts(items: try await Receipt.of(outgoing: try document.requireID(), on: req.db), paperOnly: document.paperOnly == true)
    }

    static func summaries(_ deliveries: [Delivery], now: Date = Date(), on db: any Database) async throws -> [DeliverySummary] {
        let packages = try await ExchangeLookup.packages(deliveries.map(\.packageID), on: db)
        let units = try await ExchangeLookup.unitNames(deliveries.map(\.senderUnitID), on: db)
        return try deliveries.compactMap { delivery in
            guard let package = packages[delivery.packageID] else { return nil }
            let content = try package.document()
            let id = try delivery.requireID()
            return DeliverySummary(
                id: id, title: package.title, senderUnit: units[delivery.senderUnitID] ?? "", sender: package.senderName,
                recipientUnitID: delivery.recipientUnitID, number: package.number, kind: content.kind.rawValue, urgency: content.urgency?.rawValue,
                classification: content.classification?.rawValue, role: delivery.role, state: delivery.state, sentAt: delivery.sentAt,
                waitingSeconds: delivery.stateValue == .sent ? Int(now.timeIntervalSince(delivery.sentAt)) : nil,
                acceptedAt: delivery.acceptedAt, refusedAt: delivery.refusedAt, reason: delivery.refusalReason,
                incomingDocumentID: delivery.incomingDocumentID, printURL: APIURL.deliveryPrint.link(id),
                ofdURL: package.ofd == nil ? nil : APIURL.deliveryOFD.link(id))
        }
    }
}
