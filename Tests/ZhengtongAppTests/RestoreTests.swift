import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// `zhengtong restore` (issue 16): a backup goes back into an empty database with every row, and the audit chain
/// still verifies; a database with data and a damaged backup are refused.
@Suite("恢复：把备份恢复到空数据库")
struct RestoreTests {
    @Test("备份恢复到空数据库：各表行数与清单一致，人员都在，审计链完整；非空数据库拒绝；备份文件被改动时拒绝", .timeLimit(.minutes(10)))
    func restoreIntoEmptyDatabase() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("zt-restore-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // given: a backup of a database with a unit, two people and audit records
        var directory = ""
        var manifest: Backup.Manifest?
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
            _ = try await makeUser(on: app, unit: unit, username: "zhaom")
            _ = try await makeUser(on: app, unit: unit, username: "sunl")
            try await AuditLog.record(AuditEvent(action: "test.before-backup", targetType: "unit", targetID: unit.id?.uuidString, targetLabel: unit.name),
                                      by: .system("test"), on: app.db)
            (directory, manifest) = try await Backup.make(app: app, under: parent)
        }
        // `backup verify` restores it into a scratch database of its own and finds it whole (and leaves nothing).
        try await withApp { app in
            let checked = try await Restore.verify(directory, app: app)
            #expect(checked.tables == manifest?.rowCounts.count)
            #expect(checked.rows == manifest?.rowCounts.values.reduce(0, +))
        }
        let target = try await TestDatabase.makeEmpty()
        // An empty file where the database goes (a touched path) counts as empty.
        if case .sqlite(let path) = target.target { #expect(FileManager.default.createFile(atPath: path, contents: Data())) }
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        try await configure(app, config: AppConfig(database: target.target, bcryptCost: 4))
        do {
            // when
            let counts = try await Restore.run(directory, app: app, force: false)
            // then
            #expect(counts == manifest?.rowCounts)
            #expect(Set(try await User.query(on: app.db).all().map(\.username)).isSuperset(of: ["zhaom", "sunl"]))
            #expect(try await AuditLog.verify(on: app.db).firstBroken == nil)
            // A database that now has data is not overwritten without --force.
            await #expect(throws: Restore.Failure.self) { try await Restore.run(directory, app: app, force: false) }
            if app.isPostgres {
                #expect(try await Restore.run(directory, app: app, force: true) == manifest?.rowCounts)
            }
            // A backup whose file changed after it was made is refused before anything is touched.
            let file = URL(fileURLWithPath: directory).appendingPathComponent(try #require(manifest?.files.first?.name))
            var bytes = try Data(contentsOf: file)
            bytes[bytes.count / 2] ^= 0xFF
            try bytes.write(to: file)
            do {
                try await Restore.run(directory, app: app, force: true)
                Issue.record("a damaged backup was restored")
            } catch let failure as Restore.Failure {
                #expect(failure.description.contains("SHA-256"))
            }
        } catch {
            try? await app.asyncShutdown()
            try? await target.cleanup()
            throw error
        }
        try await app.asyncShutdown()
        try await target.cleanup()
    }
}
