import Fluent
import Foundation
import Vapor

/// Checks a username (or phone) and password, with lockout and an audit record either way.
/// Pages and the API token route share it, so both obey the same rules (``SignInAdmission``, which certificate
/// sign-in shares too).
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
        let user = try await User.query(on: req.db)
            .group(.or) { $0.filter(\.$username == identifier).filter(\.$phone == identifier) }
            .first()
        // One counter per account whether it is named by username or phone; unknown names count as themselves.
        let account = user?.username ?? identifier
        try await SignInAdmission.checkLock(account: account, label: identifier, method: .password, on: req)

        // Verifying against a decoy when the name is unknown keeps the time the same, so timing does not reveal accounts.
        let decoy = req.application.storage[DecoyPasswordHashKey.self] ?? ""
        let passwordMatches = try await req.password.async.verify(password, created: user?.passwordHash ?? decoy)

        guard let user, passwordMatches else {
            throw try await SignInAdmission.failed(
                account: account, label: identifier, method: .password, reason: "bad_credentials",
                error: AppError(status: .unauthorized, code: "bad_credentials", message: Strings.Auth.badCredentials), on: req)
        }
        return try await SignInAdmission.admit(user, method: .password, on: req)
    }
}
