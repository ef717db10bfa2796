import Fluent
import Foundation
import Vapor

/// 回执: where each delivery of a 发文 stands, for its sender — 已送达 (flagged 超时未签收 past the sending unit's
/// acceptance hours), 已签收 (by whom, when), 已退回 (by whom, when, why) — newest first per recipient, a re-sent
/// delivery after the one it replaced.
struct Receipt: Content, Sendable {
    var deliveryID: UUID
    var unitID: UUID
    var unit: String
    var role: String
    var state: String
    var stateLabel: String
    var sentAt: Date
    var acceptedAt: Date?
    var acceptedBy: String?
    var refusedAt: Date?
    var refusedBy: String?
    var reason: String?
    var overdue: Bool
    var resendOf: UUID?
    var resent: Bool
    var note: String?

    static func of(outgoing documentID: UUID, now: Date = Date(), on db: any Database) async throws -> [Receipt] {
        let packages = try await ExchangePackage.query(on: db).filter(\.$outgoingDocumentID == documentID).all().compactMap(\.id)
        guard !packages.isEmpty else { return [] }
        let deliveries = try await Delivery.query(on: db).filter(\.$packageID ~~ packages).sort(\.$sentAt).all()
        guard let sender = deliveries.first?.senderUnitID else { return [] }
        let hours = try await ReceivingSettings.of(unit: sender, on: db).acceptanceHours
        let units = try await ExchangeLookup.unitNames(deliveries.map(\.recipientUnitID), on: db)
        let people = try await TaskView.names(Set(deliveries.flatMap { [$0.acceptedBy, $0.refusedBy].compactMap { $0 } }), on: db)
        return try deliveries.map { delivery in
            let state = delivery.stateValue
            return Receipt(
                deliveryID: try delivery.requireID(), unitID: delivery.recipientUnitID, unit: units[delivery.recipientUnitID] ?? "",
                role: delivery.role, state: state.rawValue, stateLabel: Strings.Exchange.statusText(state), sentAt: delivery.sentAt,
                acceptedAt: delivery.acceptedAt, acceptedBy: delivery.acceptedBy.flatMap { people[$0] },
                refusedAt: delivery.refusedAt, refusedBy: delivery.refusedBy.flatMap { people[$0] }, reason: delivery.refusalReason,
                overdue: state == .sent && now.timeIntervalSince(delivery.sentAt) > Double(hours) * 3600,
                resendOf: delivery.resendOf, resent: delivery.resentAt != nil, note: delivery.note)
        }
        .sorted { ($0.unit, $0.sentAt) < ($1.unit, $1.sentAt) }
    }
}

/// `GET /outgoing/{id}/receipts`: the receipt table of a 发文 for those who may see the document.
struct ReceiptsController {
    struct Row: Encodable, Sendable {
        var unit: String
        var role: String
        var state: String
        var stateClass: String
        var sentAt: String
        var handled: String?
        var reason: String?
        var note: String?
        var overdue: Bool
        var resent: Bool
        var deliveryHref: String?
    }

    struct Page: Encodable, Sendable {
        var title: String
        var number: String?
        var documentHref: String
        var rows: [Row]
        var paperOnly: Bool
        var counts: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.outgoingReceipts, use: page)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let id = try document.requireID()
        let receipts = try await Receipt.of(outgoing: id, on: req.db)
        let access = try await req.access()
        let clerk = access.exchangeUnits.contains(document.$unit.id)
        let rows = receipts.map { receipt in
            Row(unit: receipt.unit, role: Strings.Exchange.roleLabel(Delivery.Role(rawValue: receipt.role) ?? .main), state: receipt.stateLabel,
                stateClass: receipt.state, sentAt: DisplayFormat.minute(receipt.sentAt),
                handled: receipt.acceptedAt.map { "\(receipt.acceptedBy ?? "") \(DisplayFormat.minute($0))" }
                    ?? receipt.refusedAt.map { "\(receipt.refusedBy ?? "") \(DisplayFormat.minute($0))" },
                reason: receipt.reason, note: receipt.note, overdue: receipt.overdue, resent: receipt.resent,
                deliveryHref: clerk ? SiteURL.delivery.link(receipt.deliveryID) : nil)
        }
        let current = receipts.filter { !$0.resent }
        let counts = Strings.Exchange.receiptCounts(total: current.count, accepted: current.filter { $0.state == "accepted" }.count,
                                                    refused: current.filter { $0.state == "refused" }.count)
        return try await req.renderPage("exchange/receipts", title: Strings.page["receipts_title"]!, section: .outgoing,
                                        Page(title: document.title, number: document.number, documentHref: SiteURL.outgoing.link(id), rows: rows,
                                             paperOnly: document.paperOnly == true, counts: counts))
    }
}
