import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

/// Limits how many applications (and databases) exist at once: Swift Testing starts every test together.
actor TestSlots {
    static let shared = TestSlots(limit: 4)
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { available = limit }

    func acquire() async {
        if available > 0 { available -= 1; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { available += 1 } else { waiters.removeFirst().resume() }
    }
}

/// Builds a configured, migrated application on a fresh database, runs `body`, and always shuts down.
func withApp(configure adjust: (inout AppConfig) -> Void = { _ in }, _ body: (Application) async throws -> Void) async throws {
    await TestSlots.shared.acquire()
    let database: TestDatabase
    do {
        database = try await TestDatabase.make()
    } catch {
        await TestSlots.shared.release()
        throw error
    }
    let app = try await Application.make(.testing)
    // Quiet tests: only errors, unless LOG_LEVEL asks for more.
    app.logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
    var config = AppConfig(database: database.target, bcryptCost: 4, trustProxyHeaders: true)
    adjust(&config)
    do {
        try await configure(app, config: config)
        try await app.prepareDatabase()
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        try? await database.cleanup()
        await TestSlots.shared.release()
        // PostgreSQL errors hide their detail in `description`; tests should show it.
        throw TestSetupError(String(reflecting: error))
    }
    try await app.asyncShutdown()
    try? await database.cleanup()
    await TestSlots.shared.release()
}
