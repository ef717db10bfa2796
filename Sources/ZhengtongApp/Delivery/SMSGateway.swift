import Foundation
import NIOCore
import Vapor

/// Hands text messages to the province's SMS gateway: one signed JSON POST per message (``WebhookSignature``),
/// carrying the outbox row's id as `Idempotency-Key` so a gateway that sees a message twice (a sender that
/// crashed between its send and its record) sends it once. Each province's gateway differs; an adapter on its
/// side turns this one request into its own.
struct SMSGateway: Sendable {
    /// What the gateway receives (documented in openapi.json under `SMSGatewayRequest`).
    struct Payload: Content, Sendable {
        var id: UUID
        var phone: String
        var text: String
        var kind: String?
        var urgent: Bool
        /// Where to report delivery, when the platform knows its own address (`ZHENGTONG_PUBLIC_URL`).
        var callbackURL: String?
    }

    /// The gateway's answer to an accepted message: its own id, if it gives one.
    struct Accepted: Decodable, Sendable {
        var messageId: String?
    }

    let config: DeliveryConfig.SMSGateway
    let client: any Client
    let callbackURL: String?
    /// A send that takes longer counts as failed; well below the sender's lease, so no other process can take the
    /// row over while this one may still be sending it.
    static let timeout: Int64 = 10

    func send(_ payload: Payload, at now: Date) async -> DeliveryOutcome {
        do {
            var payload = payload
            payload.callbackURL = callbackURL
            let body = try JSONEncoder().encode(payload)
            let timestamp = Int(now.timeIntervalSince1970)
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.add(name: "Idempotency-Key", value: payload.id.uuidString)
            headers.add(name: WebhookSignature.timestampHeader, value: String(timestamp))
            headers.add(name: WebhookSignature.signatureHeader, value: WebhookSignature.sign(body: body, timestamp: timestamp, secret: config.secret))
            let request = ClientRequest(method: .POST, url: URI(string: config.url.absoluteString), headers: headers,
                                        body: ByteBuffer(bytes: body), timeout: .seconds(Self.timeout))
            let response = try await client.send(request)
            switch response.status.code {
            case 200..<300:
                let accepted = try? response.content.decode(Accepted.self)
                return .sent(gatewayID: accepted?.messageId)
            case 408, 429, 500...:
                return .retry("HTTP \(response.status.code)")
            default:
                // The gateway refuses this message as such (a bad number): trying again cannot help.
                return .refused("HTTP \(response.status.code)")
            }
        } catch {
            return .retry(String(describing: error))
        }
    }
}

/// What became of one attempt to send one outbox row.
enum DeliveryOutcome: Sendable, Equatable {
    /// Accepted by the gateway or the mail server.
    case sent(gatewayID: String?)
    /// Failed in a way another attempt may mend (timeout, connection, a busy server).
    case retry(String)
    /// Refused for good (a number or address the other side will never take).
    case refused(String)
}
