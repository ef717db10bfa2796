import Fluent
import Foundation
import Vapor

/// `/api/v1/alerts`: the same services as the pages, for a phone client (a 乡镇 person confirms from the SMS link's
/// page or the app) or an integrator. What the caller may not see is 404.
struct AlertAPIController {
    struct TargetBody: Content, Sendable {
        var unitId: UUID
        var withSubunits: Bool?
    }

    struct SendBody: Content, Sendable {
        var title: String?
        var body: String?
        var level: String?
        var category: String?
        var targets: [TargetBody]?
    }

    struct Items: Content, Sendable {
        var items: [AlertSummaryView]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.alerts.components, use: list)
        routes.post(APIURL.alerts.components, use: send)
        routes.get(APIURL.alert.components, use: show)
        routes.post(APIURL.alertConfirm.components, use: confirm)
        routes.post(APIURL.alertResend.components, use: resend)
        routes.post(APIURL.alertClose.components, use: close)
    }

    /// `?box=received` (default) or `sent`.
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let box = try AlertBox.parse(req.queryValue("box"))
        return try APIResponse.json(Items(items: try await AlertBox.list(box, access: access, limit: 200, on: req.db)))
    }

    private func detail(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        return try APIResponse.json(try await AlertViews.detail(try await AlertLookup.visible(id, access: access, on: req.db), access: access, on: req.db),
                                    status: status)
    }

    @Sendable func send(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(SendBody.self)
        let targets = body.targets ?? []
        let alert = try await AlertService.send(.init(title: body.title, body: body.body, level: body.level, category: body.category,
                                                      units: targets.filter { $0.withSubunits != true }.map(\.unitId),
                                                      unitTrees: targets.filter { $0.withSubunits == true }.map(\.unitId)),
                                                access: access, actor: req.workflowActor(access), app: req.application)
        return try await detail(try alert.requireID(), req, status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await detail(try req.idParameter("alertID"), req)
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("alertID")
        try await AlertService.confirm(id, access: access, actor: req.workflowActor(access), app: req.application)
        return try await detail(id, req)
    }

    @Sendable func resend(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("alertID")
        try await AlertService.resend(id, access: access, actor: req.workflowActor(access), app: req.application)
        return try await detail(id, req)
    }

    @Sendable func close(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("alertID")
        try await AlertService.close(id, access: access, actor: req.workflowActor(access), app: req.application)
        return try await detail(id, req)
    }
}

/// The two lists: what reached the person, and what they (or their unit's 预警发布员) sent. One rule for page and API.
enum AlertBox: String, Sendable {
    case received, sent

    static func parse(_ text: String?) throws -> AlertBox {
        guard let text, !text.isEmpty else { return .received }
        guard let box = AlertBox(rawValue: text) else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["box": Strings.Alerts.boxInvalid])
        }
        return box
    }

    static func list(_ box: AlertBox, access: Access, limit: Int, on db: any Database) async throws -> [AlertSummaryView] {
        switch box {
        case .received:
            let rows = try await AlertRecipient.query(on: db).filter(\.$userID == access.userID).sort(\.$createdAt, .descending).limit(limit).all()
            let alerts = try await Alert.query(on: db).filter(\.$id ~~ rows.map(\.alertID)).sort(\.$sentAt, .descending).all()
            return try await AlertViews.summaries(alerts, access: access, received: true, on: db)
        case .sent:
            let alerts = try await access.sentAlerts(on: db).sort(\.$sentAt, .descending).limit(limit).all()
            return try await AlertViews.summaries(alerts, access: access, received: false, on: db)
        }
    }

    /// The person's open alerts they have not confirmed, newest first (the desk shows them on top).
    static func unconfirmed(by access: Access, limit: Int, on db: any Database) async throws -> (count: Int, alerts: [Alert]) {
        let rows = try await AlertRecipient.query(on: db).filter(\.$userID == access.userID).filter(\.$confirmedAt == nil)
            .join(Alert.self, on: \AlertRecipient.$alertID == \Alert.$id).filter(Alert.self, \.$state == Alert.State.open.rawValue)
            .sort(Alert.self, \.$sentAt, .descending).all()
        let alerts = try rows.prefix(limit).map { try $0.joined(Alert.self) }
        return (rows.count, alerts)
    }
}
