import ConsoleKit
import Fluent
import Foundation
import Vapor

/// `zhengtong delivery-benchmark fill --people N`: makes a unit of its own (`bench-delivery`, outside mail allowed) with
/// N people who have a phone and a mail address, and notifies each of them once of an urgent event — 2 × N outbox rows
/// (SMS and mail) for `serve` processes to drain. `benchmarks/outbox_drain.py` runs it, then starts the servers and
/// counts what the gateway and the mail server received. Refuses a database that already holds the unit, so it is never
/// run twice into the same count.
struct DeliveryBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "fill")
        var action: String
        @Option(name: "people", help: "people to notify (default 5000)")
        var people: Int?
    }

    var help: String { Strings.Console.deliveryBenchmarkHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "fill" else { throw CommandExit(code: 2) }
        let app = context.application
        try await app.prepareDatabase()
        guard try await Unit.query(on: app.db).filter(\.$code == "bench-delivery").first() == nil else {
            context.console.error("bench-delivery exists already: use a fresh database")
            throw CommandExit(code: 1)
        }
        let count = max(1, signature.people ?? 5000)
        let unit = Unit(name: "消息发送基准测试单位", code: "bench-delivery", kind: .bureau, parentID: nil)
        let hash = try await app.password.async.hash(UUID().uuidString)
        let started = ContinuousClock.now
        let ids: [UUID] = try await app.write { db in
            try await unit.create(on: db)
            let settings = UnitDeliverySettings()
            settings.id = try unit.requireID()
            settings.emailAllowed = true
            settings.updatedAt = Date()
            try await settings.create(on: db)
            var ids: [UUID] = []
            for index in 0..<count {
                let user = User(unitID: try unit.requireID(), username: String(format: "bench%05d", index), name: "测试\(index)",
                                phone: String(format: "139%08d", index), email: String(format: "bench%05d@bench.gov.example", index),
                                passwordHash: hash, mustChangePassword: false)
                try await user.create(on: db)
                ids.append(try user.requireID())
            }
            return ids
        }
        let made = ContinuousClock.now
        try await app.write { db in
            try await Notifier.send(NotificationDraft(kind: .overdue, title: "基准测试：请尽快办理", body: nil, link: SiteURL.tasks.path,
                                                      key: "bench-delivery", urgent: true), to: ids, on: db)
        }
        let queued = try await OutboxMessage.query(on: app.db).filter(\.$unitID == unit.requireID()).count()
        context.console.output("people \(count) in \(made - started); queued \(queued) outbox rows in \(ContinuousClock.now - made)".consoleText())
    }
}
