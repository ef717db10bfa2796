import Foundation

/// Single sign-on through the province's unified identity platform (统一身份认证), as an OpenID Connect relying
/// party. Read from the environment like the database: an address and a secret of the server's network, which no
/// web page may set. Off unless `ZHENGTONG_OIDC_ISSUER` is set.
///
/// - `ZHENGTONG_OIDC_ISSUER`: the provider's issuer URL (`https://`; `http://` only on a loopback address);
///   its `/.well-known/openid-configuration` is read for the endpoints and keys.
/// - `ZHENGTONG_OIDC_CLIENT_ID`, `ZHENGTONG_OIDC_CLIENT_SECRET` (absent for a public client) and
///   `ZHENGTONG_OIDC_TOKEN_AUTH` (`client_secret_basic`, the default, or `client_secret_post`).
/// - `ZHENGTONG_OIDC_REDIRECT_URL`: registered with the provider; by default `ZHENGTONG_PUBLIC_URL` + `/login/oidc/callback`.
/// - `ZHENGTONG_OIDC_SCOPES`: space separated, must include `openid` (default `openid profile`).
/// - `ZHENGTONG_OIDC_CLAIM` and `ZHENGTONG_OIDC_MATCH`: the ID token claim that names the account (default
///   `preferred_username`) and the account field it must equal: `username` (default), `phone` or `email`.
/// - `ZHENGTONG_OIDC_LABEL`: the button on the login page (default 使用统一身份认证登录).
/// - `ZHENGTONG_OIDC_ALLOW_ADMINISTRATORS`: `1` lets the 三员 sign in by SSO; by default they use their password.
/// - `ZHENGTONG_OIDC_APP_REDIRECT_URLS`: comma separated redirect URLs of the phone app, the only ones
///   `POST /api/v1/auth/oidc` accepts; the API sign-in is off without them.
/// - `ZHENGTONG_OIDC_TRUSTED_AUDIENCES`: other audiences an ID token may name besides our client id (comma separated).
/// - `ZHENGTONG_OIDC_CA_FILE`: a PEM file of the intranet's own certificate authority, trusted besides the system's
///   for the provider's HTTPS (the platform's outgoing HTTPS calls all trust it).
public struct OIDCConfig: Sendable, Equatable {
    /// Which account field the configured claim is compared with.
    public enum AccountField: String, Sendable, Equatable, CaseIterable {
        case username
        case phone
        case email
    }

    /// How the platform authenticates itself at the token endpoint.
    public enum ClientAuthentication: String, Sendable, Equatable {
        case clientSecretBasic = "client_secret_basic"
        case clientSecretPost = "client_secret_post"
        /// A public client: no secret, PKCE alone binds the code.
        case none
    }

    public static let defaultLabel = "使用统一身份认证登录"

    public var issuer: URL
    public var clientID: String
    public var clientSecret: String?
    public var clientAuthentication: ClientAuthentication
    public var redirectURL: URL
    public var scopes: [String]
    public var claim: String
    public var accountField: AccountField
    public var label: String
    public var allowAdministrators: Bool
    public var appRedirectURLs: [String]
    public var trustedAudiences: Set<String>
    public var caFile: String?
    /// Clock difference tolerated for `exp` and `iat`.
    public var leeway: TimeInterval
    /// Least time between two fetches of the keys when a token names an unknown key (a flood of forged tokens
    /// must not become a flood of requests to the provider). Tests set 0.
    public var keyRefreshInterval: TimeInterval

