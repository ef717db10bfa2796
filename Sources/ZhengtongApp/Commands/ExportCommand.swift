import ConsoleKit
import Foundation
import Vapor

/// `zhengtong export --all --to DIR`: see ``Export``. `--all` is required: it says in the command line that this is
/// the whole platform (a handover), not a unit's or a year's part. Exit 2 without it, 1 when the export fails.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "all", help: "everything the platform holds")
        var all: Bool
        @Option(name: "to", help: "a new (or empty) directory for the export")
        var to: String?
    }

    var help: String { Strings.Console.exportHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let console = context.console
        guard signature.all, let directory = signature.to else {
            console.output(Strings.Console.exportUsage.consoleText(.error))
            throw CommandExit(code: 2)
        }
        let app = context.application
        try await app.prepareDatabase()
        let started = Date()
        do {
            let manifest = try await Export.run(app: app, to: directory) { line in console.output(line.consoleText()) }
            console.output(Strings.Console.exportDone(directory, files: manifest.files.count, rows: manifest.rowCounts.values.reduce(0, +),
                                                      bytes: manifest.files.map(\.bytes).reduce(0, +),
                                                      seconds: Int(Date().timeIntervalSince(started).rounded())).consoleText(.success))
        } catch let failure as Export.Failure {
            console.output(failure.description.consoleText(.error))
            throw CommandExit(code: 1)
        }
    }
}
