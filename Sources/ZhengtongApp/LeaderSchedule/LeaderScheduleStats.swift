import Fluent
import Foundation
import Gongwen
import Vapor

/// 活动统计: how many activities each leader of a unit had in a period, by type (withdrawn ones left out), for the
/// unit's editors and the leaders above it.
enum LeaderScheduleStats {
    struct Line: Sendable, Codable {
        var leaderId: UUID
        var leaderName: String
        /// In the order of ``LeaderActivity/Kind/allCases``.
        var counts: [Int]
        var total: Int
    }

    struct Table: Sendable, Encodable {
        var unitName: String
        var from: String
        var to: String
        var kinds: [String]
        var lines: [Line]
        var totals: [Int]
        var total: Int
    }

    /// The unit and period a request asks for (`unit`, `from`, `to`; default: the person's first schedule unit, this year
    /// so far), for the page, its CSV and the API alike; a period over a year or ending before it starts is refused.
    static func period(_ req: Request, access: Access) throws -> (UUID, DocumentDate, DocumentDate) {
        let unit = FieldRules.uuid(req.queryValue("unit")) ?? access.scheduleUnits.sorted { access.tree.depth(of: $0) < access.tree.depth(of: $1) }.first
            ?? access.unitID
        let today = DocumentDate(Date())
        let fromText = req.queryValue("from") ?? "", toText = req.queryValue("to") ?? ""
        let from = fromText.isEmpty ? DocumentDate(year: today.year, month: 1, day: 1) : DocumentDate(iso: fromText)
        let to = toText.isEmpty ? today : DocumentDate(iso: toText)
        guard let from, let to, from <= to, to < ScheduleClock.adding(367, to: from) else {
            throw AppError.validation(Strings.Schedule.periodRangeInvalid, fields: ["from": Strings.Schedule.periodRangeInvalid])
        }
        return (unit, from, to)
    }

    static func mayView(unit: UUID, access: Access) -> Bool {
        access.managesSchedule(of: unit) || (access.leadsUnit && access.readsPublishedSchedule(of: unit))
    }

    static func table(unit: UUID, from: DocumentDate, to: DocumentDate, access: Access, on db: any Database) async throws -> Table {
        guard mayView(unit: unit, access: access) else { throw AppError.notFound() }
        let activities = try await LeaderActivity.query(on: db).filter(\.$unitID == unit).filter(\.$state == LeaderActivity.State.active.rawValue)
            .filter(\.$day >= from.iso).filter(\.$day <= to.iso).all()
        var leaders = try await Leadership.leaders(of: [unit], on: db).map { ($0.id, $0.name) }
        let others = Set(activities.map(\.leaderID)).subtracting(leaders.map(\.0))
        if !others.isEmpty {
            leaders += try await User.query(on: db).filter(\.$id ~~ Array(others)).sort(\.$sortOrder).all().compactMap { user in user.id.map { ($0, user.name) } }
        }
        let kinds = LeaderActivity.Kind.allCases
        let lines = leaders.map { leader in
            let own = activities.filter { $0.leaderID == leader.0 }
            let counts = kinds.map { kind in own.filter { $0.kindValue == kind }.count }
            return Line(leaderId: leader.0, leaderName: leader.1, counts: counts, total: own.count)
        }
        let totals = kinds.indices.map { index in lines.reduce(0) { $0 + $1.counts[index] } }
        return Table(unitName: access.tree.nameOf[unit] ?? "", from: from.iso, to: to.iso, kinds: kinds.map(Strings.Schedule.kindLabel), lines: lines,
                     totals: totals, total: activities.count)
    }

    /// The table as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese).
    static func csv(_ table: Table) -> String {
        var rows = [[Strings.Schedule.statsLeader] + table.kinds + [Strings.Schedule.statsTotal]]
        rows += table.lines.map { [$0.leaderName] + $0.counts.map(String.init) + [String($0.total)] }
        rows.append([Strings.Schedule.statsTotal] + table.totals.map(String.init) + [String(table.total)])
        return "\u{FEFF}" + rows.map(CSVField.line).joined()
    }
}
