import ConsoleKit
import Foundation
import Vapor

/// `zhengtong workflow deploy MODEL.bpmn`: deploys a model on the server itself (an intranet without a
/// browser at hand, or a provisioning script). Same checks and versioning as the administration page.
struct WorkflowDeployCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "model", help: "BPMN 2.0 XML")
        var model: String
    }

    var help: String { Strings.Console.workflowDeployHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let data = try readInputFile(signature.model, console: context.console)
        let app = context.application
        try await app.prepareDatabase()
        do {
            let upload = try await BPMNUpload.read(data, on: app.threadPool)
            let records = try await app.write { db in
                try await WorkflowDefinitions.deploy(upload, hooks: WorkflowHooks(), by: .system("console"), on: db)
            }
            context.console.output(Strings.Workflow.deployed(records.map { "\($0.name)（\($0.processKey)）v\($0.version)" }).consoleText(.success))
        } catch let error as AppError {
            context.console.output(error.message.consoleText(.error))
            throw CommandExit(code: 2)
        }
    }
}
