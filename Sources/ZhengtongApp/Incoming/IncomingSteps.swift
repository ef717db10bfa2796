import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// The 收文 process's steps as they touch the document (the default model's step ids; an administrator's own
/// model keeps these ids for the steps it has), run inside each command's transaction:
/// - 初审 (`Check`) completed with the outcome `return` needs a reason, marks the document returned and, for a
///   delivered one, returns the delivery to its sender (who is notified and sees it on the receipt);
/// - 初审 passed: the document is being handled;
/// - 批办 (`Instruct`) must name the 承办 departments (variable `handlers`); its `deadline` becomes the 办理时限;
/// - 承办 (`Handle`) by the 主办 (variable `lead`) must report the result, which the document keeps;
/// - 办结 (`Close`) records the result; the instance ending closes the document (a 阅件 after 分送传阅 too).
enum IncomingSteps {
    static let businessType = "incoming"

    enum Node {
        static let register = "Register"
        static let check = "Check"
        static let propose = "Propose"
        static let instruct = "Instruct"
        static let handle = "Handle"
        static let close = "Close"
        static let distribute = "Distribute"
    }

    static let returnOutcome = "return"

    static func document(of instance: WorkflowInstanceRecord, on db: any Database) async throws -> IncomingDocument {
        guard let text = instance.businessID, let id = UUID(uuidString: text), let document = try await IncomingDocument.find(id, on: db)
        else { throw AppError.notFound() }
        return document
    }

    /// Before the engine runs: completing 登记 carries the registration's 办件/阅件 and deadline into the process;
    /// completing 批办 turns the chosen departments (`leadDepartment`, `assistDepartments`, ids) into the 承办
    /// people (`handlers`: each department's head, the 主办's first; `lead`) and a date `deadline`
    /// (`2026-12-01`) into that day's end of work.
    static func prepare(_ command: WorkflowCommand, before: ProcessInstance, instance: WorkflowInstanceRecord, on db: any Database) async throws
        -> WorkflowCommand {
        guard case .complete(let taskID, let outcome, let opinion, var variables) = command, let task = before.task(taskID) else { return command }
        switch task.node {
        case Node.register:
            let document = try await document(of: instance, on: db)
            for (key, value) in IncomingRegistration.variables(of: document) { variables[key] = value }
        case Node.instruct:
            if case .string(let lead)? = variables["leadDepartment"], let leadID = UUID(uuidString: lead) {
                var departments = [leadID]
                if case .list(let assist)? = variables["assistDepartments"] {
                    departments += assist.compactMap { if case .string(let text) = $0 { UUID(uuidString: text) } else { nil } }.filter { $0 != leadID }
                }
                let heads = try await OutgoingActions.departmentHeads(departments, unitID: instance.unitID, on: db)
                variables["handlers"] = .list(heads.map(ExpressionValue.string))
                if let first = heads.first { variables["lead"] = .string(first) }
            }
            if case .string(let text)? = variables["deadline"], let day = DocumentDate(iso: text) {
                variables["deadline"] = .string(IncomingRegistration.deadlineText(IncomingRegistration.endOfWork(day)))
            }
        default:
            return command
        }
        return .complete(task: taskID, outcome: outcome, opinion: opinion, variables: variables)
    }

    static func check(_ command: WorkflowCommand, before: ProcessInstance, instance: WorkflowInstanceRecord, on db: any Database) async throws {
        guard case .complete(let taskID, let outcome, let opinion, let variables) = command, let task = before.task(taskID) else { return }
        let hasOpinion = !(opinion ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        switch task.node {
        case Node.check where outcome == returnOutcome && !hasOpinion:
            throw AppError.validation(Strings.Incoming.returnReasonRequired, fields: ["opinion": Strings.Incoming.returnReasonRequired])
        case Node.instruct:
            guard case .list(let handlers)? = variables["handlers"], !handlers.isEmpty else {
                throw AppError.validation(Strings.Incoming.handlersRequired, fields: ["lead": Strings.Incoming.handlersRequired])
            }
        case Node.handle where !hasOpinion && task.assignee != nil && before.variables["lead"] == .string(task.assignee ?? ""):
            throw AppError.validation(Strings.Incoming.resultRequired, fields: ["opinion": Strings.Incoming.resultRequired])
        default:
            break
        }
    }

    static func apply(_ command: WorkflowCommand, before: ProcessInstance, outcome: ProcessRunner.Outcome, instance: WorkflowInstanceRecord,
                      by actor: WorkflowService.Actor, at now: Date, on db: any Database) async throws {
        let document = try await document(of: instance, on: db)
        var changed = false
        if case .complete(let taskID, let result, let opinion, let variables) = command, let task = before.task(taskID) {
            let text = opinion?.trimmingCharacters(in: .whitespacesAndNewlines)
            switch task.node {
            case Node.check where result == returnOutcome:
                document.status = IncomingDocument.Status.returned.rawValue
                if let deliveryID = document.deliveryID, let text {
                    try await ExchangeService.returnAfterCheck(deliveryID, reason: text, by: actor, at: now, on: db)
                }
                changed = true
            case Node.check:
                document.status = IncomingDocument.Status.handling.rawValue
                changed = true
            case Node.instruct:
                if case .string(let deadline)? = variables["deadline"], let due = ISODateTime.parse(deadline) {
                    document.dueAt = due
                    changed = true
                }
            case Node.handle where before.variables["lead"] == .string(task.assignee ?? "-"):
                document.result = text
                changed = true
            case Node.close:
                if let text, !text.isEmpty { document.result = text }
                changed = true
            default:
                break
            }
        }
        if outcome.instance.status == .completed && document.statusValue != .returned && document.statusValue != .closed {
            document.status = IncomingDocument.Status.closed.rawValue
            document.closedAt = now
            changed = true
            try await ArchiveProposal.propose(title: document.title, unit: document.unitID, sourceID: try document.requireID(), at: now, on: db)
        }
        guard changed else { return }
        document.version += 1
        document.updatedAt = now
        try await document.update(on: db)
    }
}
