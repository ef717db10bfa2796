import Fluent
import Foundation
import SQLKit

/// 访问量: successful sign-ins (page or API — both pass the one credential check, audited as `auth.login`), for the
/// person's unit and primary department.
struct SignInSource: StatisticsSource {
    let key = "signIns"
    let timed = false
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .signIns, label: Strings.Statistics.signIns, source: key, measure: .count,
                          direction: .higherIsBetter, byDepartment: true)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let fromMS = Int64((from.timeIntervalSince1970 * 1000).rounded(.down))
        let toMS = Int64((to.timeIntervalSince1970 * 1000).rounded(.down))
        let rows = try await db.sqlDatabase().raw("""
            SELECT a.unit_id, a.occurred_at_ms, ud.department_id FROM audit_entries a
            \(StatisticsSQL.primaryDepartment(of: "a.actor_id", as: "ud"))
            WHERE a.occurred_at_ms >= \(bind: fromMS) AND a.occurred_at_ms < \(bind: toMS) AND a.action = 'auth.login'
              AND a.succeeded = \(bind: true) AND a.unit_id IS NOT NULL
            """).all()
        return try rows.map { row in
            StatisticsFact(at: Date(timeIntervalSince1970: Double(try row.decode(column: "occurred_at_ms", as: Int64.self)) / 1000),
                           unitID: try row.decode(column: "unit_id", as: UUID.self), departmentID: try row.decode(column: "department_id", as: UUID?.self))
        }
    }
}

/// 签收时延: from a delivery's sending to its 签收, for the receiving unit, on the day it was signed for.
struct AcceptanceDelaySource: StatisticsSource {
    let key = "acceptance"
    let timed = true
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .acceptanceDelay, label: Strings.Statistics.acceptanceDelay, source: key, measure: .averageHours,
                          direction: .lowerIsBetter, byDepartment: false),
         StatisticsFigure(key: .acceptanceDelayP90, label: Strings.Statistics.acceptanceDelayP90, source: key, measure: .p90Hours,
                          direction: .lowerIsBetter, byDepartment: false)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let rows = try await db.sqlDatabase().raw("""
            SELECT recipient_unit_id, sent_at, accepted_at FROM exchange_deliveries
            WHERE accepted_at >= \(bind: from) AND accepted_at < \(bind: to)
            """).all()
        return try rows.map { row in
            let accepted = try row.decode(column: "accepted_at", as: Date.self)
            return StatisticsFact(at: accepted, unitID: try row.decode(column: "recipient_unit_id", as: UUID.self),
                                  seconds: StatisticsSQL.seconds(from: try row.decode(column: "sent_at", as: Date.self), to: accepted))
        }
    }
}
