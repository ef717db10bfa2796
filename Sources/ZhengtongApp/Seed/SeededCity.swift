import Fluent
import Foundation

/// The generated organisation as the document generator needs it: per unit its people by post, and the
/// members in the form the workflow engine's assignment rules read (``OrganizationEnvironment/Member``).
struct SeededCity: Sendable {
    struct SeededUnit: Sendable {
        var id: UUID
        var name: String
        var kind: Unit.Kind
        var parent: Int?
        var departments: [UUID]
        var issuerCode: String?
        var issuerMark: String?
        var principal: UUID
        var deputies: [UUID]
        var departmentHeads: [UUID]
        var staff: [UUID]
        var clerk: UUID
        var reviewer: UUID
        var sealKeeper: UUID
        var members: [String: OrganizationEnvironment.Member]

        /// Units whose people draft and receive documents (a government's work is done by its office).
        var handlesDocuments: Bool { kind != .government }
        var leaders: [UUID] { [principal] + deputies }
    }

    var units: [SeededUnit]
    /// Usernames of a few people to log in as, for the benchmarks and the note the command prints.
    var sampleAccounts: [(username: String, description: String)]
}

/// Writes the organisation of a ``CityShape``: units, departments, 机关代字, people with their departments,
/// posts and roles, in bulk. People are `u00001`, `u00002`, … with generated Chinese names and one password.
enum SeedOrganization {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建文辉宇浩晨欣悦博雪琳海峰志国庆春")

