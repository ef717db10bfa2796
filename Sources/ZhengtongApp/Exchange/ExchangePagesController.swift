import Fluent
import Foundation
import Gongwen
import Vapor

/// 公文交换 pages for clerks: 待签收 / 已签收 / 已退回 / 本单位发出, a delivery with its document (print view,
/// OFD, files), 签收, 拒收退回 with a reason, and 更正后重新发送 for the sender. A delivery is visible only to
/// the clerks of its sender and recipient (``Access/canSee(_:on:)``); anyone else gets 404.
struct ExchangePagesController {
    typealias Tab = ListTab

    struct Row: Encodable, Sendable {
        var title: String
        var sender: String
        var recipient: String
        var number: String?
        var urgency: String?
        var role: String
        var sentAt: String
        var waiting: String?
        var overdue: Bool
        var state: String
        var href: String
    }

    struct ListPage: Encodable, Sendable {
        var tabs: [Tab]
        var tab: String
        var rows: [Row]
        var pager: Pager
        var listsHref: String
    }

    struct FileRow: Encodable, Sendable {
        var name: String
        var size: String
        var href: String
    }

    struct Event: Encodable, Sendable {
        var text: String
        var href: String?
    }

    struct DetailPage: Encodable, Sendable {
        var title: String
        var sender: String
        var recipient: String
        var number: String?
        var kind: String
        var urgency: String?
        var classification: String?
        var role: String
        var state: String
        var sentAt: String
        var sentBy: String
        var note: String?
        var acceptedText: String?
        var refusedText: String?
        var reason: String?
        var files: [FileRow]
        var printHref: String
        var ofdHref: String?
        var action: String
        var canAct: Bool
        var canResend: Bool
        var incomingHref: String?
        var history: [Event]
        var error: String?
        var form: Form
    }

    struct Form: Content, Sendable {
        var reason: String?
        var note: String?
    }

