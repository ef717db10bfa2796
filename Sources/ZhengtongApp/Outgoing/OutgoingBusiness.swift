import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// 发文 in the workflow: its registration (``WorkflowBusinesses``). What each step of 发文办理 lets its holder
/// decide, and the object's own conditions and effects (``OutgoingSteps``).
///
/// - 核稿 and 办公室审核 may name 会签: departments of the unit (their heads countersign; not the drafting
///   department, which checked it at 核稿) and co-issuing units (their principal leaders countersign);
/// - 办公室审核 names the leader who signs: a leader of the unit or of the government it serves, never
///   the reviewer;
/// - 会签 names nobody: the signer was chosen at 办公室审核;
/// - 签发 decides 同意, 圈阅 (consent) or 不同意; 核稿, 办公室审核 and 会签 同意 or 不同意; the other steps are
///   simply done.
struct OutgoingBusiness: WorkflowBusiness {
    var type: String { OutgoingSteps.businessType }
    var label: String { "发文" }
    var processKeys: Set<String> { [OutgoingSteps.processKey] }
    var panelTemplate: String { "outgoing/task-panel" }

    enum Choice {
        static let departments = "countersignDepartments"
        static let units = "countersignUnits"
    }

    /// The steps at which 会签 is chosen.
    static let countersignChosenAt: Set<String> = [OutgoingSteps.Node.review, OutgoingSteps.Node.officeReview]

    func pagePath(_ id: UUID) -> String { SiteURL.outgoing.link(id) }
    func apiPath(_ id: UUID) -> String { "/api/v1/outgoing/\(id.uuidString)" }

    func outcomes(at node: String) -> [StepOutcome]? {
        switch node {
        case OutgoingSteps.Node.sign: ["approve", "circled", "reject"].map(StepOutcome.labelled)
        case OutgoingSteps.Node.review, OutgoingSteps.Node.officeReview, OutgoingSteps.Node.countersign: ["approve", "reject"].map(StepOutcome.labelled)
        default: []
        }
    }

    func nextHolders(at step: BusinessStep) async throws -> NextHolderRule {
        switch step.task.node {
        case OutgoingSteps.Node.countersign: return .notHere
        case OutgoingSteps.Node.officeReview:
            let document = try await OutgoingSteps.document(of: step.instance, on: step.db)
            let units = try await ExchangeUnits.served(by: document.$unit.id, on: step.db)
            return .among(try await Leadership.leaders(of: units, on: step.db).map { StepChoice.Option(id: $0.id.uuidString, label: "\($0.name)（\($0.post)）") })
        default: return .usual
        }
    }

    func choices(at step: BusinessStep) async throws -> [StepChoice] {
        guard Self.countersignChosenAt.contains(step.task.node) else { return [] }
        let document = try await OutgoingSteps.document(of: step.instance, on: step.db)
        let departments = try await Department.query(on: step.db).filter(\.$unit.$id == document.$unit.id).filter(\.$isDisabled == false)
            .sort(\.$sortOrder).all().filter { $0.id != document.departmentID }
        let units = try await Unit.query(on: step.db).filter(\.$isDisabled == false).filter(\.$id != document.$unit.id).sort(\.$sortOrder).all()
        let t = Strings.page
        return [
            StepChoice(name: Choice.departments, label: t["outgoing_countersign_departments"]!, kind: .department, multiple: true, required: false,
                       help: t["outgoing_countersign_help"], options: departments.compactMap { d in d.id.map { .init(id: $0.uuidString, label: d.name) } }),
            StepChoice(name: Choice.units, label: t["outgoing_countersign_units"]!, kind: .unit, multiple: true, required: false,
                       help: t["outgoing_countersign_units_help"], options: units.compactMap { u in u.id.map { .init(id: $0.uuidString, label: u.name) } }),
        ]
    }

    /// 会签 chosen: the people who countersign (`countersigners`) and the gateway's `hasCountersign`. Nothing
    /// chosen leaves an earlier step's choice as it was.
    ///
    /// 联合行文: the co-issuers that are units of the platform countersign too (their principal leaders), added at
    /// 核稿 whatever is chosen there and at 办公室审核 to what is chosen; a co-issuer outside the platform
    /// countersigns on paper.
    func variables(for decisions: CheckedDecisions, at step: BusinessStep) async throws -> [String: ExpressionValue] {
        guard Self.countersignChosenAt.contains(step.task.node) else { return [:] }
        let document = try await OutgoingSteps.document(of: step.instance, on: step.db)
        let departments = decisions.ids(Choice.departments)
        var units = decisions.ids(Choice.units)
        if step.task.node == OutgoingSteps.Node.review || !departments.isEmpty || !units.isEmpty {
            for unit in try await OutgoingCoIssuers.onPlatform(document, on: step.db).map(\.unitID) where !units.contains(unit) { units.append(unit) }
        }
        guard !departments.isEmpty || !units.isEmpty else { return [:] }
        let people = try await Self.countersigners(departments: departments, units: units, unitID: document.$unit.id, on: step.db)
        return ["hasCountersign": .bool(!people.isEmpty), "countersigners": .list(people.map { .string($0.uuidString) })]
    }

    /// 会签: the heads (主任) of the chosen departments and the principal leaders (主要领导) of the chosen co-issuing
    /// units; a department or unit without one is refused with a message.
    static func countersigners(departments: [UUID], units: [UUID], unitID: UUID, on db: any Database) async throws -> [UUID] {
        var people = try await Leadership.departmentHeads(departments, unitID: unitID, on: db)
        for unit in units where unit != unitID {
            guard let leader = try await Leadership.principal(of: unit, on: db) else { throw AppError.validation(Strings.Outgoing.countersignNoLeader) }
            if !people.contains(leader.id) { people.append(leader.id) }
        }
        return people
    }

    /// 封发: the package's OFD (layout, seal, ZIP) of the document as it stands, made before the transaction.
    func prepare(_ command: WorkflowCommand, instance: WorkflowInstanceRecord, state: ProcessInstance, app: Application) async throws -> (any Sendable)? {
        guard case .complete(let taskID, _, _, _) = command, state.task(taskID)?.node == OutgoingSteps.Node.dispatch else { return nil }
        let document = try await OutgoingSteps.document(of: instance, on: app.db)
        guard document.paperOnly != true, Distribution.decode(document.distribution)?.entries.isEmpty == false else { return nil }
        var inputs = try await OutgoingOutput.ofdInputs(document, on: app.db)
        // As 封发 will have it: a document without a seal gets today's 印发日期 then (OutgoingSteps.apply).
        if inputs.content.printedDate == nil { inputs.content.printedDate = DocumentDate(Date()) }
        let content = inputs.content
        return ExchangeService.PreparedOFD(content: content, ofd: try await app.threadPool.runIfActive { [inputs] in try OutgoingOutput.ofd(inputs) })
    }

    func check(_ command: BusinessCommand, on db: any Database) async throws {
        try await OutgoingSteps.check(command, on: db)
    }

    func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws {
        try await OutgoingSteps.apply(command, outcome: outcome, on: db)
    }

    func panel(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, access: Access, app: Application,
               on db: any Database) async throws -> (any Encodable & Sendable)? {
        try await OutgoingTaskPanel.load(task: task, instance: instance, access: access, on: db)
    }
}
