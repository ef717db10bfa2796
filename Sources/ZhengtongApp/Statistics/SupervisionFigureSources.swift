import Fluent
import Foundation
import SQLKit

/// 督办办结: each 督办事项 (or 子事项) closed as 办结, for each of its 主办 units, on the day it was closed — a hit when it
/// was finished by its deadline (the deadline as it stood then, 延期 granted included); timed from 立项 to 办结. Gives the
/// count and the 按期办结率. An item closes once and stays closed, so a past day's figures are final; 终止 and 撤销 are
/// not counted (nobody finished them).
struct SupervisionCompletionSource: StatisticsSource {
    let key = "supervision"
    let timed = true
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .supervisionCompleted, label: Strings.Statistics.supervisionCompleted, source: key, measure: .count,
                          direction: .higherIsBetter, byDepartment: true),
         StatisticsFigure(key: .supervisionOnTimeRate, label: Strings.Statistics.supervisionOnTimeRate, source: key, measure: .hitRate,
                          direction: .higherIsBetter, byDepartment: true)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let rows = try await db.sqlDatabase().raw("""
            SELECT a.unit_id, a.department_id, i.created_at, i.closed_at, i.on_time
            FROM supervision_items i JOIN supervision_assignments a ON a.item_id = i.id AND a.role = 'lead'
            WHERE i.closed_at >= \(bind: from) AND i.closed_at < \(bind: to) AND i.state = 'completed'
            """).all()
        return try rows.map { row in
            let opened = try row.decode(column: "created_at", as: Date.self)
            let closed = try row.decode(column: "closed_at", as: Date.self)
            return StatisticsFact(at: closed, unitID: try row.decode(column: "unit_id", as: UUID.self),
                                  departmentID: try row.decode(column: "department_id", as: UUID?.self), step: Strings.Statistics.supervisionStep,
                                  seconds: max(0, Int(closed.timeIntervalSince(opened))), hit: try row.decode(column: "on_time", as: Bool?.self) ?? false)
        }
    }
}

/// 督办反馈: each progress report a responsible unit sent, on the day it came — a hit when it came by the day it was owed.
/// Gives 反馈及时率. A report's day and timeliness never change.
struct SupervisionReportSource: StatisticsSource {
    let key = "supervision-reports"
    let timed = false
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .supervisionReportsOnTime, label: Strings.Statistics.supervisionReportsOnTime, source: key, measure: .hitRate,
                          direction: .higherIsBetter, byDepartment: true)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let rows = try await db.sqlDatabase().raw("""
            SELECT a.unit_id, a.department_id, r.created_at, r.on_time
            FROM supervision_reports r JOIN supervision_assignments a ON a.id = r.assignment_id
            WHERE r.created_at >= \(bind: from) AND r.created_at < \(bind: to)
            """).all()
        return try rows.map { row in
            StatisticsFact(at: try row.decode(column: "created_at", as: Date.self), unitID: try row.decode(column: "unit_id", as: UUID.self),
                           departmentID: try row.decode(column: "department_id", as: UUID?.self), step: Strings.Statistics.supervisionStep,
                           hit: try row.decode(column: "on_time", as: Bool.self))
        }
    }
}

extension FigureKey {
    static let supervisionCompleted = FigureKey("supervisionCompleted")
    static let supervisionOnTimeRate = FigureKey("supervisionOnTimeRate")
    static let supervisionReportsOnTime = FigureKey("supervisionReportsOnTime")
}
