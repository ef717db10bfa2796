import Fluent
import Foundation
import Vapor

/// A set of units: everything, or a finite set.
enum UnitScope: Sendable, Equatable {
    case all
    case units(Set<UUID>)

    func contains(_ unit: UUID) -> Bool {
        switch self {
        case .all: true
        case .units(let set): set.contains(unit)
        }
    }

    func union(_ other: UnitScope) -> UnitScope {
        switch (self, other) {
        case (.all, _), (_, .all): .all
        case (.units(let a), .units(let b)): .units(a.union(b))
        }
    }
}

/// What the signed-in person may do and over which units.
///
/// This is the one scoping place: pages, API routes and later features ask `Access`, never the
/// role tables directly, so a rule changes in one file.
struct Access: Sendable {
    /// A role held over a subtree (or everywhere when `scope` is nil).
    struct Grant: Sendable {
        var role: String
        var permissions: Set<Permission>
        var scope: UUID?
    }

    let userID: UUID
    let username: String
    let unitID: UUID
    let grants: [Grant]
    let tree: UnitTree
    /// The units whose deliveries the person would sign for as a clerk: their own, and for a 政府办公室 the
    /// government it serves (``ExchangeUnits/served(by:on:)``; whether they are a clerk is ``exchangeUnits``).
    let servedUnits: Set<UUID>
    /// Whether the person holds a post for the whole unit (a leader), not for one department.
    let leadsUnit: Bool

    static func load(for user: User, on db: any Database) async throws -> Access {
        try await load(for: user, tree: try await UnitTree.load(on: db), on: db)
    }

    static func load(for user: User, tree: UnitTree, on db: any Database) async throws -> Access {
        let userID = try user.requireID()
        let held = try await UserRole.query(on: db).filter(\.$user.$id == userID).with(\.$role).all()
        let grants = held.map { Grant(role: $0.role.code, permissions: $0.role.permissionSet, scope: $0.$scopeUnit.id) }
        let leads = try await UserPosition.query(on: db).filter(\.$user.$id == userID).filter(\.$department.$id == nil).first() != nil
        return Access(userID: userID, username: user.username, unitID: user.$unit.id, grants: grants, tree: tree,
                      servedUnits: try await ExchangeUnits.served(by: user.$unit.id, on: db), leadsUnit: leads)
    }

    /// Role codes the person holds (any scope).
    var roleCodes: Set<String> { Set(grants.map(\.role)) }

    func has(_ permission: Permission) -> Bool {
        grants.contains { $0.permissions.contains(permission) }
    }

    /// `true` when some grant with `permission` covers `unit`.
    func covers(_ permission: Permission, unit: UUID) -> Bool {
        grants.contains { grant in
            guard grant.permissions.contains(permission) else { return false }
            guard let scope = grant.scope else { return true }
            return tree.isWithin(unit, ancestor: scope)
        }
    }

    /// Every unit `permission` reaches.
    func scope(of permission: Permission) -> UnitScope {
        var result = UnitScope.units([])
        for grant in grants where grant.permissions.contains(permission) {
            guard let scope = grant.scope else { return .all }
            result = result.union(.units(tree.subtree(of: scope)))
        }
        return result
    }

    /// Units whose people this person may list: their own unit, plus what a role covers.
    var visiblePeopleScope: UnitScope {
        UnitScope.units([unitID])
            .union(scope(of: .directoryView))
            .union(scope(of: .organizationManage))
            .union(scope(of: .roleManage))
    }

    /// Throws 403 unless `permission` covers `unit` (or, without a unit, is held at all).
    func require(_ permission: Permission, unit: UUID? = nil) throws {
        let allowed = unit.map { covers(permission, unit: $0) } ?? has(permission)
        guard allowed else { throw AppError.forbidden() }
    }

    /// Accounts the system administrator may not edit, reset, move or disable (三员分立): a password
    /// reset would let them sign in as the security or audit administrator.
    static let protectedRoleCodes: Set<String> = [BuiltinRole.secAdmin.rawValue, BuiltinRole.auditAdmin.rawValue]

    /// Throws 403 unless this person may manage `user`'s account.
    func requireAccountManagement(of user: User, on db: any Database) async throws {
        try require(.organizationManage, unit: user.$unit.id)
        let held = try await UserRole.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$role).all().map(\.role.code)
        guard Set(held).isDisjoint(with: Self.protectedRoleCodes) else {
            throw AppError.forbidden(Strings.Organization.protectedAdministrator)
        }
    }

    /// The page-side twin of ``requireAccountManagement(of:on:)`` for a loaded person.
    func canManageAccount(of person: PersonDTO) -> Bool {
        covers(.organizationManage, unit: person.unit.id) && Set(person.roles).isDisjoint(with: Self.protectedRoleCodes)
    }

    /// Restricts a person query to the people this person may see.
    func scopePeople(_ query: QueryBuilder<User>) -> QueryBuilder<User> {
        restrict(query, to: visiblePeopleScope)
    }

    /// Restricts a person query to the people this person may manage.
    func scopeManagedPeople(_ query: QueryBuilder<User>) -> QueryBuilder<User> {
        restrict(query, to: scope(of: .organizationManage))
    }

    private func restrict(_ query: QueryBuilder<User>, to scope: UnitScope) -> QueryBuilder<User> {
        switch scope {
        case .all: query
        case .units(let ids): query.filter(\.$unit.$id ~~ Array(ids))
        }
    }
}

extension Request {
    private struct AccessKey: StorageKey { typealias Value = Access }

    /// The signed-in person's ``Access``, loaded once per request. Throws 401 when nobody is signed in.
    func access() async throws -> Access {
        if let cached = storage[AccessKey.self] { return cached }
        guard let user = auth.get(User.self) else { throw AppError.unauthorized() }
        let access = try await application.organizationCache.access(for: user, try await organizationGeneration(), on: db)
        storage[AccessKey.self] = access
        return access
    }

    /// The signed-in person; 401 when nobody is.
    func currentUser() throws -> User {
        guard let user = auth.get(User.self) else { throw AppError.unauthorized() }
        return user
    }

    /// Who is acting, for the audit log.
    func auditActor() -> AuditActor {
        let user = auth.get(User.self)
        return AuditActor(userID: user?.id, username: user?.username ?? "anonymous", unitID: user?.$unit.id, clientAddress: clientAddress)
    }
}
