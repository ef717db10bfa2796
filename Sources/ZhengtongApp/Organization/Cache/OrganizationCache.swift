import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor
import WorkflowEngine

/// What requests compute from the organisation again and again — the unit tree, a person's grants (``Access``),
/// the person an API token belongs to, a unit's members for assignment rules, the working calendar, 委托 — kept
/// while `organization_generation` (raised by database triggers on every change to what they are computed
/// from; see ``M0018_CreateOrganizationGeneration``) stays the same.
///
/// Each request reads the generation once (one small query) before it uses anything cached, so a change
/// committed by any process is seen by the next request: no time-to-live, no staleness window. At the 8:30
/// peak this turns the five queries of signing in and loading grants into that one.
final class OrganizationCache: Sendable {
    /// A signed-in person as a session or an API token names them: what `users` holds, every column of which
    /// raises the generation when it changes (``M0018_CreateOrganizationGeneration``, ``M0023_WatchPeopleContacts``)
    /// except `last_login_at`, which no request reads from the signed-in person.
    struct Person: Sendable {
        var userID: UUID
        var unitID: UUID
        var username: String
        var name: String
        var phone: String?
        var email: String?
        var passwordHash: String
        var mustChangePassword: Bool
        var isDisabled: Bool
        var sortOrder: Int

        init(_ user: User) throws {
            userID = try user.requireID()
            unitID = user.$unit.id
            username = user.username
            name = user.name
            phone = user.phone
            email = user.email
            passwordHash = user.passwordHash
            mustChangePassword = user.mustChangePassword
            isDisabled = user.isDisabled
            sortOrder = user.sortOrder
        }

        /// A fresh model for this request (a cached instance would be shared by concurrent requests).
        func user() -> User {
            let user = User(id: userID, unitID: unitID, username: username, name: name, phone: phone, email: email, passwordHash: passwordHash,
                            mustChangePassword: mustChangePassword, sortOrder: sortOrder)
            user.isDisabled = isDisabled
            user.$id.exists = true
            return user
        }
    }

    /// The person an API token belongs to, and until when.
    struct TokenHolder: Sendable {
        var person: Person
        var expiresAt: Date
    }

    private struct State {
        var generation: Int64 = -1
        var tree: UnitTree?
        var accesses: [UUID: Access] = [:]
        var tokens: [String: TokenHolder] = [:]
        var people: [UUID: Person] = [:]
        var members: [UUID: [String: OrganizationEnvironment.Member]] = [:]
        var unitOf: [UUID: UUID] = [:]
        var calendar: WorkingCalendar?
        var delegations: [DelegationRule]?
    }

    /// Entries per kind before the cache starts over (a city has about 8,000 people).
    static let limit = 50_000
    private let state = NIOLockedValueBox(State())

    /// The current generation; empties the cache when it moved.
    func synchronize(on db: any Database) async throws -> Int64 {
        let sql = try db.sqlDatabase()
        let generation = try await sql.raw("SELECT value FROM organization_generation WHERE id = 1").first()?.decode(column: "value", as: Int64.self) ?? -1
        state.withLockedValue { state in
            // Only forward: a request that read an older number loads from the database and keeps nothing.
            if generation > state.generation { state = State(generation: generation) }
        }
        return generation
    }

    /// `load`s and keeps a value under `generation` (read before loading: a change committed meanwhile raises
    /// the generation, so the value is loaded again on the next request rather than kept stale).
    private func value<T>(_ generation: Int64, _ read: (inout State) -> T?, _ write: @escaping (inout State, T) -> Void,
                          load: () async throws -> T) async throws -> T {
        if let cached = state.withLockedValue({ $0.generation == generation ? read(&$0) : nil }) { return cached }
        let loaded = try await load()
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            write(&state, loaded)
        }
        return loaded
    }

    func tree(_ generation: Int64, on db: any Database) async throws -> UnitTree {
        try await value(generation, { $0.tree }, { $0.tree = $1 }) { try await UnitTree.load(on: db) }
    }

    func access(for user: User, _ generation: Int64, on db: any Database) async throws -> Access {
        let id = try user.requireID()
        let tree = try await tree(generation, on: db)
        return try await value(generation, { $0.accesses[id] }, { state, access in
            if state.accesses.count >= Self.limit { state.accesses.removeAll() }
            state.accesses[id] = access
        }) { try await Access.load(for: user, tree: tree, on: db) }
    }

    func tokenHolder(digest: String, _ generation: Int64, on db: any Database) async throws -> TokenHolder? {
        if let cached = state.withLockedValue({ $0.generation == generation ? $0.tokens[digest] : nil }) { return cached }
        guard let token = try await APIToken.query(on: db).filter(\.$tokenHash == digest).with(\.$user).first() else { return nil }
        let holder = TokenHolder(person: try Person(token.user), expiresAt: token.expiresAt)
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.tokens.count >= Self.limit { state.tokens.removeAll() }
            state.tokens[digest] = holder
        }
        return holder
    }

    /// The person a session names (nil: no such person any more).
    func person(_ id: UUID, _ generation: Int64, on db: any Database) async throws -> Person? {
        if let cached = state.withLockedValue({ $0.generation == generation ? $0.people[id] : nil }) { return cached }
        guard let user = try await User.find(id, on: db) else { return nil }
        let person = try Person(user)
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.people.count >= Self.limit { state.people.removeAll() }
            state.people[id] = person
        }
        return person
    }

    func members(ofUnit unitID: UUID, _ generation: Int64, on db: any Database) async throws -> [String: OrganizationEnvironment.Member] {
        try await value(generation, { $0.members[unitID] }, { state, members in
            if state.members.count >= Self.limit { state.members.removeAll() }
            state.members[unitID] = members
        }) { try await OrganizationEnvironment.members(ofUnit: unitID, on: db) }
    }

    /// The unit a person belongs to.
    func unit(of userID: UUID, _ generation: Int64, on db: any Database) async throws -> UUID {
        try await value(generation, { $0.unitOf[userID] }, { state, unit in
            if state.unitOf.count >= Self.limit { state.unitOf.removeAll() }
            state.unitOf[userID] = unit
        }) {
            guard let person = try await User.find(userID, on: db) else { throw AppError.notFound() }
            return person.$unit.id
        }
    }

    /// 委托 rules not yet over when loaded (the engine checks each rule's dates when it applies it).
    func delegations(_ generation: Int64, on db: any Database) async throws -> [DelegationRule] {
        try await value(generation, { $0.delegations }, { $0.delegations = $1 }) { try await OrganizationEnvironment.delegations(on: db) }
    }

    func calendar(_ generation: Int64, on db: any Database) async throws -> WorkingCalendar {
        try await value(generation, { $0.calendar }, { $0.calendar = $1 }) { try await WorkingDays.calendar(on: db) }
    }
}

extension Application {
    private struct OrganizationCacheKey: StorageKey { typealias Value = OrganizationCache }

    /// The one cache of this process; made at configure time.
    var organizationCache: OrganizationCache {
        get {
            guard let cache = storage[OrganizationCacheKey.self] else { fatalError("organizationCache used before configure") }
            return cache
        }
        set { storage[OrganizationCacheKey.self] = newValue }
    }
}

extension Request {
    private struct GenerationKey: StorageKey { typealias Value = Int64 }

    /// The organisation generation this request works under, read once per request.
    func organizationGeneration() async throws -> Int64 {
        if let known = storage[GenerationKey.self] { return known }
        let generation = try await application.organizationCache.synchronize(on: db)
        storage[GenerationKey.self] = generation
        return generation
    }
}