    static let perPage = 30

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.exchange, use: inbox)
        routes.get(SiteURL.delivery, use: detail)
        routes.post(SiteURL.deliveryAccept, use: accept)
        routes.post(SiteURL.deliveryRefuse, use: refuse)
        routes.on(.POST, SiteURL.deliveryResend.components, body: .collect(maxSize: "21mb"), use: resend)
    }

    // MARK: Lists

    @Sendable func inbox(req: Request) async throws -> Response {
        let access = try await req.access()
        let units = Array(access.exchangeUnits)
        guard !units.isEmpty else { throw AppError.forbidden(Strings.Exchange.forbidden) }
        let tab = ["pending", "accepted", "refused", "sent"].contains(req.queryValue("tab") ?? "") ? req.queryValue("tab")! : "pending"
        func query(_ key: String) -> QueryBuilder<Delivery> {
            switch key {
            case "accepted": Delivery.query(on: req.db).filter(\.$recipientUnitID ~~ units).filter(\.$state == Delivery.State.accepted.rawValue)
            case "refused": Delivery.query(on: req.db).filter(\.$recipientUnitID ~~ units).filter(\.$state == Delivery.State.refused.rawValue)
            case "sent": Delivery.query(on: req.db).filter(\.$senderUnitID ~~ units)
            default: Delivery.query(on: req.db).filter(\.$recipientUnitID ~~ units).filter(\.$state == Delivery.State.sent.rawValue)
            }
        }
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let total = try await query(tab).count()
        let ordered = tab == "pending" ? query(tab).sort(\.$sentAt, .ascending) : query(tab).sort(\.$sentAt, .descending)
        let deliveries = try await ordered.range(((page - 1) * Self.perPage)..<(page * Self.perPage)).all()
        let pending = try await query("pending").count()
        let t = Strings.page
        let tabs = [("pending", t["exchange_pending"]!, pending), ("accepted", t["exchange_accepted"]!, 0), ("refused", t["exchange_refused"]!, 0),
                    ("sent", t["exchange_sent"]!, 0)]
            .map { Tab(key: $0.0, label: $0.1, count: $0.2 > 0 ? $0.2 : nil, href: SiteURL.exchange.path + "?tab=\($0.0)", active: $0.0 == tab) }
        let rows = try await Self.rows(deliveries, on: req.db)
        return try await req.renderPage("exchange/inbox", title: tabs.first { $0.active }?.label ?? Strings.Exchange.inboxTitle, section: .exchange,
                                        ListPage(tabs: tabs, tab: tab, rows: rows, pager: Pager(page: page, perPage: Self.perPage, total: total, request: req),
                                                 listsHref: SiteURL.distributionLists.path))
    }

    static func rows(_ deliveries: [Delivery], now: Date = Date(), on db: any Database) async throws -> [Row] {
        let packages = try await ExchangeLookup.packages(deliveries.map(\.packageID), on: db)
        let units = try await ExchangeLookup.unitNames(deliveries.flatMap { [$0.senderUnitID, $0.recipientUnitID] }, on: db)
        var hours: [UUID: Int] = [:]
        var rows: [Row] = []
        for delivery in deliveries {
            guard let package = packages[delivery.packageID] else { continue }
            let content = try? package.document()
            let limit: Int
            if let known = hours[delivery.senderUnitID] {
                limit = known
            } else {
                limit = try await ReceivingSettings.of(unit: delivery.senderUnitID, on: db).acceptanceHours
                hours[delivery.senderUnitID] = limit
            }
            let waiting = now.timeIntervalSince(delivery.sentAt)
            let pending = delivery.stateValue == .sent
            rows.append(Row(title: package.title, sender: package.senderName, recipient: units[delivery.recipientUnitID] ?? "", number: package.number,
                            urgency: content?.urgency?.title, role: Strings.Exchange.roleLabel(Delivery.Role(rawValue: delivery.role) ?? .main),
                            sentAt: DisplayFormat.minute(delivery.sentAt), waiting: pending ? Strings.Exchange.waiting(waiting) : nil,
                            overdue: pending && waiting > Double(limit) * 3600, state: Strings.Exchange.statusText(delivery.stateValue),
                            href: SiteURL.delivery.link(try delivery.requireID())))
        }
        return rows
    }

    // MARK: One delivery

    @Sendable func detail(req: Request) async throws -> Response {
        try await render(req, form: Form(), error: nil)
    }

    private func render(_ req: Request, form: Form, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let (delivery, package, units) = try await ExchangeLookup.visible(req)
        let id = try delivery.requireID()
        let content = try package.document()
        let names = try await ExchangeLookup.unitNames([delivery.senderUnitID, delivery.recipientUnitID], on: req.db)
        let people = try await TaskView.names(Set([delivery.sentBy, delivery.acceptedBy, delivery.refusedBy].compactMap { $0 }), on: req.db)
        let files = try await ExchangePackageFile.query(on: req.db).filter(\.$packageID == package.requireID()).sort(\.$sortOrder).all()
        let state = delivery.stateValue
        var history: [Event] = []
        if let previous = delivery.resendOf { history.append(Event(text: Strings.page["exchange_resent_from"]!, href: SiteURL.delivery.link(previous))) }
        if let next = try await Delivery.query(on: req.db).filter(\.$resendOf == id).first() {
            history.append(Event(text: Strings.page["exchange_resent_to"]!, href: SiteURL.delivery.link(try next.requireID())))
        }
        let isRecipient = units.contains(delivery.recipientUnitID)
        let page = DetailPage(
            title: package.title, sender: package.senderName, recipient: names[delivery.recipientUnitID] ?? "", number: package.number,
            kind: content.kind.title, urgency: content.urgency?.title, classification: content.securityMarking,
            role: Strings.Exchange.roleLabel(Delivery.Role(rawValue: delivery.role) ?? .main), state: Strings.Exchange.statusText(state),
            sentAt: DisplayFormat.minute(delivery.sentAt), sentBy: people[delivery.sentBy] ?? "", note: delivery.note,
            acceptedText: delivery.acceptedAt.map { "\(people[delivery.acceptedBy ?? UUID()] ?? "") \(DisplayFormat.minute($0))" },
            refusedText: delivery.refusedAt.map { "\(people[delivery.refusedBy ?? UUID()] ?? "") \(DisplayFormat.minute($0))" },
            reason: delivery.refusalReason,
            files: try files.map { FileRow(name: $0.name, size: UploadedFiles.sizeText($0.size), href: SiteURL.deliveryFile.link(id, try $0.requireID())) },
            printHref: SiteURL.deliveryPrint.link(id), ofdHref: package.ofd == nil ? nil : SiteURL.deliveryOFD.link(id),
            action: SiteURL.delivery.link(id), canAct: isRecipient && state == .sent,
            canResend: units.contains(delivery.senderUnitID) && state == .refused && delivery.resentAt == nil,
            incomingHref: isRecipient ? delivery.incomingDocumentID.map { SiteURL.incoming.link($0) } : nil,
            history: history, error: error, form: form)
        return try await req.renderPage("exchange/delivery", title: package.title, section: .exchange, page, status: status)
    }

    @Sendable func accept(req: Request) async throws -> Response {
        let (delivery, _, units) = try await ExchangeLookup.visible(req)
        guard units.contains(delivery.recipientUnitID) else { throw AppError.forbidden(Strings.Exchange.forbidden) }
        let clerk = try req.currentUser()
        let actor = req.workflowActor(try await req.access())
        let workflow = req.workflow
        let id = try delivery.requireID()
        let incoming = try await req.write { db in
            try await ExchangeService.accept(id, by: clerk, actor: actor, workflow: workflow, at: Date(), on: db)
        }
        req.flash(Strings.Exchange.accepted)
        return req.redirect(to: SiteURL.incoming.link(try incoming.requireID()))
    }

    @Sendable func refuse(req: Request) async throws -> Response {
        let (delivery, _, units) = try await ExchangeLookup.visible(req)
        guard units.contains(delivery.recipientUnitID) else { throw AppError.forbidden(Strings.Exchange.forbidden) }
        let form = try req.content.decode(Form.self)
        let reason = FieldRules.trimmed(form.reason)
        guard !reason.isEmpty, reason.count <= 500 else {
            return try await render(req, form: form, error: reason.isEmpty ? Strings.Exchange.reasonRequired : Strings.Exchange.reasonTooLong,
                                    status: .unprocessableEntity)
        }
        let actor = req.workflowActor(try await req.access())
        let id = try delivery.requireID()
        try await req.write { db in try await ExchangeService.refuse(id, reason: reason, by: actor, at: Date(), on: db) }
        req.flash(Strings.Exchange.refused)
        return req.redirect(to: SiteURL.exchange.path)
    }

    struct ResendForm: Content, Sendable {
        var note: String?
        var file: File?
    }

    @Sendable func resend(req: Request) async throws -> Response {
        let (delivery, _, units) = try await ExchangeLookup.visible(req)
        guard units.contains(delivery.senderUnitID) else { throw AppError.forbidden(Strings.Exchange.forbidden) }
        let form = try await req.decodeForm(ResendForm.self)
        let note = FieldRules.trimmed(form.note)
        guard !note.isEmpty, note.count <= 500 else {
            return try await render(req, form: Form(note: form.note), error: Strings.Exchange.noteRequired, status: .unprocessableEntity)
        }
        var file: (name: String, contentType: String, data: Data)?
        if let upload = form.file, upload.data.readableBytes > 0 {
            let data = Data(upload.data.readableBytesView)
            let name = UploadedFiles.cleanName(upload.filename)
            guard data.count <= UploadedFiles.maximumSize, let type = UploadedFiles.contentType(name: name, data: data) else {
                return try await render(req, form: Form(note: note), error: Strings.Exchange.fileRefused, status: .unprocessableEntity)
            }
            file = (name, type, data)
        }
        let actor = req.workflowActor(try await req.access())
        let id = try delivery.requireID()
        let chosen = file
        let sent = try await req.write { db in try await ExchangeService.resend(id, note: note, file: chosen, by: actor, at: Date(), on: db) }
        req.flash(Strings.Exchange.resent)
        return req.redirect(to: SiteURL.delivery.link(try sent.requireID()))
    }
}

