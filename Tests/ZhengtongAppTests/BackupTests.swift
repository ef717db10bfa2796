import Crypto
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// `zhengtong backup` (issue 16): a consistent copy of the running database with a manifest that describes it.
@Suite("备份：在线备份数据库并写清单")
struct BackupTests {
    @Test("备份目录里有数据库副本和清单：清单的 SHA-256 与文件一致，各表行数与数据库一致；SQLite 副本能直接打开，PostgreSQL 的转储 pg_restore 能读")
    func backupWithManifest() async throws {
        try await withApp { app in
            // given: a unit with two people, and a backup directory
            let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
            _ = try await makeUser(on: app, unit: unit, username: "zhaom")
            _ = try await makeUser(on: app, unit: unit, username: "sunl")
            let parent = FileManager.default.temporaryDirectory.appendingPathComponent("zt-backup-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: parent) }
            // when
            let (directory, manifest) = try await Backup.make(app: app, under: parent)
            // then: the manifest on disk is the one returned, and describes the file
            let stored = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("manifest.json"))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            #expect(try decoder.decode(Backup.Manifest.self, from: stored).rowCounts == manifest.rowCounts)
            let file = try #require(manifest.files.first)
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(file.name))
            #expect(data.count == file.bytes)
            #expect(SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() == file.sha256)
            #expect(manifest.rowCounts["users"] == (try await User.query(on: app.db).count()))
            #expect(manifest.rowCounts["units"] == (try await Unit.query(on: app.db).count()))
            #expect(manifest.lastMigration?.isEmpty == false)
            // A second backup in the same second goes to a directory of its own.
            let (again, _) = try await Backup.make(app: app, under: parent, at: manifest.createdAt)
            #expect(again != directory && again.hasSuffix("-2"))
            switch app.config.database {
            case .sqlite:
                // The copy is a database of its own with the same people.
                let copy = try await Application.make(.testing)
                copy.logger.logLevel = .error
                try await configure(copy, config: AppConfig(database: .sqlite(path: URL(fileURLWithPath: directory).appendingPathComponent(file.name).path),
                                                            bcryptCost: 4))
                let users = try await User.query(on: copy.db).all().map(\.username).sorted()
                try await copy.asyncShutdown()
                #expect(users.contains("zhaom") && users.contains("sunl"))
            default:
                // pg_restore reads the dump's table of contents.
                let tool = try #require(Backup.executable("pg_restore"), "pg_restore is not on PATH")
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tool)
                process.arguments = ["--list", URL(fileURLWithPath: directory).appendingPathComponent(file.name).path]
                let output = Pipe()
                process.standardOutput = output
                try process.run()
                let listing = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
                #expect(listing.contains("TABLE DATA public users"))
            }
        }
    }

    @Test("空数据库（从未迁移）没有可备份的内容：说明原因，不留下备份目录")
    func emptyDatabaseRefused() async throws {
        let database = try await TestDatabase.makeEmpty()
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("zt-backup-\(UUID().uuidString)").path
        do {
            try await configure(app, config: AppConfig(database: database.target, bcryptCost: 4))
            await #expect { try await Backup.make(app: app, under: parent) } throws: { error in
                (error as? Backup.Failure)?.description.contains("数据库是空的") == true
            }
            #expect(!FileManager.default.fileExists(atPath: parent))
        } catch {
            try? await app.asyncShutdown()
            try? await database.cleanup()
            throw error
        }
        try await app.asyncShutdown()
        try await database.cleanup()
    }
}