    static func write(_ shape: CityShape, passwordHash: String, random: inout SeededRandom, on db: any Database) async throws -> SeededCity {
        let positions = Dictionary(try await Position.query(on: db).all().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let roles = Dictionary(try await Role.query(on: db).all().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        func position(_ code: String) throws -> (id: UUID, rank: Int) {
            guard let found = positions[code] else { throw AppError.notFound() }
            return (try found.requireID(), found.rank)
        }
        let principal = try position("principal"), deputy = try position("deputyLeader"), director = try position("director")
        let staffPost = try position("staff")

        var unitRows: [Unit] = []
        var departmentRows: [Department] = []
        var codeRows: [IssuerCode] = []
        var userRows: [User] = []
        var memberships: [UserDepartment] = []
        var posts: [UserPosition] = []
        var grants: [UserRole] = []
        var city: [SeededCity.SeededUnit] = []
        var serial = 0

        for (index, plan) in shape.units.enumerated() {
            let unitID = UUID()
            let parentID = plan.parent.map { unitRows[$0].id } ?? nil
            unitRows.append(Unit(id: unitID, name: plan.name, code: plan.code, kind: plan.kind, parentID: parentID, sortOrder: index))
            let departments = plan.departments.enumerated().map { order, name in Department(id: UUID(), unitID: unitID, name: name, sortOrder: order) }
            departmentRows += departments
            let departmentIDs = departments.compactMap(\.id)
            if let code = plan.issuerCode {
                codeRows.append(IssuerCode(unitID: unitID, code: code, style: "file", issuerMark: plan.name + "文件"))
            }

            var members: [String: OrganizationEnvironment.Member] = [:]
            var people: [UUID] = []
            func person(department: Int?, post: (id: UUID, rank: Int), postCode: String, roles held: [BuiltinRole] = []) -> UUID {
                serial += 1
                let id = UUID()
                let name = String(random.pick(surnames)) + String(random.pick(givenNames)) + (random.chance(0.6) ? String(random.pick(givenNames)) : "")
                let user = User(id: id, unitID: unitID, username: String(format: "u%05d", serial), name: name,
                                phone: String(format: "139%08d", serial), passwordHash: passwordHash, mustChangePassword: false, sortOrder: people.count)
                userRows.append(user)
                let departmentID = department.map { departmentIDs[$0] }
                if let departmentID { memberships.append(UserDepartment(userID: id, departmentID: departmentID, isPrimary: true)) }
                // Leaders hold their post for the whole unit; heads and staff within their department.
                posts.append(UserPosition(userID: id, positionID: post.id, departmentID: department == nil ? nil : departmentID))
                members[id.uuidString] = OrganizationEnvironment.Member(
                    id: id.uuidString, primaryDepartment: departmentID, departments: departmentID.map { [$0] } ?? [],
                    posts: [.init(code: postCode, rank: post.rank, department: department == nil ? nil : departmentID)],
                    roles: Set(held.map(\.rawValue)))
                people.append(id)
                return id
            }

            let leader = person(department: nil, post: principal, postCode: "principal")
            var remaining = plan.people - 1
            var deputies: [UUID] = []
            // A government is its leaders; other units have one deputy per ten people or so.
            let deputyCount = plan.kind == .government ? remaining : min(max(0, remaining - departmentIDs.count - 1), max(1, plan.people / 12))
            for _ in 0..<deputyCount { deputies.append(person(department: nil, post: deputy, postCode: "deputyLeader")) }
            remaining -= deputyCount
            var heads: [UUID] = []
            var staff: [UUID] = []
            var clerk = leader, reviewer = leader, sealKeeper = leader
            if !departmentIDs.isEmpty {
                for department in departmentIDs.indices where remaining > 0 {
                    // The first department's head checks documents (公文审核员); the second's keeps the seal.
                    var held: [BuiltinRole] = []
                    if department == 0 { held.append(.officeReviewer) }
                    if department == 1 || (department == 0 && departmentIDs.count == 1) { held.append(.sealKeeper) }
                    let head = person(department: department, post: director, postCode: "director", roles: held)
                    heads.append(head)
                    if held.contains(.officeReviewer) { reviewer = head }
                    if held.contains(.sealKeeper) { sealKeeper = head }
                    remaining -= 1
                }
                var turn = 0
                while remaining > 0 {
                    // The first 科员 of the first department is the clerk (收发员) and keeps the files (档案员).
                    let department = turn % departmentIDs.count
                    let held: [BuiltinRole] = staff.isEmpty ? [.clerk, .recordsOfficer] : []
                    let id = person(department: department, post: staffPost, postCode: "staff", roles: held)
                    if staff.isEmpty { clerk = id }
                    staff.append(id)
                    remaining -= 1
                    turn += 1
                }
            }
            for id in people {
                for code in members[id.uuidString]?.roles ?? [] {
                    guard let role = roles[code] else { continue }
                    grants.append(UserRole(userID: id, roleID: try role.requireID(), scopeUnitID: unitID))
                }
            }
            city.append(SeededCity.SeededUnit(
                id: unitID, name: plan.name, kind: plan.kind, parent: plan.parent, departments: departmentIDs, issuerCode: plan.issuerCode,
                issuerMark: plan.issuerCode == nil ? nil : plan.name + "文件", principal: leader, deputies: deputies, departmentHeads: heads,
                staff: staff, clerk: clerk, reviewer: reviewer, sealKeeper: sealKeeper, members: members))
        }

        try await SeedWriter.insert(unitRows, on: db)
        try await SeedWriter.insert(departmentRows, on: db)
        try await SeedWriter.insert(codeRows, on: db)
        try await SeedWriter.insert(userRows, on: db)
        try await SeedWriter.insert(memberships, on: db)
        try await SeedWriter.insert(posts, on: db)
        try await SeedWriter.insert(grants, on: db)

        let usernames = Dictionary(userRows.compactMap { user in user.id.map { ($0, user.username) } }, uniquingKeysWith: { first, _ in first })
        var samples: [(String, String)] = []
        if city.count > 1, let office = city.first(where: { $0.kind == .office }) {
            samples.append((usernames[office.clerk] ?? "", "\(office.name) 收发员"))
            samples.append((usernames[office.reviewer] ?? "", "\(office.name) 公文审核员"))
            samples.append((usernames[office.principal] ?? "", "\(office.name) 主要领导"))
        }
        return SeededCity(units: city, sampleAccounts: samples)
    }
}
