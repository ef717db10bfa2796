import Fluent
import SwiftCSV
import Vapor

/// Imports units, departments and people from a spreadsheet export, all or nothing.
///
/// One row per person (or per unit/department with the person columns empty). Columns, by
/// Chinese or English header: 单位/unit (path `市政府/县政府/县财政局`, required), 单位编码/unitCode,
/// 单位类型/unitKind, 部门/department (path inside the unit), 姓名/name, 用户名/username,
/// 手机/phone, 邮箱/email, 职务/position, 角色/roles (收发员、印章管理员).
/// Existing units and departments are matched by their path of names; nothing is changed,
/// only added. The three administrator roles cannot be imported (三员 are granted by hand).
struct OrgImport {
    let app: Application

    struct Problem: Sendable, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { line > 0 ? Strings.Import.atLine(line, message) : message }
    }

    struct IssuedPassword: Sendable {
        var username: String
        var name: String
        var password: String
    }

    struct Summary: Sendable {
        var units = 0
        var departments = 0
        var people = 0
        var positions = 0
        var passwords: [IssuedPassword] = []
    }

    enum Outcome: Sendable {
        case rejected([Problem])
        case imported(Summary)
    }

    /// A row after parsing and checking, before anything is written.
    struct PersonRow: Sendable {
        var line: Int
        var unitPath: [String]
        var departmentPath: [String]
        var name: String
        var username: String
        var phone: String?
        var email: String?
        var positions: [String]
        var roles: [String]
    }

    struct UnitRow: Sendable {
        var line: Int
        var path: [String]
        var code: String?
        var kind: Unit.Kind?
    }

    static let headerAliases: [String: String] = [
        "单位": "unit", "unit": "unit", "单位编码": "unitCode", "unitcode": "unitCode", "单位类型": "unitKind", "unitkind": "unitKind",
        "部门": "department", "department": "department", "姓名": "name", "name": "name", "用户名": "username", "账号": "username",
        "username": "username", "手机": "phone", "手机号": "phone", "phone": "phone", "邮箱": "email", "电子邮箱": "email", "email": "email",
        "职务": "position", "岗位": "position", "position": "position", "角色": "roles", "roles": "roles",
    ]

    static func path(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "/" || $0 == "／" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { "、,，;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run(data: Data, initialPassword: String?) async throws -> Outcome {
        let text: String
        do {
            text = try TextDecoding.decodeSpreadsheetText(data)
        } catch {
            return .rejected([Problem(line: 0, message: Strings.Import.encodingUnknown)])
        }
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            return .rejected([Problem(line: 0, message: Strings.Import.unparseable("\(error)"))])
        }
        var problems: [Problem] = []
        var columns: [String: Int] = [:]
        for (index, header) in csv.header.enumerated() {
            let key = header.trimmingCharacters(in: .whitespaces).lowercased()
            if let canonical = Self.headerAliases[key] ?? Self.headerAliases[header.trimmingCharacters(in: .whitespaces)] {
                columns[canonical] = index
            } else if !key.isEmpty {
                problems.append(Problem(line: 1, message: Strings.Import.unknownColumn(header)))
            }
        }
        guard columns["unit"] != nil else {
            return .rejected(problems + [Problem(line: 1, message: Strings.Import.unitColumnMissing)])
        }

        let positions = try await Position.query(on: app.db).all()
        let positionByName = Dictionary(positions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let roles = try await Role.query(on: app.db).all()
        let roleByName = Dictionary(roles.flatMap { [($0.name, $0), ($0.code, $0)] }, uniquingKeysWith: { a, _ in a })
        let kindByLabel = Dictionary(Unit.Kind.allCases.flatMap { [($0.label, $0), ($0.rawValue, $0)] }, uniquingKeysWith: { a, _ in a })
        var seenUsernames: [String: Int] = [:]
        var seenPhones: [String: Int] = [:]
        var unitRows: [UnitRow] = []
        var people: [PersonRow] = []

        for (index, row) in csv.rows.enumerated() {
            let line = index + 2
            func cell(_ name: String) -> String {
                guard let column = columns[name], column < row.count else { return "" }
                return row[column].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let unitPath = Self.path(cell("unit"))
            if unitPath.isEmpty { problems.append(Problem(line: line, message: Strings.Import.unitEmpty)); continue }
            if let bad = unitPath.first(where: { FieldRules.name($0) != nil }) { problems.append(Problem(line: line, message: Strings.Import.unitNameTooLong(bad))) }
            var kind: Unit.Kind?
            if !cell("unitKind").isEmpty {
                kind = kindByLabel[cell("unitKind")]
                if kind == nil { problems.append(Problem(line: line, message: Strings.Import.unitKindUnknown(cell("unitKind")))) }
            }
            let code = cell("unitCode")
            if !code.isEmpty, let problem = FieldRules.code(code) { problems.append(Problem(line: line, message: Strings.Import.unitCodeInvalid(problem))) }
            unitRows.append(UnitRow(line: line, path: unitPath, code: code.isEmpty ? nil : code, kind: kind))

            let name = cell("name"), username = cell("username")
            if name.isEmpty && username.isEmpty { continue }
            if name.isEmpty { problems.append(Problem(line: line, message: Strings.Organization.personNameRequired)) }
            if let problem = FieldRules.username(username) { problems.append(Problem(line: line, message: problem)) }
            if let first = seenUsernames[username.lowercased()] {
                problems.append(Problem(line: line, message: Strings.Import.usernameRepeated(username, firstLine: first)))
            }
            seenUsernames[username.lowercased()] = line
            let phone = cell("phone")
            if let problem = FieldRules.phone(phone) { problems.append(Problem(line: line, message: problem)) }
            if !phone.isEmpty {
                if let first = seenPhones[phone] { problems.append(Problem(line: line, message: Strings.Import.phoneRepeated(firstLine: first))) }
                seenPhones[phone] = line
            }
            let email = cell("email")
            if let problem = FieldRules.email(email) { problems.append(Problem(line: line, message: problem)) }
            let positionNames = Self.list(cell("position"))
            for position in positionNames where positionByName[position] == nil {
                problems.append(Problem(line: line, message: Strings.Import.positionUnknown(position)))
            }
            let roleNames = Self.list(cell("roles"))
            for role in roleNames {
                guard let found = roleByName[role] else {
                    problems.append(Problem(line: line, message: Strings.Import.roleUnknown(role))); continue
                }
                if let builtin = BuiltinRole(rawValue: found.code), BuiltinRole.administrators.contains(builtin) {
                    problems.append(Problem(line: line, message: Strings.Import.adminRoleNotImportable(found.name)))
                }
            }
            if let initialPassword, let problem = PasswordPolicy.problem(with: initialPassword, username: username) {
                problems.append(Problem(line: line, message: Strings.Import.initialPasswordUnfit(problem)))
            }
            people.append(PersonRow(line: line, unitPath: unitPath, departmentPath: Self.path(cell("department")), name: name,
                                    username: username, phone: phone.isEmpty ? nil : phone, email: email.isEmpty ? nil : email,
                                    positions: positionNames, roles: roleNames))
        }
        if unitRows.isEmpty && problems.isEmpty { problems.append(Problem(line: 0, message: Strings.Import.noRows)) }

        // Conflicts with what the database already holds.
        let usernames = people.map(\.username)
        for chunk in stride(from: 0, to: usernames.count, by: 500).map({ Array(usernames[$0..<min($0 + 500, usernames.count)]) }) {
            for existing in try await User.query(on: app.db).filter(\.$username ~~ chunk).all() {
                let line = people.first { $0.username == existing.username }?.line ?? 0
                problems.append(Problem(line: line, message: Strings.Import.usernameExists(existing.username)))
            }
        }
        let phones = people.compactMap(\.phone)
        for chunk in stride(from: 0, to: phones.count, by: 500).map({ Array(phones[$0..<min($0 + 500, phones.count)]) }) {
            for existing in try await User.query(on: app.db).filter(\.$phone ~~ chunk.map(Optional.some)).all() {
                let line = people.first { $0.phone == existing.phone }?.line ?? 0
                problems.append(Problem(line: line, message: Strings.Import.phoneInUse(existing.phone ?? "", by: existing.username)))
            }
        }
        problems += try await unitCodeProblems(unitRows)
        guard problems.isEmpty else { return .rejected(problems.sorted { $0.line < $1.line }) }

        return .imported(try await write(unitRows: unitRows, people: people, initialPassword: initialPassword,
                                         positionByName: positionByName, roleByName: roleByName))
    }

    /// A unit code may name only one unit: within the file, and against units already on the platform.
    private func unitCodeProblems(_ rows: [UnitRow]) async throws -> [Problem] {
        var problems: [Problem] = []
        var pathByCode: [String: (path: String, line: Int)] = [:]
        let existing = try await TreeResolver.load(on: app.db)
        for row in rows {
            guard let code = row.code else { continue }
            let path = row.path.joined(separator: "/")
            if let earlier = pathByCode[code], earlier.path != path {
                problems.append(Problem(line: row.line, message: Strings.Import.unitCodeRepeated(code, line: earlier.line, path: earlier.path)))
            }
            pathByCode[code] = pathByCode[code] ?? (path, row.line)
            if let unit = try await Unit.query(on: app.db).filter(\.$code == code).first(), existing.unitID(path: row.path) != unit.id {
                problems.append(Problem(line: row.line, message: Strings.Import.unitCodeTaken(code, by: unit.name)))
            }
        }
        return problems
    }

    /// Hashes passwords (off the event loop, in parallel), then writes everything in one transaction.
    private func write(unitRows: [UnitRow], people: [PersonRow], initialPassword: String?,
                       positionByName: [String: Position], roleByName: [String: Role]) async throws -> Summary {
        var summary = Summary()
        var passwords: [String] = []
        var hashes: [String] = []
        if let initialPassword {
            // One shared initial password: hash once; everyone must change it at first login.
            let hash = try await app.password.async.hash(initialPassword)
            passwords = Array(repeating: initialPassword, count: people.count)
            hashes = Array(repeating: hash, count: people.count)
        } else {
            passwords = people.map { _ in PasswordPolicy.generate() }
            let app = self.app
            hashes = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for (index, password) in passwords.enumerated() {
                    group.addTask { (index, try await app.password.async.hash(password)) }
                }
                var result = Array(repeating: "", count: passwords.count)
                for try await (index, hash) in group { result[index] = hash }
                return result
            }
            summary.passwords = zip(people, passwords).map { IssuedPassword(username: $0.username, name: $0.name, password: $1) }
        }
        let actor = AuditActor.system("org-import")
        let finalHashes = hashes
        let counts = try await app.write { db -> (Int, Int, Int) in
            var resolver = try await TreeResolver.load(on: db)
            var createdUnits = 0, createdDepartments = 0
            for row in unitRows {
                createdUnits += try await resolver.unit(path: row.path, code: row.code, kind: row.kind, actor: actor, on: db).created
            }
            for (index, person) in people.enumerated() {
                let unitID = try await resolver.unit(path: person.unitPath, code: nil, kind: nil, actor: actor, on: db).id
                var departmentIDs: [UUID] = []
                if !person.departmentPath.isEmpty {
                    let department = try await resolver.department(unitID: unitID, path: person.departmentPath, actor: actor, on: db)
                    createdDepartments += department.created
                    departmentIDs = [department.id]
                }
                let user = User(unitID: unitID, username: person.username, name: person.name, phone: person.phone, email: person.email,
                                passwordHash: finalHashes[index], mustChangePassword: true)
                try await user.create(on: db)
                let membership = PeopleService.Membership(departmentIDs: departmentIDs, primaryDepartmentID: departmentIDs.first,
                                                          positionIDs: person.positions.compactMap { positionByName[$0]?.id })
                try await PeopleService.setMembership(membership, for: user, on: db)
                try await AuditLog.record(AuditEvent(action: "user.create", targetType: "user", targetID: user.id?.uuidString,
                                                     targetLabel: user.username, after: PeopleService.snapshot(user, membership: membership)),
                                          by: actor, on: db)
                for roleName in person.roles {
                    if let role = roleByName[roleName] { try await RoleGrants.grant(role, to: user, scope: unitID, by: actor, on: db) }
                }
            }
            return (createdUnits, createdDepartments, people.count)
        }
        summary.units = counts.0
        summary.departments = counts.1
        summary.people = counts.2
        return summary
    }
}

