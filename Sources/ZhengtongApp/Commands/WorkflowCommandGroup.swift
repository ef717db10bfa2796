import ConsoleKit
import Foundation
import Vapor
import WorkflowEngine

/// `zhengtong workflow check|simulate MODEL.bpmn`: for process designers, before deploying a model
/// (neither touches the database); `workflow deploy MODEL.bpmn` deploys it.
struct WorkflowCommandGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] {
        ["check": WorkflowCheckCommand(), "simulate": WorkflowSimulateCommand(), "deploy": WorkflowDeployCommand(), "benchmark": WorkflowBenchmarkCommand()]
    }
    var help: String { Strings.Console.workflowHelp }
}

/// Reads an input file (a model, a document, an attachment), or explains in one line why it cannot.
func readInputFile(_ path: String, console: any Console) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        console.output(Strings.Console.unreadableFile(path, error.localizedDescription).consoleText(.error))
        throw CommandExit(code: 2)
    }
}

struct WorkflowCheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "model", help: "BPMN 2.0 XML")
        var model: String
    }

    var help: String { Strings.Console.workflowCheckHelp }

    /// Exit 0 when every process in the file can run; otherwise each problem, then exit 2.
    func run(using context: CommandContext, signature: Signature) async throws {
        let data = try readInputFile(signature.model, console: context.console)
        let problems = BPMNCheck.check(data)
        for problem in problems { print(problem.description) }
        let errors = problems.filter { $0.severity == .error }
        if errors.isEmpty {
            let processes = BPMNImport.parse(data).processes.map(\.id).joined(separator: ", ")
            print(Strings.Console.workflowCheckPassed(processes, warnings: problems.count))
            return
        }
        print(Strings.Console.workflowCheckFailed(errors.count))
        throw CommandExit(code: 2)
    }
}

struct WorkflowSimulateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "model", help: "BPMN 2.0 XML")
        var model: String
        @Option(name: "process", help: "process id (when the file holds several)")
        var process: String?
        @Option(name: "vars", help: "variables as a JSON object, e.g. {\"amount\": 8000}")
        var variables: String?
        @Flag(name: "complete-all", help: "complete every open user task in creation order")
        var completeAll: Bool
        @Option(name: "advance", help: "move the clock by an ISO 8601 duration so due timers fire, e.g. PT1H")
        var advance: String?
        @Option(name: "message", help: "deliver a message after the tasks before it, NAME[:KEY][=JSON payload]; repeatable, in order")
        var message: String?
    }

    var help: String { Strings.Console.workflowSimulateHelp }

    /// Every `--message` is taken out before the signature is read: ConsoleKit's options take one value each.
    func run(using context: inout CommandContext) async throws {
        var messages: [String] = []
        while let index = context.input.arguments.firstIndex(of: "--message") {
            let next = context.input.arguments.index(after: index)
            guard next < context.input.arguments.endIndex else { break }
            messages.append(context.input.arguments[next])
            context.input.arguments.removeSubrange(index...next)
        }
        let signature = try Signature(from: &context.input)
        guard context.input.arguments.isEmpty else { throw CommandError.unknownInput(context.input.arguments.joined(separator: " ")) }
        try await run(using: context, signature: signature, messages: messages)
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await run(using: context, signature: signature, messages: signature.message.map { [$0] } ?? [])
    }

    /// `NAME[:KEY][=JSON]`: the message's name, its correlation key and its payload (a JSON object); nil when malformed.
    static func message(_ text: String) -> WorkflowMessage? {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        var payload: [String: ExpressionValue] = [:]
        if parts.count == 2 {
            guard let decoded = try? JSONDecoder().decode([String: ExpressionValue].self, from: Data(parts[1].utf8)) else { return nil }
            payload = decoded
        }
        let head = parts[0].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(head[0]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        let key = head.count == 2 && !head[1].isEmpty ? String(head[1]) : nil
        return WorkflowMessage(name: name, correlationKey: key, payload: payload)
    }

    /// One JSON object per line; exit 0 completed, 1 runtime error, 2 unusable model or options, 3 stopped waiting.
    func run(using context: CommandContext, signature: Signature, messages texts: [String]) async throws {
        let data = try readInputFile(signature.model, console: context.console)
        let imported = BPMNImport.parse(data)
        let errors = BPMNCheck.check(data).filter { $0.severity == .error }
        guard errors.isEmpty else {
            for problem in errors { printLine(["event": "error", "message": .string(problem.description)]) }
            throw CommandExit(code: 2)
        }
        guard let definition = signature.process.map({ id in imported.processes.first { $0.id == id } }) ?? imported.processes.first else {
            printLine(["event": "error", "message": .string(Strings.Console.unknownProcess(signature.process ?? ""))])
            throw CommandExit(code: 2)
        }
        var variables: [String: ExpressionValue] = [:]
        if let json = signature.variables {
            guard let decoded = try? JSONDecoder().decode([String: ExpressionValue].self, from: Data(json.utf8)) else {
                printLine(["event": "error", "message": .string(Strings.Console.badVariables)])
                throw CommandExit(code: 2)
            }
            variables = decoded
        }
        var advance: ISODuration?
        if let text = signature.advance {
            guard let duration = ISODuration(parsing: text) else {
                printLine(["event": "error", "message": .string(Strings.Console.badDuration(text))])
                throw CommandExit(code: 2)
            }
            advance = duration
        }
        var messages: [WorkflowMessage] = []
        for text in texts {
            guard let message = Self.message(text) else {
                printLine(["event": "error", "message": .string(Strings.Console.badMessage(text))])
                throw CommandExit(code: 2)
            }
            messages.append(message)
        }
        let environment = SimulationEnvironment(processes: imported.processes)
        let simulation = Simulation(definition: definition, environment: environment, variables: variables,
                                    completeAll: signature.completeAll, advance: advance, messages: messages)
        let ending = simulation.run { printLine($0) }
        if ending != .completed { throw CommandExit(code: ending.rawValue) }
    }

    private func printLine(_ object: [String: ExpressionValue]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(object) { print(String(decoding: data, as: UTF8.self)) }
    }
}
