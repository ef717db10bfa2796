import Foundation
import Vapor
import WorkflowEngine

extension AppError {
    /// A refused workflow command, with a stable code for the API and the Chinese half of the engine's message.
    init(_ error: WorkflowError) {
        // The engine writes "中文 / English"; pages and the API show the Chinese half.
        let text = error.description
        let cut = text.range(of: " / ") ?? text.range(of: "）/ ").map { text.index(after: $0.lowerBound)..<$0.upperBound }
        let chinese = cut.map { String(text[..<$0.lowerBound]) } ?? text
        switch error {
        case .taskNotFound, .circulationNotFound:
            self.init(status: .notFound, code: "not_found", message: chinese)
        case .taskNotOpen:
            self.init(status: .conflict, code: "task_not_open", message: Strings.Workflow.taskNoLongerOpen)
        case .instanceNotRunning:
            self.init(status: .conflict, code: "instance_not_running", message: chinese)
        case .notAssignee, .notReader:
            self.init(status: .forbidden, code: "not_assignee", message: chinese)
        case .returnNotAllowed:
            self.init(status: .unprocessableEntity, code: "return_not_allowed", message: chinese)
        case .withdrawNotAllowed:
            self.init(status: .unprocessableEntity, code: "withdraw_not_allowed", message: chinese)
        case .taskOnHold:
            self.init(status: .unprocessableEntity, code: "task_on_hold", message: chinese)
        case .invalidCommand:
            self.init(status: .unprocessableEntity, code: "validation_failed", message: chinese)
        case .unknownProcess, .unknownNode, .noStartEvent, .noMatchingFlow, .conditionFailed, .multiInstanceInvalid, .serviceFailed,
             .assignmentFailed:
            // The model or its data cannot go on: the instance stays where it was; the message names the element.
            self.init(status: .unprocessableEntity, code: "workflow_error", message: chinese)
        }
    }
}
