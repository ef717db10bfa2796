import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// 信息 in the workflow: the unit's own review before it leaves (``WorkflowBusinesses``). The bundled `report-review`
/// gives the first step to the unit's office reviewer (公文审核员 of the 信息员's unit); 同意 sends it to the chosen
/// collecting units in the same transaction, 不同意 returns the draft to the 信息员 with the opinion.
struct ReportBusiness: WorkflowBusiness {
    var type: String { ReportService.businessType }
    var label: String { "信息报送" }
    var processKeys: Set<String> { [ReportService.process] }
    var panelTemplate: String { "reports/task-panel" }

    func pagePath(_ id: UUID) -> String { SiteURL.report.link(id) }
    func apiPath(_ id: UUID) -> String { APIURL.report.link(id) }

    func outcomes(at node: String) -> [StepOutcome]? { ApprovalStep.outcomes }

    func check(_ command: BusinessCommand, on db: any Database) async throws {
        try ApprovalStep.requireReason(command, message: Strings.Reports.rejectReasonRequired)
    }

    func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws {
        guard let text = command.instance.businessID, let id = UUID(uuidString: text), let report = try await InfoReport.find(id, on: db),
              report.stateValue == .reviewing else { return }
        switch ApprovalStep.result(of: command, outcome: outcome) {
        case .returned(let reason): try await ReportService.reviewReturned(report, reason: reason, at: command.now, on: db)
        case .approved: try await ReportService.send(report, at: command.now, by: command.actor.audit, on: db)
        case .withdrawn: try await ReportService.reviewReturned(report, reason: nil, at: command.now, on: db)
        case nil: break
        }
    }

    func panel(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, access: Access, app: Application,
               on db: any Database) async throws -> (any Encodable & Sendable)? {
        guard let text = instance.businessID, let id = UUID(uuidString: text), let report = try await InfoReport.find(id, on: db) else { return nil }
        return try await ReportView.load(report, for: access, on: db)
    }
}
