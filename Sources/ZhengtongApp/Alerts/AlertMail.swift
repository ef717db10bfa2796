import Fluent
import Foundation
import Vapor

/// A 预警 goes "by every channel at once": besides the bell, the SMS and outside mail (``Notifier``), a copy from its
/// sender lands in each recipient's 收件箱, marked 重要 — the record a person keeps after the bell is read. Sent after the
/// alert is committed, through the ordinary ``MailService`` (stored once, one row per recipient); if it fails, the alert
/// stands (the bell and the SMS already went out) and the failure is logged.
enum AlertMail {
    static func send(_ alert: Alert, access: Access, actor: WorkflowService.Actor, app: Application) async {
        do {
            let id = try alert.requireID()
            let people = try await AlertRecipient.query(on: app.db).filter(\.$alertID == id).all().map(\.userID)
            guard !people.isEmpty else { return }
            let level = Alert.Level(rawValue: alert.level) ?? .general
            let message = UUID()
            try await MailService.save(message, .init(subject: Strings.Alerts.mailSubject(level: level, title: alert.title),
                                                      body: Strings.Alerts.mailBody(alert.body, link: SiteURL.alert.link(id)),
                                                      addressing: MailAddressing(to: people.map { MailAddress(kind: .person, id: $0.uuidString) }),
                                                      important: true, receiptRequested: false),
                                       expectedVersion: nil, access: access, actor: actor, app: app)
            try await MailService.send(message, access: access, actor: actor, app: app)
        } catch {
            app.logger.warning("alert mail: \(String(describing: error))")
        }
    }
}
