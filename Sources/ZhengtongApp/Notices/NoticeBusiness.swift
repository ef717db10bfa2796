import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// 通知公告 in the workflow: its registration (``WorkflowBusinesses``). A notice's review runs on the column's
/// process (`notice-internal`: one review by the unit's office; `notice-public`: 发布单位审核 → 网络管理部门审核 →
/// 保密审查); every review step decides 同意 or 不同意, and 不同意 sends it back to its author with the opinion as the
/// reason. When the process ends approved, the notice is published.
struct NoticeBusiness: WorkflowBusiness {
    var type: String { NoticeService.businessType }
    var label: String { "通知公告" }
    var processKeys: Set<String> { [NoticeProcesses.internalReview, NoticeProcesses.publicReview] }
    var panelTemplate: String { "notices/task-panel" }

    func pagePath(_ id: UUID) -> String { SiteURL.notice.link(id) }
    func apiPath(_ id: UUID) -> String { "/api/v1/notices/\(id.uuidString)" }

    func outcomes(at node: String) -> [StepOutcome]? {
        ["approve", "reject"].map(StepOutcome.labelled)
    }

    /// 不同意 needs the reason the author will read.
    func check(_ command: BusinessCommand, on db: any Database) async throws {
        guard case .complete(_, let outcome, let opinion, _) = command.command, outcome == "reject", FieldRules.trimmed(opinion).isEmpty else { return }
        throw AppError.validation(Strings.Notices.rejectReasonRequired, fields: ["opinion": Strings.Notices.rejectReasonRequired])
    }

    func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws {
        guard let text = command.instance.businessID, let id = UUID(uuidString: text), let notice = try await Notice.find(id, on: db),
              notice.statusValue == .reviewing else { return }
        if case .complete(_, let result, let opinion, _) = command.command, result == "reject" {
            try await NoticeService.returned(notice, reason: opinion, at: command.now, on: db)
        } else if outcome.instance.status == .completed {
            try await NoticeService.publish(notice, at: command.now, app: command.app, on: db)
        } else if outcome.instance.status == .terminated {
            try await NoticeService.returned(notice, reason: nil, at: command.now, on: db)
        }
    }

    func panel(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, access: Access, app: Application,
               on db: any Database) async throws -> (any Encodable & Sendable)? {
        guard let text = instance.businessID, let id = UUID(uuidString: text), let notice = try await Notice.find(id, on: db) else { return nil }
        return try await NoticeView.load(notice, for: access, on: db)
    }
}

/// The bundled review processes of notices.
enum NoticeProcesses {
    static let internalReview = "notice-internal"
    static let publicReview = "notice-public"
    /// Shipped in `Resources/Processes` and deployed with the others.
    static let bundled: Set<String> = [internalReview, publicReview]

    /// The default process of a column: the three-step review for one published to the public, one review otherwise.
    static func defaultKey(isPublic: Bool) -> String { isPublic ? publicReview : internalReview }
}
