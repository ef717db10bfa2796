import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Empties the outbox: leases due rows, sends them by their channel, records each answer. Every serving process
/// runs one (``OutboxSenderLifecycle``); they share the table without sending a row twice:
///
/// - a lease is one statement (`UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …` on
///   PostgreSQL; SQLite's single writer serialises it), so two processes never hold the same row;
/// - a send gives up well before the lease runs out (``SMSGateway/timeout``, ``SMTPClient/replyTimeout``), so no
///   other process takes a row over while this one may still be sending it;
/// - an answer is recorded only by the process holding the lease (`locked_by`);
/// - a process that dies between a send and its record leaves the row to come back after the lease: the gateway
///   sees the same `Idempotency-Key` (the mail server the same Message-ID) and can drop the repeat.
struct OutboxSender: Sendable {
    let app: Application
    /// Names this process in `locked_by`.
    let name: String
    /// How long a process holds the rows it leased.
    static let lease: TimeInterval = 90
    /// Attempts before a row becomes a dead letter.
    static let maximumAttempts = 8

    init(app: Application, name: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):outbox") {
        self.app = app
        self.name = name
    }

    /// One leased row.
    struct Leased: Sendable {
        var id: UUID
        var notificationID: UUID
        var channel: DeliveryChannel
        var address: String
        var text: String
        var subject: String?
        var kind: String?
        var urgent: Bool
        var attempts: Int
    }

    /// The channels this process can send by (those configured).
    var channels: [DeliveryChannel] {
        var channels: [DeliveryChannel] = []
        if app.config.delivery.sms != nil { channels.append(.sms) }
        if app.config.delivery.smtp != nil { channels.append(.email) }
        return channels
    }

    /// Leases up to `limit` due rows, sends them and records the answers; returns how many it leased.
    @discardableResult
    func runDue(at now: Date = Date(), limit: Int = 100) async throws -> Int {
        let channels = channels
        guard !channels.isEmpty, try await anyDue(channels: channels, at: now) else { return 0 }
        let worker = name
        let leased = try await app.write { db in try await Self.lease(limit: limit, channels: channels, worker: worker, at: now, on: db) }
        guard !leased.isEmpty else { return 0 }
        let outcomes = await send(leased, at: now)
        try await app.write { db in
            for (row, outcome) in zip(leased, outcomes) {
                try await Self.record(outcome, for: row, worker: worker, at: now, on: db)
            }
        }
        return leased.count
    }

    /// A cheap read first, so an idle outbox costs no write each second.
    private func anyDue(channels: [DeliveryChannel], at now: Date) async throws -> Bool {
        let sql = try app.db.sqlDatabase()
        return try await sql.raw("""
            SELECT id FROM \(ident: OutboxMessage.schema)
            WHERE state = \(bind: OutboxMessage.State.pending.rawValue) AND channel IN (\(binds: channels.map(\.rawValue)))
              AND (next_attempt_at IS NULL OR next_attempt_at <= \(bind: now)) AND (lease_until IS NULL OR lease_until < \(bind: now))
            LIMIT 1
            """).first() != nil
    }

    static func lease(limit: Int, channels: [DeliveryChannel], worker: String, at now: Date, on db: any Database) async throws -> [Leased] {
        let sql = try db.sqlDatabase()
        let skipLocked: SQLQueryString = try sql.dialectKind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let due: SQLQueryString = """
            SELECT id FROM \(ident: OutboxMessage.schema)
            WHERE state = \(bind: OutboxMessage.State.pending.rawValue) AND channel IN (\(binds: channels.map(\.rawValue)))
              AND (next_attempt_at IS NULL OR next_attempt_at <= \(bind: now)) AND (lease_until IS NULL OR lease_until < \(bind: now))
            ORDER BY created_at LIMIT \(bind: limit)
            """ + skipLocked
        let rows = try await sql.raw("""
            UPDATE \(ident: OutboxMessage.schema)
            SET lease_until = \(bind: now.addingTimeInterval(lease)), locked_by = \(bind: worker), attempts = attempts + 1
            WHERE id IN (\(due))
            RETURNING id, notification_id, channel, address, text, subject, kind, urgent, attempts
            """).all()
        return try rows.compactMap { row in
            guard let channel = DeliveryChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { return nil }
            return Leased(id: try row.decode(column: "id", as: UUID.self), notificationID: try row.decode(column: "notification_id", as: UUID.self),
                          channel: channel, address: try row.decode(column: "address", as: String.self),
                          text: try row.decode(column: "text", as: String.self), subject: try row.decode(column: "subject", as: String?.self),
                          kind: try row.decode(column: "kind", as: String?.self), urgent: try row.decode(column: "urgent", as: Bool?.self) ?? false,
                          attempts: try row.decode(column: "attempts", as: Int.self))
        }
    }

    /// Sends the text messages (several at a time) and the mail (over one connection) side by side; the outcomes
    /// come back in the order of `rows`.
    func send(_ rows: [Leased], at now: Date) async -> [DeliveryOutcome] {
        let config = app.config.delivery
        var outcomes = [DeliveryOutcome](repeating: .retry("not sent"), count: rows.count)
        let sms = rows.indices.filter { rows[$0].channel == .sms }
        let mail = rows.indices.filter { rows[$0].channel == .email }
        let links = await mailLinks(for: mail.map { rows[$0].notificationID })
        let app = app
        await withTaskGroup(of: [(Int, DeliveryOutcome)].self) { group in
            if let smtp = config.smtp, !mail.isEmpty {
                group.addTask {
                    let messages = mail.map { index in
                        SMTPMessage(id: rows[index].id, to: rows[index].address, subject: rows[index].subject ?? rows[index].text,
                                    body: Strings.MessageDelivery.mailWithLink(rows[index].text, link: links[rows[index].notificationID].map { app.config.address(of: $0) ?? $0 }))
                    }
                    let results = await SMTPClient(config: smtp, group: app.eventLoopGroup).send(messages, at: now)
                    return Array(zip(mail, results))
                }
            }
            if let gateway = config.sms {
                let client = SMSGateway(config: gateway, client: app.client, callbackURL: app.config.address(of: SiteURL.apiSMSCallback.path))
                // At most `concurrency` requests in flight: each task takes every n-th message.
                let lanes = max(1, min(config.concurrency, sms.count))
                for lane in 0..<lanes {
                    group.addTask {
                        var results: [(Int, DeliveryOutcome)] = []
                        for index in stride(from: lane, to: sms.count, by: lanes).map({ sms[$0] }) {
                            let row = rows[index]
                            let payload = SMSGateway.Payload(id: row.id, phone: row.address, text: row.text, kind: row.kind, urgent: row.urgent)
                            results.append((index, await client.send(payload, at: now)))
                        }
                        return results
                    }
                }
            }
            for await results in group {
                for (index, outcome) in results { outcomes[index] = outcome }
            }
        }
        return outcomes
    }

    /// The links of the notifications mail goes out for, to put in the mail.
    private func mailLinks(for notifications: [UUID]) async -> [UUID: String] {
        guard !notifications.isEmpty, let found = try? await NotificationRecord.query(on: app.db).filter(\.$id ~~ notifications).all() else { return [:] }
        return Dictionary(found.compactMap { record in record.link.map { (record.id!, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Records one answer, if this process still holds the row. A delivery report the gateway sent back before this
    /// answer was recorded keeps its state.
    static func record(_ outcome: DeliveryOutcome, for row: Leased, worker: String, at now: Date, on db: any Database) async throws {
        let sql = try db.sqlDatabase()
        switch outcome {
        case .sent(let gatewayID):
            try await sql.raw("""
                UPDATE \(ident: OutboxMessage.schema)
                SET state = CASE WHEN state = \(bind: OutboxMessage.State.pending.rawValue) THEN \(bind: OutboxMessage.State.sent.rawValue) ELSE state END,
                    sent_at = \(bind: now), gateway_id = \(bind: gatewayID), last_error = NULL, lease_until = NULL, locked_by = NULL
                WHERE id = \(bind: row.id) AND locked_by = \(bind: worker)
                """).run()
        case .retry(let error) where row.attempts < maximumAttempts:
            try await sql.raw("""
                UPDATE \(ident: OutboxMessage.schema)
                SET next_attempt_at = \(bind: now.addingTimeInterval(backoff(afterAttempt: row.attempts))), last_error = \(bind: String(error.prefix(500))),
                    lease_until = NULL, locked_by = NULL
                WHERE id = \(bind: row.id) AND locked_by = \(bind: worker) AND state = \(bind: OutboxMessage.State.pending.rawValue)
                """).run()
        case .retry(let error), .refused(let error):
            try await sql.raw("""
                UPDATE \(ident: OutboxMessage.schema)
                SET state = \(bind: OutboxMessage.State.dead.rawValue), last_error = \(bind: String(error.prefix(500))), lease_until = NULL, locked_by = NULL
                WHERE id = \(bind: row.id) AND locked_by = \(bind: worker) AND state = \(bind: OutboxMessage.State.pending.rawValue)
                """).run()
        }
    }

    /// 10 s, 20 s, 40 s … capped at an hour: a gateway down for a minute loses nothing and is not hammered.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(3600, 10 * pow(2, Double(max(0, attempt - 1))))
    }

    /// A dead letter back in the queue (an administrator mended the cause): sent by the next pass.
    static func resend(_ id: UUID, at now: Date, on db: any Database) async throws -> Bool {
        let sql = try db.sqlDatabase()
        let updated = try await sql.raw("""
            UPDATE \(ident: OutboxMessage.schema)
            SET state = \(bind: OutboxMessage.State.pending.rawValue), attempts = 0, next_attempt_at = \(bind: now), last_error = NULL
            WHERE id = \(bind: id) AND state IN (\(bind: OutboxMessage.State.dead.rawValue), \(bind: OutboxMessage.State.failed.rawValue))
            RETURNING id
            """).first()
        return updated != nil
    }
}

/// Runs the sender in a serving process: a pass every second, at once again while there is more.
final class OutboxSenderLifecycle: LifecycleHandler, @unchecked Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func start(_ application: Application) {
        guard task.withLockedValue({ $0 == nil }) else { return }
        let sender = OutboxSender(app: application)
        let loop = Task {
            while !Task.isCancelled {
                var leased = 0
                do { leased = try await sender.runDue() } catch { application.logger.warning("outbox: \(String(describing: error))") }
                if leased == 0 { try? await Task.sleep(for: .seconds(1)) }
            }
        }
        task.withLockedValue { $0 = loop }
    }

    func shutdown(_ application: Application) {
        task.withLockedValue { $0?.cancel(); $0 = nil }
    }
}
