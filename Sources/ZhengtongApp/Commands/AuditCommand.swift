import ConsoleKit
import Fluent
import Vapor

/// `zhengtong audit verify`: walk the hash chain and name the first broken link.
struct AuditCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["verify": AuditVerifyCommand()] }
    var help: String { Strings.Console.auditHelp }
}

struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { Strings.Console.auditVerifyHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        let result = try await AuditLog.verify(on: app.db)
        if let broken = result.firstBroken {
            context.console.output(Strings.Console.auditBroken(seq: broken.seq, problem: broken.problem, checked: result.checked).consoleText(.error))
            throw AuditChainBroken(seq: broken.seq)
        }
        context.console.output(Strings.Console.auditIntact(checked: result.checked).consoleText(.success))
    }
}

struct AuditChainBroken: Error, CustomStringConvertible {
    var seq: Int
    var description: String { "audit chain broken at seq \(seq)" }
}
