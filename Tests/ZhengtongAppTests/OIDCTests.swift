import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Single sign-on against a real OpenID Connect provider (scripts/lib/oidc_provider.py, pyop) that each test starts.
@Suite("统一身份认证登录（OIDC）")
struct OIDCTests {
    /// The `auth.login` records of single sign-on, oldest first.
    static func ssoLogins(_ app: Application) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$action == "auth.login").sort(\.$id).all()
            .filter { $0.after.contains("\"method\":\"oidc\"") }
    }

    static func reason(_ entry: AuditEntry?) -> String? {
        guard let entry, let data = entry.after.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { return nil }
        return object["reason"]
    }

    @Test("登录页有统一身份认证按钮；在平台登录后回到政通进入工作台，会话换新编号，审计记 method=oidc")
    func signsIn() async throws {
        try await withOIDC(users: ["zhaom"]) { app, provider in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            let browser = Browser(app)
            let page = try await browser.get("/login")
            #expect(page.body.string.contains("使用统一身份认证登录"))
            #expect(page.body.string.contains("href=\"/login/oidc\""))
            let before = browser.cookies["zhengtong_session"]
            let back = try await browser.signInWithOIDC(provider, as: "zhaom")
            #expect(back.status == .seeOther)
            #expect(back.location == "/")
            #expect(browser.cookies["zhengtong_session"] != nil)
            #expect(browser.cookies["zhengtong_session"] != before)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("您好，赵敏"))
            let logins = try await Self.ssoLogins(app)
            #expect(logins.count == 1)
            #expect(logins.first?.succeeded == true)
            #expect(logins.first?.actorName == "zhaom")
            #expect(logins.first?.after.contains("sub-zhaom") == true)
            let tokenCall = provider.received().first { $0["event"] as? String == "token" }
            #expect(tokenCall?["authorization"] as? String == "Basic")
        }
    }

    @Test("ES256 签名的身份令牌与 client_secret_post 也可登录；登录后回到原来要去的页面")
    func es256AndSecretPost() async throws {
        try await withOIDC(alg: "ES256", tokenAuth: .clientSecretPost, users: ["zhaom"]) { app, provider in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            let browser = Browser(app)
            let start = try await browser.get("/login/oidc?next=%2Fdirectory")
            let back = try await browser.get(Browser.localPath(try await provider.signIn(try #require(start.location), as: "zhaom", app: app)))
            #expect(back.status == .seeOther)
            #expect(back.location == "/directory")
            let tokenCall = provider.received().first { $0["event"] as? String == "token" }
            #expect(tokenCall?["body_has_secret"] as? Bool == true)
            #expect(try await Self.ssoLogins(app).last?.succeeded == true)
        }
    }

    @Test("身份令牌有问题一律拒绝：受众不符、签发者不符、nonce 不符、已过期、签发时间在将来、签名不对（另一把密钥）",
          arguments: [("aud", "oidc_wrong_audience"), ("iss", "oidc_wrong_issuer"), ("nonce", "oidc_wrong_nonce"),
                      ("expired", "oidc_expired"), ("future", "oidc_issued_in_future"), ("second_key", "oidc_bad_signature")])
    func badTokensAreRefused(mode: String, reason: String) async throws {
        try await withOIDC(users: ["zhaom"]) { app, provider in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            try await provider.control(["tamper": mode], app: app)
            let browser = Browser(app)
            let back = try await browser.signInWithOIDC(provider, as: "zhaom")
            #expect(back.status == .unauthorized)
            #expect(back.body.string.contains("身份令牌未通过校验"))
            #expect(browser.cookies["zhengtong_session"].map { _ in true } != nil)
            let home = try await browser.get("/")
            #expect(home.status == .seeOther, "not signed in after \(mode)")
            let logins = try await Self.ssoLogins(app)
            #expect(logins.count == 1)
            #expect(logins.first?.succeeded == false)
            #expect(Self.reason(logins.first) == reason)
        }
    }

    @Test("state 不符或回调被重放时拒绝；平台换了签名密钥后重新取密钥集仍可登录")
    func stateAndReplayAndKeyRotation() async throws {
        try await withOIDC(users: ["zhaom"]) { app, provider in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            // A callback whose state this browser never started.
            let browser = Browser(app)
            let start = try await browser.get("/login/oidc")
            let callback = try await provider.signIn(try #require(start.location), as: "zhaom", app: app)
            let forged = callback.replacingOccurrences(of: "state=", with: "state=x")
            let refused = try await browser.get(Browser.localPath(forged))
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("已失效或被重复提交"))
            // The real callback after that: the pending sign-in is gone (one try per button press).
            let late = try await browser.get(Browser.localPath(callback))
            #expect(late.status == .badRequest)
            // A good sign-in, then the same callback again (replayed), in this browser and in another.
            let good = try await browser.signInWithOIDC(provider, as: "zhaom")
            #expect(good.status == .seeOther)
            let stranger = Browser(app)
            try await stranger.get("/login")
            let start2 = try await stranger.get("/login/oidc")
            let callback2 = try await provider.signIn(try #require(start2.location), as: "zhaom", app: app)
            #expect(try await stranger.get(Browser.localPath(callback2)).status == .seeOther)
            let replayed = Browser(app)
            try await replayed.get("/login")
            #expect(try await replayed.get(Browser.localPath(callback2)).status == .badRequest)
            let reasons = try await Self.ssoLogins(app).map(Self.reason)
            #expect(reasons.filter { $0 == "oidc_state_mismatch" }.count == 3)
            // Key rotation: the new kid is not in the cached key set; it is fetched again.
            try await provider.rotateKey(app: app)
            let rotated = try await Browser(app).signInWithOIDC(provider, as: "zhaom")
            #expect(rotated.status == .seeOther)
        }
    }

    @Test("账户不对应时拒绝并记审计，不自动建账户；停用账户、锁定账户拒绝；在平台取消登录给出提示")
    func accountRules() async throws {
        try await withOIDC(users: ["zhaom", "nobody", "liuq"]) { app, provider in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            let liu = try await makeUser(on: app, unit: unit, username: "liuq", name: "刘强")
            liu.isDisabled = true
            try await liu.save(on: app.db)
            let people = try await User.query(on: app.db).count()

            let unmatched = try await Browser(app).signInWithOIDC(provider, as: "nobody")
            #expect(unmatched.status == .forbidden)
            #expect(unmatched.body.string.contains("未与本平台的账户对应"))
            #expect(try await User.query(on: app.db).count() == people)

            let disabled = try await Browser(app).signInWithOIDC(provider, as: "liuq")
            #expect(disabled.status == .forbidden)
            #expect(disabled.body.string.contains("该账户已停用"))

            // Five wrong passwords lock zhaom; single sign-on is refused as well while locked.
            let guesser = Browser(app)
            for _ in 0..<5 { try await guesser.post("/login", [("username", "zhaom"), ("password", "Wrong-pass-1")]) }
            let locked = try await Browser(app).signInWithOIDC(provider, as: "zhaom")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains("暂时锁定"))

            let browser = Browser(app)
            let start = try await browser.get("/login/oidc")
            let cancelled = try await browser.get(Browser.localPath(try await provider.signIn(try #require(start.location), as: "zhaom",
                                                                                             action: "cancel", app: app)))
            #expect(cancelled.body.string.contains("取消了登录"))

            let logins = try await Self.ssoLogins(app)
            #expect(logins.map(Self.reason) == ["unmatched", "disabled", "locked", "oidc_provider_error:access_denied"])
            #expect(logins.allSatisfy { !$0.succeeded })
            #expect(logins[0].targetLabel == "nobody")
        }
    }

    @Test("三员默认不能用统一身份认证登录（仍可用密码）；设置允许后可以")
    func administrators() async throws {
        try await withOIDC(users: ["secadmin"]) { app, provider in
            let city = try await makeUnit(on: app, name: "江北市人民政府")
            try await makeUser(on: app, unit: city, username: "secadmin", roles: [.secAdmin], scope: .platform)
            let refused = try await Browser(app).signInWithOIDC(provider, as: "secadmin")
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("三员分立"))
            #expect(Self.reason(try await Self.ssoLogins(app).last) == "administrator")
            #expect(try await Browser(app).login("secadmin").status == .seeOther)
        }
        try await withOIDC(users: ["secadmin"], allowAdministrators: true) { app, provider in
            let city = try await makeUnit(on: app, name: "江北市人民政府")
            try await makeUser(on: app, unit: city, username: "secadmin", roles: [.secAdmin], scope: .platform)
            #expect(try await Browser(app).signInWithOIDC(provider, as: "secadmin").status == .seeOther)
        }
    }

    @Test("统一身份认证登录的人退出时也退出平台（id_token_hint、post_logout_redirect_uri）；密码登录的人只退出政通")
    func logoutAtProvider() async throws {
        try await withOIDC(users: ["zhaom"]) { app, provider in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            let browser = Browser(app)
            try await browser.signInWithOIDC(provider, as: "zhaom")
            let home = try await browser.get("/")
            #expect(home.headers.first(name: "Content-Security-Policy")?.contains("form-action 'self' \(provider.issuer)") == true)
            let out = try await browser.post("/logout")
            #expect(out.status == .seeOther)
            let endSession = try #require(out.location)
            #expect(endSession.hasPrefix(provider.issuer + "/logout?"))
            #expect(endSession.contains("id_token_hint="))
            #expect(endSession.contains("post_logout_redirect_uri=http%3A%2F%2Foa.test%2Flogin%3FloggedOut%3D1"))
            let back = try await provider.logout(endSession, app: app)
            #expect(back?.hasPrefix("http://oa.test/login?loggedOut=1") == true)
            let logged = provider.received().first { $0["event"] as? String == "logout" }
            #expect(logged?["id_token_hint_valid"] as? Bool == true)
            #expect(try await browser.get("/").status == .seeOther)

            let local = Browser(app)
            try await local.login("zhaom")
            let localOut = try await local.post("/logout")
            #expect(localOut.location == "/login?loggedOut=1")
        }
    }

    @Test("手机客户端：POST /api/v1/auth/oidc 用授权码和 PKCE 校验码换取令牌；校验码不对、重放、未登记回调、停用账户被拒")
    func apiExchange() async throws {
        try await withOIDC(users: ["zhaom", "liuq"]) { app, provider in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            let liu = try await makeUser(on: app, unit: unit, username: "liuq", name: "刘强")
            liu.isDisabled = true
            try await liu.save(on: app.db)
            let discovery = try await app.oidcClient!.metadata(client: app.client)

            /// What the phone app does: its own verifier and nonce, the provider's login page, the code back.
            func authorize(_ username: String) async throws -> (code: String, verifier: String, nonce: String) {
                let pending = OIDCSignIn.Pending(state: OIDCSignIn.randomToken(), nonce: OIDCSignIn.randomToken(),
                                                 verifier: OIDCSignIn.randomToken(), next: "/", startedAt: Date())
                let url = try OIDCSignIn.authorizationURL(for: pending, redirectURI: OIDCProviderProcess.appRedirect,
                                                          config: try #require(app.config.oidc), discovery: discovery)
                let back = try await provider.signIn(url, as: username, app: app)
                let code = try #require(URLComponents(string: back)?.queryItems?.first { $0.name == "code" }?.value)
                return (code, pending.verifier, pending.nonce)
            }
            func exchange(_ grant: (code: String, verifier: String, nonce: String), redirect: String = OIDCProviderProcess.appRedirect) async throws -> TestingHTTPResponse {
                try await APIClient(app: app).request(.POST, "/api/v1/auth/oidc", json: [
                    "code": grant.code, "codeVerifier": grant.verifier, "redirectUri": redirect, "nonce": grant.nonce,
                ])
            }

            let grant = try await authorize("zhaom")
            let issued = try await exchange(grant)
            #expect(issued.status == .created, "\(issued.body.string)")
            let token = try issued.content.get(String.self, at: "token")
            let me = try await APIClient(app: app, token: token).get("/api/v1/me")
            #expect(me.status == .ok)
            #expect(me.body.string.contains("赵敏"))

            let replay = try await exchange(grant)
            #expect(replay.status == .unauthorized)
            #expect(try replay.content.get(String.self, at: "error", "code") == "oidc_code_rejected")

            var wrongVerifier = try await authorize("zhaom")
            wrongVerifier.verifier = OIDCSignIn.randomToken()
            let badVerifier = try await exchange(wrongVerifier)
            #expect(try badVerifier.content.get(String.self, at: "error", "code") == "oidc_code_rejected")

            var wrongNonce = try await authorize("zhaom")
            wrongNonce.nonce = "another-nonce"
            let badNonce = try await exchange(wrongNonce)
            #expect(try badNonce.content.get(String.self, at: "error", "code") == "oidc_token_invalid")

            let unregistered = try await exchange(try await authorize("zhaom"), redirect: "https://evil.example/cb")
            #expect(unregistered.status == .badRequest)
            #expect(try unregistered.content.get(String.self, at: "error", "code") == "oidc_redirect_not_allowed")

            let disabled = try await exchange(try await authorize("liuq"))
            #expect(disabled.status == .forbidden)
            #expect(try disabled.content.get(String.self, at: "error", "code") == "account_disabled")

            let malformed = try await APIClient(app: app).request(.POST, "/api/v1/auth/oidc", json: ["code": "x", "codeVerifier": "short"])
            #expect(malformed.status == .unprocessableEntity)

            let issuedAudit = try await AuditEntry.query(on: app.db).filter(\.$action == "auth.token.issue").all()
            #expect(issuedAudit.contains { $0.after.contains("\"method\":\"oidc\"") })
        }
    }

    @Test("未配置时没有按钮，/login/oidc 与 API 为 404")
    func offWhenUnset() async throws {
        try await withApp { app in
            let browser = Browser(app)
            let page = try await browser.get("/login")
            #expect(!page.body.string.contains("/login/oidc"))
            #expect(try await browser.get("/login/oidc").status == .notFound)
            let api = try await APIClient(app: app).request(.POST, "/api/v1/auth/oidc", json: ["code": "x"])
            #expect(api.status == .notFound)
            #expect(try api.content.get(String.self, at: "error", "code") == "oidc_not_configured")
        }
    }

    @Test("单位要求证书登录时，统一身份认证也被拒绝并记审计")
    func unitRequiringKeys() async throws {
        try await withOIDC(users: ["zhaom"]) { app, provider in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            let policy = UnitKeySignInPolicy()
            policy.$unit.id = try unit.requireID()
            policy.required = true
            policy.updatedAt = Date()
            policy.updatedByName = "郑海"
            try await policy.create(on: app.db)
            let refused = try await Browser(app).signInWithOIDC(provider, as: "zhaom")
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("要求使用数字证书"))
            let logins = try await Self.ssoLogins(app)
            #expect(logins.map(Self.reason) == ["key_sign_in_required"])
            #expect(logins.allSatisfy { !$0.succeeded })
        }
    }
}

@Suite("统一身份认证配置")
struct OIDCConfigurationTests {
    static let base = ["ZHENGTONG_PUBLIC_URL": "https://oa.example.gov.cn"]

    func config(_ extra: [String: String]) throws -> AppConfig {
        try AppConfig.fromEnvironment(Self.base.merging(extra) { _, new in new })
    }

    @Test("不设置则关闭；设置后回调地址由 ZHENGTONG_PUBLIC_URL 推出，默认按 preferred_username 对应用户名")
    func defaults() throws {
        #expect(try config([:]).oidc == nil)
        let oidc = try #require(try config(["ZHENGTONG_OIDC_ISSUER": "https://sso.example.gov.cn/realms/sx", "ZHENGTONG_OIDC_CLIENT_ID": "zt",
                                            "ZHENGTONG_OIDC_CLIENT_SECRET": "secret"]).oidc)
        #expect(oidc.redirectURL.absoluteString == "https://oa.example.gov.cn/login/oidc/callback")
        #expect(oidc.claim == "preferred_username")
        #expect(oidc.accountField == .username)
        #expect(oidc.clientAuthentication == .clientSecretBasic)
        #expect(oidc.label == "使用统一身份认证登录")
        #expect(oidc.allowAdministrators == false)
        #expect(oidc.postLogoutRedirectURL == "https://oa.example.gov.cn/login?loggedOut=1")
    }

    @Test("配置有误时启动报错并指出变量", arguments: [
        (["ZHENGTONG_OIDC_ISSUER": "http://sso.example.gov.cn"], "ZHENGTONG_OIDC_ISSUER"),
        (["ZHENGTONG_OIDC_ISSUER": "https://sso.example.gov.cn"], "ZHENGTONG_OIDC_CLIENT_ID"),
        (["ZHENGTONG_OIDC_ISSUER": "https://sso.example.gov.cn", "ZHENGTONG_OIDC_CLIENT_ID": "zt", "ZHENGTONG_OIDC_MATCH": "idcard"], "ZHENGTONG_OIDC_MATCH"),
        (["ZHENGTONG_OIDC_ISSUER": "https://sso.example.gov.cn", "ZHENGTONG_OIDC_CLIENT_ID": "zt", "ZHENGTONG_OIDC_SCOPES": "profile"], "ZHENGTONG_OIDC_SCOPES"),
        (["ZHENGTONG_OIDC_ISSUER": "https://sso.example.gov.cn", "ZHENGTONG_OIDC_CLIENT_ID": "zt", "ZHENGTONG_OIDC_TOKEN_AUTH": "client_secret_post"], "ZHENGTONG_OIDC_CLIENT_SECRET"),
        (["ZHENGTONG_OIDC_ISSUER": "https://sso.example.gov.cn", "ZHENGTONG_OIDC_CLIENT_ID": "zt", "ZHENGTONG_OIDC_CA_FILE": "/nonexistent.pem"], "ZHENGTONG_OIDC_CA_FILE"),
    ])
    func errors(env: [String: String], variable: String) throws {
        do {
            _ = try config(env)
            Issue.record("no error for \(env)")
        } catch let error as ConfigurationError {
            #expect(error.variable == variable)
        }
    }

    @Test("没有 ZHENGTONG_PUBLIC_URL 也没有回调地址时报错")
    func redirectRequired() throws {
        #expect(throws: ConfigurationError.self) {
            try AppConfig.fromEnvironment(["ZHENGTONG_OIDC_ISSUER": "https://sso.example.gov.cn", "ZHENGTONG_OIDC_CLIENT_ID": "zt"])
        }
    }
}
