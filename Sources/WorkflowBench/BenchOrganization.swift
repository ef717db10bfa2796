import Foundation
import WorkflowEngine

/// A small unit held in memory, answering the engine's questions as the application's
/// `OrganizationEnvironment` does (initiator, department head, role holders, the person chosen by the
/// previous step, a person named by an expression, service hooks), but from ready-made tables: the
/// benchmark measures the engine, not how the application loads the organisation.
struct BenchOrganization: WorkflowEnvironment {
    /// People who draft documents (instances are started by them in turn), all in one department.
    let drafters: [String]
    /// Heads of other departments: the people 会签 goes to.
    let departmentHeads: [String]
    /// The leader 办公室审核 chooses to sign (签发).
    let signingLeader = "leader"
    private let leaderOf: [String: String]
    private let roleHolders: [String: [String]]
    private let positionHolders: [String: [String]]
    private let people: Set<String>

    init(drafters: Int = 10, departmentHeads: Int = 8) {
        self.drafters = (1...drafters).map { "drafter\($0)" }
        self.departmentHeads = (1...departmentHeads).map { "head\($0)" }
        leaderOf = Dictionary(uniqueKeysWithValues: self.drafters.map { ($0, "director") })
        roleHolders = ["officeReviewer": ["reviewer"], "clerk": ["clerk"], "sealKeeper": ["sealkeeper"]]
        positionHolders = ["director": ["director"], "principal": [signingLeader]]
        people = Set(self.drafters + self.departmentHeads + ["director", "reviewer", "clerk", "sealkeeper", signingLeader])
    }

    /// An assignment the organisation cannot answer; the engine reports it as `assignmentFailed`.
    struct NoOne: Error, CustomStringConvertible {
        var description: String
    }

    func assignees(for assignment: Assignment, activity: FlowNode, instance: ProcessInstance, at date: Date) throws -> TaskAssignees {
        if let rule = assignment.rule {
            switch rule {
            case .initiator:
                return TaskAssignees(assignee: instance.initiator)
            case .initiatorLeader:
                return try one(leaderOf[instance.initiator], for: rule)
            case .role(let code, _):
                return try one(roleHolders[code]?.first, for: rule)
            case .position(let code, _):
                return try one(positionHolders[code]?.first, for: rule)
            case .chosenByPreviousStep:
                return try one(person(in: instance.variables["nextAssignee"]), for: rule)
            case .variable(let name):
                return try one(person(in: instance.variables[name]), for: rule)
            }
        }
        if let assignee = assignment.assignee {
            // Evaluated by the engine already (`${countersigner}` arrives as the person's id); a name the
            // organisation does not know is an error, as in the application.
            guard people.contains(assignee) else { throw NoOne(description: "unknown user \(assignee)") }
            return TaskAssignees(assignee: assignee)
        }
        if !assignment.candidateUsers.isEmpty {
            return TaskAssignees(candidateUsers: assignment.candidateUsers, candidateGroups: assignment.candidateGroups)
        }
        return TaskAssignees(assignee: instance.initiator)
    }

    private func one(_ person: String?, for rule: AssignmentRule) throws -> TaskAssignees {
        guard let person else { throw NoOne(description: "nobody for \(rule.attribute)") }
        return TaskAssignees(assignee: person)
    }

    private func person(in value: ExpressionValue?) -> String? {
        if case .string(let id)? = value, people.contains(id) { return id }
        return nil
    }

    /// Every hook succeeds at once and sets nothing, as the application's `dispatch` and `remind` do for the engine.
    func runService(hook: String, activity: FlowNode, instance: ProcessInstance) throws -> [String: ExpressionValue] {
        [:]
    }

    func process(withID id: String) -> ProcessDefinition? { nil }
}
