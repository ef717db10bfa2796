import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// What a business object adds to its workflow's commands: conditions a step must meet before it is
/// completed, and what completing it changes in the object. Run inside the command's transaction, so
/// the object and the instance change together or not at all. Instances started without a business
/// object (a plain 请示) have neither.
enum WorkflowBusiness {
    /// The command as the business object completes it before the engine runs (variables the object knows).
    static func prepare(_ command: WorkflowCommand, before: ProcessInstance, instance: WorkflowInstanceRecord, on db: any Database) async throws
        -> WorkflowCommand {
        switch instance.businessType {
        case IncomingSteps.businessType: try await IncomingSteps.prepare(command, before: before, instance: instance, on: db)
        default: command
        }
    }

    static func check(_ command: WorkflowCommand, before: ProcessInstance, instance: WorkflowInstanceRecord, by actor: WorkflowService.Actor,
                      app: Application, on db: any Database) async throws {
        switch instance.businessType {
        case OutgoingSteps.businessType:
            try await OutgoingSteps.check(command, before: before, instance: instance, policy: app.documentPolicy, on: db)
        case IncomingSteps.businessType:
            try await IncomingSteps.check(command, before: before, instance: instance, on: db)
        default: break
        }
    }

    static func apply(_ command: WorkflowCommand, before: ProcessInstance, outcome: ProcessRunner.Outcome, instance: WorkflowInstanceRecord,
                      by actor: WorkflowService.Actor, at now: Date, on db: any Database) async throws {
        switch instance.businessType {
        case OutgoingSteps.businessType:
            try await OutgoingSteps.apply(command, before: before, outcome: outcome, instance: instance, by: actor, at: now, on: db)
        case IncomingSteps.businessType:
            try await IncomingSteps.apply(command, before: before, outcome: outcome, instance: instance, by: actor, at: now, on: db)
        default: break
        }
    }
}
