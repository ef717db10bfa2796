import ConsoleKit
import Foundation
import Gongwen
import Vapor

/// `zhengtong seed --units 375 --users 8165 --documents 200000 [--seed S] [--now YYYY-MM-DD]`: fills an empty
/// database (SQLite or `DATABASE_URL`) with a city for the benchmarks; see ``CitySeeder``.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "units", help: "units (default 375)")
        var units: Int?
        @Option(name: "users", help: "people (default 8165)")
        var users: Int?
        @Option(name: "documents", help: "documents, 发文 and 收文 (default 200000)")
        var documents: Int?
        @Option(name: "seed", help: "random seed (default 1)")
        var seed: Int?
        @Option(name: "now", help: "the day the data ends, YYYY-MM-DD (default today); with --seed the same data every time")
        var now: String?
        @Option(name: "batch", help: "documents per transaction (default 2000)")
        var batch: Int?
    }

    var help: String { Strings.Seed.help }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        // 08:30 Beijing time of the day: the moment every clerk opens 待办.
        let day: DocumentDate
        if let text = signature.now {
            guard let parsed = DocumentDate(iso: text) else {
                context.console.error(Strings.Seed.badNow)
                throw CommandExit(code: 1)
            }
            day = parsed
        } else {
            day = DocumentDate(Date())
        }
        let now = IncomingRegistration.endOfWork(day).addingTimeInterval(-9 * 3600)
        var options = CitySeeder.Options(units: max(2, signature.units ?? 375), users: max(4, signature.users ?? 8165),
                                         documents: max(0, signature.documents ?? 200_000), seed: UInt64(max(0, signature.seed ?? 1)), now: now)
        options.batchSize = max(1, signature.batch ?? 2_000)
        let console = context.console
        let report = try await CitySeeder.run(options, app: app) { progress in
            console.output(Strings.Seed.progress(progress).consoleText())
        }
        console.output(Strings.Seed.finished(report).consoleText(.success))
        for account in report.sampleAccounts {
            console.output("  \(account.username)  \(account.description)".consoleText())
        }
    }
}
