import Fluent
import Guomi
import Vapor

/// What the login page offers besides the password: the certificate button (method A) and the USB key button
/// (method B, with the signing service's address for `key-sign-in.js`).
struct KeySignInOptions: Encodable, Sendable {
    var certificate: Bool
    var key: Bool
    var signerURL: String
    var challengeURL: String
    var any: Bool

    init(_ req: Request) {
        let config = req.application.config.keySignIn
        certificate = config.clientCertificateEnabled
        key = config.challengeEnabled && config.keySignerURL != nil
        signerURL = config.keySignerURL?.absoluteString ?? ""
        challengeURL = KeySignInPagesController.challengeURL.path
        any = certificate || key
    }
}

/// The login page's certificate and USB key sign-in (public), and 证书登录 in administration: the security
/// administrator binds and revokes certificates and sets which units require key sign-in.
struct KeySignInPagesController {
    static let certificateLogin = SiteURL("/login/certificate")
    static let challengeURL = SiteURL("/login/key/challenge")
    static let keyLogin = SiteURL("/login/key")
    static let admin = SiteURL("/admin/certificates")
    static let adminRevoke = SiteURL("/admin/certificates/:bindingID/revoke")
    static let adminUnit = SiteURL("/admin/certificates/units/:unitID")

    struct KeyForm: Content {
        var nonce: String?
        var certificate: String?
        var signature: String?
        var next: String?
    }

    struct NextForm: Content {
        var next: String?
    }

    func registerPublic(on routes: any RoutesBuilder) {
        routes.post(Self.certificateLogin.components, use: certificateSignIn)
        routes.post(Self.challengeURL.components, use: challenge)
        routes.post(Self.keyLogin.components, use: keySignIn)
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(Self.admin.components, use: adminPage)
        routes.on(.POST, Self.admin.components, body: .collect(maxSize: "1mb"), use: bind)
        routes.post(Self.adminRevoke.components, use: revoke)
        routes.post(Self.adminUnit.components, use: setUnit)
    }

    // MARK: - Signing in

    @Sendable func certificateSignIn(req: Request) async throws -> Response {
        let next = AuthController().safeNext((try? req.content.decode(NextForm.self))?.next)
        do {
            guard req.application.config.keySignIn.clientCertificateEnabled else {
                throw AppError(status: .notFound, code: "key_sign_in_unavailable", message: Strings.KeySignIn.unavailable, fields: [:])
            }
            guard let certificate = try KeySignIn.clientCertificate(of: req) else {
                throw AppError(status: .unauthorized, code: "client_certificate_missing", message: Strings.KeySignIn.certificateMissing, fields: [:])
            }
            let user = try await KeySignIn.signIn(certificate: certificate, proof: .proxy, on: req)
            return try await signedIn(user, next: next, on: req)
        } catch let error as AppError {
            return try await loginPage(error, next: next, on: req)
        }
    }

    @Sendable func challenge(req: Request) async throws -> Response {
        try APIResponse.json(try await KeySignIn.issueChallenge(on: req), status: .created)
    }

    @Sendable func keySignIn(req: Request) async throws -> Response {
        let form = try req.content.decode(KeyForm.self)
        let next = AuthController().safeNext(form.next)
        do {
            let certificate = try CertificateBindings.certificate(from: Data((form.certificate ?? "").utf8))
            let signature = try KeySignIn.signature(fromBase64: form.signature ?? "")
            let user = try await KeySignIn.signIn(certificate: certificate, proof: .challenge(nonce: form.nonce ?? "", signature: signature), on: req)
            return try await signedIn(user, next: next, on: req)
        } catch let error as AppError {
            return try await loginPage(error, next: next, on: req)
        }
    }

    private func signedIn(_ user: User, next: String, on req: Request) async throws -> Response {
        try await req.startSignedInSession(for: user)
        return req.redirect(to: user.mustChangePassword ? SiteURL.changePassword.path : next)
    }

    private func loginPage(_ error: AppError, next: String, on req: Request) async throws -> Response {
        try await req.renderPage("login", title: Strings.page["login_title"]!, section: nil,
                                 AuthController.LoginPage(username: "", next: next, error: error.message, notice: nil, keySignIn: KeySignInOptions(req)),
                                 status: error.status)
    }

    // MARK: - Administration

    struct BindForm: Content, Sendable {
        var username: String?
        var pem: String?
        var file: File?
    }

    struct BindingRow: Encodable, Sendable {
        var person: String
        var username: String
        var unit: String
        var subject: String
        var issuer: String
        var serial: String
        var validity: String
        var fingerprint: String
        var boundBy: String
        var revokedBy: String
        var revokeHref: String
    }

    struct UnitRow: Encodable, Sendable {
        var name: String
        var required: Bool
        var href: String
    }

    struct AdminPage: Encodable, Sendable {
        var available: Bool
        var action: String
        var username: String
        var error: String?
        var errors: [String: String]
        var active: [BindingRow]
        var revoked: [BindingRow]
        var units: [UnitRow]
    }

