import Fluent
import Vapor

/// 收发文设置 of a unit, kept by its organisation administrator: how long a delivery it sends may wait for 签收
/// before the receipt flags it, and the default 办理时限 of documents it receives, by urgency, in working days.
struct ReceivingSettingsAdminController {
    struct Form: Content, Sendable {
        var acceptanceHours: String?
        var extraUrgentDays: String?
        var urgentDays: String?
        var ordinaryDays: String?
    }

    struct Page: Encodable, Sendable {
        var unitName: String
        var form: Form
        var errors: [String: String]
        var error: String?
        var action: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminReceivingSettings, use: show)
        routes.post(SiteURL.adminReceivingSettings, use: save)
    }

    private func unit(_ req: Request) async throws -> ZhengtongApp.Unit {
        guard let unit = try await Unit.find(try req.idParameter("unitID"), on: req.db) else { throw AppError.notFound() }
        try await req.access().require(.organizationManage, unit: try unit.requireID())
        return unit
    }

    @Sendable func show(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let settings = try await ReceivingSettings.of(unit: try unit.requireID(), on: req.db)
        let form = Form(acceptanceHours: String(settings.acceptanceHours), extraUrgentDays: String(settings.extraUrgentDays),
                        urgentDays: String(settings.urgentDays), ordinaryDays: String(settings.ordinaryDays))
        return try await render(req, unit: unit, form: form, errors: [:])
    }

    private func render(_ req: Request, unit: ZhengtongApp.Unit, form: Form, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.renderPage("admin/receiving-settings", title: Strings.page["settings_title"]!, section: .admin,
                                 Page(unitName: unit.name, form: form, errors: errors, error: errors.isEmpty ? nil : Strings.Error.formInvalid,
                                      action: SiteURL.adminReceivingSettings.link(try unit.requireID())), status: status)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let unitID = try unit.requireID()
        let form = try req.content.decode(Form.self)
        var errors: [String: String] = [:]
        func number(_ text: String?, _ field: String, _ range: ClosedRange<Int>) -> Int {
            guard let value = Int(FieldRules.trimmed(text)), range.contains(value) else {
                errors[field] = Strings.Incoming.settingOutOfRange(range.lowerBound, range.upperBound)
                return 0
            }
            return value
        }
        let hours = number(form.acceptanceHours, "acceptanceHours", 1...720)
        let extraUrgent = number(form.extraUrgentDays, "extraUrgentDays", 1...60)
        let urgent = number(form.urgentDays, "urgentDays", 1...60)
        let ordinary = number(form.ordinaryDays, "ordinaryDays", 1...120)
        guard errors.isEmpty else { return try await render(req, unit: unit, form: form, errors: errors, status: .unprocessableEntity) }
        let actor = req.auditActor()
        try await req.write { db in
            let settings = try await ReceivingSettings.of(unit: unitID, on: db)
            let before = ["hours": String(settings.acceptanceHours), "days": "\(settings.extraUrgentDays)/\(settings.urgentDays)/\(settings.ordinaryDays)"]
            settings.acceptanceHours = hours
            settings.extraUrgentDays = extraUrgent
            settings.urgentDays = urgent
            settings.ordinaryDays = ordinary
            settings.updatedAt = Date()
            try await settings.save(on: db)
            try await AuditLog.record(AuditEvent(action: "unit.receiving_settings", targetType: "unit", targetID: unitID.uuidString, targetLabel: unit.name,
                                                 before: before, after: ["hours": String(hours), "days": "\(extraUrgent)/\(urgent)/\(ordinary)"]),
                                      by: actor, on: db)
        }
        req.flash(Strings.Outgoing.saved)
        return req.redirect(to: SiteURL.adminReceivingSettings.link(unitID))
    }
}
