import ConsoleKit
import Vapor

/// `zhengtong backup [--to DIR]` and `zhengtong backup verify BACKUP`.
struct BackupCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["verify": BackupVerifyCommand()] }
    var defaultCommand: (any AnyAsyncCommand)? { BackupCommand() }
    var help: String { Strings.Console.backupHelp }

    /// `verify` picks the subcommand; anything else (`--to DIR`, or nothing) is the backup itself — ConsoleKit's
    /// group would take `--to` for an unknown subcommand.
    func run(using context: inout CommandContext) async throws {
        if context.input.arguments.first == "verify" {
            context.input.arguments.removeFirst()
            try await BackupVerifyCommand().run(using: &context)
        } else {
            try await BackupCommand().run(using: &context)
        }
    }
}

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
        // No migrating here: a backup copies the database as it is — the copy taken before an upgrade must be of the
        // old schema, not one this binary has just changed.
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

/// `zhengtong backup verify BACKUP`: see ``Restore/verify(_:app:)``. Exit 1 with the reason when the backup is not good.
struct BackupVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "backup", help: "a directory made by zhengtong backup")
        var backup: String
    }

    var help: String { Strings.Console.verifyHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        do {
            let (tables, rows) = try await Restore.verify(signature.backup, app: context.application)
            context.console.output(Strings.Console.verifyDone(signature.backup, tables: tables, rows: rows).consoleText(.success))
        } catch let failure as Restore.Failure {
            context.console.output(failure.description.consoleText(.error))
            throw CommandExit(code: 1)
        } catch let failure as Backup.Failure {
            context.console.output(failure.description.consoleText(.error))
            throw CommandExit(code: 1)
        }
    }
}
