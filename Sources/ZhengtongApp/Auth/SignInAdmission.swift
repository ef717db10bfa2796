import Fluent
import Foundation
import Vapor

/// How a person proved who they are; recorded as `method` in every `auth.login` audit record.
enum SignInMethod: String, Sendable {
    case password
    /// A TLS client certificate the reverse proxy verified and passed on (method A).
    case clientCertificate = "client_certificate"
    /// A challenge signed by a USB key through the vendor's local signing service, or a phone (method B).
    case keyChallenge = "key_challenge"
    /// Single sign-on through the province's identity platform (OIDC).
    case oidc

    /// Whether the person proved it with a key or certificate: a unit that requires key sign-in admits only these.
    var isKey: Bool { self == .clientCertificate || self == .keyChallenge }
}

/// The rules every sign-in method obeys, in one place: lockout (per account and per address), disabled accounts,
/// a unit's key sign-in requirement, the `auth.login` audit record (with the method and, on failure, the reason).
/// Password sign-in (``LoginService``), certificate sign-in (``KeySignIn``) and single sign-on (``OIDCSignIn``) call
/// it; the caller proves the credential, this decides whether that person may come in.
enum SignInAdmission {
    /// Refuses with 429 when the account or the client address is locked.
    static func checkLock(account: String, label: String, method: SignInMethod, on req: Request) async throws {
        let address = req.clientAddress
        let verdict = try await LoginService.throttling.check(account: account, address: address, on: req.db)
        guard verdict != .allowed else { return }
        try await req.write { db in
            try await AuditLog.record(failure(label, method: method, reason: "locked"), by: anonymous(label, req), on: db)
        }
        let message: String
        switch verdict {
        case .accountLocked(let until): message = Strings.Auth.accountLocked(until: DisplayFormat.time(until))
        case .addressLocked(let until): message = Strings.Auth.addressLocked(until: DisplayFormat.time(until))
        case .allowed: message = ""
        }
        throw AppError(status: .tooManyRequests, code: "login_locked", message: message)
    }

    /// Counts a failed proof against `account` and the client address, audits it with `reason`, and returns `error`
    /// for the caller to throw.
    static func failed(account: String, label: String, method: SignInMethod, reason: String, details: [String: String] = [:],
                       error: AppError, on req: Request) async throws -> AppError {
        let address = req.clientAddress
        let actor = anonymous(label, req)
        try await req.write { db in
            try await LoginService.throttling.recordFailure(account: account, address: address, on: db)
            try await AuditLog.record(failure(label, method: method, reason: reason, details: details), by: actor, on: db)
        }
        return error
    }

    /// `user` proved who they are by `method`: refuses a disabled account, and password or single sign-on for a unit that requires
    /// key sign-in; otherwise clears the account's failures, notes the time and audits the sign-in.
    @discardableResult
    static func admit(_ user: User, method: SignInMethod, details: [String: String] = [:], on req: Request) async throws -> User {
        let label = user.username
        guard !user.isDisabled else {
            try await req.write { db in
                try await AuditLog.record(failure(label, method: method, reason: "disabled", details: details), by: anonymous(label, req), on: db)
            }
            throw AppError(status: .forbidden, code: "account_disabled", message: Strings.Auth.accountDisabled)
        }
        // Password and single sign-on alike: a unit that made the key its people's login certificate admits only keys.
        if !method.isKey, try await KeySignInPolicy.isRequired(for: user, on: req.db) {
            try await req.write { db in
                try await AuditLog.record(failure(label, method: method, reason: "key_sign_in_required", details: details),
                                          by: anonymous(label, req), on: db)
            }
            throw AppError(status: .forbidden, code: "key_sign_in_required", message: Strings.KeySignIn.required)
        }
        let actor = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: req.clientAddress)
        user.lastLoginAt = Date()
        try await req.write { db in
            try await LoginService.throttling.recordSuccess(account: user.username, on: db)
            try await user.save(on: db)
            try await AuditLog.record(
                AuditEvent(action: "auth.login", targetType: "user", targetID: user.id?.uuidString, targetLabel: user.username,
                           after: details.merging(["method": method.rawValue]) { _, method in method }),
                by: actor, on: db)
        }
        return user
    }

    private static func anonymous(_ label: String, _ req: Request) -> AuditActor {
        AuditActor(userID: nil, username: String(label.prefix(64)), unitID: nil, clientAddress: req.clientAddress)
    }

    private static func failure(_ label: String, method: SignInMethod, reason: String, details: [String: String] = [:]) -> AuditEvent {
        AuditEvent(action: "auth.login", targetType: "user", targetID: nil, targetLabel: String(label.prefix(64)), succeeded: false,
                   after: details.merging(["reason": reason, "method": method.rawValue]) { _, given in given })
    }
}
