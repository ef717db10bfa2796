import Fluent
import Foundation

/// Creating people and setting their departments and positions: shared by the admin pages,
/// the CSV import and the demo city, so all three obey the same rules.
enum PeopleService {
    /// Positions at or above this rank (分管领导, 主要领导) are held for the whole unit, not a department.
    static let unitLevelRank = 90

    struct Membership: Sendable {
        var departmentIDs: [UUID]
        var primaryDepartmentID: UUID?
        var positionIDs: [UUID]
    }

    /// Replaces a person's departments and positions. Departments must belong to the person's unit.
    static func setMembership(_ membership: Membership, for user: User, on db: any Database) async throws {
        let userID = try user.requireID()
        try await UserDepartment.query(on: db).filter(\.$user.$id == userID).delete()
        try await UserPosition.query(on: db).filter(\.$user.$id == userID).delete()
        let primary = membership.primaryDepartmentID.flatMap { membership.departmentIDs.contains($0) ? $0 : nil }
            ?? membership.departmentIDs.first
        for departmentID in membership.departmentIDs {
            try await UserDepartment(userID: userID, departmentID: departmentID, isPrimary: departmentID == primary).create(on: db)
        }
        guard !membership.positionIDs.isEmpty else { return }
        let positions = try await Position.query(on: db).filter(\.$id ~~ membership.positionIDs).all()
        for position in positions {
            let departmentID = position.rank >= unitLevelRank ? nil : primary
            try await UserPosition(userID: userID, positionID: try position.requireID(), departmentID: departmentID).create(on: db)
        }
    }

    /// Checks that departments exist in `unitID`, returning a message for the form when not.
    static func departmentProblem(_ departmentIDs: [UUID], unitID: UUID, on db: any Database) async throws -> String? {
        guard !departmentIDs.isEmpty else { return nil }
        let found = try await Department.query(on: db).filter(\.$id ~~ departmentIDs).filter(\.$unit.$id == unitID).count()
        return found == Set(departmentIDs).count ? nil : Strings.Organization.departmentWrongUnit
    }

    /// A snapshot of the fields the audit log compares.
    static func snapshot(_ user: User, membership: Membership? = nil) -> [String: String] {
        var fields = ["username": user.username, "name": user.name, "phone": user.phone ?? "", "email": user.email ?? "",
                      "unit": user.$unit.id.uuidString, "sortOrder": String(user.sortOrder), "disabled": String(user.isDisabled)]
        if let membership {
            fields["departments"] = membership.departmentIDs.map(\.uuidString).sorted().joined(separator: ",")
            fields["primaryDepartment"] = membership.primaryDepartmentID?.uuidString ?? ""
            fields["positions"] = membership.positionIDs.map(\.uuidString).sorted().joined(separator: ",")
        }
        return fields
    }

    static func currentMembership(of userID: UUID, on db: any Database) async throws -> Membership {
        let memberships = try await UserDepartment.query(on: db).filter(\.$user.$id == userID).all()
        let positions = try await UserPosition.query(on: db).filter(\.$user.$id == userID).all()
        return Membership(departmentIDs: memberships.map { $0.$department.id },
                          primaryDepartmentID: memberships.first(where: \.isPrimary)?.$department.id,
                          positionIDs: positions.map { $0.$position.id })
    }
}
