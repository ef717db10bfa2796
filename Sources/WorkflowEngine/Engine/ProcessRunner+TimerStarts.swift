import Foundation

extension ProcessRunner {
    /// Starts an instance at the timer start event `startEvent`, as the application's job does when
    /// `ProcessDefinition.timerStarts` says it is due: the token begins there, and the history says the timer
    /// fired. Which occurrences have been started is the job's to remember.
    public func startFromTimer(_ startEvent: String, instanceID: String, initiator: String, variables: [String: ExpressionValue] = [:],
                               at now: Date) throws -> Outcome {
        guard let start = definition.nodes[startEvent], start.scope == nil, case .timerStart = start.kind else {
            throw EventError.notATimerStart(node: startEvent, process: definition.id)
        }
        return try begin(at: start, instanceID: instanceID, initiator: initiator, variables: variables,
                         trigger: .timerFired(timer: start.id, activity: nil), at: now)
    }
}
