import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// `zhengtong export --all` and `zhengtong import` (交接, issue 16): the demo city exported, imported into the other
/// kind of database and exported again gives the same files; a database with data and an altered export are refused.
@Suite("交接：全量导出与导入")
struct ExportImportTests {
    @Test("示范城市导出后导入另一种数据库再导出，除 manifest.json 外逐个文件完全相同；导入后审计链完整", .timeLimit(.minutes(15)))
    func exportImportExportIsIdentical() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("zt-export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // given: the demo city, exported
        let first = parent + "/first"
        var manifest: Export.Manifest?
        try await withApp { app in
            #expect(try await DemoCity.seedIfEmpty(app: app, password: DemoCity.defaultPassword))
            // The search index as a serving process would have filled it (imports must carry it and SQLite's FTS tables).
            #expect(try await SearchIndex.rebuildAll(app: app) > 0)
            manifest = try await Export.run(app: app, to: first)
        }
        let exported = try #require(manifest)
        #expect(exported.rowCounts["users", default: 0] > 10)
        #expect(exported.rowCounts["_fluent_migrations"] == nil)
        #expect(exported.files.contains { $0.name.hasPrefix("archive/") && $0.name.hasSuffix(".zip") })
        #expect(exported.files.contains { $0.name.hasPrefix("documents/outgoing/") && $0.name.hasSuffix("/document.ofd") })
        #expect(exported.files.contains { $0.name.hasPrefix("documents/incoming/") && $0.name.hasSuffix("/form.html") })
        #expect(exported.files.contains { $0.name.hasPrefix("files/") })
        #expect(exported.files.contains { $0.name == "schema.md" })

        // when: imported into the other kind (PostgreSQL → SQLite → PostgreSQL; on SQLite alone, SQLite → SQLite)
        let second = parent + "/second"
        let sqlitePath = parent + "/imported.sqlite"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try await withImported(first, into: .sqlite(path: sqlitePath)) { app in
            try await Export.run(app: app, to: second)
        }
        // then
        try expectSameFiles(first, second)
        if TestDatabase.usesPostgres {
            let third = parent + "/third"
            let database = try await TestDatabase.makeEmpty()
            do {
                try await withImported(second, into: database.target) { app in
                    try await Export.run(app: app, to: third)
                }
            } catch {
                try? await database.cleanup()
                throw error
            }
            try await database.cleanup()
            try expectSameFiles(first, third)
        }
    }

    @Test("导入拒绝非空数据库；导出文件被改动时核对 SHA-256 失败、不导入", .timeLimit(.minutes(10)))
    func importRefusesDataAndAlteredFiles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zt-export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // given: an export of a unit with two people
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "江北市财政局")
            _ = try await makeUser(on: app, unit: unit, username: "qianw")
            _ = try await makeUser(on: app, unit: unit, username: "lij")
            try await AuditLog.record(AuditEvent(action: "test.before-export", targetType: "unit", targetID: unit.id?.uuidString, targetLabel: unit.name),
                                      by: .system("test"), on: app.db)
            try await Export.run(app: app, to: directory)
        }
        let units = URL(fileURLWithPath: directory).appendingPathComponent("tables/units.jsonl")
        let original = try Data(contentsOf: units)
        try await withApp { app in
            // when: one line of the export is changed
            try Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "江北市财政局", with: "江北市税务局").utf8).write(to: units)
            // then: nothing is imported
            do {
                try await Import.run(directory, app: app)
                Issue.record("an altered export was imported")
            } catch let failure as Import.Failure {
                #expect(failure.description.contains("SHA-256"))
                #expect(failure.description.contains("tables/units.jsonl"))
            }
            #expect(try await ZhengtongApp.Unit.query(on: app.db).count() == 0)
            // when: the file is as exported again
            try original.write(to: units)
            try await Import.run(directory, app: app)
            // then: the people are there, the audit chain verifies, and a second import is refused
            #expect(Set(try await User.query(on: app.db).all().map(\.username)).isSuperset(of: ["qianw", "lij"]))
            #expect(try await AuditLog.verify(on: app.db).firstBroken == nil)
            do {
                try await Import.run(directory, app: app)
                Issue.record("an import went into a database with data")
            } catch let failure as Import.Failure {
                #expect(failure.description == Import.Failure.notEmpty.description)
            }
        }
    }

    /// An application on `target`, migrated, with `directory` imported and its audit chain checked, for `body`.
    private func withImported(_ directory: String, into target: AppConfig.DatabaseTarget,
                              _ body: (Application) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        do {
            try await configure(app, config: AppConfig(database: target, bcryptCost: 4))
            try await app.prepareDatabase()
            let counts = try await Import.run(directory, app: app)
            #expect(counts == (try Import.manifest(in: directory)).rowCounts)
            #expect(try await AuditLog.verify(on: app.db).firstBroken == nil)
            if !app.isPostgres {
                // SQLite's full-text tables are not exported: they are refilled from the documents' terms.
                let sql = try app.db.sqlDatabase()
                let indexed = try await sql.raw("SELECT COUNT(*) AS n FROM search_fts").first()?.decode(column: "n", as: Int.self)
                #expect(indexed == counts["search_documents"])
                #expect(indexed ?? 0 > 0)
            }
            try await body(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// The two exports hold the same files with the same bytes (manifest.json aside, whose file list must agree too).
    private func expectSameFiles(_ one: String, _ other: String) throws {
        let left = try Import.manifest(in: one)
        let right = try Import.manifest(in: other)
        #expect(left.rowCounts == right.rowCounts)
        let rightFiles = Dictionary(right.files.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for file in left.files where rightFiles[file.name] != file {
            Issue.record("\(file.name) differs between the exports")
        }
        for file in right.files where !left.files.contains(where: { $0.name == file.name }) {
            Issue.record("\(file.name) is only in the second export")
        }
        // The manifests are not taken on trust: the bytes on disk are compared too.
        let names = Set(try FileManager.default.subpathsOfDirectory(atPath: one)).union(try FileManager.default.subpathsOfDirectory(atPath: other))
        for name in names.sorted() where name != "manifest.json" {
            let a = URL(fileURLWithPath: one).appendingPathComponent(name)
            let b = URL(fileURLWithPath: other).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: a.path, isDirectory: &isDirectory), isDirectory.boolValue { continue }
            if FileManager.default.contents(atPath: a.path) != FileManager.default.contents(atPath: b.path) {
                Issue.record("\(name) is not the same in both exports")
            }
        }
    }
}
