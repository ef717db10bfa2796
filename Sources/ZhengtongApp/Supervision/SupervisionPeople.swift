import Fluent
import Foundation

/// Whom 督办 notifies: a responsible unit's handlers (its 督查员, the serving office's for a government, and a
/// department's people), and an item's 督查室.
enum SupervisionPeople {
    /// The people who handle `assignment`.
    static func handlers(of assignment: SupervisionAssignment, on db: any Database) async throws -> [UUID] {
        var people = try await PermissionHolders.people(with: .supervisionManage, in: try await actingUnits(for: assignment.unitID, on: db), on: db)
        if let department = assignment.departmentID {
            let members = try await UserDepartment.query(on: db).filter(\.$department.$id == department)
                .join(User.self, on: \UserDepartment.$user.$id == \User.$id).filter(User.self, \.$isDisabled == false).all().map(\.$user.id)
            people += members.filter { !people.contains($0) }
        }
        return people
    }

    /// The 督查室 of `item`: the 督查员 of its owner unit (for a government, of its offices).
    static func office(of item: SupervisionItem, on db: any Database) async throws -> [UUID] {
        try await PermissionHolders.people(with: .supervisionManage, in: try await actingUnits(for: item.ownerUnitID, on: db), on: db)
    }

    /// The units whose 督查员 act for `unit`: itself, and for a government the offices that serve it.
    static func actingUnits(for unit: UUID, on db: any Database) async throws -> [UUID] {
        var units = [unit]
        if let record = try await Unit.find(unit, on: db), record.kind == .government {
            units += try await Unit.query(on: db).filter(\.$parent.$id == unit).filter(\.$kind == .office).all().compactMap(\.id)
        }
        return units
    }

    /// Tells `people` about `item`, once per `key`.
    static func notify(_ people: [UUID], item: SupervisionItem, title: String, body: String? = nil, key: String, at now: Date,
                       on db: any Database) async throws {
        guard !people.isEmpty else { return }
        try await Notifier.send(NotificationDraft(kind: .supervision, title: title, body: body, link: SiteURL.supervisionItem.link(try item.requireID()),
                                                  key: key), to: people, at: now, on: db)
    }
}
