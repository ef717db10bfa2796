import Fluent
import Guomi
import Vapor

/// The API of key sign-in: a phone's challenge and token (public), and the security administrator's bindings and
/// units' requirement.
struct KeySignInAPIController {
    struct KeyTokenRequest: Content {
        var nonce: String?
        var certificate: String?
        var signature: String?
    }

    struct BindRequest: Content {
        /// PEM, or base64 of the DER.
        var certificate: String?
        var file: File?
    }

    struct UnitRequirement: Content {
        var unitID: UUID
        var required: Bool
    }

    struct UnitRequirementRequest: Content {
        var required: Bool?
    }

    func registerPublic(on routes: any RoutesBuilder) {
        routes.post("auth", "key", "challenge", use: challenge)
        routes.post("auth", "key", "token", use: token)
    }

    func register(on routes: any RoutesBuilder) {
        routes.get("users", ":userID", "certificates", use: list)
        routes.on(.POST, "users", ":userID", "certificates", body: .collect(maxSize: "1mb"), use: bind)
        routes.post("certificates", ":bindingID", "revoke", use: revoke)
        routes.get("units", ":unitID", "key-sign-in", use: unitRequirement)
        routes.put("units", ":unitID", "key-sign-in", use: setUnitRequirement)
    }

    @Sendable func challenge(req: Request) async throws -> Response {
        try APIResponse.json(try await KeySignIn.issueChallenge(on: req), status: .created)
    }

    @Sendable func token(req: Request) async throws -> Response {
        let body: KeyTokenRequest
        do {
            body = try req.content.decode(KeyTokenRequest.self)
        } catch {
            throw AppError(status: .badRequest, code: "bad_request", message: Strings.Error.badRequest, fields: [:])
        }
        let certificate = try CertificateBindings.certificate(from: Data((body.certificate ?? "").utf8))
        let signature = try KeySignIn.signature(fromBase64: body.signature ?? "")
        let user = try await KeySignIn.signIn(certificate: certificate, proof: .challenge(nonce: body.nonce ?? "", signature: signature), on: req)
        return try await APIAuthController.issue(for: user, method: "key", on: req)
    }

    private func person(_ req: Request, access: Access) async throws -> User {
        guard let user = try await User.find(try req.idParameter("userID"), on: req.db),
              access.managesCertificates, access.certificateScope.contains(user.$unit.id)
        else { throw access.managesCertificates ? AppError.notFound() : AppError.forbidden() }
        return user
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await person(req, access: access)
        let bindings = try await CertificateBinding.query(on: req.db).filter(\.$user.$id == user.requireID()).sort(\.$boundAt, .descending).all()
        return try APIResponse.json(bindings.map(CertificateBindingDTO.init))
    }

    @Sendable func bind(req: Request) async throws -> Response {
        let access = try await req.access()
        let user = try await person(req, access: access)
        let body: BindRequest
        do {
            body = try await req.decodeForm(BindRequest.self)
        } catch {
            throw AppError(status: .badRequest, code: "bad_request", message: Strings.Error.badRequest, fields: [:])
        }
        let data: Data
        if let file = body.file, file.data.readableBytes > 0 {
            data = Data(file.data.readableBytesView)
        } else if let text = body.certificate, !text.isEmpty {
            data = Data(text.utf8)
        } else {
            throw AppError.validation(Strings.KeySignIn.fileOrPemRequired, fields: ["certificate": Strings.KeySignIn.fileOrPemRequired])
        }
        let certificate = try CertificateBindings.certificate(from: data)
        let actor = req.auditActor()
        let binding = try await req.write { db in try await CertificateBindings.bind(certificate, to: user, access: access, actor: actor, on: db) }
        return try APIResponse.json(CertificateBindingDTO(binding), status: .created)
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.managesCertificates else { throw AppError.forbidden() }
        let id = try req.idParameter("bindingID")
        let actor = req.auditActor()
        let binding = try await req.write { db in try await CertificateBindings.revoke(id, access: access, actor: actor, on: db) }
        return try APIResponse.json(CertificateBindingDTO(binding))
    }

    @Sendable func unitRequirement(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try req.idParameter("unitID")
        guard try await Unit.find(unit, on: req.db) != nil else { throw AppError.notFound() }
        try access.requireCertificateManagement(unit: unit)
        return try APIResponse.json(UnitRequirement(unitID: unit, required: try await KeySignInPolicy.isRequired(unit: unit, on: req.db)))
    }

    @Sendable func setUnitRequirement(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try req.idParameter("unitID")
        let body: UnitRequirementRequest
        do {
            body = try req.content.decode(UnitRequirementRequest.self)
        } catch {
            throw AppError(status: .badRequest, code: "bad_request", message: Strings.Error.badRequest, fields: [:])
        }
        guard let required = body.required else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["required": Strings.API.flagInvalidField])
        }
        let actor = req.auditActor()
        let config = req.application.config.keySignIn
        try await req.write { db in
            try await KeySignInPolicy.set(unit: unit, required: required, access: access, actor: actor, config: config, on: db)
        }
        return try APIResponse.json(UnitRequirement(unitID: unit, required: required))
    }
}
