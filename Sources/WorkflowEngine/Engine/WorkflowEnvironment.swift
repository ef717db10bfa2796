import Foundation

/// What the engine asks of the application: people for tasks, service hooks, called processes.
/// The engine itself knows no organisation, database or network.
public protocol WorkflowEnvironment: Sendable {
    /// The people a task goes to at `date` (delegations in force then apply). `assignment` has its
    /// expressions already evaluated (`assignee: "${initiator}"` arrives as the initiator's id).
    func assignees(for assignment: Assignment, activity: FlowNode, instance: ProcessInstance, at date: Date) throws -> TaskAssignees
    /// Runs a service task's hook; returns variables to set.
    func runService(hook: String, activity: FlowNode, instance: ProcessInstance) throws -> [String: ExpressionValue]
    /// A process a call activity names.
    func process(withID id: String) -> ProcessDefinition?
    /// Working days, for timers marked `zt:calendar="workdays"` and tasks' `zt:dueIn`; read when a timer
    /// is armed or a task created, so a calendar updated for the new year applies from then on.
    var calendar: WorkingCalendar { get }
}

extension WorkflowEnvironment {
    /// Monday to Friday: an environment that knows no holidays still skips weekends.
    public var calendar: WorkingCalendar { .weekendsOnly }
}

/// Who gets a task: one assignee, or candidates who may claim it.
public struct TaskAssignees: Sendable, Equatable {
    public var assignee: String?
    public var candidateUsers: [String]
    public var candidateGroups: [String]
    /// 委托: whom the task was meant for, when `assignee` is their deputy (shown to both).
    public var delegatedFrom: String?

    public init(assignee: String? = nil, candidateUsers: [String] = [], candidateGroups: [String] = [], delegatedFrom: String? = nil) {
        self.assignee = assignee
        self.candidateUsers = candidateUsers
        self.candidateGroups = candidateGroups
        self.delegatedFrom = delegatedFrom
    }
}

/// 委托: between two dates, a person's new tasks go to a deputy. The environment applies the rules
/// when it answers `assignees(for:…)`; kept here so every caller applies them the same way.
public struct DelegationRule: Sendable, Equatable, Codable {
    public var person: String
    public var deputy: String
    public var from: Date
    public var until: Date
    /// Limit to some processes; empty: all.
    public var processes: [String]

    public init(person: String, deputy: String, from: Date, until: Date, processes: [String] = []) {
        self.person = person
        self.deputy = deputy
        self.from = from
        self.until = until
        self.processes = processes
    }

    /// Who gets a task meant for `people.assignee` at `date`: the deputy of the first rule in force
    /// (one hop only, so two deputies of each other cannot loop).
    public static func apply(_ rules: [DelegationRule], to people: TaskAssignees, process: String, at date: Date) -> TaskAssignees {
        guard let assignee = people.assignee,
              let rule = rules.first(where: { $0.person == assignee && $0.from <= date && date < $0.until
                                             && ($0.processes.isEmpty || $0.processes.contains(process)) })
        else { return people }
        var delegated = people
        delegated.assignee = rule.deputy
        delegated.delegatedFrom = assignee
        return delegated
    }
}

/// An environment for simulation and tests: tasks go to the named assignee (or the rule's spelling,
/// or the initiator), service hooks succeed at once, called processes come from a list, working days
/// from `calendar`.
public struct SimulationEnvironment: WorkflowEnvironment {
    public var processes: [String: ProcessDefinition]
    public var serviceResults: [String: [String: ExpressionValue]]
    public var delegations: [DelegationRule]
    public var calendar: WorkingCalendar

    public init(processes: [ProcessDefinition] = [], serviceResults: [String: [String: ExpressionValue]] = [:], delegations: [DelegationRule] = [],
                calendar: WorkingCalendar = .weekendsOnly) {
        self.processes = Dictionary(processes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.serviceResults = serviceResults
        self.delegations = delegations
        self.calendar = calendar
    }

    public func assignees(for assignment: Assignment, activity: FlowNode, instance: ProcessInstance, at date: Date) throws -> TaskAssignees {
        DelegationRule.apply(delegations, to: try named(assignment, instance: instance), process: instance.processID, at: date)
    }

    private func named(_ assignment: Assignment, instance: ProcessInstance) throws -> TaskAssignees {
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
