import Foundation
import Vapor
import WorkflowEngine

extension AppError {
    /// The Chinese half of an engine message ("中文 / English").
    fileprivate static func chineseHalf(_ text: String) -> String {
        let cut = text.range(of: " / ") ?? text.range(of: "）/ ").map { text.index(after: $0.lowerBound)..<$0.upperBound }
        return cut.map { String(text[..<$0.lowerBound]) } ?? text
    }

    /// A refused message or event start: what the caller sent does not fit what the instance waits for (409, the
    /// instance moved on or waits for another key), or the model cannot do it (422).
    init(_ error: EventError) {
        let chinese = Self.chineseHalf(error.description)
        switch error {
        case .notWaiting:
            self.init(status: .conflict, code: "message_not_waiting", message: chinese)
        case .correlationMismatch:
            self.init(status: .conflict, code: "correlation_mismatch", message: chinese)
        case .noMessageStart:
            self.init(status: .unprocessableEntity, code: "no_message_start", message: chinese)
        case .notATimerStart, .correlationKeyFailed:
            // The model or its data cannot go on, like WorkflowError's model errors.
            self.init(status: .unprocessableEntity, code: "workflow_error", message: chinese)
        }
    }

    /// A refused workflow command, with a stable code for the API and the Chinese half of the engine's message.
    init(_ error: WorkflowError) {
        // The engine writes "中文 / English"; pages and the API show the Chinese half.
        let chinese = Self.chineseHalf(error.description)
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
