import Fluent
import Foundation
import SQLKit

/// 发文: documents dispatched (封发), by the drafting unit and department, on the day of dispatch; a hit is one
/// distributed on paper only (长顺's rule: paper at most 5% of all documents).
struct OutgoingVolumeSource: StatisticsSource {
    let key = "outgoing"
    let timed = false
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .outgoingVolume, label: Strings.Statistics.outgoingVolume, source: key, measure: .count,
                          direction: .higherIsBetter, byDepartment: true),
         StatisticsFigure(key: .paperShare, label: Strings.Statistics.paperShare, source: key, measure: .hitRate,
                          direction: .lowerIsBetter, byDepartment: true)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let rows = try await db.sqlDatabase().raw("""
            SELECT unit_id, department_id, dispatched_at, paper_only FROM outgoing_documents
            WHERE dispatched_at >= \(bind: from) AND dispatched_at < \(bind: to)
            """).all()
        return try rows.map { row in
            StatisticsFact(at: try row.decode(column: "dispatched_at", as: Date.self), unitID: try row.decode(column: "unit_id", as: UUID.self),
                           departmentID: try row.decode(column: "department_id", as: UUID?.self), step: Strings.Statistics.outgoingStep,
                           hit: try row.decode(column: "paper_only", as: Bool?.self) == true)
        }
    }
}

/// 收文: documents registered, by the receiving unit, on the day received.
struct IncomingVolumeSource: StatisticsSource {
    let key = "incoming"
    let timed = false
    var figures: [StatisticsFigure] {
        [StatisticsFigure(key: .incomingVolume, label: Strings.Statistics.incomingVolume, source: key, measure: .count,
                          direction: .higherIsBetter, byDepartment: false)]
    }

    func facts(from: Date, to: Date, now: Date, on db: any Database) async throws -> [StatisticsFact] {
        let rows = try await db.sqlDatabase().raw("""
            SELECT unit_id, received_at FROM incoming_documents WHERE received_at >= \(bind: from) AND received_at < \(bind: to)
            """).all()
        return try rows.map { row in
            StatisticsFact(at: try row.decode(column: "received_at", as: Date.self), unitID: try row.decode(column: "unit_id", as: UUID.self),
                           step: Strings.Statistics.incomingStep)
        }
    }
}
