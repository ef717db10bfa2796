import Fluent
import Foundation
import SQLKit

/// Lockout after repeated failures, per account name and per client address.
///
/// Counting is one atomic upsert per key, so concurrent failures are all counted on both databases.
struct LoginThrottling: Sendable {
    var accountLimit = 5
    var addressLimit = 20
    /// Failures older than this no longer count.
    var window: TimeInterval = 15 * 60
    var lockDuration: TimeInterval = 15 * 60

    enum Verdict: Sendable, Equatable {
        case allowed
        case accountLocked(until: Date)
        case addressLocked(until: Date)
    }

    static func accountKey(_ name: String) -> String { "account:" + name.lowercased() }
    static func addressKey(_ address: String) -> String { "address:" + address }

    func check(account: String, address: String, on db: any Database, now: Date = Date()) async throws -> Verdict {
        let nowMs = Self.milliseconds(now)
        let rows = try await LoginThrottle.query(on: db)
            .filter(\.$key ~~ [Self.accountKey(account), Self.addressKey(address)])
            .all()
        for row in rows where row.lockedUntilMilliseconds > nowMs {
            let until = Date(timeIntervalSince1970: Double(row.lockedUntilMilliseconds) / 1000)
            return row.key.hasPrefix("account:") ? .accountLocked(until: until) : .addressLocked(until: until)
        }
        return .allowed
    }

    /// Counts one failure for both keys and locks those that reached their limit.
    func recordFailure(account: String, address: String, on db: any Database, now: Date = Date()) async throws {
        try await bump(Self.accountKey(account), limit: accountLimit, on: db, now: now)
        try await bump(Self.addressKey(address), limit: addressLimit, on: db, now: now)
    }

    /// A successful login clears the account's count (not the address's: one good password
    /// must not reset an address that is guessing at many accounts).
    func recordSuccess(account: String, on db: any Database) async throws {
        try await LoginThrottle.query(on: db).filter(\.$key == Self.accountKey(account)).delete()
    }

    private func bump(_ key: String, limit: Int, on db: any Database, now: Date) async throws {
        let sql = try db.sqlDatabase()
        let nowMs = Self.milliseconds(now)
        let windowStart = nowMs - Int64(window * 1000)
        let lockUntil = nowMs + Int64(lockDuration * 1000)
        // Same statement on SQLite (3.24+) and PostgreSQL: upsert, restarting the window when it expired.
        try await sql.raw("""
            INSERT INTO login_throttles (id, key, failures, window_started_ms, locked_until_ms)
            VALUES (\(bind: UUID()), \(bind: key), 1, \(bind: nowMs), 0)
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN login_throttles.window_started_ms < \(bind: windowStart) THEN 1 ELSE login_throttles.failures + 1 END,
              window_started_ms = CASE WHEN login_throttles.window_started_ms < \(bind: windowStart) THEN \(bind: nowMs) ELSE login_throttles.window_started_ms END
            """).run()
        try await sql.raw("""
            UPDATE login_throttles SET locked_until_ms = \(bind: lockUntil), failures = 0, window_started_ms = \(bind: nowMs)
            WHERE key = \(bind: key) AND failures >= \(bind: limit)
            """).run()
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}
