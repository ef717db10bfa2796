import Fluent
import Foundation

/// Who writes, handles and sees 信息报送; part of the one scoping place (``Access``).
///
/// - A unit's **信息员** (``Permission/reportSubmit`` over their own unit) writes its 信息 and sees every 信息 of the
///   unit (a colleague may carry on the work); another unit's 信息员 gets 404.
/// - A collecting unit's **信息编辑** (``Permission/reportEdit`` over it) sees what was sent to the collecting units in
///   that scope — and only those targets' rows — and adopts, returns or archives it; asks for 约稿; keeps the ranking.
/// - Whoever the unit's review process gave a step sees the 信息 under review.
/// - A unit's administrators (``Permission/organizationManage``) keep whether it collects and its points scheme.
extension Access {
    /// Writing 信息 for one's own unit.
    var writesReports: Bool { covers(.reportSubmit, unit: unitID) }

    /// Handling what was sent to collecting unit `unit`.
    func editsReports(for unit: UUID) -> Bool { covers(.reportEdit, unit: unit) }

    /// Keeping `unit`'s 信息报送 setting and scheme.
    func keepsReportScheme(of unit: UUID) -> Bool { covers(.organizationManage, unit: unit) }

    /// Seeing `report` (see the rules above); `submissions` are its rows.
    func canView(_ report: InfoReport, submissions: [ReportSubmission], on db: any Database) async throws -> Bool {
        if report.reporterID == userID { return true }
        if report.unitID == unitID && writesReports { return true }
        if submissions.contains(where: { editsReports(for: $0.targetUnitID) }) { return true }
        guard let instanceID = report.instanceID, let instance = try await WorkflowInstanceRecord.find(instanceID, on: db) else { return false }
        return try await canView(instance, on: db)
    }

    /// Changing `report`'s text and sending it (its unit's 信息员).
    func manages(_ report: InfoReport) -> Bool {
        report.reporterID == userID || (report.unitID == unitID && writesReports)
    }
}
