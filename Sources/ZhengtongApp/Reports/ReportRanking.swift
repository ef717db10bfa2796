import Fluent
import SQLKit
import Foundation
import Gongwen
import Vapor

/// 积分 and 排名: the points a collecting unit's scheme gave, summed per reporting unit and per 信息员 over a month, a
/// quarter or a year (Beijing time); the table exported as CSV/XLSX and drafted into a 通报.
enum ReportRanking {
    typealias Actor = WorkflowService.Actor

    enum Period: String, Codable, Sendable, CaseIterable {
        case month, quarter, year

        var label: String {
            switch self {
            case .month: "月度"
            case .quarter: "季度"
            case .year: "年度"
            }
        }
    }

    /// A reporting unit's line (`id`: the unit).
    struct UnitRow: Content, Sendable {
        var rank: Int
        var id: UUID
        var name: String
        var points: Int
        var adopted: Int
    }

    /// A 信息员's line (`id`: the person).
    struct PersonRow: Content, Sendable {
        var rank: Int
        var id: UUID
        var name: String
        var unitName: String
        var points: Int
        var adopted: Int
    }

    struct Table: Content, Sendable {
        var collectorId: UUID
        var collectorName: String
        var period: Period
        var year: Int
        var number: Int
        /// `2026年12月`, `2026年第4季度`, `2026年`.
        var periodText: String
        /// The units, best first.
        var items: [UnitRow]
        var people: [PersonRow]
    }

    /// The collecting units whose ranking the person may read: those they edit for, else those their unit sends to.
    static func collectors(access: Access, on db: any Database) async throws -> [UUID] {
        let collecting = try await ReportScheme.collectingUnits(on: db)
        let edited = collecting.filter { access.editsReports(for: $0) }
        if !edited.isEmpty { return edited }
        guard access.writesReports else { return [] }
        return try await ReportScheme.targets(for: access.unitID, tree: access.tree, on: db).map(\.id)
    }

    /// The period's bounds: `number` is the month (1–12) or quarter (1–4); the current one when nil.
    static func bounds(_ period: Period, year: Int?, number: Int?, now: Date) throws -> (start: Date, end: Date, year: Int, number: Int, text: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DisplayFormat.timeZone
        let today = calendar.dateComponents([.year, .month], from: now)
        let y = year ?? today.year ?? 2026
        guard (2000...2100).contains(y) else { throw AppError.validation(Strings.Reports.periodInvalid, fields: ["year": Strings.Reports.periodInvalid]) }
        let month = today.month ?? 1
        let n: Int, first: Int, months: Int, text: String
        switch period {
        case .month:
            n = number ?? month; first = n; months = 1; text = "\(y)年\(n)月"
            guard (1...12).contains(n) else { throw AppError.validation(Strings.Reports.periodInvalid, fields: ["number": Strings.Reports.periodInvalid]) }
        case .quarter:
            n = number ?? ((month - 1) / 3 + 1); first = (n - 1) * 3 + 1; months = 3; text = "\(y)年第\(n)季度"
            guard (1...4).contains(n) else { throw AppError.validation(Strings.Reports.periodInvalid, fields: ["number": Strings.Reports.periodInvalid]) }
        case .year:
            n = 1; first = 1; months = 12; text = "\(y)年"
        }
        guard let start = calendar.date(from: DateComponents(year: y, month: first, day: 1)),
              let end = calendar.date(byAdding: .month, value: months, to: start) else { throw AppError.validation(Strings.Reports.periodInvalid) }
        return (start, end, y, n, text)
    }

