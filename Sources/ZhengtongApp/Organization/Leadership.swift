import Fluent
import Foundation

/// Who leads what: a unit's leaders (people holding a post for the whole unit — 分管领导, 主要领导, see
/// `PeopleService.unitLevelRank`) and a department's head (主任). Steps that send work to a leader or a head
/// (签发, 批办, 会签, 承办) offer and accept only these people.
enum Leadership {
    /// A person as a choice offers them.
    struct Person: Sendable, Equatable {
        var id: UUID
        var name: String
        /// The highest post they hold, for the label (王建国（主要领导）).
        var post: String
        var rank: Int
    }

    /// The active leaders of `units`, highest post first, then in directory order.
    static func leaders(of units: Set<UUID>, on db: any Database) async throws -> [Person] {
        guard !units.isEmpty else { return [] }
        let posts = try await UserPosition.query(on: db).filter(\.$department.$id == nil)
            .join(User.self, on: \UserPosition.$user.$id == \User.$id).filter(User.self, \.$unit.$id ~~ Array(units))
            .filter(User.self, \.$isDisabled == false).with(\.$position).all()
        var best: [UUID: (position: Position, user: User)] = [:]
        for post in posts where post.position.rank >= PeopleService.unitLevelRank {
            let user = try post.joined(User.self)
            if let held = best[post.$user.id], held.position.rank >= post.position.rank { continue }
            best[post.$user.id] = (post.position, user)
        }
        return best.values.sorted { ($1.position.rank, $0.user.sortOrder, $0.user.name) < ($0.position.rank, $1.user.sortOrder, $1.user.name) }
            .compactMap { entry in entry.user.id.map { Person(id: $0, name: entry.user.name, post: entry.position.name, rank: entry.position.rank) } }
    }

    /// The principal leader (主要领导) of `unit`, if it has an active one.
    static func principal(of unit: UUID, on db: any Database) async throws -> Person? {
        try await leaders(of: [unit], on: db).first { $0.rank >= principalRank }
    }

    /// The rank of 主要领导 in the seeded catalogue.
    static let principalRank = 100

    /// The head (主任) of each department, in order, as user ids; a department without an active head in `unitID`
    /// is refused with a message naming the problem.
    static func departmentHeads(_ departments: [UUID], unitID: UUID, on db: any Database) async throws -> [UUID] {
        guard !departments.isEmpty else { return [] }
        guard let director = try await Position.query(on: db).filter(\.$code == "director").first() else { return [] }
        var people: [UUID] = []
        for department in departments {
            guard let holder = try await UserPosition.query(on: db).filter(\.$department.$id == department).filter(\.$position.$id == director.requireID())
                .join(User.self, on: \UserPosition.$user.$id == \User.$id).filter(User.self, \.$unit.$id == unitID).filter(User.self, \.$isDisabled == false)
                .first() else { throw AppError.validation(Strings.Outgoing.countersignNoDirector) }
            if !people.contains(holder.$user.id) { people.append(holder.$user.id) }
        }
        return people
    }
}