    public init(issuer: URL, clientID: String, clientSecret: String? = nil, clientAuthentication: ClientAuthentication? = nil,
                redirectURL: URL, scopes: [String] = ["openid", "profile"], claim: String = "preferred_username",
                accountField: AccountField = .username, label: String = OIDCConfig.defaultLabel, allowAdministrators: Bool = false,
                appRedirectURLs: [String] = [], trustedAudiences: Set<String> = [], caFile: String? = nil, leeway: TimeInterval = 60,
                keyRefreshInterval: TimeInterval = 30) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientAuthentication = clientAuthentication ?? (clientSecret == nil ? .none : .clientSecretBasic)
        self.redirectURL = redirectURL
        self.scopes = scopes
        self.claim = claim
        self.accountField = accountField
        self.label = label
        self.allowAdministrators = allowAdministrators
        self.appRedirectURLs = appRedirectURLs
        self.trustedAudiences = trustedAudiences
        self.caFile = caFile
        self.leeway = leeway
        self.keyRefreshInterval = keyRefreshInterval
    }

    /// The issuer exactly as the provider writes it in `iss` (no trailing slash added or removed).
    var issuerString: String { issuer.absoluteString }

    /// Where the provider sends people back after logging out: the login page.
    var postLogoutRedirectURL: String {
        var components = URLComponents(url: redirectURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.path = SiteURL.login.path
        components.query = "loggedOut=1"
        components.fragment = nil
        return components.string ?? redirectURL.absoluteString
    }

    static func fromEnvironment(_ value: (String) -> String?, publicURL: URL?) throws -> OIDCConfig? {
        guard let rawIssuer = value("ZHENGTONG_OIDC_ISSUER") else { return nil }
        guard let issuer = URL(string: rawIssuer), isAcceptable(issuer) else {
            throw ConfigurationError(variable: "ZHENGTONG_OIDC_ISSUER", problem: Strings.Config.oidcIssuerInvalid(rawIssuer),
                                     example: "https://sso.example.gov.cn/realms/province")
        }
        guard let clientID = value("ZHENGTONG_OIDC_CLIENT_ID") else {
            throw ConfigurationError(variable: "ZHENGTONG_OIDC_CLIENT_ID", problem: Strings.Config.oidcClientIDMissing, example: "zhengtong")
        }
        let secret = value("ZHENGTONG_OIDC_CLIENT_SECRET")
        var authentication: ClientAuthentication?
        if let raw = value("ZHENGTONG_OIDC_TOKEN_AUTH") {
            guard let chosen = ClientAuthentication(rawValue: raw), chosen != .none else {
                throw ConfigurationError(variable: "ZHENGTONG_OIDC_TOKEN_AUTH", problem: Strings.Config.oidcTokenAuthInvalid(raw),
                                         example: "client_secret_basic")
            }
            guard secret != nil else {
                throw ConfigurationError(variable: "ZHENGTONG_OIDC_CLIENT_SECRET", problem: Strings.Config.oidcSecretMissing,
                                         example: "在统一身份认证平台为政通登记的客户端密钥")
            }
            authentication = chosen
        }
        let redirectURL: URL
        if let raw = value("ZHENGTONG_OIDC_REDIRECT_URL") {
            guard let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ConfigurationError(variable: "ZHENGTONG_OIDC_REDIRECT_URL", problem: Strings.Config.urlInvalid(raw),
                                         example: "https://oa.example.gov.cn/login/oidc/callback")
            }
            redirectURL = url
        } else if let publicURL {
            let base = publicURL.absoluteString.hasSuffix("/") ? String(publicURL.absoluteString.dropLast()) : publicURL.absoluteString
            redirectURL = URL(string: base + SiteURL.oidcCallback.path)!
        } else {
            throw ConfigurationError(variable: "ZHENGTONG_OIDC_REDIRECT_URL", problem: Strings.Config.oidcRedirectMissing,
                                     example: "https://oa.example.gov.cn/login/oidc/callback")
        }
        var scopes = ["openid", "profile"]
        if let raw = value("ZHENGTONG_OIDC_SCOPES") {
            scopes = raw.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            guard scopes.contains("openid") else {
                throw ConfigurationError(variable: "ZHENGTONG_OIDC_SCOPES", problem: Strings.Config.oidcScopesInvalid(raw), example: "openid profile")
            }
        }
        var field = AccountField.username
        if let raw = value("ZHENGTONG_OIDC_MATCH") {
            guard let chosen = AccountField(rawValue: raw) else {
                throw ConfigurationError(variable: "ZHENGTONG_OIDC_MATCH", problem: Strings.Config.oidcMatchInvalid(raw), example: "username")
            }
            field = chosen
        }
        var allowAdministrators = false
        if let raw = value("ZHENGTONG_OIDC_ALLOW_ADMINISTRATORS") {
            guard ["0", "1", "true", "false"].contains(raw.lowercased()) else {
                throw ConfigurationError(variable: "ZHENGTONG_OIDC_ALLOW_ADMINISTRATORS", problem: Strings.Config.flagInvalid(raw), example: "0")
            }
            allowAdministrators = raw == "1" || raw.lowercased() == "true"
        }
        let appRedirects = (value("ZHENGTONG_OIDC_APP_REDIRECT_URLS") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for raw in appRedirects where URL(string: raw)?.scheme == nil {
            throw ConfigurationError(variable: "ZHENGTONG_OIDC_APP_REDIRECT_URLS", problem: Strings.Config.urlInvalid(raw),
                                     example: "cn.gov.example.zhengtong:/oidc")
        }
        let audiences = Set((value("ZHENGTONG_OIDC_TRUSTED_AUDIENCES") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let caFile = value("ZHENGTONG_OIDC_CA_FILE")
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ConfigurationError(variable: "ZHENGTONG_OIDC_CA_FILE", problem: Strings.Config.fileMissing(caFile),
                                     example: "/etc/zhengtong/intranet-ca.pem")
        }
        return OIDCConfig(issuer: issuer, clientID: clientID, clientSecret: secret, clientAuthentication: authentication,
                          redirectURL: redirectURL, scopes: scopes, claim: value("ZHENGTONG_OIDC_CLAIM") ?? "preferred_username",
                          accountField: field, label: value("ZHENGTONG_OIDC_LABEL") ?? defaultLabel,
                          allowAdministrators: allowAdministrators, appRedirectURLs: appRedirects, trustedAudiences: audiences,
                          caFile: caFile)
    }

    /// `https://`, or `http://` to this machine (a provider on the same host, or the tests').
    private static func isAcceptable(_ url: URL) -> Bool {
        guard let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil else { return false }
        switch url.scheme {
        case "https": return true
        case "http": return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        default: return false
        }
    }
}

extension URL {
    /// `scheme://host[:port]`, as a CSP source names an origin.
    var origin: String {
        var text = (scheme ?? "https") + "://" + (host ?? "")
        if let port { text += ":\(port)" }
        return text
    }
}
