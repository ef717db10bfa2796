import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// A business object that runs through the workflow (发文, 收文, and each coming module's object): everything
/// the generic workflow code needs to know of it, in one registration (``WorkflowBusinesses``). The task
/// pages, the task API and `WorkflowService` ask the registration and never switch on a business type.
///
/// Its hooks run inside the command's transaction (decisions, variables, checks, effects), so the object
/// and the instance change together or not at all. Instances started without a business object (a plain
/// 请示) have none: their steps decide an outcome and, where the model asks, the next holder.
protocol WorkflowBusiness: Sendable {
    /// `workflow_instances.business_type` of the instances this object owns.
    var type: String { get }
    /// What the object is called in lists (发文, 收文, 通知公告 …).
    var label: String { get }
    /// Processes that run only for this object, started by its own action (送审, 签收 …): the generic start
    /// refuses them, so no instance of them exists without its object.
    var processKeys: Set<String> { get }
    /// The object's page and its API address.
    func pagePath(_ id: UUID) -> String
    func apiPath(_ id: UUID) -> String

    /// The outcomes offered at `node`; nil for the usual 同意 / 不同意.
    func outcomes(at node: String) -> [StepOutcome]?
    /// Who the holder of `step` may name as the next holder, when the model's next step is "the person chosen".
    func nextHolders(at step: BusinessStep) async throws -> NextHolderRule
    /// The object's own choices at `step` (会签 departments, 主办 department, a deadline …).
    func choices(at step: BusinessStep) async throws -> [StepChoice]
    /// A text the opinion box starts with at `step`.
    func suggestedOpinion(at step: BusinessStep) async throws -> String?
    /// The engine variables the holder's checked decisions stand for, together with any the object itself
    /// knows at this step (e.g. the registration's 办件/阅件); the next holder is already set.
    func variables(for decisions: CheckedDecisions, at step: BusinessStep) async throws -> [String: ExpressionValue]

    /// CPU work a command will need (a layout, an OFD, a ZIP), done before its transaction and off the event loop;
    /// the result reaches `apply` as ``BusinessCommand/prepared``. It is read outside the transaction, so `apply`
    /// must check it still fits (and do the work itself if not).
    func prepare(_ command: WorkflowCommand, instance: WorkflowInstanceRecord, state: ProcessInstance, app: Application) async throws -> (any Sendable)?
    /// Conditions the object sets on a command before it commits (编号登记 only with a 文号 …).
    func check(_ command: BusinessCommand, on db: any Database) async throws
    /// What the command changes in the object, after the engine ran.
    func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws

    /// The template of the object's panel on the task page (rendered on its own, then placed in the page).
    var panelTemplate: String { get }
    /// The panel's content for `task` as `access` sees it.
    func panel(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, access: Access, app: Application,
               on db: any Database) async throws -> (any Encodable & Sendable)?
}

/// Who may be named as the next holder.
enum NextHolderRule: Sendable {
    /// The platform's default: people of the holder's unit (and the government it serves).
    case usual
    /// Nobody here: the next holder was chosen at an earlier step (会签 leads to the signer the 办公室审核 chose).
    case notHere
    /// These people only.
    case among([StepChoice.Option])
}

/// A step as a business object's hooks see it: the open task, its instance, the engine state before the
/// command, and who decides.
struct BusinessStep: Sendable {
    var task: WorkTask
    var instance: WorkflowInstanceRecord
    var state: ProcessInstance
    var definition: ProcessDefinition
    /// The holder deciding.
    var actor: UUID
    var app: Application
    var db: any Database
}

/// A command as a business object's check and effects see it.
struct BusinessCommand: Sendable {
    /// The command as the engine runs it (a completion's variables are the resolved ones).
    var command: WorkflowCommand
    /// A completion's decisions as the holder made them and the step allowed.
    var decisions: CheckedDecisions?
    var before: ProcessInstance
    var instance: WorkflowInstanceRecord
    var actor: WorkflowService.Actor
    var app: Application
    var now: Date
    /// What ``WorkflowBusiness/prepare(_:instance:state:app:)`` made before the transaction.
    var prepared: (any Sendable)?

    /// The completed task, for a completion.
    var completedTask: WorkTask? {
        guard case .complete(let task, _, _, _) = command else { return nil }
        return before.task(task)
    }
}

/// What a task or an instance is about, as lists and the API name it.
struct BusinessReference: Content, Sendable, Equatable {
    /// `outgoing`, `incoming` …
    var type: String
    var id: UUID
    var title: String
    /// Where to read it with a token.
    var url: String
    /// Its page.
    var href: String
}

extension WorkflowBusiness {
    func outcomes(at node: String) -> [StepOutcome]? { nil }
    func nextHolders(at step: BusinessStep) async throws -> NextHolderRule { .usual }
    func choices(at step: BusinessStep) async throws -> [StepChoice] { [] }
    func suggestedOpinion(at step: BusinessStep) async throws -> String? { nil }
    func variables(for decisions: CheckedDecisions, at step: BusinessStep) async throws -> [String: ExpressionValue] { [:] }
    func prepare(_ command: WorkflowCommand, instance: WorkflowInstanceRecord, state: ProcessInstance, app: Application) async throws -> (any Sendable)? { nil }
    func check(_ command: BusinessCommand, on db: any Database) async throws {}
}