    @Sendable func adminPage(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.managesCertificates else { throw AppError.forbidden() }
        return try await renderAdmin(req, access: access, username: "", error: nil, errors: [:])
    }

    private func renderAdmin(_ req: Request, access: Access, username: String, error: String?, errors: [String: String],
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let scope = access.certificateScope
        var query = CertificateBinding.query(on: req.db).join(User.self, on: \CertificateBinding.$user.$id == \User.$id).with(\.$user)
        if case .units(let ids) = scope { query = query.filter(User.self, \.$unit.$id ~~ Array(ids)) }
        let bindings = try await query.sort(\.$boundAt, .descending).limit(500).all()
        var unitQuery = Unit.query(on: req.db).filter(\.$isDisabled == false)
        if case .units(let ids) = scope { unitQuery = unitQuery.filter(\.$id ~~ Array(ids)) }
        let units = try await unitQuery.sort(\.$sortOrder).sort(\.$name).all()
        let names = Dictionary(uniqueKeysWithValues: units.compactMap { unit in unit.id.map { ($0, unit.name) } })
        let requiring = try await KeySignInPolicy.requiring(units.compactMap(\.id), on: req.db)
        func row(_ binding: CertificateBinding) -> BindingRow {
            BindingRow(person: binding.user.name, username: binding.user.username, unit: names[binding.user.$unit.id] ?? "",
                       subject: binding.subject, issuer: binding.issuer, serial: binding.serial,
                       validity: DisplayFormat.minute(binding.notBefore) + " — " + DisplayFormat.minute(binding.notAfter),
                       fingerprint: String(binding.fingerprint.prefix(16)) + "…", boundBy: binding.boundByName + " " + DisplayFormat.minute(binding.boundAt),
                       revokedBy: binding.revokedAt.map { (binding.revokedByName ?? "") + " " + DisplayFormat.minute($0) } ?? "",
                       revokeHref: Self.adminRevoke.link(binding.id!))
        }
        let page = AdminPage(available: req.application.config.keySignIn.isAvailable, action: Self.admin.path, username: username,
                             error: error, errors: errors,
                             active: bindings.filter(\.isActive).map(row), revoked: bindings.filter { !$0.isActive }.map(row),
                             units: units.map { UnitRow(name: $0.name, required: requiring.contains($0.id!), href: Self.adminUnit.link($0.id!)) })
        return try await req.renderPage("admin/certificates", title: Strings.page["admin_certificates"]!, section: .admin, page, status: status)
    }

    @Sendable func bind(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.managesCertificates else { throw AppError.forbidden() }
        let form = try await req.decodeForm(BindForm.self)
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces)
        do {
            guard let person = try await User.query(on: req.db).filter(\.$username == username).first(),
                  access.certificateScope.contains(person.$unit.id)
            else { throw AppError.validation(Strings.KeySignIn.personUnknown, fields: ["username": Strings.KeySignIn.personUnknown]) }
            let data: Data
            if let file = form.file, file.data.readableBytes > 0 {
                data = Data(file.data.readableBytesView)
            } else if let pem = form.pem, !pem.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                data = Data(pem.utf8)
            } else {
                throw AppError.validation(Strings.KeySignIn.fileOrPemRequired, fields: ["certificate": Strings.KeySignIn.fileOrPemRequired])
            }
            let certificate = try CertificateBindings.certificate(from: data)
            let actor = req.auditActor()
            _ = try await req.write { db in try await CertificateBindings.bind(certificate, to: person, access: access, actor: actor, on: db) }
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderAdmin(req, access: access, username: username, error: error.message, errors: error.fields, status: error.status)
        }
        req.flash(Strings.KeySignIn.bound)
        return req.redirect(to: Self.admin.path)
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("bindingID")
        let actor = req.auditActor()
        do {
            _ = try await req.write { db in try await CertificateBindings.revoke(id, access: access, actor: actor, on: db) }
        } catch let error as AppError where error.status == .conflict {
            return try await renderAdmin(req, access: access, username: "", error: error.message, errors: [:], status: error.status)
        }
        req.flash(Strings.KeySignIn.revokedNotice)
        return req.redirect(to: Self.admin.path)
    }

    struct UnitForm: Content { var required: String? }

    @Sendable func setUnit(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try req.idParameter("unitID")
        let required = (try req.content.decode(UnitForm.self)).required == "1"
        let actor = req.auditActor()
        let config = req.application.config.keySignIn
        do {
            try await req.write { db in
                try await KeySignInPolicy.set(unit: unit, required: required, access: access, actor: actor, config: config, on: db)
            }
        } catch let error as AppError where error.status == .conflict {
            return try await renderAdmin(req, access: access, username: "", error: error.message, errors: [:], status: error.status)
        }
        req.flash(required ? Strings.KeySignIn.requirementOn : Strings.KeySignIn.requirementOff)
        return req.redirect(to: Self.admin.path)
    }
}
