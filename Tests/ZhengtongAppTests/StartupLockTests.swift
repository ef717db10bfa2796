import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Two `serve` nodes starting together on one empty database (issue 16): one migrates and makes the three
/// administrators while the other waits, then finds the work done — both come up.
@Suite("多节点同时启动：迁移和初始账户只由一个节点完成")
struct StartupLockTests {
    @Test("两个节点同时在空数据库上启动：都启动成功，只建一次表和三个管理员账户", .timeLimit(.minutes(10)))
    func twoNodesStartTogether() async throws {
        // given: an empty database and two applications on it, as two nodes
        let database = try await TestDatabase.makeEmpty()
        let first = try await Application.make(.testing)
        let second = try await Application.make(.testing)
        for app in [first, second] {
            app.logger.logLevel = .error
            try await configure(app, config: AppConfig(database: database.target, bcryptCost: 4))
        }
        do {
            // when: both start at once
            async let one = first.startUp()
            async let two = second.startUp()
            let issued = try await [one, two]
            // then: one made the accounts, the other found them; the schema is there once
            #expect(issued.map(\.count).sorted() == [0, 3])
            #expect(try await User.query(on: first.db).count() == 3)
            #expect(try await Unit.query(on: second.db).count() == 1)
            // and a node starting later changes nothing
            #expect(try await first.startUp().isEmpty)
        } catch {
            try? await first.asyncShutdown()
            try? await second.asyncShutdown()
            try? await database.cleanup()
            throw error
        }
        try await first.asyncShutdown()
        try await second.asyncShutdown()
        try await database.cleanup()
    }
}
