import ConsoleKit
import Foundation
import Vapor

/// `zhengtong search reindex`: rebuilds the full-text index of every 发文 and 收文 (after an upgrade, or to be sure).
struct SearchCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["reindex": SearchReindexCommand(), "generate": SearchGenerateCommand()] }
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

/// `zhengtong search generate --documents N [--seed S] [--length L]`: documents for the search benchmark
/// (`benchmarks/search_queries.py`), in a unit of their own whose clerk `bench` may open them all.
struct SearchGenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "documents", help: "how many to add (default 1000)")
        var documents: Int?
        @Option(name: "seed", help: "random seed (default 1)")
        var seed: Int?
        @Option(name: "length", help: "characters of body per document (default 1500)")
        var length: Int?
    }

    var help: String { Strings.Search.generateHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let started = Date()
        let total = try await SearchBenchmarkData.generate(count: max(1, signature.documents ?? 1000), seed: UInt64(max(0, signature.seed ?? 1)),
                                                           length: max(100, signature.length ?? 1500), app: app) { made in
            let seconds = Date().timeIntervalSince(started)
            context.console.output("\(made) … \(Int(Double(made) / max(seconds, 0.001)))/s".consoleText())
        }
        context.console.output(Strings.Search.generated(total, seconds: Date().timeIntervalSince(started)).consoleText(.success))
    }
}