/// Finds or creates units and departments by their path of names, inside the import's transaction.
struct TreeResolver {
    private var unitsByPath: [String: UUID] = [:]
    private var departmentsByPath: [String: UUID] = [:]

    static func load(on db: any Database) async throws -> TreeResolver {
        var resolver = TreeResolver()
        let units = try await Unit.query(on: db).all()
        let byID = Dictionary(units.compactMap { u in u.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        for unit in units {
            var names: [String] = []
            var current: Unit? = unit
            var guardSteps = 0
            while let node = current, guardSteps < 64 {
                names.insert(node.name, at: 0)
                current = node.$parent.id.flatMap { byID[$0] }
                guardSteps += 1
            }
            resolver.unitsByPath[names.joined(separator: "/")] = unit.id
        }
        let departments = try await Department.query(on: db).all()
        let departmentByID = Dictionary(departments.compactMap { d in d.id.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
        for department in departments {
            var names: [String] = []
            var current: Department? = department
            var guardSteps = 0
            while let node = current, guardSteps < 64 {
                names.insert(node.name, at: 0)
                current = node.$parent.id.flatMap { departmentByID[$0] }
                guardSteps += 1
            }
            resolver.departmentsByPath[department.$unit.id.uuidString + ":" + names.joined(separator: "/")] = department.id
        }
        return resolver
    }

    /// The existing unit at `path`, if any.
    func unitID(path: [String]) -> UUID? {
        unitsByPath[path.joined(separator: "/")]
    }

    /// The unit at `path`, creating missing ones along the way (the last one takes `code` and `kind`).
    mutating func unit(path: [String], code: String?, kind: Unit.Kind?, actor: AuditActor, on db: any Database) async throws -> (id: UUID, created: Int) {
        var parentID: UUID?
        var created = 0
        for depth in 1...path.count {
            let key = path.prefix(depth).joined(separator: "/")
            if let existing = unitsByPath[key] { parentID = existing; continue }
            let isLast = depth == path.count
            let name = path[depth - 1]
            let unit = Unit(name: name, code: (isLast ? code : nil) ?? "u" + String(UUID().uuidString.prefix(8)).lowercased(),
                            kind: (isLast ? kind : nil) ?? Self.guessKind(name), parentID: parentID)
            try await unit.create(on: db)
            try await AuditLog.record(AuditEvent(action: "unit.create", targetType: "unit", targetID: unit.id?.uuidString, targetLabel: unit.name,
                                                 after: unit.auditSnapshot), by: actor, on: db)
            unitsByPath[key] = unit.id
            parentID = unit.id
            created += 1
        }
        return (parentID!, created)
    }

    mutating func department(unitID: UUID, path: [String], actor: AuditActor, on db: any Database) async throws -> (id: UUID, created: Int) {
        var parentID: UUID?
        var created = 0
        for depth in 1...path.count {
            let key = unitID.uuidString + ":" + path.prefix(depth).joined(separator: "/")
            if let existing = departmentsByPath[key] { parentID = existing; continue }
            let department = Department(unitID: unitID, parentID: parentID, name: path[depth - 1])
            try await department.create(on: db)
            try await AuditLog.record(AuditEvent(action: "department.create", targetType: "department", targetID: department.id?.uuidString,
                                                 targetLabel: department.name, after: department.auditSnapshot), by: actor, on: db)
            departmentsByPath[key] = department.id
            parentID = department.id
            created += 1
        }
        return (parentID!, created)
    }

    /// A sensible kind from the name, so a plain path imports well.
    static func guessKind(_ name: String) -> Unit.Kind {
        if name.hasSuffix("办公室") { return .office }
        if name.hasSuffix("人民政府") && (name.contains("镇") || name.contains("乡")) { return .township }
        if name.hasSuffix("街道办事处") { return .township }
        if name.hasSuffix("人民政府") { return .government }
        if name.hasSuffix("局") || name.hasSuffix("委员会") || name.hasSuffix("委") || name.hasSuffix("办") { return .bureau }
        return .other
    }
}
