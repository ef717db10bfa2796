import Fluent
import Vapor

/// `POST /api/v1/auth/token`, `DELETE /api/v1/auth/token` and `GET /api/v1/me`.
struct APIAuthController {
    struct TokenRequest: Content {
        var username: String?
        var password: String?
    }

    struct TokenResponse: Content {
        var token: String
        var expiresAt: Date
        var user: PersonDTO
    }

    func registerPublic(on routes: any RoutesBuilder) {
        routes.post("auth", "token", use: issueToken)
    }

    func register(on routes: any RoutesBuilder) {
        routes.delete("auth", "token", use: revokeToken)
        routes.get("me", use: me)
    }

    @Sendable func issueToken(req: Request) async throws -> Response {
        let body: TokenRequest
        do {
            body = try req.content.decode(TokenRequest.self)
        } catch {
            throw AppError(status: .badRequest, code: "bad_request", message: Strings.Error.badRequest)
        }
        let user = try await LoginService.authenticate(identifier: body.username ?? "", password: body.password ?? "", on: req)
        return try await Self.tokenResponse(for: user, on: req)
    }

    /// A new token for `user`, who has just signed in (by password or by key): 201 with the token and the person.
    static func tokenResponse(for user: User, on req: Request) async throws -> Response {
        if user.mustChangePassword {
            throw AppError(status: .forbidden, code: "password_change_required", message: Strings.Auth.passwordChangeRequired)
        }
        let token = [UInt8].random(count: 32).base64URLEncoded
        let expiresAt = Date().addingTimeInterval(req.application.config.apiTokenLifetime)
        let actor = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: req.clientAddress)
        try await req.write { db in
            try await APIToken(userID: user.requireID(), tokenHash: SHA256Hex.of(token), expiresAt: expiresAt).create(on: db)
            try await AuditLog.record(AuditEvent(action: "auth.token.issue", targetType: "user", targetID: user.id?.uuidString,
                                                 targetLabel: user.username), by: actor, on: db)
        }
        let person = try await PersonDirectory.load([user], on: req.db)[0]
        let response = Response(status: .created)
        try response.content.encode(TokenResponse(token: token, expiresAt: expiresAt, user: person), using: JSONEncoder.api)
        return response
    }

    @Sendable func revokeToken(req: Request) async throws -> HTTPStatus {
        guard let bearer = req.headers.bearerAuthorization else { throw AppError.unauthorized() }
        let digest = SHA256Hex.of(bearer.token)
        let actor = req.auditActor()
        try await req.write { db in
            try await APIToken.query(on: db).filter(\.$tokenHash == digest).delete()
            try await AuditLog.record(AuditEvent(action: "auth.token.revoke", targetType: "user", targetID: actor.userID?.uuidString,
                                                 targetLabel: actor.username), by: actor, on: db)
        }
        return .noContent
    }

    @Sendable func me(req: Request) async throws -> Response {
        let user = try req.currentUser()
        return try APIResponse.json(try await PersonDirectory.load([user], on: req.db)[0])
    }
}
