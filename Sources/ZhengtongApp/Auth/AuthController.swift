import Fluent
import Vapor

/// Login, logout and change-password pages.
struct AuthController {
    struct LoginPage: Encodable, Sendable {
        var username: String
        var next: String
        var error: String?
        var notice: String?
        /// The single sign-on button (``OIDCConfig/label``) and where it goes; nil when single sign-on is off.
        var ssoLabel: String?
        var ssoLink: String?
        /// The certificate and USB key buttons, when this server offers them (``KeySignInOptions``).
        var keySignIn: KeySignInOptions?

        init(username: String, next: String, error: String?, notice: String?, sso: OIDCConfig? = nil, keySignIn: KeySignInOptions? = nil) {
            self.username = username
            self.next = next
            self.error = error
            self.notice = notice
            self.keySignIn = keySignIn
            if let sso {
                ssoLabel = sso.label
                ssoLink = SiteURL.oidcStart.path + (next == SiteURL.home.path ? "" : "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            }
        }
    }

    /// The login page, with the single sign-on button when it is configured (the password form stays: 三员 and
    /// people the identity platform does not know sign in with it).
    static func renderLogin(_ req: Request, username: String = "", next: String, error: String? = nil, notice: String? = nil,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.renderPage("login", title: Strings.page["login_title"]!, section: nil,
                                 LoginPage(username: username, next: next, error: error, notice: notice, sso: req.application.config.oidc,
                                           keySignIn: KeySignInOptions(req)),
                                 status: status)
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    struct PasswordPage: Encodable, Sendable {
        var forced: Bool
        var error: String?
        var fieldErrors: [String: String]
    }

    struct PasswordForm: Content {
        var current: String?
        var new: String?
        var confirm: String?
    }

    func registerPublic(on routes: any RoutesBuilder) {
        routes.get(SiteURL.login, use: loginPage)
        routes.post(SiteURL.login, use: login)
    }

    func register(on routes: any RoutesBuilder) {
        routes.post(SiteURL.logout, use: logout)
        routes.get(SiteURL.changePassword, use: passwordPage)
        routes.post(SiteURL.changePassword, use: changePassword)
    }

    @Sendable func loginPage(req: Request) async throws -> Response {
        if req.auth.has(User.self) { return req.redirect(to: SiteURL.home.path) }
        let next = safeNext(req.queryValue("next"))
        let notice = req.queryValue("loggedOut") != nil ? Strings.Auth.loggedOut : nil
        return try await Self.renderLogin(req, next: next, notice: notice)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = safeNext(form.next)
        let user: User
        do {
            user = try await LoginService.authenticate(identifier: form.username ?? "", password: form.password ?? "", on: req)
        } catch let error as AppError {
            // The typed name stays in the form; the password never comes back.
            return try await Self.renderLogin(req, username: form.username ?? "", next: next, error: error.message, status: error.status)
        }
        try await req.startSignedInSession(for: user)
        return req.redirect(to: user.mustChangePassword ? SiteURL.changePassword.path : next)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        let actor = req.auditActor()
        try await req.write { db in
            try await AuditLog.record(AuditEvent(action: "auth.logout", targetType: "user", targetID: actor.userID?.uuidString,
                                                 targetLabel: actor.username), by: actor, on: db)
        }
        // Signed in through the identity platform: log out there too, so the next visitor at this computer is
        // not signed straight back in by the platform's own session.
        let idToken = req.session.data[OIDCSignIn.idTokenKey]
        req.auth.logout(User.self)
        req.session.destroy()
        if let idToken, let provider = req.application.oidcClient, let config = req.application.config.oidc,
           let endSession = await OIDCLogout.endSessionURL(idToken: idToken, provider: provider, config: config, client: req.client) {
            return req.redirect(to: endSession)
        }
        return req.redirect(to: SiteURL.login.path + "?loggedOut=1")
    }

    @Sendable func passwordPage(req: Request) async throws -> Response {
        let user = try req.currentUser()
        return try await req.renderPage("password", title: Strings.page["password_title"]!, section: nil,
                                        PasswordPage(forced: user.mustChangePassword, error: nil, fieldErrors: [:]))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let form = try req.content.decode(PasswordForm.self)
        do {
            try await PasswordChange.apply(user: user, current: form.current ?? "", new: form.new ?? "", confirm: form.confirm ?? "", on: req)
        } catch let error as AppError {
            return try await req.renderPage("password", title: Strings.page["password_title"]!, section: nil,
                                            PasswordPage(forced: user.mustChangePassword, error: error.message, fieldErrors: error.fields),
                                            status: error.status)
        }
        // This session carries on under the new password; the person's other sessions end.
        try SessionAuthenticator.bind(req.session, to: user)
        req.flash(Strings.Auth.passwordChanged)
        return req.redirect(to: SiteURL.home.path)
    }

    /// Only local paths: an open redirect would let a phishing link borrow our login page.
    func safeNext(_ raw: String?) -> String {
        LocalPath.validated(raw, or: SiteURL.home.path)
    }
}

extension Request {
    /// Binds a fresh session to `user`: a new session id at login, so an id planted before login is worthless afterwards.
    func startSignedInSession(for user: User) async throws {
        if let oldID = session.id {
            try await application.sessions.driver.deleteSession(oldID, for: self).get()
        }
        session.id = nil
        session.data = SessionData()
        try SessionAuthenticator.bind(session, to: user)
        auth.login(user)
    }
}

/// A person changing their own password.
enum PasswordChange {
    static func apply(user: User, current: String, new: String, confirm: String, on req: Request) async throws {
        guard try await req.password.async.verify(current, created: user.passwordHash) else {
            throw AppError.validation(Strings.Auth.currentPasswordWrong, fields: ["current": Strings.Auth.currentPasswordWrong])
        }
        if let problem = PasswordPolicy.problem(with: new, username: user.username) {
            throw AppError.validation(problem, fields: ["new": problem])
        }
        guard new == confirm else {
            throw AppError.validation(Strings.Auth.passwordsDiffer, fields: ["confirm": Strings.Auth.passwordsDiffer])
        }
        guard new != current else {
            throw AppError.validation(Strings.Auth.passwordUnchanged, fields: ["new": Strings.Auth.passwordUnchanged])
        }
        let hash = try await req.password.async.hash(new)
        let actor = req.auditActor()
        try await req.write { db in
            try await Credentials.replacePassword(of: user, hash: hash, mustChange: false, action: "user.password.change", by: actor, on: db)
        }
    }
}
