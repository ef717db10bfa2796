import Fluent
import Foundation
import SQLKit
import Vapor

/// `POST /api/v1/delivery/sms/callback`: the SMS gateway reports what became of a message (送达 or not). No
/// account signs it: the gateway signs the body with the shared secret (``WebhookSignature``); anything unsigned,
/// wrongly signed or too old is refused with 401.
struct SMSCallbackController {
    struct Report: Content, Sendable {
        enum Status: String, Codable, Sendable {
            case delivered, failed
        }

        /// The outbox row's id, as the gateway received it (`id`, also the `Idempotency-Key`).
        var id: UUID
        var status: Status
        /// Why it failed, in the gateway's words.
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.on(.POST, SiteURL.apiSMSCallback.components.dropFirst(2).map { $0 }, body: .collect(maxSize: "64kb"), use: callback)
    }

    @Sendable func callback(req: Request) async throws -> Response {
        guard let gateway = req.application.config.delivery.sms else { throw AppError.notFound() }
        let body = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        guard WebhookSignature.verify(body: body, timestamp: req.headers.first(name: WebhookSignature.timestampHeader),
                                      signature: req.headers.first(name: WebhookSignature.signatureHeader), secret: gateway.secret, now: Date()) else {
            throw AppError(status: .unauthorized, code: "signature_invalid", message: Strings.MessageDelivery.signatureInvalid)
        }
        let report = try req.content.decode(Report.self)
        let found = try await DeliveryReports.record(report, at: Date(), app: req.application)
        guard found else { throw AppError.notFound() }
        return Response(status: .noContent)
    }
}

/// Records what the gateway reported. The first report of a message decides; a repeat changes nothing.
enum DeliveryReports {
    static func record(_ report: SMSCallbackController.Report, at now: Date, app: Application) async throws -> Bool {
        try await app.write { db in
            let sql = try db.sqlDatabase()
            let state: OutboxMessage.State = report.status == .delivered ? .delivered : .failed
            let updated = try await sql.raw("""
                UPDATE \(ident: OutboxMessage.schema)
                SET state = CASE WHEN state IN (\(bind: OutboxMessage.State.delivered.rawValue), \(bind: OutboxMessage.State.failed.rawValue)) THEN state ELSE \(bind: state.rawValue) END,
                    delivered_at = CASE WHEN delivered_at IS NULL AND \(bind: state == .delivered) THEN \(bind: now) ELSE delivered_at END,
                    last_error = CASE WHEN \(bind: state == .failed) THEN \(bind: report.error.map { String($0.prefix(500)) }) ELSE last_error END
                WHERE id = \(bind: report.id) AND channel = \(bind: DeliveryChannel.sms.rawValue)
                RETURNING id
                """).first()
            return updated != nil
        }
    }
}
