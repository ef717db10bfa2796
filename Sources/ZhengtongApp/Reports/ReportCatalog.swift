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

/// Temporary stand-in (branch `bulletins`): the `reports` branch owns the real catalogue; the lead drops this file
/// at merge and keeps theirs.
enum ReportCatalog {
    /// Reports adopted by the collecting units in `access`'s report.edit scope, newest first; `search` filters titles.
    static func adopted(for access: Access, search: String?, on db: any Database) async throws -> [AdoptedReport] { [] }
    /// One of them, nil when it is not adopted or not within the caller's report.edit scope.
    static func adopted(id: UUID, for access: Access, on db: any Database) async throws -> AdoptedReport? { nil }
    /// A leader wrote a 批示 on a bulletin item made from report `reportID`: 信息报送 credits the report with its
    /// 领导批示 points (once per report and leader). Runs inside the caller's write transaction.
    static func recordInstruction(reportID: UUID, leaderID: UUID, at: Date, on db: any Database) async throws {}
}
