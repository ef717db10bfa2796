import Fluent
import Foundation

/// The lists of 信息报送: the unit's own 信息 (for its 信息员) and an editor's inbox (one line per target row in scope).
enum ReportBoard {
    /// One page of a list and how many lines the whole list has.
    struct Page: Sendable {
        var lines: [ReportLine]
        var total: Int
    }

    /// The 信息 of the person's unit (a 信息员) or their own, newest first; page `page` of `perPage` lines.
    static func mine(access: Access, page: Int, perPage: Int, links: ReportLine.Links, on db: any Database) async throws -> Page {
        func query() -> QueryBuilder<InfoReport> {
            let query = InfoReport.query(on: db)
            if access.writesReports {
                query.group(.or) { $0.filter(\.$unitID == access.unitID).filter(\.$reporterID == access.userID) }
            } else {
                query.filter(\.$reporterID == access.userID)
            }
            return query
        }
        let total = try await query().count()
        let start = (page - 1) * perPage
        let reports = try await query().sort(\.$updatedAt, .descending).sort(\.$id).range(start..<(start + perPage)).all()
        let ids = reports.compactMap(\.id)
        let rows = ids.isEmpty ? [] : try await ReportSubmission.query(on: db).filter(\.$reportID ~~ ids).all()
        let names = try await userNames(reports.map(\.reporterID), on: db)
        return Page(lines: try reports.map { report in
            let id = try report.requireID()
            let own = rows.filter { $0.reportID == id }
            let (state, label) = summary(report, rows: own)
            let level = own.filter { $0.stateValue == .adopted }.compactMap(\.levelName).first
            return ReportLine(id: id, title: report.title, category: report.categoryValue, categoryLabel: report.categoryValue.label,
                              urgency: report.urgencyValue, urgencyLabel: report.urgencyValue.label, state: state, stateLabel: label,
                              unitName: access.tree.nameOf[report.unitID] ?? "", reporterName: names[report.reporterID] ?? "", targetName: nil,
                              levelName: level, version: report.version, updatedAt: report.updatedAt, updatedText: DisplayFormat.minute(report.updatedAt),
                              url: links == .api ? APIURL.report.link(id) : SiteURL.report.link(id))
        }, total: total)
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

    /// An editor's inbox: rows sent to the collecting units in their scope, newest first; `open` only those waiting;
    /// page `page` of `perPage` lines.
    static func inbox(access: Access, open: Bool, page: Int, perPage: Int, links: ReportLine.Links, on db: any Database) async throws -> Page {
        let scope = access.scope(of: .reportEdit)
        if case .units(let ids) = scope, ids.isEmpty { return Page(lines: [], total: 0) }
        func query() -> QueryBuilder<ReportSubmission> {
            let query = ReportSubmission.query(on: db)
            if case .units(let ids) = scope { query.filter(\.$targetUnitID ~~ Array(ids)) }
            if open { query.filter(\.$state ~~ [ReportSubmission.State.submitted.rawValue, ReportSubmission.State.resubmitted.rawValue]) }
            return query
        }
        let total = try await query().count()
        let start = (page - 1) * perPage
        let rows = try await query().sort(\.$submittedAt, .descending).sort(\.$id).range(start..<(start + perPage)).all()
        guard !rows.isEmpty else { return Page(lines: [], total: total) }
        let reports = Dictionary(try await InfoReport.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.reportID)))).all().compactMap { r in r.id.map { ($0, r) } }) { a, _ in a }
        let names = try await userNames(reports.values.map(\.reporterID), on: db)
        return Page(lines: rows.compactMap { row in
            guard let report = reports[row.reportID] else { return nil }
            return ReportLine(id: row.reportID, title: report.title, category: report.categoryValue, categoryLabel: report.categoryValue.label,
                              urgency: report.urgencyValue, urgencyLabel: report.urgencyValue.label, state: row.state, stateLabel: row.stateValue.label,
                              unitName: access.tree.nameOf[report.unitID] ?? "", reporterName: names[report.reporterID] ?? "",
                              targetName: access.tree.nameOf[row.targetUnitID] ?? "", levelName: row.levelName, version: row.reportVersion,
                              updatedAt: row.updatedAt, updatedText: DisplayFormat.minute(row.updatedAt), url: links == .api ? APIURL.report.link(row.reportID) : SiteURL.report.link(row.reportID))
        }, total: total)
    }

    static func userNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all().compactMap { user in user.id.map { ($0, user.name) } }) { a, _ in a }
    }
}
