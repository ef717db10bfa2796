import Foundation

/// Who keeps certificate bindings and the units' key sign-in requirement: the security administrator (role and
/// authorisation management, `role.manage`) over the units in their scope — not the system administrator, who
/// manages accounts and must not be able to give himself, or anyone, a second way in (三员分立).
extension Access {
    func requireCertificateManagement(unit: UUID) throws {
        try require(.roleManage, unit: unit)
    }

    var managesCertificates: Bool { has(.roleManage) }

    /// The units whose people's certificates and requirement this person keeps.
    var certificateScope: UnitScope { scope(of: .roleManage) }
}
