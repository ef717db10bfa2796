import Foundation
import Testing
@testable import WorkflowEngine

/// Builds process definitions in tests without XML: nodes and flows, incoming/outgoing worked out.
struct ModelBuilder {
    var nodes: [FlowNode] = []
    var flows: [SequenceFlow] = []

    @discardableResult
    mutating func node(_ id: String, _ kind: FlowNode.Kind, name: String? = nil, scope: String? = nil, assignee: String? = nil,
                       multiInstance: MultiInstance? = nil, defaultFlow: String? = nil, correlationKey: String? = nil) -> String {
        nodes.append(FlowNode(id: id, name: name, kind: kind, scope: scope, defaultFlow: defaultFlow,
                              assignment: assignee.map { Assignment(assignee: $0) }, multiInstance: multiInstance, correlationKey: correlationKey))
        return id
    }

    mutating func flow(_ source: String, _ target: String, _ condition: String? = nil, id: String? = nil) {
        let flowID = id ?? "\(source)->\(target)"
        flows.append(SequenceFlow(id: flowID, source: source, target: target, conditionText: condition,
                                  condition: condition.map { try! Expression(parsing: $0) }))
    }

    /// A straight line of nodes.
    mutating func chain(_ ids: String...) {
        for (from, to) in zip(ids, ids.dropFirst()) { flow(from, to) }
    }

    func build(id: String = "p") -> ProcessDefinition {
        var nodes = self.nodes
        for index in nodes.indices {
            nodes[index].incoming = flows.filter { $0.target == nodes[index].id }.map(\.id)
            nodes[index].outgoing = flows.filter { $0.source == nodes[index].id }.map(\.id)
        }
        return ProcessDefinition(id: id, nodes: nodes, flows: flows)
    }
}

/// A running instance in a test: keeps the state, the clock and every event.
struct Run {
    let runner: ProcessRunner
    var instance: ProcessInstance
    var events: [WorkflowEvent]
    var now: Date

    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // a fixed clock: tests are deterministic

    init(_ definition: ProcessDefinition, variables: [String: ExpressionValue] = [:], initiator: String = "zhaom",
         environment: any WorkflowEnvironment = SimulationEnvironment()) throws {
        runner = ProcessRunner(definition: definition, environment: environment)
        now = Run.t0
        let outcome = try runner.start(instanceID: "i1", initiator: initiator, variables: variables, at: now)
        instance = outcome.instance
        events = outcome.events
    }

    /// Open tasks' activity ids, in creation order.
    var open: [String] { instance.openTasks.map(\.node) }

    func openTask(_ activity: String) throws -> WorkTask {
        try #require(instance.openTasks.first { $0.node == activity }, "no open task at \(activity): \(open)")
    }

    mutating func complete(_ activity: String, by user: String? = nil, outcome: String? = nil, variables: [String: ExpressionValue] = [:]) throws {
        let task = try #require(instance.openTasks.first { $0.node == activity && (user == nil || $0.assignee == user) },
                                "no open task at \(activity) for \(user ?? "anyone"): \(open)")
        let result = try runner.completeTask(task.id, in: instance, by: user ?? task.assignee ?? task.candidateUsers.first ?? "", outcome: outcome,
                                             variables: variables, at: now)
        instance = result.instance
        events += result.events
    }

    mutating func advance(_ seconds: TimeInterval) throws {
        now = now.addingTimeInterval(seconds)
        let result = try runner.fireDueTimers(in: instance, at: now)
        instance = result.instance
        events += result.events
    }

    /// Delivers a message to the instance, as the application would.
    mutating func deliver(_ message: WorkflowMessage) throws {
        let result = try runner.deliverMessage(message, to: instance, at: now)
        instance = result.instance
        events += result.events
    }

    var taken: [String] {
        events.compactMap { if case .gatewayTaken(_, let flow) = $0 { flow } else { nil } }
    }
}
