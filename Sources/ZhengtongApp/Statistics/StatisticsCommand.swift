import ConsoleKit
import Foundation
import SQLKit
import Vapor

/// `zhengtong statistics refresh`: computes every day the kept figures lack (after an upgrade on a platform with
/// years of records, or to be sure), instead of leaving it to the job's few months per run.
struct StatisticsCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["refresh": StatisticsRefreshCommand()] }
    var help: String { "效能统计：statistics refresh 计算全部尚未计算的日子" }
}

struct StatisticsRefreshCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "all", help: "recompute every day from the first record, not only the missing ones")
        var all: Bool
    }

    var help: String { "计算（--all：重新计算）每日效能统计数据" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let started = Date()
        if signature.all { try await app.write { db in try await db.sqlDatabase().raw("DELETE FROM statistics_days").run() } }
        try await StatisticsAggregation.refreshAll(app: app) { range in
            context.console.output("\(StatisticsDay(number: range.lowerBound).text) … \(StatisticsDay(number: range.upperBound).text)  \(Int(Date().timeIntervalSince(started))) s".consoleText())
        }
        context.console.output("完成，用时 \(String(format: "%.1f", Date().timeIntervalSince(started))) 秒。".consoleText(.success))
    }
}
