import Foundation

/// Who a user task goes to: our own rules (`zt:assign`) and the common attributes of other modelers
/// (`assignee`, `candidateUsers`, `candidateGroups`, BPMN `potentialOwner`). The engine does not know
/// the organisation: it hands an `Assignment` to the environment, which answers with people.
public struct Assignment: Sendable, Equatable {
    /// `zt:assign`, e.g. `position:director@department`, `role:clerk@unit`, `initiator`, `initiatorLeader`,
    /// `chosen` (picked by the previous step), `variable:reviewers`.
    public var rule: AssignmentRule?
    /// `assignee`: a user id, or an expression such as `${initiator}` or `${signer}` (evaluated against variables).
    public var assignee: String?
    /// `candidateUsers`: user ids or expressions, any of whom may claim the task.
    public var candidateUsers: [String]
    /// `candidateGroups`: group codes (roles or positions, as the environment reads them).
    public var candidateGroups: [String]

    public init(rule: AssignmentRule? = nil, assignee: String? = nil, candidateUsers: [String] = [], candidateGroups: [String] = []) {
        self.rule = rule
        self.assignee = assignee
        self.candidateUsers = candidateUsers
        self.candidateGroups = candidateGroups
    }
}

/// Our own assignment rules, relative to the person who started the process.
public enum AssignmentRule: Sendable, Equatable {
    public enum Within: String, Sendable, Equatable {
        /// The initiator's primary department.
        case department
        /// The initiator's unit.
        case unit
    }

    case initiator
    /// The initiator's department head (or, for a head, their leader): the environment decides.
    case initiatorLeader
    /// Whoever holds a position (by code) in the initiator's department or unit.
    case position(code: String, within: Within)
    /// Whoever holds a role (by code) in the initiator's department or unit.
    case role(code: String, within: Within)
    /// The person the previous step chose from the candidates (variable `nextAssignee`).
    case chosenByPreviousStep
    /// The user id(s) held in a process variable.
    case variable(String)

    /// Parses the `zt:assign` attribute; `nil` when it is not one of the forms above.
    public init?(attribute text: String) {
        let value = text.trimmingCharacters(in: .whitespaces)
        switch value {
        case "initiator": self = .initiator
        case "initiatorLeader": self = .initiatorLeader
        case "chosen": self = .chosenByPreviousStep
        default:
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            if parts[0] == "variable" { self = .variable(parts[1]); return }
            let target = parts[1].split(separator: "@", maxSplits: 1).map(String.init)
            guard target.count == 2, !target[0].isEmpty, let within = Within(rawValue: target[1]) else { return nil }
            switch parts[0] {
            case "position": self = .position(code: target[0], within: within)
            case "role": self = .role(code: target[0], within: within)
            default: return nil
            }
        }
    }

    /// The `zt:assign` spelling (for export).
    public var attribute: String {
        switch self {
        case .initiator: "initiator"
        case .initiatorLeader: "initiatorLeader"
        case .chosenByPreviousStep: "chosen"
        case .variable(let name): "variable:\(name)"
        case .position(let code, let within): "position:\(code)@\(within.rawValue)"
        case .role(let code, let within): "role:\(code)@\(within.rawValue)"
        }
    }
}
