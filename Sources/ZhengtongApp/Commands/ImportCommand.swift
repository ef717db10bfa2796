import ConsoleKit
import Vapor

/// `zhengtong import DIR`: see ``Import``. Exit 1 with the reason when it refuses or fails (as `restore`).
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "directory", help: "a directory made by zhengtong export --all")
        var directory: String
    }

    var help: String { Strings.Console.importHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        do {
            let counts = try await Import.run(signature.directory, app: app)
            context.console.output(Strings.Console.importDone(signature.directory, tables: counts.count, rows: counts.values.reduce(0, +))
                .consoleText(.success))
        } catch let failure as Import.Failure {
            context.console.output(failure.description.consoleText(.error))
            throw CommandExit(code: 1)
        }
    }
}
