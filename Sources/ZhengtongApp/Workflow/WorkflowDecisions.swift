import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// What a step's holder may decide, put together from the model and the business object's registration, and
/// the holder's completion turned into the engine's variables. Used by the task page, the task API and
/// `WorkflowService` (which checks every completion with it, whatever door it came through).
enum WorkflowDecisions {
    /// The name of the choice of the next holder (the model's `zt:assign="chosen"` reads it).
    static let nextHolder = "nextAssignee"

    /// What the holder of `step` may decide.
    static func offered(at step: BusinessStep) async throws -> StepDecisions {
        let business = WorkflowBusinesses.business(ofType: step.instance.businessType)
        let node = step.task.node
        let outcomes = business?.outcomes(at: node) ?? ["approve", "reject"].map(StepOutcome.labelled)
        var choices: [StepChoice] = []
        if NextSteps.choosesNextPerson(after: node, in: step.definition) {
            let rule = try await business?.nextHolders(at: step) ?? .usual
            let options: [StepChoice.Option]?
            switch rule {
            case .usual: options = try await WorkParticipants.options(for: step.actor, on: step.db)
            case .notHere: options = nil
            case .among(let people): options = people.filter { $0.id != step.actor.uuidString }
            }
            if let options {
                let label = NextSteps.userTasks(after: node, in: step.definition).first { $0.assignment?.rule == .chosenByPreviousStep }?.name
                choices.append(StepChoice(name: nextHolder, label: Strings.Workflow.nextHolderLabel(label), kind: .person, multiple: false, required: true,
                                          help: options.isEmpty ? Strings.Workflow.nobodyToChoose : nil, options: options))
            }
        }
        choices += try await business?.choices(at: step) ?? []
        return StepDecisions(outcomes: outcomes, choices: choices, suggestedOpinion: try await business?.suggestedOpinion(at: step))
    }

    /// A completion as the engine runs it: the holder's outcome and values checked against what the step
    /// offers, turned into variables (the object's, the next holder, `approved` from the outcome). Values
    /// the step does not offer never reach the engine.
    static func resolve(_ step: BusinessStep, outcome: String?, values: [String: ExpressionValue], now: Date) async throws
        -> (variables: [String: ExpressionValue], decisions: CheckedDecisions) {
        let offered = try await offered(at: step)
        let checked = try offered.check(outcome: outcome, values: values, today: DocumentDate(now))
        let business = WorkflowBusinesses.business(ofType: step.instance.businessType)
        var variables = try await business?.variables(for: checked, at: step) ?? [:]
        if let next = checked.single(nextHolder) { variables[nextHolder] = .string(next) }
        // Models branch on either: `outcome` (the engine sets it) or `approved`.
        if let outcome = checked.outcome { variables["approved"] = .bool(outcome != "reject") }
        return (variables, checked)
    }

    /// The step as its holder decides it, for the task page and the API.
    static func step(task: WorkTask, instance: WorkflowInstanceRecord, state: ProcessInstance, definition: ProcessDefinition, actor: UUID,
                     app: Application, on db: any Database) -> BusinessStep {
        BusinessStep(task: task, instance: instance, state: state, definition: definition, actor: actor, app: app, db: db)
    }
}

/// A plain process's start (no business object): the data a model's conditions read, given by whoever starts
/// it. Who works next, and what the platform computes (`outcome`, `approved`), are never among them.
enum PlainProcessStart {
    /// Reserved names: set by the engine or the platform.
    static let reserved: Set<String> = ["outcome", "approved", "nextAssignee", "initiator"]
    /// The 请示's description, which every start form has.
    static let note = "note"

    /// The variables `definition` lets its initiator give.
    static func allowed(in definition: ProcessDefinition) -> Set<String> {
        definition.conditionVariables.subtracting(definition.peopleVariables).subtracting(definition.dueDateVariables)
            .subtracting(reserved).filter { !$0.hasPrefix("nrOf") && $0 != "loopCounter" }
            .union([note])
    }

    /// Checks the start variables: names the model lets its initiator give, plain values (text up to 2,000
    /// characters, numbers, true/false). Anything else: 422 `variable_not_allowed` naming it.
    static func check(_ variables: [String: ExpressionValue], definition: ProcessDefinition) throws {
        let allowed = allowed(in: definition)
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
            guard allowed.contains(name) else {
                throw AppError(status: .unprocessableEntity, code: "variable_not_allowed", message: Strings.Workflow.variableNotAllowed(name),
                               fields: [name: Strings.Workflow.variableNotAllowed(name)])
            }
            switch value {
            case .string(let text) where text.count <= 2000: continue
            case .number, .bool, .null: continue
            default:
                throw AppError.validation(Strings.Workflow.variableMalformed(name), fields: [name: Strings.Workflow.variableMalformed(name)])
            }
        }
    }
}
