import ConsoleKit
import Fluent
import Vapor

/// `zhengtong audit verify`: walk the hash chain and name the first broken link.
struct AuditCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["verify": AuditVerifyCommand()] }
    var help: String { "审计日志工具" }
}

struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "校验审计日志哈希链，报告第一处断裂。" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let result = try await AuditLog.verify(on: app.db)
        if let broken = result.firstBroken {
            context.console.output("审计日志哈希链断裂：序号 \(broken.seq)：\(broken.problem)（此前 \(result.checked) 条完好）".consoleText(.error))
            throw AuditChainBroken(seq: broken.seq)
        }
        context.console.output("审计日志完整：已校验 \(result.checked) 条记录。".consoleText(.success))
    }
}

struct AuditChainBroken: Error, CustomStringConvertible {
    var seq: Int
    var description: String { "audit chain broken at seq \(seq)" }
}
