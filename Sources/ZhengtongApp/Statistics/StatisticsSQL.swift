import Fluent
import Foundation
import SQLKit

/// Pieces of SQL the sources share, each the same on SQLite and PostgreSQL.
enum StatisticsSQL {
    /// `LEFT JOIN` of the person in `column`'s primary department as `alias.department_id`.
    static func primaryDepartment(of column: String, as alias: String) -> SQLQueryString {
        "LEFT JOIN user_departments \(unsafeRaw: alias) ON \(unsafeRaw: alias).user_id = \(unsafeRaw: column) AND \(unsafeRaw: alias).is_primary = \(bind: true)"
    }

    /// Whole seconds from `start` to `end`, never negative.
    static func seconds(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start).rounded()))
    }
}
