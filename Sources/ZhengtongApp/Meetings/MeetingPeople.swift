import Fluent
import Foundation

/// Whom a meeting form offers: the people of the 会务's own units, and the leaders of the units directly under them
/// (a city's 常务会 calls the county governments' and bureaus' leaders by name); the units under them to invite.
enum MeetingPeople {
    struct Candidate: Sendable {
        var id: UUID
        var label: String
    }

    static func candidates(access: Access, including extra: [UUID] = [], on db: any Database) async throws -> [Candidate] {
        let own = Array(access.meetingUnits.isEmpty ? [access.unitID] : access.meetingUnits)
        var people = try await User.query(on: db).filter(\.$unit.$id ~~ own).filter(\.$isDisabled == false).sort(\.$sortOrder).sort(\.$name).all()
        let below = Set(own.flatMap { access.tree.childrenOf[$0] ?? [] }).subtracting(own)
        let leaders = try await Leadership.leaders(of: below, on: db).map(\.id)
        let more = Set(leaders + extra).subtracting(people.compactMap(\.id))
        if !more.isEmpty { people += try await User.query(on: db).filter(\.$id ~~ Array(more)).all() }
        return people.compactMap { user in
            user.id.map { Candidate(id: $0, label: user.name + "（" + (access.tree.nameOf[user.$unit.id] ?? "") + "）") }
        }
    }

    /// Units the 会务 may invite: every enabled unit under their own, indented as the tree.
    static func units(access: Access, on db: any Database) async throws -> [Candidate] {
        let own = access.meetingUnits
        let ids = own.reduce(into: Set<UUID>()) { $0.formUnion(access.tree.subtree(of: $1)) }.subtracting(own)
        let units = try await Unit.query(on: db).filter(\.$id ~~ Array(ids)).filter(\.$isDisabled == false).sort(\.$sortOrder).sort(\.$name).all()
        return units.compactMap { unit in
            unit.id.map { Candidate(id: $0, label: String(repeating: "\u{3000}", count: max(0, access.tree.depth(of: $0) - 1)) + unit.name) }
        }
    }

    /// People of `unit` (and the offices serving it) an invited unit's clerk may name, or an attendee send instead.
    static func members(of unit: UUID, on db: any Database) async throws -> [Candidate] {
        var units = [unit]
        units += try await Unit.query(on: db).filter(\.$parent.$id == unit).filter(\.$kind == .office).all().compactMap(\.id)
        return try await User.query(on: db).filter(\.$unit.$id ~~ units).filter(\.$isDisabled == false).sort(\.$sortOrder).sort(\.$name).all()
            .compactMap { user in user.id.map { Candidate(id: $0, label: user.name) } }
    }
}
