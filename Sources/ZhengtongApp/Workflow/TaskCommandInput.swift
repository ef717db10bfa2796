import Foundation
import WorkflowEngine

/// The input rules of task commands, written once for the task page and the API: what each command needs,
/// how long texts may be, and the field each message belongs to (the API's body names; the page's forms use
/// the same names). Who may give a command is the engine's and ``TaskActions``' business, not this.
enum TaskCommandInput {
    static let opinionLimit = 2000
    static let reasonLimit = 2000
    static let reminderLimit = 200
    static let noteLimit = 500
    static let commentLimit = 2000
    static let titleLimit = 200

    /// 提交: an opinion of at most 2,000 characters; `values` are the step's decisions by name.
    static func complete(task: Int, outcome: String?, opinion: String?, values: [String: ExpressionValue]) throws -> WorkflowCommand {
        let opinion = FieldRules.trimmed(opinion)
        guard opinion.count <= opinionLimit else { throw field("opinion", Strings.Workflow.opinionTooLong) }
        return .completion(task: task, outcome: FieldRules.trimmed(outcome), opinion: opinion, values: values)
    }

    /// 退回: a reason is required (the person it goes back to must learn why).
    static func returnTask(task: Int, to target: String?, reason: String?) throws -> WorkflowCommand {
        let reason = FieldRules.trimmed(reason)
        guard !reason.isEmpty else { throw field("reason", Strings.Workflow.returnReasonRequired) }
        guard reason.count <= reasonLimit else { throw field("reason", Strings.Workflow.opinionTooLong) }
        return .returnTask(task: task, to: FieldRules.trimmed(target).isEmpty ? nil : FieldRules.trimmed(target), reason: reason)
    }

    /// 转办: the person the task goes to.
    static func transfer(task: Int, to person: String?) throws -> WorkflowCommand {
        .transfer(task: task, to: try self.person(person, field: "to"))
    }

    /// 加签: the added signer, before (the holder waits) or after (the step moves on after them).
    static func addSigner(task: Int, signer: String?, position: String?) throws -> WorkflowCommand {
        guard let position = ProcessRunner.SignerPosition(rawValue: FieldRules.trimmed(position).isEmpty ? "after" : FieldRules.trimmed(position)) else {
            throw field("position", Strings.Workflow.positionInvalid)
        }
        return .addSigner(task: task, signer: try person(signer, field: "signer"), position: position)
    }

    /// 催办: an optional message of at most 200 characters.
    static func remind(task: Int, message: String?) throws -> WorkflowCommand {
        let message = FieldRules.trimmed(message)
        guard message.count <= reminderLimit else { throw field("message", Strings.Workflow.reminderTooLong) }
        return .remind(task: task, message: message.isEmpty ? nil : message)
    }

    /// 传阅: at least one reader, an optional note of at most 500 characters.
    static func circulate(readers: [String], ordered: Bool, fromTask: Int?, note: String?) throws -> WorkflowCommand {
        let ids = try readers.filter { !$0.isEmpty }.map { try person($0, field: "readers") }
        guard !ids.isEmpty else { throw field("readers", Strings.Workflow.readersRequired) }
        let note = FieldRules.trimmed(note)
        guard note.count <= noteLimit else { throw field("note", Strings.Workflow.noteTooLong) }
        return .circulate(readers: ids, ordered: ordered, fromTask: fromTask, note: note.isEmpty ? nil : note)
    }

    /// 阅毕: an optional comment of at most 2,000 characters.
    static func markRead(item: Int, comment: String?) throws -> WorkflowCommand {
        let comment = FieldRules.trimmed(comment)
        guard comment.count <= commentLimit else { throw field("comment", Strings.Workflow.opinionTooLong) }
        return .markRead(item: item, comment: comment.isEmpty ? nil : comment)
    }

    /// 转给下一位: the next reader.
    static func passOn(item: Int, to person: String?) throws -> WorkflowCommand {
        .passOn(item: item, to: try self.person(person, field: "to"))
    }

    /// A new instance's title: required, at most 200 characters.
    static func title(_ text: String?) throws -> String {
        let title = FieldRules.trimmed(text)
        guard !title.isEmpty else { throw field("title", Strings.Workflow.titleRequired) }
        guard title.count <= titleLimit else { throw field("title", Strings.Workflow.titleTooLong) }
        return title
    }

    /// A request id of the caller's (the page's hidden field, the API's `Idempotency-Key`), at most 64 characters.
    static func requestID(_ text: String?) -> String? {
        let trimmed = FieldRules.trimmed(text)
        return trimmed.isEmpty ? nil : String(trimmed.prefix(64))
    }

    private static func person(_ text: String?, field name: String) throws -> String {
        guard let id = UUID(uuidString: FieldRules.trimmed(text)) else { throw field(name, Strings.Workflow.personRequired) }
        return id.uuidString
    }

    private static func field(_ name: String, _ message: String) -> AppError {
        AppError.validation(message, fields: [name: message])
    }
}
