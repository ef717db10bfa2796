import Fluent
import Foundation

/// A day that differs from the weekly pattern: a public holiday on a weekday, or a weekend day that is
/// worked (调休). Deadlines and working-day timers count with these.
final class CalendarDayRecord: Model, @unchecked Sendable {
    static let schema = "calendar_days"

    enum Kind: String, Codable, Sendable {
        case holiday, workday
    }

    @ID(key: .id) var id: UUID?
    /// `yyyy-MM-dd`, Beijing time.
    @Field(key: "day") var day: String
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String

    init() {}

    init(day: String, kind: Kind, name: String) {
        self.day = day
        self.kind = kind.rawValue
        self.name = name
    }
}
