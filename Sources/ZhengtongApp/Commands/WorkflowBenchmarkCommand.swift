import ConsoleKit
import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// `zhengtong workflow benchmark MODEL.bpmn [--instances N] [--concurrency C]`: the workflow engine with its
/// persistence, without HTTP — the model deployed, N instances started and every task completed through
/// ``WorkflowService`` (each command one committed transaction: the guarded instance update, task, token and
/// history rows, timers, the audit chain), C commands at a time. Prints starts and completions per second.
/// Uses (or makes) a unit of its own with one person, so it can run on a seeded city's database.
struct WorkflowBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "model", help: "BPMN 2.0 XML whose tasks go to the initiator (benchmarks/processes/sequential20.bpmn)")
        var model: String
        @Option(name: "instances", help: "instances to start (default 200)")
        var instances: Int?
        @Option(name: "concurrency", help: "commands at a time (default 1)")
        var concurrency: Int?
    }

    var help: String { Strings.Console.workflowBenchmarkHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        let data = try readInputFile(signature.model, console: context.console)
        let app = context.application
        try await app.prepareDatabase()
        // Deploying an unchanged model adds no version; the process is then the one already deployed.
        let upload = try await BPMNUpload.read(data, on: app.threadPool)
        _ = try await app.write { db in try await WorkflowDefinitions.deploy(upload, hooks: WorkflowHooks(), by: .system("bench"), on: db) }
        guard let processKey = upload.processes.first?.id else { throw CommandExit(code: 2) }
        let person = try await SearchBenchmarkData.benchmarkPerson(app: app)
        let actor = WorkflowService.Actor(userID: person, audit: .system("bench"))
        let count = max(1, signature.instances ?? 200)
        let lanes = max(1, signature.concurrency ?? 1)
        let workflow = app.workflow

        // Starts, `lanes` at a time; each lane then completes its instances' tasks one after another.
        let started = ContinuousClock.now
        let firstTasks = try await withThrowingTaskGroup(of: [(UUID, UUID)].self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    var mine: [(UUID, UUID)] = []
                    for index in stride(from: lane, to: count, by: lanes) {
                        let result = try await workflow.start(processKey: processKey, title: "基准 \(index)", by: actor)
                        if let task = result.createdTasks.first { mine.append((result.instanceID, task)) }
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let startSeconds = started.elapsedSeconds

        let completing = ContinuousClock.now
        let completed = try await withThrowingTaskGroup(of: Int.self) { group in
            for lane in 0..<lanes {
                let mine = stride(from: lane, to: firstTasks.count, by: lanes).map { firstTasks[$0] }
                group.addTask {
                    var done = 0
                    for (instance, first) in mine {
                        var next: UUID? = first
                        while let taskID = next, let task = try await WorkflowTaskRecord.find(taskID, on: app.db) {
                            let result = try await workflow.perform(.completion(task: task.engineID, outcome: nil, opinion: nil, values: [:]),
                                                                    on: instance, by: actor)
                            done += 1
                            next = result.createdTasks.first
                        }
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let completeSeconds = completing.elapsedSeconds
        let result: [String: Double] = [
            "instances": Double(count), "concurrency": Double(lanes), "completions": Double(completed),
            "starts_per_s": (Double(count) / startSeconds).rounded(), "completions_per_s": (Double(completed) / completeSeconds).rounded(),
            "start_seconds": startSeconds, "completion_seconds": completeSeconds,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        context.console.output(String(decoding: try encoder.encode(result), as: UTF8.self).consoleText())
    }
}
