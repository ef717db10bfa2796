import Fluent
import Vapor

extension User: Authenticatable {}

/// Signs in the person whose id the session holds; a disabled account's session ends at once.
struct SessionAuthenticator: AsyncMiddleware {
    static let userKey = "uid"
    /// When the session signed in (milliseconds): sessions end on the server after ``lifetime``, whatever the cookie says.
    static let signedInKey = "iat"
    /// A digest of the password hash the session signed in under: a changed or reset password ends other sessions.
    static let credentialKey = "pwv"
    static let lifetime: TimeInterval = 12 * 3600

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // `hasSession` first: touching `request.session` would create a session row for every anonymous request.
        if request.hasSession, let raw = request.session.data[Self.userKey] {
            let data = request.session.data
            let signedIn = data[Self.signedInKey].flatMap(Double.init).map { Date(timeIntervalSince1970: $0 / 1000) } ?? .distantPast
            if let id = UUID(uuidString: raw),
               let user = try await request.application.organizationCache.person(id, try await request.organizationGeneration(), on: request.db)?.user(),
               !user.isDisabled,
               Date().timeIntervalSince(signedIn) < Self.lifetime, data[Self.credentialKey] == Self.credentialDigest(user) {
                request.auth.login(user)
            } else {
                request.session.destroy()
            }
        }
        return try await next.respond(to: request)
    }

    static func credentialDigest(_ user: User) -> String {
        String(SHA256Hex.of(user.passwordHash).prefix(16))
    }

    /// Binds the session to `user` as of now.
    static func bind(_ session: Session, to user: User) throws {
        session.data[userKey] = try user.requireID().uuidString
        session.data[signedInKey] = String(Int64(Date().timeIntervalSince1970 * 1000))
        session.data[credentialKey] = credentialDigest(user)
    }
}

/// Resolves `Authorization: Bearer` tokens for the API.
struct APITokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = SHA256Hex.of(bearer.token)
        let generation = try await request.organizationGeneration()
        guard let holder = try await request.application.organizationCache.tokenHolder(digest: digest, generation, on: request.db),
              holder.expiresAt > Date(), !holder.person.isDisabled
        else { return }
        request.auth.login(holder.person.user())
    }
}

/// Pages: sends strangers to the login page and people with a generated password to change it.
struct PageAuthGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.auth.get(User.self) else {
            let target = request.url.string
            return request.redirect(to: SiteURL.login.path + "?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        let exempt = [SiteURL.changePassword.path, SiteURL.logout.path]
        if user.mustChangePassword, !exempt.contains(request.url.path) {
            return request.redirect(to: SiteURL.changePassword.path)
        }
        return try await next.respond(to: request)
    }
}

/// API: 401 without a valid token; 403 until a generated password has been changed.
struct APIAuthGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.auth.get(User.self) else {
            throw AppError(status: .unauthorized, code: "unauthorized", message: Strings.Auth.tokenInvalid)
        }
        if user.mustChangePassword {
            throw AppError(status: .forbidden, code: "password_change_required", message: Strings.Auth.passwordChangeRequired)
        }
        return try await next.respond(to: request)
    }
}