/// Finding deliveries and what they point to, with the visibility rule applied.
enum ExchangeLookup {
    /// The delivery named by the route, its package and the viewer's exchange units; 404 when the viewer may not see it.
    static func visible(_ req: Request) async throws -> (Delivery, ExchangePackage, Set<UUID>) {
        let access = try await req.access()
        guard let delivery = try await Delivery.find(try req.idParameter("deliveryID"), on: req.db) else { throw AppError.notFound() }
        let units = access.exchangeUnits
        guard units.contains(delivery.recipientUnitID) || units.contains(delivery.senderUnitID),
              let package = try await ExchangePackage.find(delivery.packageID, on: req.db) else { throw AppError.notFound() }
        return (delivery, package, units)
    }

    static func packages(_ ids: [UUID], on db: any Database) async throws -> [UUID: ExchangePackage] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await ExchangePackage.query(on: db).filter(\.$id ~~ Array(Set(ids))).all().compactMap { package in
            package.id.map { ($0, package) } }, uniquingKeysWith: { first, _ in first })
    }

    static func unitNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await Unit.query(on: db).filter(\.$id ~~ Array(Set(ids))).all().compactMap { unit in
            unit.id.map { ($0, unit.name) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The package's document as the sender dispatched it, with its attachment pages and the sender's seal.
    static func printHTML(_ package: ExchangePackage, app: Application) async throws -> String {
        let content = try package.document()
        let files = try await ExchangePackageFile.query(on: app.db).filter(\.$packageID == package.requireID()).sort(\.$sortOrder).all()
        let attachments = files.map { AttachmentContent(fileName: $0.name, data: $0.data) }
        let sealName = content.sealed ? (try await UnitSeal.query(on: app.db).filter(\.$unitID == package.senderUnitID).first()?.name ?? package.senderName) : nil
        return try await app.threadPool.runIfActive {
            PrintHTML.render(DocumentLayout.layout(content, attachments: attachments), title: content.title,
                             seal: sealName.map { SealDesign.make(unitName: $0) }, stylesheetHref: OutgoingOutput.stylesheetPath)
        }
    }
}
