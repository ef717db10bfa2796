import Fluent
import Foundation
import SQLKit
import Vapor

/// 每日待办汇总: at the time a unit sets, each of its people with open 待办 gets one message — "您有 N 件待办事项" —
/// by the channels they take the digest by (SMS and mail by default), unless they turned it off. Runs on the job
/// queue every five minutes (any one server leases it); the day in the notification's key sends it once a day,
/// whichever run or server gets there first.
enum DailyDigest {
    static let kind = "delivery.digest"
    static let key = "delivery-digest"
    static let interval: TimeInterval = 300

    @Sendable static func run(_ job: JobRecord, app: Application, now: Date) async throws {
        try await send(app: app, at: now)
        try await app.write { db in try await JobQueue.schedule(kind: kind, key: key, payload: "", at: now.addingTimeInterval(interval), on: db) }
    }

    static func ensureScheduled(app: Application, at now: Date = Date()) async throws {
        try await app.write { db in try await JobQueue.ensureRecurring(kind: kind, key: key, at: now, on: db) }
    }

    /// Sends today's digest for every unit whose time has come; returns how many people it reached.
    @discardableResult
    static func send(app: Application, at now: Date) async throws -> Int {
        let minute = BeijingTime.minuteOfDay(now)
        let day = BeijingTime.day(now)
        let due = try await UnitDeliverySettings.query(on: app.db).filter(\.$digestMinute != nil).filter(\.$digestMinute <= minute).all()
        var reached = 0
        for settings in due {
            guard let unit = settings.id else { continue }
            let people = try await User.query(on: app.db).filter(\.$unit.$id == unit).filter(\.$isDisabled == false).all()
            let ids = people.compactMap(\.id)
            let off = Set(try await DeliveryProfile.query(on: app.db).filter(\.$id ~~ ids).filter(\.$digest == false).all().compactMap(\.id))
            for person in people {
                guard let id = person.id, !off.contains(id) else { continue }
                let rows = try await Positional.rows("SELECT COUNT(*) AS total FROM (\(Access.openTaskIDs)) mine", [id], on: app.db)
                let open = try rows.first?.decode(column: "total", as: Int.self) ?? 0
                guard open > 0 else { continue }
                try await app.write { db in
                    try await Notifier.send(NotificationDraft(kind: .digest, title: Strings.MessageDelivery.digestTitle(open), body: nil,
                                                              link: SiteURL.tasks.path, key: "digest:\(day)"), to: [id], at: now, on: db)
                }
                reached += 1
            }
        }
        return reached
    }
}
