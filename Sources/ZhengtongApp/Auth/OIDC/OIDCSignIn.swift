import Crypto
import Fluent
import Foundation
import Vapor

/// Single sign-on through the identity platform: the authorization request (code flow with PKCE S256, `state`
/// and `nonce`), and the admission of the person the ID token names, by the same rules as a password sign-in.
///
/// Rules, the same for the pages and the API:
/// - the account is found by ``OIDCConfig/claim`` equal to ``OIDCConfig/accountField``; no account is ever
///   created, an unmatched or ambiguous claim is refused;
/// - a locked account or address (``LoginThrottling``) is refused, a disabled account is refused;
/// - 三员 (system, security and audit administrators) are refused unless ``OIDCConfig/allowAdministrators``:
///   their accounts stay under the platform's own password and lockout, whatever happens at the provider;
/// - every outcome is recorded as `auth.login` with `method` `oidc` and, on failure, the `reason`.
///
/// Failures of the provider's answer are not counted towards the lockout: they guess no password, and the
/// provider enforces its own; a locked account stays locked for single sign-on as well.
enum OIDCSignIn {
    /// The sign-in started by the button, kept in the session until the provider sends the person back.
    struct Pending: Codable, Sendable {
        var state: String
        var nonce: String
        var verifier: String
        var next: String
        var startedAt: Date
    }

    static let pendingKey = "oidc"
    /// The ID token of the signed-in session, the `id_token_hint` of the provider's logout.
    static let idTokenKey = "oidc_idt"
    /// How long the provider's login page may take.
    static let pendingLifetime: TimeInterval = 15 * 60

    static func randomToken() -> String { Base64URL.encode([UInt8].random(count: 32)) }

    static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Data(verifier.utf8)))
    }

    /// Where the button sends the person: the provider's authorization endpoint with this sign-in's parameters.
    static func authorizationURL(for pending: Pending, redirectURI: String, config: OIDCConfig, discovery: OIDCDiscovery) throws(OIDCFailure) -> String {
        let url = appendingQuery(to: discovery.authorizationEndpoint, [
            ("response_type", "code"), ("client_id", config.clientID), ("redirect_uri", redirectURI),
            ("scope", config.scopes.joined(separator: " ")), ("state", pending.state), ("nonce", pending.nonce),
            ("code_challenge", challenge(for: pending.verifier)), ("code_challenge_method", "S256"),
        ])
        guard let url else { throw .providerUnavailable("authorization endpoint \(discovery.authorizationEndpoint)") }
        return url
    }

    /// `endpoint` with `items` added to its query, every value percent-encoded but for the unreserved characters
    /// (RFC 3986), so a `+`, `&` or `?` in a value reaches the provider as written.
    static func appendingQuery(to endpoint: String, _ items: [(String, String)]) -> String? {
        guard var components = URLComponents(string: endpoint), components.scheme != nil, components.host != nil else { return nil }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let added = items.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }
        components.percentEncodedQuery = ([components.percentEncodedQuery].compactMap { $0 }.filter { !$0.isEmpty } + added).joined(separator: "&")
        return components.string
    }

    /// Exchanges the code, verifies the ID token and admits the account it names. Every outcome is audited.
    static func complete(code: String, verifier: String, nonce: String, redirectURI: String, on req: Request) async throws(OIDCFailure) -> (User, OIDCIdentity) {
        guard let config = req.application.config.oidc, let provider = req.application.oidcClient else { throw .notConfigured }
        let identity: OIDCIdentity
        do {
            let idToken = try await provider.exchange(code: code, verifier: verifier, redirectURI: redirectURI, client: req.client)
            identity = try await OIDCTokenVerifier.verify(idToken, nonce: nonce, config: config, provider: provider, client: req.client)
        } catch {
            await recordFailure(error, label: "", user: nil, on: req)
            throw error
        }
        let user = try await admit(identity, config: config, on: req)
        return (user, identity)
    }

    /// Audits a failure that happened before the token named anyone (state, provider, token checks).
    static func recordFailure(_ failure: OIDCFailure, label: String, user: User?, on req: Request) async {
        guard !failure.audited else { return }
        if !failure.detail.isEmpty { req.logger.warning("single sign-on refused (\(failure.reason)): \(failure.detail)") }
        let actor = AuditActor(userID: nil, username: String((label.isEmpty ? "oidc" : label).prefix(64)), unitID: nil,
                               clientAddress: req.clientAddress)
        let event = AuditEvent(action: "auth.login", targetType: "user", targetID: user?.id?.uuidString, targetLabel: String(label.prefix(64)),
                               succeeded: false, after: ["method": "oidc", "reason": failure.reason])
        do {
            try await req.write { db in try await AuditLog.record(event, by: actor, on: db) }
        } catch {
            req.logger.error("audit of a failed single sign-on not written: \(String(reflecting: error))")
        }
    }

    /// The account the identity names, if the platform's rules let it in; the success is recorded.
    static func admit(_ identity: OIDCIdentity, config: OIDCConfig, on req: Request) async throws(OIDCFailure) -> User {
        let label = identity.accountClaim ?? identity.subject
        guard let value = identity.accountClaim else {
            await recordFailure(.claimMissing, label: identity.subject, user: nil, on: req)
            throw .claimMissing
        }
        let candidates: [User]
        do {
            let query = User.query(on: req.db)
            switch config.accountField {
            case .username: query.filter(\.$username == value)
            case .phone: query.filter(\.$phone == value)
            case .email: query.filter(\.$email == value)
            }
            candidates = try await query.limit(2).all()
        } catch {
            throw .providerUnavailable("account lookup: \(error)")
        }
        guard candidates.count == 1, let user = candidates.first else {
            let failure: OIDCFailure = candidates.isEmpty ? .unmatched : .ambiguous
            await recordFailure(failure, label: label, user: nil, on: req)
            throw failure
        }
        do {
            return try await admit(user, subject: identity.subject, config: config, on: req)
        } catch let failure as OIDCFailure {
            await recordFailure(failure, label: user.username, user: user, on: req)
            throw failure
        } catch {
            await recordFailure(.providerUnavailable("\(error)"), label: user.username, user: user, on: req)
            throw .providerUnavailable("\(error)")
        }
    }

    /// Lockout first (its refusal is single sign-on's own), then the 三员 rule of single sign-on, then the rules every
    /// sign-in method shares (``SignInAdmission``: disabled accounts, a unit requiring key sign-in, the success record).
    private static func admit(_ user: User, subject: String, config: OIDCConfig, on req: Request) async throws -> User {
        let verdict = try await LoginService.throttling.check(account: user.username, address: req.clientAddress, on: req.db)
        switch verdict {
        case .allowed: break
        case .accountLocked(let until): throw OIDCFailure.locked(Strings.Auth.accountLocked(until: DisplayFormat.time(until)))
        case .addressLocked(let until): throw OIDCFailure.locked(Strings.Auth.addressLocked(until: DisplayFormat.time(until)))
        }
        if !config.allowAdministrators {
            let held = try await UserRole.query(on: req.db).filter(\.$user.$id == user.requireID()).with(\.$role).all().map(\.role.code)
            let administrators = Set(BuiltinRole.administrators.map(\.rawValue))
            guard administrators.isDisjoint(with: held) else { throw OIDCFailure.administrator }
        }
        do {
            return try await SignInAdmission.admit(user, method: .oidc, details: ["subject": String(subject.prefix(128))], on: req)
        } catch let error as AppError {
            throw OIDCFailure.refused(error)
        }
    }
}
