import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Rows that have done their work are deleted by the hourly upkeep job, so the database does not grow without
/// bound (issue 16); what is still in use stays.
@Suite("定期清理：过期会话、令牌、登录限制记录和早已读过的消息")
struct UpkeepTests {
    @Test("过期的会话（登录或未登录）、过期一天以上的令牌、结束一天以上的登录限制、180 天前读过的消息被删除；仍在用的保留；任务每小时再排一次")
    func purgesWhatExpired() async throws {
        try await withApp { app in
            // given
            let now = Date()
            let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
            let user = try await makeUser(on: app, unit: unit, username: "zhaom")
            let userID = try user.requireID()
            func milliseconds(_ date: Date) -> String { String(Int64(date.timeIntervalSince1970 * 1000)) }
            let old = now.addingTimeInterval(-13 * 3600), fresh = now.addingTimeInterval(-3600)
            for (key, data) in [("old-anonymous", ["ct": milliseconds(old)]), ("old-signed-in", ["uid": userID.uuidString, "iat": milliseconds(old)]),
                                ("fresh", ["ct": milliseconds(fresh), "iat": milliseconds(fresh)])] {
                try await SessionRecord(key: SessionID(string: key), data: SessionData(initialData: data)).create(on: app.db)
            }
            try await APIToken(userID: userID, tokenHash: "expired-long-ago", expiresAt: now.addingTimeInterval(-2 * 86400)).create(on: app.db)
            try await APIToken(userID: userID, tokenHash: "expired-just-now", expiresAt: now.addingTimeInterval(-60)).create(on: app.db)
            for (key, started, locked) in [("account:old", now.addingTimeInterval(-3 * 86400), now.addingTimeInterval(-3 * 86400)),
                                           ("account:locked", now.addingTimeInterval(-3 * 86400), now.addingTimeInterval(600))] {
                let throttle = LoginThrottle()
                throttle.key = key
                throttle.failures = 5
                throttle.windowStartedMilliseconds = Int64(started.timeIntervalSince1970 * 1000)
                throttle.lockedUntilMilliseconds = Int64(locked.timeIntervalSince1970 * 1000)
                try await throttle.create(on: app.db)
            }
            for (key, readAt) in [("read-long-ago", now.addingTimeInterval(-200 * 86400)), ("read-yesterday", now.addingTimeInterval(-86400)),
                                  ("unread", nil)] as [(String, Date?)] {
                let notification = NotificationRecord()
                notification.userID = userID
                notification.kind = NotificationKind.reminder.rawValue
                notification.title = key
                notification.dedupeKey = key
                notification.createdAt = now.addingTimeInterval(-300 * 86400)
                notification.readAt = readAt
                try await notification.create(on: app.db)
            }
            try await Upkeep.ensureScheduled(app: app, at: now)
            // when: the job runs
            #expect(try await JobWorker(app: app).runDue(at: now) >= 1)
            // then
            #expect(try await SessionRecord.query(on: app.db).all().map(\.key.string).sorted() == ["fresh"])
            #expect(try await APIToken.query(on: app.db).all().map(\.tokenHash) == ["expired-just-now"])
            #expect(try await LoginThrottle.query(on: app.db).all().map(\.key) == ["account:locked"])
            #expect(try await NotificationRecord.query(on: app.db).all().map(\.title).sorted() == ["read-yesterday", "unread"])
            let next = try #require(try await JobRecord.query(on: app.db).filter(\.$key == Upkeep.key).first())
            #expect(abs(next.runAt.timeIntervalSince(now) - Upkeep.interval) < 1)
            // and a new session carries its creation time, so it too expires
            let browser = Browser(app)
            _ = try await browser.get("/login")
            let sessions = try await SessionRecord.query(on: app.db).all().filter { $0.key.string != "fresh" }
            #expect(!sessions.isEmpty && sessions.allSatisfy { $0.data[ChangedSessionWrites.createdKey] != nil })
        }
    }

    @Test("稳定负载下（每 8 小时新增会话、令牌、登录限制和已读消息，模拟 200 天），清理后这些表的行数在保留期过后不再增长", .timeLimit(.minutes(5)))
    func steadyLoadStopsGrowing() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
            let userID = try await makeUser(on: app, unit: unit, username: "zhaom").requireID()
            let sql = try app.db.sqlDatabase()
            let start = Date().addingTimeInterval(-200 * 86400)
            let step: TimeInterval = 8 * 3600
            let tables = ["_fluent_sessions", "api_tokens", "login_throttles", "notifications"]
            var samples: [Int: [String: Int]] = [:]
            for index in 0..<(200 * 3) {
                let now = start.addingTimeInterval(Double(index) * step)
                let millis = String(Int64(now.timeIntervalSince1970 * 1000))
                // The load of eight hours: people sign in, phones take tokens, someone mistypes, messages are read.
                for _ in 0..<4 {
                    try await SessionRecord(key: SessionID(string: UUID().uuidString), data: SessionData(initialData: ["ct": millis, "iat": millis]))
                        .create(on: app.db)
                }
                try await APIToken(userID: userID, tokenHash: UUID().uuidString, expiresAt: now.addingTimeInterval(12 * 3600)).create(on: app.db)
                try await sql.raw("""
                    INSERT INTO login_throttles (id, key, failures, window_started_ms, locked_until_ms)
                    VALUES (\(bind: UUID()), \(bind: "account:\(index)"), 1, \(bind: Int64(now.timeIntervalSince1970 * 1000)), 0)
                    """).run()
                for _ in 0..<3 {
                    try await sql.raw("""
                        INSERT INTO notifications (id, user_id, kind, title, dedupe_key, created_at, read_at)
                        VALUES (\(bind: UUID()), \(bind: userID), \(bind: NotificationKind.reminder.rawValue), '催办', \(bind: UUID().uuidString), \(bind: now), \(bind: now))
                        """).run()
                }
                // The hourly job, as it would run at this moment.
                try await Upkeep.purge(app: app, at: now)
                if index % 30 == 29 { samples[(index + 1) / 3] = try await Backup.rowCounts(sql, tables: tables) }
            }
            // then: once the longest retention (180 days of read messages) has passed, the counts stay where they are
            let day190 = try #require(samples[190]), day200 = try #require(samples[200])
            #expect(day200 == day190, "\(samples.sorted { $0.key < $1.key })")
            #expect(try #require(day200["notifications"]) <= 181 * 9)
            #expect(try #require(day200["_fluent_sessions"]) <= 3 * 4)
            // and before it, messages were still being kept: the table grew until then (so the check above can fail)
            #expect(try #require(samples[100]?["notifications"]) < day190["notifications"] ?? 0)
        }
    }
}
