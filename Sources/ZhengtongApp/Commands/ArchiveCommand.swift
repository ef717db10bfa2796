import ConsoleKit
import Fluent
import Foundation
import Vapor

/// `zhengtong archive export --unit CODE --year YEAR [--out FILE]` writes a unit's archive package of a year;
/// `zhengtong archive check PACKAGE.zip` proves it intact or names every problem (exit 2).
struct ArchiveCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["export": ArchiveExportCommand(), "check": ArchiveCheckCommand()] }
    var help: String { Strings.Console.archiveHelp }
}

struct ArchiveExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "unit", help: "the unit's code (as on 单位管理)")
        var unit: String?
        @Option(name: "year", help: "年度")
        var year: Int?
        @Option(name: "out", help: "where to write the package (default: ./档案包-UNIT-YEAR.zip)")
        var out: String?
    }

    var help: String { Strings.Console.archiveExportHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let console = context.console
        guard let code = signature.unit, let year = signature.year else {
            console.output(Strings.Console.archiveExportUsage.consoleText(.error))
            throw CommandExit(code: 2)
        }
        let app = context.application
        try await app.prepareDatabase()
        guard let unit = try await Unit.query(on: app.db).filter(\.$code == code).first() else {
            console.output(Strings.Console.unknownUnit(code).consoleText(.error))
            throw CommandExit(code: 2)
        }
        let data = try await ArchivePackage.build(unit: try unit.requireID(), year: year, on: app.db)
        let path = signature.out ?? "档案包-\(code)-\(year).zip"
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            console.output(Strings.Console.unwritableFile(path, error.localizedDescription).consoleText(.error))
            throw CommandExit(code: 1)
        }
        try await app.write { db in
            try await AuditLog.record(AuditEvent(action: "archive.export", targetType: "unit", targetID: unit.id?.uuidString, targetLabel: String(year),
                                                 after: ["bytes": String(data.count), "sha256": SHA256Hex.of(data), "file": path]),
                                      by: .system("console"), on: db)
        }
        let items = try await ArchiveItem.query(on: app.db).filter(\.$unitID == unit.requireID()).filter(\.$year == year).count()
        console.output(Strings.Console.archiveExported(path: path, items: items).consoleText(.success))
    }
}

struct ArchiveCheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "package", help: "PACKAGE.zip")
        var package: String
    }

    var help: String { Strings.Console.archiveCheckHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let data = try readInputFile(signature.package, console: context.console)
        let problems = ArchivePackageCheck.problems(in: data)
        guard problems.isEmpty else {
            for problem in problems { context.console.output(problem.consoleText(.error)) }
            context.console.output(Strings.ArchiveCheck.problems(problems.count).consoleText(.error))
            throw CommandExit(code: 2)
        }
        context.console.output(Strings.ArchiveCheck.ok.consoleText(.success))
    }
}
