import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// The identity provider the single sign-on tests sign in at: `scripts/lib/oidc_provider.py`, a real OpenID Connect
/// provider (pyop from PyPI) over HTTPS with a CA of its own, run in the venv `scripts/lib/oidc_venv.sh` makes
/// (`ZHENGTONG_OIDC_PYTHON`, else `.build/oidc-venv/bin/python`). Each test starts its own on a free port.
final class OIDCProviderProcess: @unchecked Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var python: String {
        ProcessInfo.processInfo.environment["ZHENGTONG_OIDC_PYTHON"] ?? root.appendingPathComponent(".build/oidc-venv/bin/python").path
    }
    static let clientID = "zhengtong"
    static let secret = "provider-client-secret-0123456789"
    static let redirect = "http://oa.test/login/oidc/callback"
    static let appRedirect = "cn.gov.example.zhengtong:/oidc"
    static let postLogout = "http://oa.test/login?loggedOut=1"
    static let password = "provider-pass"

    let directory: URL
    let log: URL
    private let process = Process()
    let port: Int
    let caFile: String

    var issuer: String { "https://127.0.0.1:\(port)" }

    init(alg: String = "RS256", tokenAuth: OIDCConfig.ClientAuthentication = .clientSecretBasic, users: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("zt-oidc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log = directory.appendingPathComponent("received.jsonl")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw TestSetupError("no Python for the identity provider at \(Self.python): run scripts/lib/oidc_venv.sh (scripts/test does)")
        }
        process.executableURL = URL(fileURLWithPath: Self.python)
        var arguments = [Self.root.appendingPathComponent("scripts/lib/oidc_provider.py").path, "--log", log.path,
                         "--dir", directory.appendingPathComponent("ca").path, "--alg", alg, "--client-id", Self.clientID,
                         "--token-auth", tokenAuth.rawValue, "--redirect-uri", Self.redirect, "--redirect-uri", Self.appRedirect,
                         "--post-logout-uri", Self.postLogout, "--password", Self.password]
        if tokenAuth != .none { arguments += ["--client-secret", Self.secret] }
        for user in users { arguments += ["--user", user] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let line = firstLine(of: output)
        let words = line.split(separator: " ").map(String.init)
        guard words.count == 3, words[0] == "READY", let port = Int(words[1]) else {
            if process.isRunning { process.terminate() }
            throw TestSetupError("oidc_provider.py did not start: \(line)")
        }
        self.port = port
        caFile = words[2]
    }

    /// The platform's settings for this provider.
    func config(allowAdministrators: Bool = false, tokenAuth: OIDCConfig.ClientAuthentication = .clientSecretBasic) -> OIDCConfig {
        OIDCConfig(issuer: URL(string: issuer)!, clientID: Self.clientID, clientSecret: tokenAuth == .none ? nil : Self.secret,
                   clientAuthentication: tokenAuth, redirectURL: URL(string: Self.redirect)!, allowAdministrators: allowAdministrators,
                   appRedirectURLs: [Self.appRedirect], caFile: caFile, keyRefreshInterval: 0)
    }

    /// Signs in on the provider's login page for the authorization request `authorizeURL`; returns where the provider
    /// sends the browser back (the redirect URL with `code` and `state`, or `error`).
    func signIn(_ authorizeURL: String, as username: String, action: String = "login", app: Application) async throws -> String {
        let query = try #require(URLComponents(string: authorizeURL)?.percentEncodedQuery)
        let page = try await app.client.get(URI(string: authorizeURL))
        #expect(page.status == .ok, "the provider's login page: \(page.status)")
        let response = try await app.client.post(URI(string: issuer + "/authorize"), headers: ["Accept": "application/json"]) { request in
            try request.content.encode(["request": query, "username": username, "password": Self.password, "action": action], as: .urlEncodedForm)
        }
        return try response.content.get(String.self, at: "location")
    }

    /// Follows the platform's logout redirect at the provider; returns where the provider sends the browser then.
    func logout(_ endSessionURL: String, app: Application) async throws -> String? {
        let response = try await app.client.get(URI(string: endSessionURL), headers: ["Accept": "application/json"])
        return try? response.content.get(String.self, at: "location")
    }

    /// Asks for a bad next ID token (`aud`, `iss`, `nonce`, `expired`, `future`, `second_key`) or a new signing key.
    func control(_ command: [String: String], app: Application) async throws {
        let response = try await app.client.post(URI(string: issuer + "/control")) { request in
            try request.content.encode(command, as: .json)
        }
        #expect(response.status == .ok)
    }

    func rotateKey(app: Application) async throws {
        let response = try await app.client.post(URI(string: issuer + "/control")) { request in
            request.headers.contentType = .json
            request.body = ByteBuffer(string: #"{"rotate": true}"#)
        }
        #expect(response.status == .ok)
    }

    /// Every JSON line the provider logged (token requests, logouts).
    func received() -> [[String: Any]] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func stop() {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        // ZHENGTONG_OIDC_KEEP=1 keeps the provider's log and CA to look at after a failure.
        if ProcessInfo.processInfo.environment["ZHENGTONG_OIDC_KEEP"] == nil { try? FileManager.default.removeItem(at: directory) }
    }
}

/// An application configured for single sign-on at a provider of its own, both stopped afterwards.
func withOIDC(alg: String = "RS256", tokenAuth: OIDCConfig.ClientAuthentication = .clientSecretBasic, users: [String],
              allowAdministrators: Bool = false, _ body: (Application, OIDCProviderProcess) async throws -> Void) async throws {
    let provider = try OIDCProviderProcess(alg: alg, tokenAuth: tokenAuth, users: users)
    defer { provider.stop() }
    try await withApp(configure: {
        $0.oidc = provider.config(allowAdministrators: allowAdministrators, tokenAuth: tokenAuth)
        $0.publicURL = URL(string: "http://oa.test")
    }) { app in
        try await body(app, provider)
    }
}

extension Browser {
    /// Presses the single sign-on button, signs in at the provider as `username`, and comes back to the platform's
    /// callback: the callback's response (a redirect when signed in, the login page with the reason when not).
    @discardableResult
    func signInWithOIDC(_ provider: OIDCProviderProcess, as username: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        let start = try await get(SiteURL.oidcStart.path)
        #expect(start.status == .seeOther, sourceLocation: sourceLocation)
        let authorize = try #require(start.location, sourceLocation: sourceLocation)
        #expect(authorize.hasPrefix(provider.issuer + "/authorize?"), sourceLocation: sourceLocation)
        let back = try await provider.signIn(authorize, as: username, app: app)
        return try await get(Self.localPath(back))
    }

    /// `http://oa.test/path?query` → `/path?query`, as the browser would send it to the platform.
    static func localPath(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return components.path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }
}
