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

    static func check(_ command: BusinessCommand, on db: any Database) async throws {
        guard case .complete(_, let outcome, let opinion, let variables) = command.command, let task = command.completedTask else { return }
        let before = command.before
        let hasOpinion = !(opinion ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        switch task.node {
        case Node.check where outcome == returnOutcome && !hasOpinion:
            throw AppError.validation(Strings.Incoming.returnReasonRequired, fields: ["opinion": Strings.Incoming.returnReasonRequired])
        case Node.instruct:
            guard case .list(let handlers)? = variables["handlers"], !handlers.isEmpty else {
                throw AppError.validation(Strings.Incoming.handlersRequired, fields: [IncomingBusiness.Choice.lead: Strings.Incoming.handlersRequired])
            }
        case Node.handle where !hasOpinion && task.assignee != nil && before.variables["lead"] == .string(task.assignee ?? ""):
            throw AppError.validation(Strings.Incoming.resultRequired, fields: ["opinion": Strings.Incoming.resultRequired])
        default:
            break
        }
    }

    static func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws {
        let actor = command.actor, now = command.now, before = command.before
        let document = try await document(of: command.instance, on: db)
        var changed = false
        if case .complete(_, let result, let opinion, let variables) = command.command, let task = command.completedTask {
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
