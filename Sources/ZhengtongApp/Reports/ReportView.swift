import Fluent
import Foundation
import Vapor

/// A 信息 as the API shows it and its page builds on: never the model itself. An editor sees only the rows of the
/// targets in their scope; `actions` says what the caller may do now, so a phone client offers the page's buttons.
struct ReportView: Content, Sendable {
    struct Ref: Content, Sendable {
        var id: UUID
        var name: String
    }

    struct Target: Content, Sendable {
        var unitId: UUID
        var unitName: String
        var state: ReportSubmission.State
        var stateLabel: String
        /// The row's revision, what 采用/退回/存档 send back as `revision`.
        var revision: Int
        var reportVersion: Int
        var levelName: String?
        var points: Int?
        var reason: String?
        var decidedAt: Date?
        /// The caller handles this row (an editor of the target).
        var mine: Bool
    }

    struct Version: Content, Sendable {
        var version: Int
        var title: String
        var body: String
        var fileNames: [String]
        var createdAt: Date
    }

    struct File: Content, Sendable {
        var id: UUID
        var name: String
        var contentType: String
        var size: Int
        var url: String
    }

    struct Actions: Content, Sendable {
        var edit = false
        var review = false
        var resubmit = false
        var addFile = false
        var decide = false
    }

    var id: UUID
    var title: String
    var body: String
    var category: InfoReport.Category
    var categoryLabel: String
    var urgency: InfoReport.Urgency
    var urgencyLabel: String
    var state: InfoReport.State
    var stateLabel: String
    var unit: Ref
    var reporter: Ref
    var version: Int
    var revision: Int
    var requestId: UUID?
    var returnedReason: String?
    var submittedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    /// The chosen collecting units (before 报送: the ones that will receive it).
    var targetIds: [UUID]
    var targets: [Target]
    var versions: [Version]
    var files: [File]
    var actions: Actions

    static func load(_ report: InfoReport, for access: Access, links: ReportLine.Links = .api, on db: any Database) async throws -> ReportView {
        let id = try report.requireID()
        let manages = access.manages(report)
        let allRows = try await ReportSubmission.query(on: db).filter(\.$reportID == id).sort(\.$submittedAt).all()
        // The reporting unit sees every target; an editor only their own.
        let rows = manages ? allRows : allRows.filter { access.editsReports(for: $0.targetUnitID) }
        let versions = try await ReportVersion.query(on: db).filter(\.$reportID == id).sort(\.$version, .descending).all()
        let files = try await ReportFile.query(on: db).filter(\.$reportID == id).sort(\.$createdAt).all()
        let reporter = try await User.find(report.reporterID, on: db)
        let tree = access.tree
        var actions = Actions()
        let returned = allRows.contains { $0.stateValue == .returned }
        actions.edit = manages && (report.stateValue == .draft || (report.stateValue == .submitted && returned))
        actions.review = manages && report.stateValue == .draft && !report.targets.isEmpty
        actions.resubmit = manages && report.stateValue == .submitted && returned
        actions.addFile = actions.edit
        actions.decide = rows.contains { access.editsReports(for: $0.targetUnitID) && $0.stateValue.isOpen }
        return ReportView(
            id: id, title: report.title, body: report.body, category: report.categoryValue, categoryLabel: report.categoryValue.label,
            urgency: report.urgencyValue, urgencyLabel: report.urgencyValue.label, state: report.stateValue, stateLabel: report.stateValue.label,
            unit: Ref(id: report.unitID, name: tree.nameOf[report.unitID] ?? ""), reporter: Ref(id: report.reporterID, name: reporter?.name ?? ""),
            version: report.version, revision: report.revision, requestId: report.requestID, returnedReason: report.returnedReason,
            submittedAt: report.submittedAt, createdAt: report.createdAt, updatedAt: report.updatedAt,
            targetIds: manages ? report.targets : rows.map(\.targetUnitID),
            targets: rows.map { row in
                Target(unitId: row.targetUnitID, unitName: tree.nameOf[row.targetUnitID] ?? "", state: row.stateValue, stateLabel: row.stateValue.label,
                       revision: row.revision, reportVersion: row.reportVersion, levelName: row.levelName, points: row.points, reason: row.reason,
                       decidedAt: row.decidedAt, mine: access.editsReports(for: row.targetUnitID))
            },
            versions: versions.map { version in
                Version(version: version.version, title: version.title, body: version.body,
                        fileNames: (try? JSONDecoder().decode([String].self, from: Data(version.fileNames.utf8))) ?? [], createdAt: version.createdAt)
            },
            files: try files.map { file in
                let fileID = try file.requireID()
                return File(id: fileID, name: file.name, contentType: file.contentType, size: file.size,
                            url: links == .api ? APIURL.reportFile.link(id, fileID) : SiteURL.reportFile.link(id, fileID))
            },
            actions: actions)
    }
}

/// A 信息 in a list: the reporting unit's own list shows its overall state; an editor's inbox one line per row of a
/// target in their scope, with that row's state.
struct ReportLine: Content, Sendable {
    enum Links { case page, api }

    var id: UUID
    var title: String
    var category: InfoReport.Category
    var categoryLabel: String
    var urgency: InfoReport.Urgency
    var urgencyLabel: String
    var state: String
    var stateLabel: String
    var unitName: String
    var reporterName: String
    /// For an editor's line: the target it was sent to.
    var targetName: String?
    var levelName: String?
    var version: Int
    var updatedAt: Date
    /// `2026-12-07 09:30`, Beijing time.
    var updatedText: String
    var url: String
}
