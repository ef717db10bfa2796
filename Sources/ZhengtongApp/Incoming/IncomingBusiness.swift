import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// 收文 in the workflow: its registration (``WorkflowBusinesses``). What each step of 收文办理 lets its holder
/// decide, and the object's own conditions and effects (``IncomingSteps``).
///
/// - 初审 passes (通过) or returns the document to its sender (退回来文单位, with the reason as the opinion);
/// - 拟办 names the leader who instructs: a leader of the unit or of the government it serves, never the
///   proposer;
/// - 批办 names the 主办 department (required), 协办 departments and may set a deadline (today or later) —
///   departments of the receiving unit only; their heads become the 承办;
/// - 登记 carries the registration's 办件/阅件 and 办理时限 into the process; the other steps are simply done.
struct IncomingBusiness: WorkflowBusiness {
    var type: String { IncomingSteps.businessType }
    var label: String { "收文" }
    var processKeys: Set<String> { [IncomingRegistration.processKey] }
    var panelTemplate: String { "incoming/task-panel" }

    enum Choice {
        static let lead = "leadDepartment"
        static let assist = "assistDepartments"
        static let deadline = "deadline"
    }

    func pagePath(_ id: UUID) -> String { SiteURL.incoming.link(id) }
    func apiPath(_ id: UUID) -> String { "/api/v1/incoming/\(id.uuidString)" }

    func outcomes(at node: String) -> [StepOutcome]? {
        guard node == IncomingSteps.Node.check else { return [] }
        let t = Strings.page
        return [StepOutcome(value: "approve", label: t["incoming_check_pass"]!), StepOutcome(value: IncomingSteps.returnOutcome, label: t["incoming_check_return"]!)]
    }

    func nextHolders(at step: BusinessStep) async throws -> NextHolderRule {
        guard step.task.node == IncomingSteps.Node.propose else { return .usual }
        let units = try await ExchangeUnits.served(by: step.instance.unitID, on: step.db)
        return .among(try await Leadership.leaders(of: units, on: step.db).map { StepChoice.Option(id: $0.id.uuidString, label: "\($0.name)（\($0.post)）") })
    }

    func choices(at step: BusinessStep) async throws -> [StepChoice] {
        guard step.task.node == IncomingSteps.Node.instruct else { return [] }
        let departments = try await Department.query(on: step.db).filter(\.$unit.$id == step.instance.unitID).filter(\.$isDisabled == false)
            .sort(\.$sortOrder).all().compactMap { d in d.id.map { StepChoice.Option(id: $0.uuidString, label: d.name) } }
        let t = Strings.page
        return [
            StepChoice(name: Choice.lead, label: t["incoming_instruct_lead"]!, kind: .department, multiple: false, required: true, help: nil,
                       options: departments),
            StepChoice(name: Choice.assist, label: t["incoming_instruct_assist"]!, kind: .department, multiple: true, required: false, help: nil,
                       options: departments),
            StepChoice(name: Choice.deadline, label: t["incoming_instruct_deadline"]!, kind: .date, multiple: false, required: false,
                       help: t["incoming_instruct_help"], options: []),
        ]
    }

    /// 办结 starts from the 主办's reported result.
    func suggestedOpinion(at step: BusinessStep) async throws -> String? {
        guard step.task.node == IncomingSteps.Node.close else { return nil }
        return try await IncomingSteps.document(of: step.instance, on: step.db).result
    }

    /// 登记: the registration's 办件/阅件 and 办理时限. 批办: the 承办 people (each department's head, the 主办's
    /// first, `handlers`; the 主办 `lead`) and the deadline as the end of that working day.
    func variables(for decisions: CheckedDecisions, at step: BusinessStep) async throws -> [String: ExpressionValue] {
        switch step.task.node {
        case IncomingSteps.Node.register:
            return IncomingRegistration.variables(of: try await IncomingSteps.document(of: step.instance, on: step.db))
        case IncomingSteps.Node.instruct:
            var variables: [String: ExpressionValue] = [:]
            if let lead = decisions.ids(Choice.lead).first {
                let departments = [lead] + decisions.ids(Choice.assist).filter { $0 != lead }
                let heads = try await Leadership.departmentHeads(departments, unitID: step.instance.unitID, on: step.db)
                variables["handlers"] = .list(heads.map { .string($0.uuidString) })
                if let first = heads.first { variables["lead"] = .string(first.uuidString) }
            }
            if let text = decisions.single(Choice.deadline), let day = DocumentDate(iso: text) {
                variables["deadline"] = .string(IncomingRegistration.deadlineText(IncomingRegistration.endOfWork(day)))
            }
            return variables
        default:
            return [:]
        }
    }

    func check(_ command: BusinessCommand, on db: any Database) async throws {
        try await IncomingSteps.check(command, on: db)
    }

    func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws {
        try await IncomingSteps.apply(command, outcome: outcome, on: db)
    }

    func panel(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, access: Access, app: Application,
               on db: any Database) async throws -> (any Encodable & Sendable)? {
        let state = try WorkflowState.decode(instance.state)
        var lead: String?
        if case .string(let text)? = state.variables["lead"] { lead = text }
        return try await IncomingTaskPanel.load(task: task, instance: instance, lead: lead, access: access, on: db)
    }
}
