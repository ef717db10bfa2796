import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// 刊物 in the workflow: its registration (``WorkflowBusinesses``). An issue's approval runs on `bulletin-approval`;
/// each step decides 同意 or 不同意 (with the reason the editor will read); approved at the end, the issue is published
/// in the same transaction (its 期号 taken there, so a number is never used by an issue that did not go out).
struct BulletinBusiness: WorkflowBusiness {
    static let process = "bulletin-approval"

    var type: String { BulletinService.businessType }
    var label: String { "刊物" }
    var processKeys: Set<String> { [Self.process] }
    var panelTemplate: String { "bulletins/task-panel" }

    func pagePath(_ id: UUID) -> String { SiteURL.bulletinIssue.link(id) }
    func apiPath(_ id: UUID) -> String { APIURL.bulletinIssue.link(id) }

    func outcomes(at node: String) -> [StepOutcome]? { ApprovalStep.outcomes }

    func check(_ command: BusinessCommand, on db: any Database) async throws {
        try ApprovalStep.requireReason(command, message: Strings.Bulletins.rejectReasonRequired)
    }

    func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws {
        guard let text = command.instance.businessID, let id = UUID(uuidString: text), let issue = try await BulletinIssue.find(id, on: db),
              issue.statusValue == .reviewing else { return }
        switch ApprovalStep.result(of: command, outcome: outcome) {
        case .returned(let reason): try await BulletinService.returned(issue, reason: reason, at: command.now, on: db)
        case .approved: try await BulletinService.publish(issue, at: command.now, on: db)
        case .withdrawn: try await BulletinService.returned(issue, reason: nil, at: command.now, on: db)
        case nil: break
        }
    }

    func panel(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, access: Access, app: Application,
               on db: any Database) async throws -> (any Encodable & Sendable)? {
        guard let text = instance.businessID, let id = UUID(uuidString: text), let issue = try await BulletinIssue.find(id, on: db) else { return nil }
        return try await BulletinIssueView.load(issue, for: access, on: db)
    }
}