    static func table(collector: UUID?, period: Period, year: Int?, number: Int?, access: Access, now: Date = Date(), on db: any Database) async throws -> Table {
        let allowed = try await collectors(access: access, on: db)
        guard let collector = collector ?? allowed.first, allowed.contains(collector) else { throw AppError.forbidden(Strings.Reports.notEditor) }
        let range = try bounds(period, year: year, number: number, now: now)
        // Summed in the database, per (unit, 信息员): a city's year is tens of thousands of awards, and reading them as
        // models took a second where the sum takes milliseconds (benchmarks/README.md). A 批示 row (leader set) adds
        // points but is not an adoption. The casts: PostgreSQL sums a BIGINT column as NUMERIC.
        let sums = try await db.sqlDatabase().raw("""
            SELECT unit_id, reporter_id, CAST(SUM(points) AS BIGINT) AS points,
                   CAST(SUM(CASE WHEN leader_id IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS adopted
            FROM \(ident: ReportPoint.schema)
            WHERE collector_id = \(bind: collector) AND awarded_at >= \(bind: range.start) AND awarded_at < \(bind: range.end)
            GROUP BY unit_id, reporter_id
            """).all()
        var byUnit: [UUID: (points: Int, adopted: Int)] = [:]
        var byPerson: [UUID: (points: Int, adopted: Int, unit: UUID)] = [:]
        for sum in sums {
            let unit = try sum.decode(column: "unit_id", as: UUID.self), person = try sum.decode(column: "reporter_id", as: UUID.self)
            let points = try sum.decode(column: "points", as: Int.self), adopted = try sum.decode(column: "adopted", as: Int.self)
            byUnit[unit, default: (0, 0)].points += points
            byUnit[unit, default: (0, 0)].adopted += adopted
            byPerson[person, default: (0, 0, unit)].points += points
            byPerson[person, default: (0, 0, unit)].adopted += adopted
        }
        let names = try await ReportBoard.userNames(Array(byPerson.keys), on: db)
        let tree = access.tree
        let units = byUnit.sorted { ($0.value.points, tree.nameOf[$1.key] ?? "") > ($1.value.points, tree.nameOf[$0.key] ?? "") }
        let people = byPerson.sorted { ($0.value.points, names[$1.key] ?? "") > ($1.value.points, names[$0.key] ?? "") }
        return Table(collectorId: collector, collectorName: tree.nameOf[collector] ?? "", period: period, year: range.year, number: range.number,
                     periodText: range.text,
                     items: ranked(units.map { ($0.value.points, UnitRow(rank: 0, id: $0.key, name: tree.nameOf[$0.key] ?? "", points: $0.value.points,
                                                                         adopted: $0.value.adopted)) }) { $0.rank = $1 },
                     people: ranked(people.map { ($0.value.points, PersonRow(rank: 0, id: $0.key, name: names[$0.key] ?? "",
                                                                             unitName: tree.nameOf[$0.value.unit] ?? "", points: $0.value.points,
                                                                             adopted: $0.value.adopted)) }) { $0.rank = $1 })
    }

    /// Ranks with ties sharing a place (1, 2, 2, 4).
    private static func ranked<Row>(_ rows: [(Int, Row)], set: (inout Row, Int) -> Void) -> [Row] {
        var result: [Row] = []
        var previous: Int?
        var rank = 0
        for (index, (points, row)) in rows.enumerated() {
            if points != previous { rank = index + 1; previous = points }
            var row = row
            set(&row, rank)
            result.append(row)
        }
        return result
    }

    /// The table as a download: both rankings in one sheet-like table.
    static func export(_ table: Table) -> StatisticsTable {
        let title = "\(table.collectorName)\(table.periodText)信息采用积分排名"
        var rows: [[XLSXWriter.Cell]] = table.items.map { [.text("单位"), .number(Double($0.rank)), .text($0.name), .text(""), .number(Double($0.adopted)), .number(Double($0.points))] }
        rows += table.people.map { [.text("信息员"), .number(Double($0.rank)), .text($0.unitName), .text($0.name), .number(Double($0.adopted)), .number(Double($0.points))] }
        return StatisticsTable(title: title, header: ["类别", "名次", "单位", "信息员", "采用篇数", "积分"], rows: rows)
    }

    /// 通报: a 发文 draft of 文种 通报 in the editor's unit with the ranking as its text, continued in 发文.
    static func draftCircular(_ table: Table, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> OutgoingDocument {
        guard access.editsReports(for: table.collectorId) else { throw AppError.forbidden(Strings.Reports.notEditor) }
        // Under the unit's first 机关代字, as 纪要 are drafted; the editor may change it in 发文.
        let code = try await IssuerCode.query(on: app.db).filter(\.$unit.$id == access.unitID).filter(\.$isEnabled == true).sort(\.$sortOrder).first()?.id
        let document = try await OutgoingService.draft(kind: .circular, codeID: code, code: nil, access: access, actor: actor, app: app)
        var typed = try document.document()
        typed.title = Strings.Reports.circularTitle(periodText: table.periodText)
        var lines = ["\(table.periodText)，各单位共被采用信息\(table.items.map(\.adopted).reduce(0, +))篇。现将采用积分情况通报如下："]
        lines.append("一、单位积分排名")
        lines += table.items.map { "\($0.rank). \($0.name)：采用\($0.adopted)篇，积分\($0.points)分。" }
        lines.append("二、信息员积分排名")
        lines += table.people.prefix(10).map { "\($0.rank). \($0.unitName) \($0.name)：积分\($0.points)分。" }
        lines.append("希望各单位进一步重视政务信息工作，提高信息报送的质量和时效。")
        typed.body = lines.joined(separator: "\n")
        let title = typed.title, final = typed
        _ = try await OutgoingService.edit(try document.requireID(), typed: final, expectedVersion: document.version, access: access, actor: actor, app: app, at: now)
        try await app.write { db in
            try await AuditLog.record(AuditEvent(action: "report.circular", targetType: "outgoing", targetID: document.id?.uuidString, targetLabel: title,
                                                 after: ["period": table.periodText]), by: actor.audit, on: db)
        }
        return document
    }
}
