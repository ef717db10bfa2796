import Foundation

/// What the engine asks of the application: people for tasks, service hooks, called processes.
/// The engine itself knows no organisation, database or network.
public protocol WorkflowEnvironment: Sendable {
    /// The people a task goes to. `assignment` has its expressions already evaluated
    /// (`assignee: "${initiator}"` arrives as the initiator's id).
    func assignees(for assignment: Assignment, activity: FlowNode, instance: ProcessInstance) throws -> TaskAssignees
    /// Runs a service task's hook; returns variables to set.
    func runService(hook: String, activity: FlowNode, instance: ProcessInstance) throws -> [String: ExpressionValue]
    /// A process a call activity names.
    func process(withID id: String) -> ProcessDefinition?
}

/// Who gets a task: one assignee, or candidates who may claim it.
public struct TaskAssignees: Sendable, Equatable {
    public var assignee: String?
    public var candidateUsers: [String]
    public var candidateGroups: [String]

    public init(assignee: String? = nil, candidateUsers: [String] = [], candidateGroups: [String] = []) {
        self.assignee = assignee
        self.candidateUsers = candidateUsers
        self.candidateGroups = candidateGroups
    }
}

/// An environment for simulation and tests: tasks go to the named assignee (or the rule's spelling,
/// or the initiator), service hooks succeed at once, called processes come from a list.
public struct SimulationEnvironment: WorkflowEnvironment {
    public var processes: [String: ProcessDefinition]
    public var serviceResults: [String: [String: ExpressionValue]]

    public init(processes: [ProcessDefinition] = [], serviceResults: [String: [String: ExpressionValue]] = [:]) {
        self.processes = Dictionary(processes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.serviceResults = serviceResults
    }

    public func assignees(for assignment: Assignment, activity: FlowNode, instance: ProcessInstance) throws -> TaskAssignees {
        if let assignee = assignment.assignee { return TaskAssignees(assignee: assignee) }
        if let rule = assignment.rule {
            switch rule {
            case .initiator: return TaskAssignees(assignee: instance.initiator)
            case .variable(let name):
                if case .string(let user)? = instance.variables[name] { return TaskAssignees(assignee: user) }
                return TaskAssignees(assignee: rule.attribute)
            case .chosenByPreviousStep:
                if case .string(let user)? = instance.variables["nextAssignee"] { return TaskAssignees(assignee: user) }
                return TaskAssignees(assignee: rule.attribute)
            default: return TaskAssignees(assignee: rule.attribute)
            }
        }
        if !assignment.candidateUsers.isEmpty || !assignment.candidateGroups.isEmpty {
            return TaskAssignees(candidateUsers: assignment.candidateUsers, candidateGroups: assignment.candidateGroups)
        }
        return TaskAssignees(assignee: instance.initiator)
    }

    public func runService(hook: String, activity: FlowNode, instance: ProcessInstance) throws -> [String: ExpressionValue] {
        serviceResults[hook] ?? [:]
    }

    public func process(withID id: String) -> ProcessDefinition? {
        processes[id]
    }
}
