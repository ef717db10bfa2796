import Foundation
import Vapor

/// `GET /login/oidc` (the button: off to the identity platform) and `GET /login/oidc/callback` (back from it).
/// Failures come back to the login page in Chinese; their stable codes and reasons are in the audit log.
struct OIDCController {
    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.oidcStart.components, use: start)
        routes.get(SiteURL.oidcCallback.components, use: callback)
    }

    @Sendable func start(req: Request) async throws -> Response {
        guard let config = req.application.config.oidc, let provider = req.application.oidcClient else {
            throw OIDCFailure.notConfigured.appError
        }
        if req.auth.has(User.self) { return req.redirect(to: SiteURL.home.path) }
        let next = LocalPath.validated(req.queryValue("next"), or: SiteURL.home.path)
        let pending = OIDCSignIn.Pending(state: OIDCSignIn.randomToken(), nonce: OIDCSignIn.randomToken(),
                                         verifier: OIDCSignIn.randomToken(), next: next, startedAt: Date())
        let url: String
        do {
            let discovery = try await provider.metadata(client: req.client)
            url = try OIDCSignIn.authorizationURL(for: pending, redirectURI: config.redirectURL.absoluteString, config: config, discovery: discovery)
        } catch {
            await OIDCSignIn.recordFailure(error, label: "", user: nil, on: req)
            return try await AuthController.renderLogin(req, next: next, error: error.message, status: error.status)
        }
        req.session.data[OIDCSignIn.pendingKey] = String(decoding: try JSONEncoder().encode(pending), as: UTF8.self)
        return req.redirect(to: url)
    }

    @Sendable func callback(req: Request) async throws -> Response {
        guard req.application.config.oidc != nil else { throw OIDCFailure.notConfigured.appError }
        // One use: the pending sign-in leaves the session whatever happens, so a replayed callback finds none.
        let pending = req.hasSession ? req.session.data[OIDCSignIn.pendingKey].flatMap {
            try? JSONDecoder().decode(OIDCSignIn.Pending.self, from: Data($0.utf8))
        } : nil
        if req.hasSession { req.session.data[OIDCSignIn.pendingKey] = nil }
        let next = pending?.next ?? SiteURL.home.path
        do {
            guard let pending, let state = req.queryValue("state"), CSRFMiddleware.constantTimeEquals(state, pending.state),
                  Date().timeIntervalSince(pending.startedAt) < OIDCSignIn.pendingLifetime
            else { throw OIDCFailure.stateMismatch }
            if let error = req.queryValue("error") { throw OIDCFailure.providerError(error) }
            guard let code = req.queryValue("code") else { throw OIDCFailure.providerError("no_code") }
            let config = req.application.config.oidc!
            let (user, identity) = try await OIDCSignIn.complete(code: code, verifier: pending.verifier, nonce: pending.nonce,
                                                                 redirectURI: config.redirectURL.absoluteString, on: req)
            try await req.startSignedInSession(for: user)
            req.session.data[OIDCSignIn.idTokenKey] = identity.idToken
            return req.redirect(to: user.mustChangePassword ? SiteURL.changePassword.path : next)
        } catch let failure as OIDCFailure {
            // Failures after the token exchange are audited where they happen; these two before it, here.
            if failure == .stateMismatch || failure.code == "oidc_provider_error" {
                await OIDCSignIn.recordFailure(failure, label: "", user: nil, on: req)
            }
            return try await AuthController.renderLogin(req, next: next, error: failure.message, status: failure.status)
        }
    }
}

/// The provider's logout (RP-Initiated Logout 1.0): where 政通's logout sends a person who signed in by SSO.
enum OIDCLogout {
    /// The end-session URL with `id_token_hint` and `post_logout_redirect_uri`; nil when the provider has none
    /// (or cannot be reached: logging out of 政通 never waits on the provider).
    static func endSessionURL(idToken: String, provider: OIDCProviderClient, config: OIDCConfig, client: any Client) async -> String? {
        var endpoint = await provider.cachedEndSessionEndpoint
        if endpoint == nil { endpoint = try? await provider.metadata(client: client).endSessionEndpoint }
        guard let endpoint else { return nil }
        return OIDCSignIn.appendingQuery(to: endpoint, [
            ("id_token_hint", idToken), ("post_logout_redirect_uri", config.postLogoutRedirectURL), ("client_id", config.clientID),
        ])
    }
}
