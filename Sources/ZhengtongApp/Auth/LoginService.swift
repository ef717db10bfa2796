import Fluent
import Foundation
import Vapor

/// Checks a username (or phone) and password, with lockout and an audit record either way.
/// Pages and the API token route share it, so both obey the same rules.
enum LoginService {
    static let throttling = LoginThrottling()


    static func authenticate(identifier rawIdentifier: String, password: String, on req: Request) async throws -> User {
        let identifier = rawIdentifier.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !identifier.isEmpty else {
            throw AppError.validation(Strings.Auth.usernameRequired, fields: ["username": Strings.Auth.usernameRequired])
        }
        guard !password.isEmpty else {
            throw AppError.validation(Strings.Auth.passwordRequired, fields: ["password": Strings.Auth.passwordRequired])
        }
        let address = req.clientAddress
        let actor = AuditActor(userID: nil, username: String(identifier.prefix(64)), unitID: nil, clientAddress: address)

        let user = try await User.query(on: req.db)
            .group(.or) { $0.filter(\.$username == identifier).filter(\.$phone == identifier) }
            .first()
        // One counter per account whether it is named by username or phone; unknown names count as themselves.
        let account = user?.username ?? identifier
        let verdict = try await throttling.check(account: account, address: address, on: req.db)
        if verdict != .allowed {
            try await req.write { db in
                try await AuditLog.record(failure(identifier, reason: "locked"), by: actor, on: db)
            }
            let message: String
            switch verdict {
            case .accountLocked(let until): message = Strings.Auth.accountLocked(until: DisplayFormat.time(until))
            case .addressLocked(let until): message = Strings.Auth.addressLocked(until: DisplayFormat.time(until))
            case .allowed: message = ""
            }
            throw AppError(status: .tooManyRequests, code: "login_locked", message: message)
        }

        // Verifying against a decoy when the name is unknown keeps the time the same, so timing does not reveal accounts.
        let decoy = req.application.storage[DecoyPasswordHashKey.self] ?? ""
        let passwordMatches = try await req.password.async.verify(password, created: user?.passwordHash ?? decoy)

        guard let user, passwordMatches else {
            try await req.write { db in
                try await throttling.recordFailure(account: account, address: address, on: db)
                try await AuditLog.record(failure(identifier, reason: "bad_credentials"), by: actor, on: db)
            }
            throw AppError(status: .unauthorized, code: "bad_credentials", message: Strings.Auth.badCredentials)
        }
        guard !user.isDisabled else {
            try await req.write { db in
                try await AuditLog.record(failure(identifier, reason: "disabled"), by: actor, on: db)
            }
            throw AppError(status: .forbidden, code: "account_disabled", message: Strings.Auth.accountDisabled)
        }

        let userActor = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: address)
        user.lastLoginAt = Date()
        try await req.write { db in
            try await throttling.recordSuccess(account: account, on: db)
            try await user.save(on: db)
            try await AuditLog.record(
                AuditEvent(action: "auth.login", targetType: "user", targetID: user.id?.uuidString, targetLabel: user.username),
                by: userActor, on: db)
        }
        return user
    }

    private static func failure(_ identifier: String, reason: String) -> AuditEvent {
        AuditEvent(action: "auth.login", targetType: "user", targetID: nil, targetLabel: String(identifier.prefix(64)),
                   succeeded: false, after: ["reason": reason])
    }
}
