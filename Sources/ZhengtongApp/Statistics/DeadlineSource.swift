import Fluent
import Foundation
import SQLKit

/// 时限: every workflow step with a deadline, counted on the day it fell due once that moment has passed — a hit when
/// it was completed by then. Gives 按时办结率 (hits among them) and 逾期件数 (the others, finished late or still open).
/// A deadline that has passed cannot change from met to missed or back, so a past day's figures are final.
struct DeadlineSource: StatisticsSource {
    let key = "deadline"
    let timed = false
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .onTimeRate, label: Strings.Statistics.onTimeRate, source: key, measure: .hitRate,
                          direction: .higherIsBetter, byDepartment: true),
         StatisticsFigure(key: .overdueCount, label: Strings.Statistics.overdueCount, source: key, measure: .misses,
                          direction: .lowerIsBetter, byDepartment: true)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let end = min(to, now)
        guard from < end else { return [] }
        let rows = try await db.sqlDatabase().raw("""
            SELECT i.unit_id, t.name, t.due_at, t.completed_at, t.state, ud.department_id
            FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
            \(StatisticsSQL.primaryDepartment(of: "COALESCE(t.completed_by, t.assignee_id)", as: "ud"))
            WHERE t.due_at >= \(bind: from) AND t.due_at < \(bind: end) AND t.state IN ('open', 'completed')
            """).all()
        return try rows.map { row in
            let due = try row.decode(column: "due_at", as: Date.self)
            let completed = try row.decode(column: "completed_at", as: Date?.self)
            return StatisticsFact(at: due, unitID: try row.decode(column: "unit_id", as: UUID.self),
                                  departmentID: try row.decode(column: "department_id", as: UUID?.self), step: try row.decode(column: "name", as: String.self),
                                  hit: completed.map { $0 <= due } ?? false)
        }
    }
}

/// 退回: a step sent back — returned to an earlier step, or not approved (不同意) by a leader — on the day it happened,
/// for the department of the person who sent it back.
struct ReturnSource: StatisticsSource {
    let key = "returns"
    let timed = false
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .returnCount, label: Strings.Statistics.returnCount, source: key, measure: .count,
                          direction: .lowerIsBetter, byDepartment: true)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let rows = try await db.sqlDatabase().raw("""
            SELECT i.unit_id, t.name, t.completed_at, ud.department_id
            FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
            \(StatisticsSQL.primaryDepartment(of: "t.completed_by", as: "ud"))
            WHERE t.completed_at >= \(bind: from) AND t.completed_at < \(bind: to)
              AND (t.state = 'returned' OR (t.state = 'completed' AND t.outcome = 'reject'))
            """).all()
        return try rows.map { row in
            StatisticsFact(at: try row.decode(column: "completed_at", as: Date.self), unitID: try row.decode(column: "unit_id", as: UUID.self),
                           departmentID: try row.decode(column: "department_id", as: UUID?.self), step: try row.decode(column: "name", as: String.self))
        }
    }
}
