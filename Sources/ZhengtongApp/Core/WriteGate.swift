import Fluent
import SQLKit
import Vapor

/// One writer at a time for SQLite.
///
/// SQLite allows one writer; Fluent opens one connection per event loop and begins deferred
/// transactions, so two transactions that read and then write can deadlock and one fails with
/// SQLITE_BUSY. Queuing writers in-process turns that into waiting. PostgreSQL needs no gate:
/// row locks and constraints order its writers, across nodes too.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }

    /// Present only on SQLite; see ``WriteGate``.
    var writeGate: WriteGate? {
        get { storage[WriteGateKey.self] }
        set { storage[WriteGateKey.self] = newValue }
    }

    /// Runs `body` in one transaction, the only way the app changes data.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let gate = writeGate else {
            // PostgreSQL: a restart must not leave the transaction waiting for ever (PostgresConnectionGuard.swift).
            return try await db.closeSafeTransaction(body)
        }
        await gate.acquire()
        do {
            let result = try await db.transaction { tx in
                try await Self.takeWriteLock(tx)
                return try await body(tx)
            }
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }
}

extension Application {
    /// Takes SQLite's write lock as the transaction's first step, as `BEGIN IMMEDIATE` would (Fluent only
    /// begins deferred transactions). Another server process on the same file then waits for the lock
    /// (sqlite-nio retries while busy) and reads the committed state, instead of failing with
    /// SQLITE_BUSY when it tries to write after reading an older snapshot.
    fileprivate static func takeWriteLock(_ db: any Database) async throws {
        let sql = try db.sqlDatabase()
        try await sql.raw("UPDATE _fluent_migrations SET batch = batch WHERE 1 = 0").run()
    }
}

extension Request {
    /// See ``Application/write(_:)``.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await application.write(body)
    }
}
