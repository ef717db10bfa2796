import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// What the holder of a step may decide on completing it: an outcome among those offered, and choices
/// (the next holder, the 会签 departments, the 主办 department, a deadline …), each with the values allowed.
/// The task page draws its form from it, the API lists it on the task, and `WorkflowService` accepts a
/// completion only within it — through every door, so a form or a client can never name anyone else or
/// set a routing variable the platform computes.
struct StepDecisions: Content, Sendable, Equatable {
    var outcomes: [StepOutcome]
    var choices: [StepChoice]
    /// A text the opinion box starts with (办结: the 主办's reported result).
    var suggestedOpinion: String?

    static let none = StepDecisions(outcomes: [], choices: [])

    /// The outcome a completion means when none is offered: the step is simply done.
    static let plainOutcome = "approve"
}

/// An outcome of a step: 同意, 不同意, 圈阅, 通过, 退回来文单位 ….
struct StepOutcome: Content, Sendable, Equatable {
    var value: String
    var label: String

    static func labelled(_ value: String) -> StepOutcome { StepOutcome(value: value, label: Strings.Workflow.outcomeLabel(value)) }
}

/// One thing the holder chooses, by the name the page's field and the API's `variables` key use.
struct StepChoice: Content, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        case person, department, unit, date
    }

    struct Option: Content, Sendable, Equatable {
        var id: String
        var label: String
    }

    var name: String
    var label: String
    var kind: Kind
    var multiple: Bool
    var required: Bool
    var help: String?
    /// The values allowed (none for a date).
    var options: [Option]
}

/// A holder's decisions checked against what the step offers: the chosen outcome and the chosen values,
/// each one of its choice's options.
struct CheckedDecisions: Sendable, Equatable {
    var outcome: String?
    /// Chosen ids (or the date, `YYYY-MM-DD`) by choice name; a multiple choice keeps the order given.
    var values: [String: [String]]

    func single(_ name: String) -> String? { values[name]?.first }
    func list(_ name: String) -> [String] { values[name] ?? [] }
    func ids(_ name: String) -> [UUID] { list(name).compactMap(UUID.init(uuidString:)) }
}

extension StepDecisions {
    /// Checks a completion's outcome and values (`variables` of the API, the form's fields) against what is
    /// offered. Anything not offered is refused with 422 and a stable code: a name not among the choices
    /// (`decision_not_allowed`), a value not among a choice's options (`choice_not_allowed`), an outcome
    /// not offered (`outcome_not_allowed`), a required choice left out (`decision_required`).
    func check(outcome: String?, values: [String: ExpressionValue], today: DocumentDate) throws -> CheckedDecisions {
        let outcome = outcome.flatMap { $0.isEmpty ? nil : $0 }
        if let outcome {
            let allowed = outcomes.isEmpty ? [Self.plainOutcome] : outcomes.map(\.value)
            guard allowed.contains(outcome) else {
                let message = Strings.Workflow.outcomeNotAllowed(outcomes.map(\.label))
                throw AppError(status: .unprocessableEntity, code: "outcome_not_allowed", message: message, fields: ["outcome": message])
            }
        }
        var checked = CheckedDecisions(outcome: outcome, values: [:])
        let byName = Dictionary(choices.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in values.keys.sorted() where byName[name] == nil {
            let message = Strings.Workflow.decisionNotAllowed(name)
            throw AppError(status: .unprocessableEntity, code: "decision_not_allowed", message: message, fields: [name: message])
        }
        for choice in choices {
            let given = try Self.strings(values[choice.name], choice: choice)
            if given.isEmpty {
                guard !choice.required else {
                    let message = Strings.Workflow.decisionRequired(choice.label)
                    throw AppError(status: .unprocessableEntity, code: "decision_required", message: message, fields: [choice.name: message])
                }
                continue
            }
            switch choice.kind {
            case .date:
                guard given.count == 1, let day = DocumentDate(iso: given[0]) else {
                    throw AppError.validation(Strings.Workflow.dateInvalid(choice.label), fields: [choice.name: Strings.Workflow.dateInvalid(choice.label)])
                }
                guard day >= today else {
                    throw AppError.validation(Strings.Workflow.dateInPast(choice.label), fields: [choice.name: Strings.Workflow.dateInPast(choice.label)])
                }
                checked.values[choice.name] = [day.iso]
            case .person, .department, .unit:
                let allowed = Set(choice.options.map(\.id))
                // Ids compare in their canonical form: a client may send lower-case UUIDs.
                let canonical = given.map { UUID(uuidString: $0)?.uuidString ?? $0 }
                guard canonical.allSatisfy(allowed.contains) else {
                    let message = Strings.Workflow.choiceNotAllowed(choice.label)
                    throw AppError(status: .unprocessableEntity, code: "choice_not_allowed", message: message, fields: [choice.name: message])
                }
                checked.values[choice.name] = canonical.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            }
        }
        return checked
    }

    /// The strings a value holds: one string, or a list of strings for a choice of several.
    private static func strings(_ value: ExpressionValue?, choice: StepChoice) throws -> [String] {
        func refuse() -> AppError {
            AppError.validation(Strings.Workflow.choiceMalformed(choice.label), fields: [choice.name: Strings.Workflow.choiceMalformed(choice.label)])
        }
        switch value {
        case nil, .null?: return []
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? [] : [trimmed]
        case .list(let items)? where choice.multiple:
            return try items.compactMap { item -> String? in
                guard case .string(let text) = item else { throw refuse() }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            }
        default:
            throw refuse()
        }
    }
}
