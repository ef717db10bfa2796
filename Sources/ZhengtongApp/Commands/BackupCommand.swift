import ConsoleKit
import Vapor

/// `zhengtong backup [--to DIR]`: a consistent online backup of the database the environment names, while the
/// server runs (see ``Backup``); prints the directory and what it holds. Exit 1 when it fails, with the reason.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "directory for backups (default: DATA_DIR/backups)")
        var to: String?
    }

    var help: String { Strings.Console.backupHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let parent = signature.to ?? URL(fileURLWithPath: app.config.dataDirectory).appendingPathComponent("backups").path
        do {
            let (directory, manifest) = try await Backup.make(app: app, under: parent)
            let rows = manifest.rowCounts.values.reduce(0, +)
            let bytes = manifest.files.map(\.bytes).reduce(0, +)
            context.console.output(Strings.Console.backupDone(directory, tables: manifest.rowCounts.count, rows: rows, bytes: bytes).consoleText(.success))
        } catch let failure as Backup.Failure {
            context.console.output(failure.description.consoleText(.error))
            throw CommandExit(code: 1)
        }
    }
}
