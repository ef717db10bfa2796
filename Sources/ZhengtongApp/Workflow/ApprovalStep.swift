import Foundation
import WorkflowEngine

/// A single approval step (会议审批, 信息报送's 本单位审核, 刊物审批): 同意 or 不同意, the latter only with a reason. The
/// rule and the reading of its result live here once, so each business object's registration only says what
/// approval and return do to it.
enum ApprovalStep {
    /// What the step came to for the business object.
    enum Result: Equatable {
        /// The last step said 同意 and the process finished.
        case approved
        /// A holder said 不同意, with this reason.
        case returned(reason: String?)
        /// The process was ended from outside (流程监控's 终止): the object goes back as if returned, without a reason.
        case withdrawn
    }

    /// The outcomes offered at such a step.
    static let outcomes: [StepOutcome] = ["approve", "reject"].map(StepOutcome.labelled)

    /// 不同意 without a reason is refused (422 on `opinion`, `message` in the object's words).
    static func requireReason(_ command: BusinessCommand, message: String) throws {
        guard case .complete(_, let outcome, let opinion, _) = command.command, outcome == "reject", FieldRules.trimmed(opinion).isEmpty else { return }
        throw AppError.validation(message, fields: ["opinion": message])
    }

    /// What `command` came to; nil while the process is still running (a further step).
    static func result(of command: BusinessCommand, outcome: ProcessRunner.Outcome) -> Result? {
        if case .complete(_, let result, let opinion, _) = command.command, result == "reject" { return .returned(reason: opinion) }
        switch outcome.instance.status {
        case .completed: return .approved
        case .terminated: return .withdrawn
        default: return nil
        }
    }
}
