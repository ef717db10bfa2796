import Fluent
import Foundation
import Vapor

/// A unit's 消息发送 pages and API: its settings (`/admin/units/{unit}/delivery`), its message log with the monthly
/// volumes (`/admin/units/{unit}/messages`) and 重发 of a failed message — through ``UnitDeliveryPolicy``,
/// ``MessageLog`` and ``OutboxSender/resend(_:at:on:)``.
struct MessageLogController {
    struct LogRow: Encodable, Sendable {
        var kind: String
        var recipient: String
        var channel: String
        var address: String
        var state: String
        var stateClass: String
        var created: String
        var sent: String
        var error: String
        var resendHref: String?
    }

    struct LogPage: Encodable, Sendable {
        var unitName: String
        var rows: [LogRow]
        var months: [MessageLog.Month]
        var channel: String
        var state: String
        var month: String
        var channels: [SelectOption]
        var states: [SelectOption]
        var total: Int
        var pager: Pager
        var settingsHref: String
        var action: String
    }

    struct SettingsPage: Encodable, Sendable {
        var unitName: String
        var emailAllowed: Bool
        var digestTime: String
        var mailQuotaMB: String
        var mailAttachmentMB: String
        var defaultQuota: String
        var defaultAttachment: String
        var errors: [String: String]
        var error: String?
        var action: String
        var logHref: String
        var smtpConfigured: Bool
        var smsConfigured: Bool
    }

    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.adminMessageLog.components, use: log)
        routes.post(SiteURL.adminMessageResend.components, use: resend)
        routes.get(SiteURL.adminDeliverySettings.components, use: settings)
        routes.post(SiteURL.adminDeliverySettings.components, use: saveSettings)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get("units", ":unitID", "messages", use: apiLog)
        routes.get("units", ":unitID", "messages", "statistics", use: apiStatistics)
        routes.post("units", ":unitID", "messages", ":messageID", "resend", use: apiResend)
        routes.get("units", ":unitID", "delivery-settings", use: apiSettings)
        routes.put("units", ":unitID", "delivery-settings", use: apiSaveSettings)
    }

    /// The unit of the path, which the person keeps the delivery of (404 unknown, 403 not theirs).
    private func unit(_ req: Request) async throws -> (ZhengtongApp.Unit, Access) {
        guard let unit = try await Unit.find(try req.idParameter("unitID"), on: req.db) else { throw AppError.notFound() }
        let access = try await req.access()
        try access.requireDeliveryKeeper(of: try unit.requireID())
        return (unit, access)
    }

    private func filter(_ req: Request) throws -> MessageLog.Filter {
        func value(_ name: String) -> String? { req.queryValue(name).flatMap { $0.isEmpty ? nil : $0 } }
        var filter = MessageLog.Filter(month: value("month"))
        if let raw = value("channel") {
            guard let channel = DeliveryChannel(rawValue: raw) else { throw AppError.validation(Strings.API.valueInvalid("channel"), fields: ["channel": Strings.API.valueInvalidField]) }
            filter.channel = channel
        }
        if let raw = value("state") {
            guard let state = OutboxMessage.State(rawValue: raw) else { throw AppError.validation(Strings.API.valueInvalid("state"), fields: ["state": Strings.API.valueInvalidField]) }
            filter.state = state
        }
        return filter
    }

    @Sendable func log(req: Request) async throws -> Response {
        let (unit, _) = try await unit(req)
        let unitID = try unit.requireID()
        let page = max(1, min(APIPage.maximumPage, req.queryInt("page") ?? 1))
        let filter = (try? filter(req)) ?? MessageLog.Filter()
        // A month typed wrongly shows the whole log rather than an error page.
        let entries: MessageLog.Page
        do {
            entries = try await MessageLog.entries(unit: unitID, filter: filter, page: page, perPage: 50, on: req.db)
        } catch {
            entries = try await MessageLog.entries(unit: unitID, filter: MessageLog.Filter(), page: page, perPage: 50, on: req.db)
        }
        let rows = entries.items.map { entry in
            LogRow(kind: entry.kindLabel, recipient: entry.recipient, channel: entry.channel.label, address: entry.address, state: entry.state.label,
                   stateClass: "state-\(entry.state.rawValue)", created: DisplayFormat.minute(entry.createdAt),
                   sent: (entry.deliveredAt ?? entry.sentAt).map(DisplayFormat.minute) ?? "", error: entry.error ?? "",
                   resendHref: [.dead, .failed].contains(entry.state) ? SiteURL.adminMessageResend.link(unitID, entry.id) : nil)
        }
        let page_ = LogPage(unitName: unit.name, rows: rows, months: try await MessageLog.months(unit: unitID, until: Date(), on: req.db),
                            channel: filter.channel?.rawValue ?? "", state: filter.state?.rawValue ?? "", month: filter.month ?? "",
                            channels: DeliveryChannel.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filter.channel) },
                            states: OutboxMessage.State.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filter.state) },
                            total: entries.total, pager: Pager(page: page, perPage: 50, total: entries.total, request: req),
                            settingsHref: SiteURL.adminDeliverySettings.link(unitID), action: SiteURL.adminMessageLog.link(unitID))
        return try await req.renderPage("admin/message-log", title: Strings.page["messages_title"]!, section: .admin, page_)
    }

    @Sendable func resend(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        let unitID = try unit.requireID()
        let resent = try await DeliveryResend.resend(try req.idParameter("messageID"), unit: unitID, access: access, actor: req.workflowActor(access), app: req.application)
        req.flash(resent ? Strings.MessageDelivery.resent : Strings.MessageDelivery.notResendable)
        return req.redirect(to: SiteURL.adminMessageLog.link(unitID), redirectType: .normal)
    }

    @Sendable func settings(req: Request) async throws -> Response {
        let (unit, _) = try await unit(req)
        let settings = try await UnitDeliveryPolicy.load(unit: try unit.requireID(), on: req.db)
        return try await renderSettings(req, unit: unit, settings: settings, errors: [:])
    }

    private func renderSettings(_ req: Request, unit: ZhengtongApp.Unit, settings: UnitDeliveryPolicy.Settings, errors: [String: String],
                                typed: SettingsForm? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let unitID = try unit.requireID()
        let config = req.application.config.delivery
        return try await req.renderPage("admin/delivery-settings", title: Strings.page["delivery_settings_title"]!, section: .admin,
                                        SettingsPage(unitName: unit.name, emailAllowed: settings.emailAllowed, digestTime: settings.digestTime ?? "",
                                                     mailQuotaMB: typed?.mailQuotaMB ?? settings.mailQuotaMB.map(String.init) ?? "",
                                                     mailAttachmentMB: typed?.mailAttachmentMB ?? settings.mailAttachmentMB.map(String.init) ?? "",
                                                     defaultQuota: String(req.application.mailSettings.quotaBytes >> 20),
                                                     defaultAttachment: String(req.application.mailSettings.attachmentBytes >> 20),
                                                     errors: errors, error: errors.isEmpty ? nil : Strings.Error.formInvalid,
                                                     action: SiteURL.adminDeliverySettings.link(unitID), logHref: SiteURL.adminMessageLog.link(unitID),
                                                     smtpConfigured: config.smtp != nil, smsConfigured: config.sms != nil), status: status)
    }

    struct SettingsForm: Content, Sendable {
        var emailAllowed: String?
        var digestTime: String?
        var mailQuotaMB: String?
        var mailAttachmentMB: String?
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        let form = try req.content.decode(SettingsForm.self)
        // A number that does not read as one is out of range too (0), so the form comes back with what was typed.
        func megabytes(_ text: String?) -> Int? {
            let trimmed = FieldRules.trimmed(text)
            return trimmed.isEmpty ? nil : (Int(trimmed) ?? 0)
        }
        let settings = UnitDeliveryPolicy.Settings(emailAllowed: form.emailAllowed != nil, digestTime: form.digestTime,
                                                   mailQuotaMB: megabytes(form.mailQuotaMB), mailAttachmentMB: megabytes(form.mailAttachmentMB))
        do {
            try await UnitDeliveryPolicy.save(settings, unit: try unit.requireID(), access: access, actor: req.workflowActor(access), app: req.application)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderSettings(req, unit: unit, settings: settings, errors: error.fields, typed: form, status: .unprocessableEntity)
        }
        req.flash(Strings.MessageDelivery.settingsSaved)
        return req.redirect(to: SiteURL.adminDeliverySettings.link(try unit.requireID()), redirectType: .normal)
    }

    @Sendable func apiLog(req: Request) async throws -> Response {
        let (unit, _) = try await unit(req)
        let paging = try APIPage.from(req)
        return try APIResponse.json(try await MessageLog.entries(unit: try unit.requireID(), filter: try filter(req), page: paging.page, perPage: paging.perPage, on: req.db))
    }

    struct Statistics: Content, Sendable {
        var months: [MessageLog.Month]
    }

    @Sendable func apiStatistics(req: Request) async throws -> Response {
        let (unit, _) = try await unit(req)
        return try APIResponse.json(Statistics(months: try await MessageLog.months(unit: try unit.requireID(), until: Date(), on: req.db)))
    }

    @Sendable func apiResend(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        guard try await DeliveryResend.resend(try req.idParameter("messageID"), unit: try unit.requireID(), access: access,
                                              actor: req.workflowActor(access), app: req.application) else {
            throw AppError(status: .conflict, code: "message_not_resendable", message: Strings.MessageDelivery.notResendable)
        }
        return Response(status: .noContent)
    }

    @Sendable func apiSettings(req: Request) async throws -> Response {
        let (unit, _) = try await unit(req)
        return try APIResponse.json(try await UnitDeliveryPolicy.load(unit: try unit.requireID(), on: req.db))
    }

    @Sendable func apiSaveSettings(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        let unitID = try unit.requireID()
        try await UnitDeliveryPolicy.save(try req.content.decode(UnitDeliveryPolicy.Settings.self), unit: unitID, access: access,
                                          actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try await UnitDeliveryPolicy.load(unit: unitID, on: req.db))
    }
}

/// 重发: a dead letter or a message the gateway could not deliver goes back in the queue, recorded in the audit log.
enum DeliveryResend {
    static func resend(_ id: UUID, unit: UUID, access: Access, actor: WorkflowService.Actor, app: Application, now: Date = Date()) async throws -> Bool {
        try access.requireDeliveryKeeper(of: unit)
        guard let message = try await OutboxMessage.find(id, on: app.db), message.unitID == unit else { throw AppError.notFound() }
        return try await app.write { db in
            guard try await OutboxSender.resend(id, at: now, on: db) else { return false }
            try await AuditLog.record(AuditEvent(action: "delivery.resend", targetType: "notification_outbox", targetID: id.uuidString,
                                                 targetLabel: message.channel, before: ["state": message.state]), by: actor.audit, on: db)
            return true
        }
    }
}
