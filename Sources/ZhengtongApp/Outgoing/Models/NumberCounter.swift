import Fluent
import Foundation

/// The last sequence given out per unit, 代字 and year. Incremented inside the numbering transaction
/// (row-locked on PostgreSQL, the single writer on SQLite), so two clerks at once get N and N+1.
final class NumberCounter: Model, @unchecked Sendable {
    static let schema = "number_counters"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "issuer_code") var issuerCode: String
    @Field(key: "year") var year: Int
    @Field(key: "last_sequence") var lastSequence: Int

    init() {}
}
