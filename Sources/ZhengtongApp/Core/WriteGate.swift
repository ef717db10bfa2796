import Fluent
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
            return try await db.transaction(body)
        }
        await gate.acquire()
        do {
            let result = try await db.transaction(body)
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }
}

extension Request {
    /// See ``Application/write(_:)``.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await application.write(body)
    }
}
