import Fluent
import Foundation

/// Replacing a password, the same way everywhere (own change, administrator reset, console reset):
/// the new hash is stored, API tokens issued under the old one end, and the change is audited.
/// Sessions end by themselves: they are bound to the password hash (see ``SessionAuthenticator``).
enum Credentials {
    static func replacePassword(of user: User, hash: String, mustChange: Bool, action: String, by actor: AuditActor, on db: any Database) async throws {
        user.passwordHash = hash
        user.mustChangePassword = mustChange
        try await user.save(on: db)
        try await APIToken.query(on: db).filter(\.$user.$id == user.requireID()).delete()
        if mustChange {
            // A reset is how a locked-out person gets back in.
            try await LoginThrottle.query(on: db).filter(\.$key == LoginThrottling.accountKey(user.username)).delete()
        }
        try await AuditLog.record(AuditEvent(action: action, targetType: "user", targetID: user.id?.uuidString, targetLabel: user.username),
                                  by: actor, on: db)
    }
}
