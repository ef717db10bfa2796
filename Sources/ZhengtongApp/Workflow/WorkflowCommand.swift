import Foundation
import WorkflowEngine

/// A command on a running instance, as pages and the API give it. Task and item numbers are the engine's.
enum WorkflowCommand: Sendable {
    case complete(task: Int, outcome: String?, opinion: String?, variables: [String: ExpressionValue])
    /// The holder opened the task (收回 is allowed only before).
    case open(task: Int)
    case claim(task: Int)
    case unclaim(task: Int)
    case returnTask(task: Int, to: String?, reason: String)
    case withdraw(task: Int)
    case transfer(task: Int, to: String)
    case addSigner(task: Int, signer: String, position: ProcessRunner.SignerPosition)
    /// 催办, with the chaser's message for the holder.
    case remind(task: Int, message: String?)
    case circulate(readers: [String], ordered: Bool, fromTask: Int?, note: String?)
    case markRead(item: Int, comment: String?)
    case passOn(item: Int, to: String)
    case terminate
    case suspend
    case resume
    /// Timers due now (run by the jobs worker).
    case fireTimers
    /// A message for what the instance waits for (a catch event, receive task or boundary message).
    case deliverMessage(WorkflowMessage)

    /// Completion as pages and the API give it: `values` are the holder's decisions by name (the next holder,
    /// 会签 departments …). `WorkflowService` checks them against what the step offers and turns them into the
    /// engine's variables before the engine runs; nothing else a client sends reaches it.
    static func completion(task: Int, outcome: String?, opinion: String?, values: [String: ExpressionValue]) -> WorkflowCommand {
        .complete(task: task, outcome: outcome.flatMap { $0.isEmpty ? nil : $0 }, opinion: opinion.flatMap { $0.isEmpty ? nil : $0 }, variables: values)
    }

    /// The name in audit records and API results.
    var name: String {
        switch self {
        case .complete: "complete"
        case .open: "open"
        case .claim: "claim"
        case .unclaim: "unclaim"
        case .returnTask: "return"
        case .withdraw: "withdraw"
        case .transfer: "transfer"
        case .addSigner: "add-signer"
        case .remind: "remind"
        case .circulate: "circulate"
        case .markRead: "mark-read"
        case .passOn: "pass-on"
        case .terminate: "terminate"
        case .suspend: "suspend"
        case .resume: "resume"
        case .fireTimers: "fire-timers"
        case .deliverMessage: "deliver-message"
        }
    }

    /// What the audit record says besides the version and status.
    var auditDetails: [String: String] {
        guard case .deliverMessage(let message) = self else { return [:] }
        return ["message": message.name, "correlationKey": message.correlationKey ?? "", "messageId": message.id ?? ""]
    }

    /// The task the command acts on, if any.
    var task: Int? {
        switch self {
        case .complete(let task, _, _, _), .open(let task), .claim(let task), .unclaim(let task), .returnTask(let task, _, _),
             .withdraw(let task), .transfer(let task, _), .addSigner(let task, _, _), .remind(let task, _):
            task
        case .circulate(_, _, let fromTask, _): fromTask
        default: nil
        }
    }

    func run(_ runner: ProcessRunner, on instance: ProcessInstance, by user: String, at now: Date) throws -> ProcessRunner.Outcome {
        switch self {
        case .complete(let task, let outcome, let opinion, let variables):
            try runner.completeTask(task, in: instance, by: user, outcome: outcome, opinion: opinion, variables: variables, at: now)
        case .open(let task): try runner.openTask(task, in: instance, by: user, at: now)
        case .claim(let task): try runner.claim(task, in: instance, by: user, at: now)
        case .unclaim(let task): try runner.unclaim(task, in: instance, by: user, at: now)
        case .returnTask(let task, let target, let reason): try runner.returnTask(task, in: instance, by: user, to: target, reason: reason, at: now)
        case .withdraw(let task): try runner.withdraw(task, in: instance, by: user, at: now)
        case .transfer(let task, let other): try runner.transfer(task, in: instance, by: user, to: other, at: now)
        case .addSigner(let task, let signer, let position): try runner.addSigner(task, in: instance, by: user, signer: signer, position: position, at: now)
        case .remind(let task, _): try runner.remind(task, in: instance, by: user, at: now)
        case .circulate(let readers, let ordered, let fromTask, let note):
            try runner.circulate(in: instance, by: user, to: readers, ordered: ordered, fromTask: fromTask, note: note, at: now)
        case .markRead(let item, let comment): try runner.markRead(item, in: instance, by: user, comment: comment, at: now)
        case .passOn(let item, let other): try runner.passOn(item, in: instance, by: user, to: other, at: now)
        case .terminate: try runner.terminate(instance, by: user, at: now)
        case .suspend: try runner.suspend(instance, at: now)
        case .resume: try runner.resume(instance, at: now)
        case .fireTimers: try runner.fireDueTimers(in: instance, at: now)
        case .deliverMessage(let message): try runner.deliverMessage(message, to: instance, at: now)
        }
    }
}

/// What a command did, returned to the caller and stored for a retried request id.
struct WorkflowCommandResult: Codable, Sendable, Equatable {
    var instanceID: UUID
    var command: String
    var version: Int
    var status: String
    /// Tasks the command created (the next step's, a returned step's …), as task ids of the API.
    var createdTasks: [UUID]
    /// True when this is the stored result of an earlier request with the same request id.
    var replayed: Bool = false
}
