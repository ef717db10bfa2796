import Fluent
import Foundation
import SQLKit

/// 办理时长（件）: a 发文 or 收文 process from start to end, counted on the day it ended, for the unit it ran in and
/// the initiator's department.
struct DocumentTimeSource: StatisticsSource {
    let key = "documentTime"
    let timed = true
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .documentTimeAverage, label: Strings.Statistics.documentTimeAverage, source: key, measure: .averageHours,
                          direction: .lowerIsBetter, byDepartment: true),
         StatisticsFigure(key: .documentTimeP90, label: Strings.Statistics.documentTimeP90, source: key, measure: .p90Hours,
                          direction: .lowerIsBetter, byDepartment: true)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let rows = try await db.sqlDatabase().raw("""
            SELECT i.unit_id, i.business_type, i.started_at, i.ended_at, ud.department_id FROM workflow_instances i
            \(StatisticsSQL.primaryDepartment(of: "i.initiator_id", as: "ud"))
            WHERE i.ended_at >= \(bind: from) AND i.ended_at < \(bind: to) AND i.status = 'completed'
              AND i.business_type IN ('outgoing', 'incoming')
            """).all()
        return try rows.map { row in
            let ended = try row.decode(column: "ended_at", as: Date.self)
            let type = try row.decode(column: "business_type", as: String.self)
            return StatisticsFact(at: ended, unitID: try row.decode(column: "unit_id", as: UUID.self),
                                  departmentID: try row.decode(column: "department_id", as: UUID?.self),
                                  step: type == "outgoing" ? Strings.Statistics.outgoingStep : Strings.Statistics.incomingStep,
                                  seconds: StatisticsSQL.seconds(from: try row.decode(column: "started_at", as: Date.self), to: ended))
        }
    }
}

/// 办理时长（环节）: a workflow step from the task's creation to its completion, counted on the day it was completed,
/// for the unit of its process and the department of the person who completed it; `step` is the step's name.
struct StepTimeSource: StatisticsSource {
    let key = "stepTime"
    let timed = true
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .stepTimeAverage, label: Strings.Statistics.stepTimeAverage, source: key, measure: .averageHours,
                          direction: .lowerIsBetter, byDepartment: true),
         StatisticsFigure(key: .stepTimeP90, label: Strings.Statistics.stepTimeP90, source: key, measure: .p90Hours,
                          direction: .lowerIsBetter, byDepartment: true)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let rows = try await db.sqlDatabase().raw("""
            SELECT i.unit_id, t.name, t.created_at, t.completed_at, ud.department_id
            FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
            \(StatisticsSQL.primaryDepartment(of: "t.completed_by", as: "ud"))
            WHERE t.completed_at >= \(bind: from) AND t.completed_at < \(bind: to) AND t.state = 'completed'
            """).all()
        return try rows.map { row in
            let completed = try row.decode(column: "completed_at", as: Date.self)
            return StatisticsFact(at: completed, unitID: try row.decode(column: "unit_id", as: UUID.self),
                                  departmentID: try row.decode(column: "department_id", as: UUID?.self), step: try row.decode(column: "name", as: String.self),
                                  seconds: StatisticsSQL.seconds(from: try row.decode(column: "created_at", as: Date.self), to: completed))
        }
    }
}
