import Foundation
import JWTKit
import NIOCore
import Vapor

/// The provider's published metadata (OpenID Connect Discovery 1.0), the parts the platform uses.
struct OIDCDiscovery: Decodable, Sendable, Equatable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String
    var endSessionEndpoint: String?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case endSessionEndpoint = "end_session_endpoint"
    }
}

/// The token endpoint's answer (RFC 6749 §5.1 with OpenID Connect's `id_token`).
struct OIDCTokenResponse: Decodable, Sendable {
    var idToken: String?
    var accessToken: String?

    enum CodingKeys: String, CodingKey {
        case idToken = "id_token"
        case accessToken = "access_token"
    }
}

/// Talks to the identity provider with Vapor's HTTP client: discovery and keys are fetched once and kept (the
/// keys fetched again when a token names a key we do not have, at most every ``OIDCConfig/keyRefreshInterval``),
/// codes are exchanged at the token endpoint, and ID tokens verified (``OIDCTokenVerifier``).
actor OIDCProviderClient {
    let config: OIDCConfig
    /// Discovery is read again after this long, so an endpoint the provider moves is followed without a restart.
    static let discoveryLifetime: TimeInterval = 3600
    static let timeout = TimeAmount.seconds(10)

    private var discovery: (document: OIDCDiscovery, fetchedAt: Date)?
    private var keys = JWTKeyCollection()
    private var keyIDs: Set<String> = []
    private var keysFetchedAt: Date?

    init(config: OIDCConfig) { self.config = config }

    /// The cached discovery document, or a fresh one.
    func metadata(client: any Client) async throws(OIDCFailure) -> OIDCDiscovery {
        if let discovery, Date().timeIntervalSince(discovery.fetchedAt) < Self.discoveryLifetime { return discovery.document }
        let base = config.issuerString.hasSuffix("/") ? String(config.issuerString.dropLast()) : config.issuerString
        let document: OIDCDiscovery = try await fetchJSON(base + "/.well-known/openid-configuration", client: client)
        // Discovery §4.3: the document must be the issuer's own.
        guard document.issuer == config.issuerString else {
            throw .providerUnavailable("discovery names issuer \(document.issuer)")
        }
        discovery = (document, Date())
        return document
    }

    /// Cached end-session endpoint, without a request: logging out must not wait for the provider.
    var cachedEndSessionEndpoint: String? { discovery?.document.endSessionEndpoint }

    /// Exchanges an authorization code (with its PKCE verifier) for tokens at the token endpoint.
    func exchange(code: String, verifier: String, redirectURI: String, client: any Client) async throws(OIDCFailure) -> String {
        let document = try await metadata(client: client)
        var form: [String: String] = [
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirectURI, "code_verifier": verifier,
        ]
        var headers = HTTPHeaders()
        headers.add(name: .accept, value: "application/json")
        switch config.clientAuthentication {
        case .clientSecretBasic:
            // RFC 6749 §2.3.1: both parts form-urlencoded before Basic.
            let user = Self.formEncode(config.clientID), password = Self.formEncode(config.clientSecret ?? "")
            headers.add(name: .authorization, value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        case .clientSecretPost:
            form["client_id"] = config.clientID
            form["client_secret"] = config.clientSecret ?? ""
        case .none:
            form["client_id"] = config.clientID
        }
        let response: ClientResponse
        do {
            var request = ClientRequest(method: .POST, url: URI(string: document.tokenEndpoint), headers: headers, body: nil, timeout: Self.timeout)
            try request.content.encode(form, as: .urlEncodedForm)
            response = try await client.send(request)
        } catch {
            throw .providerUnavailable("token endpoint: \(error)")
        }
        // 400 with `invalid_grant` and friends: the provider refused this code.
        if response.status == .badRequest || response.status == .unauthorized { throw .codeRejected }
        guard response.status == .ok, let body = response.body else { throw .providerUnavailable("token endpoint: \(response.status)") }
        guard let tokens = try? JSONDecoder().decode(OIDCTokenResponse.self, from: Data(body.readableBytesView)), let idToken = tokens.idToken else {
            throw .providerUnavailable("token endpoint: no id_token")
        }
        return idToken
    }

    /// The key collection able to check a token signed with key `kid`: fetched when there is none yet, and again
    /// (rate-limited) when the provider has rotated to a key we have not seen.
    func keys(for kid: String?, client: any Client) async throws(OIDCFailure) -> JWTKeyCollection {
        let known = kid.map { keyIDs.contains($0) } ?? !keyIDs.isEmpty
        if keysFetchedAt == nil || (!known && Date().timeIntervalSince(keysFetchedAt ?? .distantPast) >= config.keyRefreshInterval) {
            try await refreshKeys(client: client)
        }
        guard kid.map({ keyIDs.contains($0) }) ?? (keyIDs.count == 1) else { throw .tokenInvalid("unknown_key") }
        return keys
    }

    private func refreshKeys(client: any Client) async throws(OIDCFailure) {
        let document = try await metadata(client: client)
        let set: RawJWKS = try await fetchJSON(document.jwksURI, client: client)
        let collection = JWTKeyCollection()
        var ids: Set<String> = []
        for key in set.keys where key.use != "enc" {
            // A key we cannot use (another key type, an encryption key) is skipped, not fatal.
            guard let kid = key.kid, let jwk = key.jwk else { continue }
            do {
                try await collection.add(jwk: jwk)
                ids.insert(kid)
            } catch { continue }
        }
        guard !ids.isEmpty else { throw .providerUnavailable("jwks without usable keys") }
        keys = collection
        keyIDs = ids
        keysFetchedAt = Date()
    }

    private func fetchJSON<T: Decodable>(_ url: String, client: any Client) async throws(OIDCFailure) -> T {
        let response: ClientResponse
        do {
            var headers = HTTPHeaders()
            headers.add(name: .accept, value: "application/json")
            response = try await client.send(ClientRequest(method: .GET, url: URI(string: url), headers: headers, body: nil, timeout: Self.timeout))
        } catch {
            throw .providerUnavailable("\(url): \(error)")
        }
        guard response.status == .ok, let body = response.body, let value = try? JSONDecoder().decode(T.self, from: Data(body.readableBytesView)) else {
            throw .providerUnavailable("\(url): \(response.status)")
        }
        return value
    }

    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value).replacingOccurrences(of: "%20", with: "+")
    }
}

/// A JWKS as published: each key kept as its JSON, so one key jwt-kit cannot read does not spoil the others.
private struct RawJWKS: Decodable {
    struct Key: Decodable {
        var kid: String?
        var use: String?
        var jwk: JWK?

        init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: CodingKeys.self)
            kid = try? fields.decodeIfPresent(String.self, forKey: .kid)
            use = try? fields.decodeIfPresent(String.self, forKey: .use)
            jwk = try? JWK(from: decoder)
        }

        enum CodingKeys: String, CodingKey { case kid, use }
    }

    var keys: [Key]
}

extension Application {
    private struct OIDCClientKey: StorageKey { typealias Value = OIDCProviderClient }

    /// The provider client when single sign-on is configured.
    var oidcClient: OIDCProviderClient? {
        get { storage[OIDCClientKey.self] }
        set { storage[OIDCClientKey.self] = newValue }
    }
}
