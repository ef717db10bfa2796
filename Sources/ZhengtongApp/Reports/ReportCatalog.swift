import Fluent
import Foundation

/// An adopted 信息 an editor may put into a 刊物 issue.
struct AdoptedReport: Sendable, Equatable {
    let id: UUID            // the 信息 (InfoReport) id
    let title: String
    let body: String        // plain text, paragraphs separated by "\n"
    let unitID: UUID        // the reporting unit
    let unitName: String
    let reporterID: UUID    // the 信息员 who wrote it
    let levelName: String   // the adoption level's name, e.g. 刊物采用
    let adoptedAt: Date
}

/// What 刊物 (and 信息专供) read from 信息报送: the adopted items within an editor's reach, and the 领导批示 credit.
/// The contract of issue 21 between the two modules; its shape does not change without the other side.
enum ReportCatalog {
    /// Reports adopted by the collecting units in `access`'s report.edit scope, newest first; `search` filters titles.
    static func adopted(for access: Access, search: String?, on db: any Database) async throws -> [AdoptedReport] {
        var query = ReportSubmission.query(on: db).filter(\.$state == ReportSubmission.State.adopted.rawValue)
        switch access.scope(of: .reportEdit) {
        case .all: break
        case .units(let ids):
            guard !ids.isEmpty else { return [] }
            query = query.filter(\.$targetUnitID ~~ Array(ids))
        }
        let rows = try await query.sort(\.$decidedAt, .descending).limit(1000).all()
        return try await made(from: rows, search: search, on: db)
    }

    /// One of them, nil when it is not adopted or not within the caller's report.edit scope.
    static func adopted(id: UUID, for access: Access, on db: any Database) async throws -> AdoptedReport? {
        let rows = try await ReportSubmission.query(on: db).filter(\.$reportID == id).filter(\.$state == ReportSubmission.State.adopted.rawValue)
            .sort(\.$decidedAt, .descending).all().filter { access.editsReports(for: $0.targetUnitID) }
        return try await made(from: rows, search: nil, on: db).first
    }

    /// A leader wrote a 批示 on a bulletin item made from report `reportID`: 信息报送 credits the report with its
    /// 领导批示 points (once per report and leader). Runs inside the caller's write transaction.
    static func recordInstruction(reportID: UUID, leaderID: UUID, at: Date, on db: any Database) async throws {
        guard let report = try await InfoReport.find(reportID, on: db),
              try await ReportPoint.query(on: db).filter(\.$reportID == reportID).filter(\.$leaderID == leaderID).first() == nil else { return }
        // The scheme of the collecting unit that adopted it (the earliest adoption when several did).
        guard let row = try await ReportSubmission.query(on: db).filter(\.$reportID == reportID).filter(\.$state == ReportSubmission.State.adopted.rawValue)
            .sort(\.$decidedAt).first(),
              let level = try await ReportLevel.query(on: db).filter(\.$unitID == row.targetUnitID).filter(\.$isInstruction == true).first() else { return }
        let point = ReportPoint()
        point.reportID = reportID
        point.unitID = report.unitID
        point.reporterID = report.reporterID
        point.collectorID = row.targetUnitID
        point.levelName = level.name
        point.points = level.points
        point.leaderID = leaderID
        point.awardedAt = at
        try await point.create(on: db)
        try await AuditLog.record(AuditEvent(action: "report.instruction", targetType: "report", targetID: reportID.uuidString, targetLabel: report.title,
                                             after: ["leader": leaderID.uuidString, "points": String(level.points)]), by: .system("reports"), on: db)
    }

    /// One item per report (its newest adoption among `rows`).
    private static func made(from rows: [ReportSubmission], search: String?, on db: any Database) async throws -> [AdoptedReport] {
        var seen: Set<UUID> = []
        let newest = rows.filter { seen.insert($0.reportID).inserted }
        guard !newest.isEmpty else { return [] }
        var reports = try await InfoReport.query(on: db).filter(\.$id ~~ newest.map(\.reportID))
        let term = FieldRules.trimmed(search)
        if !term.isEmpty { reports = reports.filter(\.$title ~~ term) }
        let byID = Dictionary(try await reports.all().compactMap { report in report.id.map { ($0, report) } }) { a, _ in a }
        let units = Dictionary(try await Unit.query(on: db).filter(\.$id ~~ Array(Set(byID.values.map(\.unitID)))).all().compactMap { unit in
            unit.id.map { ($0, unit.name) }
        }) { a, _ in a }
        return newest.compactMap { row in
            guard let report = byID[row.reportID] else { return nil }
            return AdoptedReport(id: row.reportID, title: report.title, body: report.body, unitID: report.unitID, unitName: units[report.unitID] ?? "",
                                 reporterID: report.reporterID, levelName: row.levelName ?? "", adoptedAt: row.decidedAt ?? row.updatedAt)
        }
    }
}
