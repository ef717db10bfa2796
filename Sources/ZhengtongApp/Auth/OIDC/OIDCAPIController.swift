import Foundation
import Vapor

/// `POST /api/v1/auth/oidc`: the phone app's single sign-on.
///
/// The app runs the authorization request itself in the system browser, with our client id, one of the
/// redirect URLs in ``OIDCConfig/appRedirectURLs``, its own PKCE verifier (S256) and nonce; it sends the code it
/// got back here with the verifier, the redirect URL and the nonce. The platform exchanges the code with its
/// own client credentials, verifies the ID token (nonce included) and admits the person by the rules of
/// ``OIDCSignIn``; the answer is the same as `POST /api/v1/auth/token`'s.
struct OIDCAPIController {
    struct ExchangeRequest: Content {
        var code: String?
        var codeVerifier: String?
        var redirectUri: String?
        var nonce: String?
    }

    func registerPublic(on routes: any RoutesBuilder) {
        routes.post("auth", "oidc", use: exchange)
    }

    @Sendable func exchange(req: Request) async throws -> Response {
        guard let config = req.application.config.oidc, !config.appRedirectURLs.isEmpty else {
            throw OIDCFailure.notConfigured.appError
        }
        let body: ExchangeRequest
        do {
            body = try req.content.decode(ExchangeRequest.self)
        } catch {
            throw AppError(status: .badRequest, code: "bad_request", message: Strings.Error.badRequest)
        }
        var fields: [String: String] = [:]
        let code = body.code?.trimmingCharacters(in: .whitespaces) ?? ""
        if code.isEmpty || code.count > 2048 { fields["code"] = Strings.OIDC.fieldRequired }
        // RFC 7636 §4.1: 43 to 128 unreserved characters.
        let verifier = body.codeVerifier ?? ""
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        if !(43...128).contains(verifier.count) || verifier.unicodeScalars.contains(where: { !unreserved.contains($0) }) {
            fields["codeVerifier"] = Strings.OIDC.verifierInvalid
        }
        let nonce = body.nonce ?? ""
        if nonce.isEmpty || nonce.count > 256 { fields["nonce"] = Strings.OIDC.fieldRequired }
        let redirect = body.redirectUri ?? ""
        if redirect.isEmpty { fields["redirectUri"] = Strings.OIDC.fieldRequired }
        guard fields.isEmpty else {
            throw AppError(status: .unprocessableEntity, code: "validation_failed", message: Strings.API.requestInvalid, fields: fields)
        }
        guard config.appRedirectURLs.contains(redirect) else {
            await OIDCSignIn.recordFailure(.redirectNotAllowed, label: "", user: nil, on: req)
            throw OIDCFailure.redirectNotAllowed.appError
        }
        do {
            let (user, _) = try await OIDCSignIn.complete(code: code, verifier: verifier, nonce: nonce, redirectURI: redirect, on: req)
            return try await APIAuthController.issue(for: user, method: "oidc", on: req)
        } catch let failure as OIDCFailure {
            throw failure.appError
        }
    }
}
