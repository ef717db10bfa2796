import Foundation

/// Runs a model in memory, as `zhengtong workflow simulate` does: start, optionally complete every
/// open task in creation order, deliver the scripted messages in order, optionally move the clock so due
/// timers fire, and report each event.
public struct Simulation: Sendable {
    /// How the run ended, with the exit code the command uses.
    public enum Ending: Int32, Sendable, Equatable {
        /// The process reached its end.
        case completed = 0
        /// A runtime error (e.g. no gateway flow matched).
        case failed = 1
        /// It stopped waiting: open tasks it was not asked to complete, or timers not yet due.
        case waiting = 3
    }

    public var definition: ProcessDefinition
    public var environment: any WorkflowEnvironment
    public var variables: [String: ExpressionValue]
    public var completeAll: Bool
    public var advance: ISODuration?
    /// Messages delivered one after another once the start's tasks are done (with `completeAll`, the tasks each
    /// message leads to are completed before the next). A model with no none start event starts on the first, at
    /// its message start event. A message nothing waits for ends the run as failed: the script does not fit the model.
    public var messages: [WorkflowMessage]
    public var initiator: String
    /// The clock at the start (fixed by default, so runs repeat exactly).
    public var startTime: Date
    /// A guard against models that loop forever through user tasks.
    public var maximumCompletions = 10_000

    public init(definition: ProcessDefinition, environment: any WorkflowEnvironment = SimulationEnvironment(),
                variables: [String: ExpressionValue] = [:], completeAll: Bool = false, advance: ISODuration? = nil,
                initiator: String = "initiator", startTime: Date = Date(timeIntervalSince1970: 1_767_225_600), messages: [WorkflowMessage] = []) {
        self.definition = definition
        self.environment = environment
        self.variables = variables
        self.completeAll = completeAll
        self.advance = advance
        self.initiator = initiator
        self.startTime = startTime
        self.messages = messages
    }

    /// Runs the model, handing each event (as its JSON object) to `report` as it happens.
    public func run(report: (_ line: [String: ExpressionValue]) -> Void) -> Ending {
        let runner = ProcessRunner(definition: definition, environment: environment)
        var now = startTime
        func fail(_ error: any Error) -> Ending {
            report(["event": "error", "message": .string("\(error)")])
            return .failed
        }
        var instance: ProcessInstance
        var script = messages[...]
        do {
            let outcome: ProcessRunner.Outcome
            if definition.startEvent(in: nil) == nil, let first = script.first, runner.startsOnMessage(first.name) {
                var message = first
                message.payload.merge(variables) { sent, _ in sent }
                outcome = try runner.startByMessage(message, instanceID: "simulation", initiator: initiator, at: now)
                script.removeFirst()
            } else {
                outcome = try runner.start(instanceID: "simulation", initiator: initiator, variables: variables, at: now)
            }
            outcome.events.forEach { report($0.json) }
            instance = outcome.instance
        } catch {
            return fail(error)
        }
        var completions = 0
        func completeOpenTasks() throws {
            guard completeAll else { return }
            while instance.status == .running, let task = instance.openTasks.first(where: { $0.onHoldFor == nil }) {
                completions += 1
                guard completions <= maximumCompletions else {
                    throw WorkflowError.invalidCommand("超过 \(maximumCompletions) 次办理，模型可能有循环 / more than \(maximumCompletions) completions: the model may loop")
                }
                let user = task.assignee ?? task.candidateUsers.first ?? initiator
                let outcome = try runner.completeTask(task.id, in: instance, by: user, variables: variables, at: now)
                outcome.events.forEach { report($0.json) }
                instance = outcome.instance
            }
        }
        do {
            try completeOpenTasks()
            for message in script {
                let outcome = try runner.deliverMessage(message, to: instance, at: now)
                outcome.events.forEach { report($0.json) }
                instance = outcome.instance
                try completeOpenTasks()
            }
            if let advance {
                now = advance.added(to: now)
                let outcome = try runner.fireDueTimers(in: instance, at: now)
                outcome.events.forEach { report($0.json) }
                instance = outcome.instance
                try completeOpenTasks()
            }
        } catch {
            return fail(error)
        }
        return instance.status == .completed || instance.status == .terminated ? .completed : .waiting
    }
}
