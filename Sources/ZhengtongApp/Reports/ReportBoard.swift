import Fluent
import Foundation

/// The lists of 信息报送: the unit's own 信息 (for its 信息员) and an editor's inbox (one line per target row in scope).
enum ReportBoard {
    /// The 信息 of the person's unit (a 信息员) or their own, newest first.
    static func mine(access: Access, links: ReportLine.Links, on db: any Database) async throws -> [ReportLine] {
        let query = InfoReport.query(on: db)
        if access.writesReports {
            query.group(.or) { $0.filter(\.$unitID == access.unitID).filter(\.$reporterID == access.userID) }
        } else {
            query.filter(\.$reporterID == access.userID)
        }
        let reports = try await query.sort(\.$updatedAt, .descending).limit(500).all()
        let ids = reports.compactMap(\.id)
        let rows = ids.isEmpty ? [] : try await ReportSubmission.query(on: db).filter(\.$reportID ~~ ids).all()
        let names = try await userNames(reports.map(\.reporterID), on: db)
        return try reports.map { report in
            let id = try report.requireID()
            let own = rows.filter { $0.reportID == id }
            let (state, label) = summary(report, rows: own)
            let level = own.filter { $0.stateValue == .adopted }.compactMap(\.levelName).first
            return ReportLine(id: id, title: report.title, category: report.categoryValue, categoryLabel: report.categoryValue.label,
                              urgency: report.urgencyValue, urgencyLabel: report.urgencyValue.label, state: state, stateLabel: label,
                              unitName: access.tree.nameOf[report.unitID] ?? "", reporterName: names[report.reporterID] ?? "", targetName: nil,
                              levelName: level, version: report.version, updatedAt: report.updatedAt, updatedText: DisplayFormat.minute(report.updatedAt),
                              url: links == .api ? APIURL.report.link(id) : SiteURL.report.link(id))
        }
    }

    /// The overall state the reporting unit reads: the draft/review state, or once sent the most telling of its
    /// rows (退回 first — it needs them —, then 待处理, 采用, 存档).
    static func summary(_ report: InfoReport, rows: [ReportSubmission]) -> (String, String) {
        guard report.stateValue == .submitted else { return (report.state, report.stateValue.label) }
        for state in [ReportSubmission.State.returned, .resubmitted, .submitted, .adopted, .archived] where rows.contains(where: { $0.stateValue == state }) {
            return (state.rawValue, state.label)
        }
        return (report.state, report.stateValue.label)
    }

    /// An editor's inbox: rows sent to the collecting units in their scope; `open` only those waiting.
    static func inbox(access: Access, open: Bool, links: ReportLine.Links, on db: any Database) async throws -> [ReportLine] {
        let query = ReportSubmission.query(on: db)
        switch access.scope(of: .reportEdit) {
        case .all: break
        case .units(let ids):
            guard !ids.isEmpty else { return [] }
            query.filter(\.$targetUnitID ~~ Array(ids))
        }
        if open { query.filter(\.$state ~~ [ReportSubmission.State.submitted.rawValue, ReportSubmission.State.resubmitted.rawValue]) }
        let rows = try await query.sort(\.$submittedAt, .descending).limit(500).all()
        guard !rows.isEmpty else { return [] }
        let reports = Dictionary(try await InfoReport.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.reportID)))).all().compactMap { r in r.id.map { ($0, r) } }) { a, _ in a }
        let names = try await userNames(reports.values.map(\.reporterID), on: db)
        return rows.compactMap { row in
            guard let report = reports[row.reportID] else { return nil }
            return ReportLine(id: row.reportID, title: report.title, category: report.categoryValue, categoryLabel: report.categoryValue.label,
                              urgency: report.urgencyValue, urgencyLabel: report.urgencyValue.label, state: row.state, stateLabel: row.stateValue.label,
                              unitName: access.tree.nameOf[report.unitID] ?? "", reporterName: names[report.reporterID] ?? "",
                              targetName: access.tree.nameOf[row.targetUnitID] ?? "", levelName: row.levelName, version: row.reportVersion,
                              updatedAt: row.updatedAt, updatedText: DisplayFormat.minute(row.updatedAt), url: links == .api ? APIURL.report.link(row.reportID) : SiteURL.report.link(row.reportID))
        }
    }

    static func userNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all().compactMap { user in user.id.map { ($0, user.name) } }) { a, _ in a }
    }
}
