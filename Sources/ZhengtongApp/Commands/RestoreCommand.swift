import ConsoleKit
import Vapor

/// `zhengtong restore BACKUP [--force]`: see ``Restore``. Exit 1 with the reason when it refuses or fails.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "backup", help: "a directory made by zhengtong backup")
        var backup: String
        @Flag(name: "force", help: "restore over a database that has data")
        var force: Bool
    }

    var help: String { Strings.Console.restoreHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        do {
            let counts = try await Restore.run(signature.backup, app: app, force: signature.force)
            context.console.output(Strings.Console.restoreDone(signature.backup, tables: counts.count, rows: counts.values.reduce(0, +)).consoleText(.success))
        } catch let failure as Restore.Failure {
            context.console.output(failure.description.consoleText(.error))
            throw CommandExit(code: 1)
        } catch let failure as Backup.Failure {
            context.console.output(failure.description.consoleText(.error))
            throw CommandExit(code: 1)
        }
    }
}
