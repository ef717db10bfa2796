import Fluent
import Vapor

/// A person as the API and the pages show them: unit, departments, positions and role codes.
struct PersonDTO: Content, Sendable {
    struct UnitRef: Content, Sendable { var id: UUID; var name: String }
    struct DepartmentRef: Content, Sendable { var id: UUID; var name: String; var primary: Bool }
    struct PositionRef: Content, Sendable { var code: String; var name: String; var departmentID: UUID? }

    var id: UUID
    var username: String
    var name: String
    var phone: String?
    var email: String?
    var unit: UnitRef
    var departments: [DepartmentRef]
    var positions: [PositionRef]
    var roles: [String]
    var disabled: Bool
}

/// Loads people with everything ``PersonDTO`` shows, in a fixed number of queries however many people.
enum PersonDirectory {
    static func load(_ users: [User], on db: any Database) async throws -> [PersonDTO] {
        let ids = users.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let unitIDs = Array(Set(users.map { $0.$unit.id }))
        let units = try await Unit.query(on: db).filter(\.$id ~~ unitIDs).all()
        let unitNames = Dictionary(units.compactMap { u in u.id.map { ($0, u.name) } }, uniquingKeysWith: { a, _ in a })
        let memberships = try await UserDepartment.query(on: db).filter(\.$user.$id ~~ ids).with(\.$department).all()
        let held = try await UserPosition.query(on: db).filter(\.$user.$id ~~ ids).with(\.$position).all()
        let grants = try await UserRole.query(on: db).filter(\.$user.$id ~~ ids).with(\.$role).all()

        let departmentsByUser = Dictionary(grouping: memberships, by: { $0.$user.id })
        let positionsByUser = Dictionary(grouping: held, by: { $0.$user.id })
        let rolesByUser = Dictionary(grouping: grants, by: { $0.$user.id })

        return users.compactMap { user in
            guard let id = user.id else { return nil }
            let departments = (departmentsByUser[id] ?? [])
                .sorted { ($0.isPrimary ? 0 : 1, $0.department.sortOrder, $0.department.name) < ($1.isPrimary ? 0 : 1, $1.department.sortOrder, $1.department.name) }
                .compactMap { m in m.department.id.map { PersonDTO.DepartmentRef(id: $0, name: m.department.name, primary: m.isPrimary) } }
            let positions = (positionsByUser[id] ?? [])
                .sorted { $0.position.rank > $1.position.rank }
                .map { PersonDTO.PositionRef(code: $0.position.code, name: $0.position.name, departmentID: $0.$department.id) }
            let roles = Array(Set((rolesByUser[id] ?? []).map(\.role.code))).sorted()
            return PersonDTO(id: id, username: user.username, name: user.name, phone: user.phone, email: user.email,
                             unit: .init(id: user.$unit.id, name: unitNames[user.$unit.id] ?? ""),
                             departments: departments, positions: positions, roles: roles, disabled: user.isDisabled)
        }
    }
}

/// Filters for listing people (directory page, API, administration).
struct PeopleFilter: Sendable {
    var unitID: UUID?
    var departmentID: UUID?
    /// Name, username or phone, partial.
    var text: String?
    var includeDisabled = false
    var page = 1
    var perPage = 50

    /// Applies the filters to an already scoped query.
    func apply(_ query: QueryBuilder<User>) -> QueryBuilder<User> {
        if let unitID { query.filter(\.$unit.$id == unitID) }
        if let departmentID {
            query.join(UserDepartment.self, on: \User.$id == \UserDepartment.$user.$id)
                .filter(UserDepartment.self, \.$department.$id == departmentID)
        }
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            query.group(.or) { group in
                group.filter(\.$name ~~ text).filter(\.$username ~~ text).filter(\.$phone ~~ text)
            }
        }
        if !includeDisabled { query.filter(\.$isDisabled == false) }
        return query
    }

    /// One page of people, in directory order, with the total count.
    func run(_ scoped: QueryBuilder<User>) async throws -> (users: [User], total: Int) {
        let total = try await apply(scoped.copy()).count()
        let users = try await apply(scoped)
            .sort(\.$sortOrder).sort(\.$name)
            .range(((page - 1) * perPage)..<(page * perPage))
            .all()
        return (users, total)
    }
}
