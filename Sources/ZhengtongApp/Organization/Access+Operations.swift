import Foundation

extension Access {
    /// Whether the person runs the platform itself (backups, running state): a grant of `system.operate` with no
    /// unit scope — the platform's own system administrator, not one a county's grant makes.
    var operatesSystem: Bool { scope(of: .systemOperate) == .all }

    /// Throws 403 unless ``operatesSystem``.
    func requireSystemOperation() throws {
        guard operatesSystem else { throw AppError.forbidden() }
    }
}
