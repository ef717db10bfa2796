import Fluent
import Foundation
import SQLKit
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// Several `serve` nodes may start together on one database: migrations and the first accounts must be made by one
/// of them, the others waiting and then finding the work done. This lock is held for that start-up work only.
extension Application {
    /// The PostgreSQL advisory lock key of start-up (any constant the platform uses for nothing else).
    static let startupLockKey: Int64 = 0x5A54_5354_4152_5455 // "ZTSTARTU"

    /// Runs `body` while holding the start-up lock: on PostgreSQL a session advisory lock on one connection of the
    /// pool (the work runs on the others); on an SQLite file an exclusive `flock` on `<file>.startup-lock` beside it
    /// (taken on the thread pool, never on an event loop); in memory nothing to share.
    func underStartupLock<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        switch config.database {
        case .postgres:
            return try await db.withConnection { connection in
                let sql = try connection.sqlDatabase()
                try await sql.raw("SELECT pg_advisory_lock(\(literal: Self.startupLockKey))").run()
                do {
                    let result = try await body()
                    try await sql.raw("SELECT pg_advisory_unlock(\(literal: Self.startupLockKey))").run()
                    return result
                } catch {
                    try? await sql.raw("SELECT pg_advisory_unlock(\(literal: Self.startupLockKey))").run()
                    throw error
                }
            }
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let descriptor = open(path + ".startup-lock", O_CREAT | O_RDWR, 0o600)
            guard descriptor >= 0 else { throw AppError(status: .internalServerError, code: "startup_lock", message: Strings.Error.internal) }
            defer { close(descriptor) }
            guard try await threadPool.runIfActive({ flock(descriptor, LOCK_EX) }) == 0 else {
                throw AppError(status: .internalServerError, code: "startup_lock", message: Strings.Error.internal)
            }
            defer { flock(descriptor, LOCK_UN) }
            return try await body()
        case .sqliteMemory:
            return try await body()
        }
    }

    /// Start-up of a serving node: the schema migrated and, on an empty database, the three administrators made —
    /// by one node at a time. Returns the accounts this node made (none when another node, or an earlier start,
    /// made them).
    func startUp() async throws -> [AdministratorBootstrap.IssuedAccount] {
        try await underStartupLock {
            try await self.prepareDatabase()
            return try await AdministratorBootstrap.ensure(app: self)
        }
    }
}
