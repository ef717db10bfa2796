import ConsoleKit
import Foundation
import Vapor

/// `zhengtong search reindex`: rebuilds the full-text index of every 发文 and 收文 (after an upgrade, or to be sure).
struct SearchCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["reindex": SearchReindexCommand()] }
    var help: String { Strings.Search.help }
}

struct SearchReindexCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { Strings.Search.reindexHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let count = try await SearchIndex.rebuildAll(app: app)
        context.console.output(Strings.Search.reindexed(count).consoleText(.success))
    }
}
