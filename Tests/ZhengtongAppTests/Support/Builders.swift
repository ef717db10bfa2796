import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

/// The password every test person gets (satisfies the policy).
let testPassword = "Test#2026pw"

/// The bcrypt hash of ``testPassword`` at the tests' cost, made once.
let testPasswordHash: String = try! Bcrypt.hash(testPassword, cost: 4)

@discardableResult
func makeUnit(on app: Application, name: String, code: String? = nil, kind: ZhengtongApp.Unit.Kind = .bureau,
              parent: ZhengtongApp.Unit? = nil) async throws -> ZhengtongApp.Unit {
    let unit = ZhengtongApp.Unit(name: name, code: code ?? "u" + UUID().uuidString.prefix(8).lowercased(), kind: kind, parentID: parent?.id)
    try await unit.create(on: app.db)
    return unit
}

@discardableResult
func makeDepartment(on app: Application, unit: ZhengtongApp.Unit, name: String) async throws -> Department {
    let department = Department(unitID: try unit.requireID(), name: name)
    try await department.create(on: app.db)
    return department
}

/// A person with `roles`, each covering `scope` (their own unit when nil; everything when `.platform`).
@discardableResult
func makeUser(on app: Application, unit: ZhengtongApp.Unit, username: String, name: String? = nil, phone: String? = nil,
              roles: [BuiltinRole] = [], scope: RoleScope = .ownUnit, mustChangePassword: Bool = false,
              departments: [Department] = []) async throws -> User {
    let user = User(unitID: try unit.requireID(), username: username, name: name ?? username, phone: phone,
                    passwordHash: testPasswordHash, mustChangePassword: mustChangePassword)
    try await user.create(on: app.db)
    if !departments.isEmpty {
        try await PeopleService.setMembership(.init(departmentIDs: departments.compactMap(\.id), primaryDepartmentID: nil, positionIDs: []),
                                              for: user, on: app.db)
    }
    for builtin in roles {
        let role = try #require(try await Role.query(on: app.db).filter(\.$code == builtin.rawValue).first())
        let scopeID: UUID? = switch scope {
        case .ownUnit: unit.id
        case .platform: nil
        case .unit(let other): other.id
        }
        try await UserRole(userID: try user.requireID(), roleID: try role.requireID(), scopeUnitID: scopeID).create(on: app.db)
    }
    return user
}

enum RoleScope {
    case ownUnit
    case platform
    case unit(ZhengtongApp.Unit)
}

