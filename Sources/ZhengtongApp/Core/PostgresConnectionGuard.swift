import Fluent
import FluentPostgresDriver
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO
import SQLKit

/// PostgreSQL ended the connection a statement was waiting on (a restart, `pg_terminate_backend`): an outage, answered
/// 503 like PostgresNIO's own connection errors (``DatabaseUnavailable``).
struct DatabaseConnectionLost: Error, CustomStringConvertible {
    var description: String { "the PostgreSQL connection closed while a statement was waiting on it" }
}

/// Why this exists: postgres-nio 1.33.2 (the newest version available to us) writes every statement to its channel
/// with `channel.write(task, promise: nil)` (`PostgresConnection.swift`, e.g. `queryStream` line 261 and
/// `execute(_:logger:)` line 557). Once a closed channel's handlers have been removed — SwiftNIO does that one event
/// loop tick after `channelInactive` (`BaseSocketChannel.close0`) — such a write reaches no handler and is dropped
/// (`ChannelPipeline._write0` fails only the write promise, which is nil), so the statement's own promise is never
/// completed and whoever awaits it waits for ever, holding its pool connection.
///
/// A statement sent straight from the pool is safe: the pool checks `isClosed` and the statement is written in the
/// same event loop tick. Code that holds one connection across statements is not: between two statements it runs
/// elsewhere, and PostgreSQL may close the connection meanwhile. That is every transaction — including the `ROLLBACK`
/// Fluent sends after the failure — and the prepared 待办 statement. Those go through ``failingWhenClosed(_:)``.
extension PostgresConnection {
    /// Runs `operation`, which uses this connection, and fails with ``DatabaseConnectionLost`` once the connection
    /// closes, instead of waiting on a statement that will never be answered. The abandoned operation keeps waiting
    /// in its own task (a few objects per statement caught by a restart); the caller, its request and its pool
    /// connection are released.
    func failingWhenClosed<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let promise = eventLoop.makePromise(of: T.self)
        // A promise takes its first completion; the later one is ignored.
        let watch = ConnectionCloseWatch.shared.add(self) { promise.fail(DatabaseConnectionLost()) }
        defer { ConnectionCloseWatch.shared.remove(watch) }
        let task = Task {
            do { promise.succeed(try await operation()) } catch { promise.fail(error) }
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            task.cancel()
        }
    }
}

/// The operations waiting on each open connection, failed together when it closes. One `closeFuture` callback per
/// connection, not one per statement: a pooled connection lives for hours, and callbacks on its `closeFuture` are only
/// released when it closes.
final class ConnectionCloseWatch: Sendable {
    static let shared = ConnectionCloseWatch()

    struct Watch: Sendable {
        fileprivate let connection: ObjectIdentifier
        fileprivate let id: UInt64
    }

    private struct State {
        var nextID: UInt64 = 0
        /// Open connections that were watched, each with its waiting operations (an entry stays, empty, until the
        /// connection closes, so its one `closeFuture` callback is not registered again).
        var waiting: [ObjectIdentifier: [UInt64: @Sendable () -> Void]] = [:]
    }

    private let state = NIOLockedValueBox(State())

    func add(_ connection: PostgresConnection, onClose: @escaping @Sendable () -> Void) -> Watch {
        let key = ObjectIdentifier(connection)
        let (id, isNew) = state.withLockedValue { state -> (UInt64, Bool) in
            state.nextID += 1
            let isNew = state.waiting[key] == nil
            state.waiting[key, default: [:]][state.nextID] = onClose
            return (state.nextID, isNew)
        }
        if isNew {
            // Runs at once when the connection has closed already.
            connection.closeFuture.whenComplete { [self] _ in
                let callbacks = state.withLockedValue { $0.waiting.removeValue(forKey: key) } ?? [:]
                for callback in callbacks.values { callback() }
            }
        }
        return Watch(connection: key, id: id)
    }

    func remove(_ watch: Watch) {
        state.withLockedValue { _ = $0.waiting[watch.connection]?.removeValue(forKey: watch.id) }
    }
}

extension Database {
    /// `transaction(_:)`, except that on PostgreSQL no statement of it — `BEGIN`, the body's, `COMMIT`, `ROLLBACK` —
    /// can wait for ever on a connection PostgreSQL has closed (see ``PostgresConnection/failingWhenClosed(_:)``):
    /// the transaction fails with ``DatabaseConnectionLost``, which is 503, and its connection goes back to the pool,
    /// which drops it. Nothing is half-applied: without a `COMMIT` PostgreSQL rolls back a transaction whose
    /// connection ended. (A `COMMIT` whose answer is lost may have committed, as with any lost answer: repeat with the
    /// same `Idempotency-Key`.)
    func closeSafeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard self is any PostgresDatabase, !inTransaction else { return try await transaction(body) }
        return try await withConnection { db in
            // The pooled connection this `db` is bound to (`withConnection` on it yields that connection itself).
            let connection = try await (db as! any PostgresDatabase).withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
            let sql = try db.sqlDatabase()
            try await connection.failingWhenClosed { try await sql.raw("BEGIN").run() }
            do {
                let result = try await connection.failingWhenClosed { try await body(db) }
                try await connection.failingWhenClosed { try await sql.raw("COMMIT").run() }
                return result
            } catch {
                // On a closed connection there is nothing to roll back (PostgreSQL did it) and nothing to send it on.
                if !connection.isClosed {
                    try? await connection.failingWhenClosed { try await sql.raw("ROLLBACK").run() }
                }
                throw error
            }
        }
    }
}
