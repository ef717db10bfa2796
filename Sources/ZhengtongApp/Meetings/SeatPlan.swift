import Foundation

/// 座次: where each person sits, by the order Chinese official meetings use. Pure: no database.
///
/// On the 主席台 the most senior sits in the middle, the second on their left (the audience's right), the third on their
/// right, and so on alternating outwards ("左为上", as seen from the rostrum). With an even number of seats the two
/// middle seats are shared by the first two, the first on the audience's left of the pair — the same rule, so one
/// formula serves both: start at seat ⌊(n−1)/2⌋ (0-based from the audience's left), then +1, −1, +2, −2 …
/// In the hall, people sit by rank, then by their unit's order, front row first, each row filled from the middle out
/// the same way.
enum SeatPlan {
    struct Person: Sendable, Equatable {
        var id: UUID
        var rank: Int
        /// The unit's place in the directory (lower first).
        var unitOrder: Int
        var name: String
    }

    struct Seat: Sendable, Equatable, Hashable {
        var zone: MeetingAttendee.Zone
        /// 1 on the rostrum; in the hall 1 is the front row.
        var row: Int
        /// 1 … seats in the row, from the audience's left.
        var number: Int
    }

    /// The order seats are given in a row of `count` seats: 0-based indexes from the audience's left.
    static func order(seats count: Int) -> [Int] {
        guard count > 0 else { return [] }
        let start = (count - 1) / 2
        var result = [start]
        var step = 1
        while result.count < count {
            if start + step < count { result.append(start + step) }
            if result.count < count, start - step >= 0 { result.append(start - step) }
            step += 1
        }
        return result
    }

    /// Most senior first: rank, then unit order, then name (a stable order for equals).
    static func sorted(_ people: [Person]) -> [Person] {
        people.sorted { ($1.rank, $0.unitOrder, $0.name) < ($0.rank, $1.unitOrder, $1.name) }
    }

    /// Seats for everyone who fits; those who do not (more people than seats) are left out of the result.
    static func arrange(rostrum: [Person], hall: [Person], rostrumSeats: Int, rows: Int, seatsPerRow: Int) -> [UUID: Seat] {
        var seats: [UUID: Seat] = [:]
        var overflow: [Person] = []
        let onRostrum = sorted(rostrum)
        for (person, index) in zip(onRostrum, order(seats: rostrumSeats)) {
            seats[person.id] = Seat(zone: .rostrum, row: 1, number: index + 1)
        }
        if onRostrum.count > rostrumSeats { overflow = Array(onRostrum.dropFirst(rostrumSeats)) }
        // Whoever did not fit on the rostrum leads the hall.
        var queue = overflow + sorted(hall)
        let rowOrder = order(seats: seatsPerRow)
        var row = 1
        while !queue.isEmpty && row <= rows {
            for index in rowOrder where !queue.isEmpty {
                seats[queue.removeFirst().id] = Seat(zone: .hall, row: row, number: index + 1)
            }
            row += 1
        }
        return seats
    }
}
