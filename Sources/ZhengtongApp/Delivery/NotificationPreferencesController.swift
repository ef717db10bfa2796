import Fluent
import Foundation
import Vapor

/// 提醒方式: the page `/me/notification-preferences` and `GET/PUT /api/v1/me/notification-preferences`, both
/// through ``NotificationPreferences``. Everyone edits only their own.
struct NotificationPreferencesController {
    struct Row: Encodable, Sendable {
        var kind: String
        var label: String
        var sms: Bool
        var email: Bool
        var smsRequired: Bool
    }

    struct Page: Encodable, Sendable {
        var rows: [Row]
        var quietEnabled: Bool
        var quietFrom: String
        var quietUntil: String
        var digest: Bool
        var emailAllowed: Bool
        var digestTime: String
        var phone: String
        var email: String
        var errors: [String: String]
        var error: String?
    }

    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.notificationPreferences.components, use: show)
        routes.post(SiteURL.notificationPreferences.components, use: save)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get("me", "notification-preferences", use: apiShow)
        routes.put("me", "notification-preferences", use: apiSave)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.currentUser()
        return try await render(req, user: user, settings: try await NotificationPreferences.load(for: user, on: req.db), errors: [:])
    }

    private func render(_ req: Request, user: User, settings: NotificationPreferences.Settings, errors: [String: String],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let rows = settings.kinds.map { Row(kind: $0.kind, label: $0.label ?? $0.kind, sms: $0.sms, email: $0.email, smsRequired: $0.smsRequired ?? false) }
        let page = Page(rows: rows, quietEnabled: settings.quietHours.enabled, quietFrom: settings.quietHours.from, quietUntil: settings.quietHours.until,
                        digest: settings.digest, emailAllowed: settings.emailAllowed ?? false, digestTime: settings.digestTime ?? "",
                        phone: user.phone ?? "", email: user.email ?? "", errors: errors, error: errors.isEmpty ? nil : Strings.Error.formInvalid)
        return try await req.renderPage("notifications/preferences", title: Strings.page["preferences_title"]!, section: nil, page, status: status)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let form = try req.content.decode([String: String].self)
        let current = try await NotificationPreferences.load(for: user, on: req.db)
        // A checkbox left unticked is absent from the form.
        let settings = NotificationPreferences.Settings(
            kinds: current.kinds.map { choice in
                NotificationPreferences.KindChoice(kind: choice.kind, label: choice.label, sms: form["sms_\(choice.kind)"] != nil || choice.smsRequired == true,
                                                   email: form["email_\(choice.kind)"] != nil, smsRequired: choice.smsRequired)
            },
            quietHours: .init(enabled: form["quietEnabled"] != nil, from: form["quietFrom"] ?? "", until: form["quietUntil"] ?? ""),
            digest: form["digest"] != nil, emailAllowed: current.emailAllowed, digestTime: current.digestTime)
        let access = try await req.access()
        do {
            try await NotificationPreferences.save(settings, for: user, actor: req.workflowActor(access), app: req.application)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, user: user, settings: settings, errors: error.fields, status: .unprocessableEntity)
        }
        req.flash(Strings.MessageDelivery.preferencesSaved)
        return req.redirect(to: SiteURL.notificationPreferences.path, redirectType: .normal)
    }

    @Sendable func apiShow(req: Request) async throws -> Response {
        try APIResponse.json(try await NotificationPreferences.load(for: try req.currentUser(), on: req.db))
    }

    @Sendable func apiSave(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let settings = try req.content.decode(NotificationPreferences.Settings.self)
        try await NotificationPreferences.save(settings, for: user, actor: req.workflowActor(try await req.access()), app: req.application)
        return try APIResponse.json(try await NotificationPreferences.load(for: user, on: req.db))
    }
}
