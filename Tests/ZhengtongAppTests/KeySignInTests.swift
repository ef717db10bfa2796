import Fluent
import Foundation
import Guomi
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// A province's CA in the tests: a root, an intermediate, and people's certificates under it (SM2, made with Guomi).
struct TestCA {
    let rootKey: SM2.PrivateKey
    let root: SM2Certificate
    let intermediateKey: SM2.PrivateKey
    let intermediate: SM2Certificate

    init(name: String = "测试省数字证书认证中心") throws {
        let now = Date()
        rootKey = try SM2.PrivateKey()
        root = try SM2Certificate.issue(subject: .init(commonName: name + " 根", organization: name), publicKey: rootKey.publicKey, kind: .authority,
                                        notBefore: now.addingTimeInterval(-86400), notAfter: now.addingTimeInterval(10 * 365 * 86400),
                                        issuer: nil, issuerKey: rootKey)
        intermediateKey = try SM2.PrivateKey()
        intermediate = try SM2Certificate.issue(subject: .init(commonName: name + " 个人证书", organization: name), publicKey: intermediateKey.publicKey,
                                                kind: .authority, notBefore: now.addingTimeInterval(-86400), notAfter: now.addingTimeInterval(5 * 365 * 86400),
                                                issuer: root, issuerKey: rootKey)
    }

    /// A person's key and certificate, valid from `from` to `until` (seconds from now).
    func person(_ name: String, from: TimeInterval = -3600, until: TimeInterval = 365 * 86400) throws -> (key: SM2.PrivateKey, certificate: SM2Certificate) {
        let key = try SM2.PrivateKey()
        let now = Date()
        let certificate = try SM2Certificate.issue(subject: .init(commonName: name, organization: "江北市人民政府办公室"), publicKey: key.publicKey, kind: .signer,
                                                   notBefore: now.addingTimeInterval(from), notAfter: now.addingTimeInterval(until),
                                                   issuer: intermediate, issuerKey: intermediateKey)
        return (key, certificate)
    }

    var config: KeySignInConfig { KeySignInConfig(caBundle: [root, intermediate]) }
}

/// Answers a challenge from the API with `key` (DER signature unless `raw`), over `text` when given instead.
func keyToken(_ app: Application, key: SM2.PrivateKey, certificate: SM2Certificate, raw: Bool = false, sign text: String? = nil,
              nonce reuse: String? = nil) async throws -> (response: TestingHTTPResponse, nonce: String) {
    let client = APIClient(app: app)
    let challenge = try await client.request(.POST, "/api/v1/auth/key/challenge")
    #expect(challenge.status == .created)
    let issued = try challenge.content.get(String.self, at: "nonce")
    let nonce = reuse ?? issued
    let challengeText = try challenge.content.get(String.self, at: "challenge")
    let message = text ?? challengeText
    var signature = try key.signature(for: Data(message.utf8))
    if raw { signature = try SM2.SignatureValue.raw(fromDER: signature) }
    let response = try await client.request(.POST, "/api/v1/auth/key/token", json: [
        "nonce": nonce, "certificate": certificate.pemRepresentation, "signature": signature.base64EncodedString(),
    ])
    return (response, nonce)
}

func lastLoginAudit(_ app: Application) async throws -> AuditEntry {
    try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "auth.login").sort(\.$id, .descending).first())
}

@Suite("证书与 USB Key 登录")
struct KeySignInTests {
    /// 江北市人民政府办公室 with a security administrator (平台范围), a system administrator and a clerk.
    func setUp(_ app: Application) async throws -> (unit: ZhengtongApp.Unit, clerk: User, secadmin: APIClient) {
        let unit = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
        let clerk = try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
        try await makeUser(on: app, unit: unit, username: "anquan", name: "安全员", roles: [.secAdmin], scope: .platform)
        try await makeUser(on: app, unit: unit, username: "xitong", name: "系统员", roles: [.sysAdmin], scope: .platform)
        return (unit, clerk, try await APIClient.signIn(app, "anquan"))
    }

    func bind(_ secadmin: APIClient, _ user: User, _ certificate: SM2Certificate) async throws -> TestingHTTPResponse {
        try await secadmin.request(.POST, "/api/v1/users/\(user.requireID())/certificates", json: ["certificate": certificate.pemRepresentation])
    }

    @Test("安全管理员绑定证书后，本人用 USB Key 签名登录获得令牌；DER 与 r‖s 签名均可；审计记录方式")
    func keyChallengeSignsIn() async throws {
        let ca = try TestCA()
        try await withApp(configure: { $0.keySignIn = ca.config }) { app in
            let (_, clerk, secadmin) = try await setUp(app)
            let (key, certificate) = try ca.person("赵敏")
            let bound = try await bind(secadmin, clerk, certificate)
            #expect(bound.status == .created, "\(bound.body.string)")
            #expect(try bound.content.get(String.self, at: "fingerprint") == certificate.fingerprint)
            let bindAudit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "certificate.bind").first())
            #expect(bindAudit.actorName == "anquan" && bindAudit.targetLabel == "zhaom")

            let (signedIn, _) = try await keyToken(app, key: key, certificate: certificate)
            #expect(signedIn.status == .created, "\(signedIn.body.string)")
            #expect(try signedIn.content.get(String.self, at: "user", "username") == "zhaom")
            let audit = try await lastLoginAudit(app)
            #expect(audit.succeeded && audit.after.contains("key_challenge"))
            let (raw, _) = try await keyToken(app, key: key, certificate: certificate, raw: true)
            #expect(raw.status == .created)

            let listed = try await secadmin.request(.GET, "/api/v1/users/\(clerk.requireID())/certificates")
            #expect(listed.status == .ok)
            let sysadmin = try await APIClient.signIn(app, "xitong")
            let refused = try await bind(sysadmin, clerk, try ca.person("赵敏").certificate)
            #expect(refused.status == .forbidden)
        }
    }

    @Test("错误的 CA、过期、未生效、未绑定、已撤销、签名错误、重放和过期的挑战都被拒绝并记入审计")
    func refusals() async throws {
        let ca = try TestCA()
        let other = try TestCA(name: "别省证书中心")
        try await withApp(configure: { $0.keySignIn = ca.config }) { app in
            let (_, clerk, secadmin) = try await setUp(app)
            func expectRefused(_ response: TestingHTTPResponse, _ code: String, reason: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                #expect(response.status == .unauthorized, sourceLocation: sourceLocation)
                #expect((try? response.content.get(String.self, at: "error", "code")) == code, "\(response.body.string)", sourceLocation: sourceLocation)
                let audit = try await lastLoginAudit(app)
                #expect(!audit.succeeded && audit.after.contains("\"reason\":\"\(reason)\""), "\(audit.after)", sourceLocation: sourceLocation)
            }
            // Wrong CA: bound, but not from the configured authorities.
            let foreign = try other.person("赵敏")
            #expect(try await bind(secadmin, clerk, foreign.certificate).status == .created)
            try await expectRefused(try await keyToken(app, key: foreign.key, certificate: foreign.certificate).response, "certificate_untrusted", reason: "untrusted")
            // Expired and not yet valid.
            let expired = try ca.person("赵敏", from: -86400 * 10, until: -86400)
            #expect(try await bind(secadmin, clerk, expired.certificate).status == .created)
            try await expectRefused(try await keyToken(app, key: expired.key, certificate: expired.certificate).response, "certificate_expired", reason: "expired")
            let future = try ca.person("赵敏", from: 86400, until: 86400 * 10)
            #expect(try await bind(secadmin, clerk, future.certificate).status == .created)
            try await expectRefused(try await keyToken(app, key: future.key, certificate: future.certificate).response, "certificate_not_yet_valid", reason: "not_yet_valid")
            // Unbound.
            let stranger = try ca.person("无名氏")
            try await expectRefused(try await keyToken(app, key: stranger.key, certificate: stranger.certificate).response, "certificate_unbound", reason: "unbound")
            // Bad signature: another text signed, or another key.
            let good = try ca.person("赵敏")
            let binding = try await bind(secadmin, clerk, good.certificate)
            try await expectRefused(try await keyToken(app, key: good.key, certificate: good.certificate, sign: "something else").response,
                                    "signature_invalid", reason: "bad_signature")
            try await expectRefused(try await keyToken(app, key: stranger.key, certificate: good.certificate).response, "signature_invalid", reason: "bad_signature")
            // Five failed proofs lock the account (shared with password sign-in, see `lockout`); the lock's time passes.
            try await LoginThrottle.query(on: app.db).delete()
            // Replayed: the nonce of a successful sign-in again.
            let first = try await keyToken(app, key: good.key, certificate: good.certificate)
            #expect(first.response.status == .created)
            try await expectRefused(try await keyToken(app, key: good.key, certificate: good.certificate, nonce: first.nonce).response,
                                    "challenge_invalid", reason: "challenge_invalid")
            // Revoked.
            let id = try binding.content.get(String.self, at: "id")
            let revoked = try await secadmin.request(.POST, "/api/v1/certificates/\(id)/revoke")
            #expect(revoked.status == .ok)
            #expect(try revoked.content.get(Bool.self, at: "active") == false)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "certificate.revoke").count() == 1)
            try await expectRefused(try await keyToken(app, key: good.key, certificate: good.certificate).response, "certificate_revoked", reason: "revoked")
            // The same certificate may be bound again after revocation, not twice at once.
            #expect(try await bind(secadmin, clerk, good.certificate).status == .created)
            #expect(try await bind(secadmin, clerk, good.certificate).status == .conflict)
        }
        // Expired challenge: a lifetime already over.
        var config = ca.config
        config.challengeLifetime = -5
        try await withApp(configure: { [config] in $0.keySignIn = config }) { app in
            let (_, clerk, secadmin) = try await setUp(app)
            let good = try ca.person("赵敏")
            #expect(try await bind(secadmin, clerk, good.certificate).status == .created)
            let response = try await keyToken(app, key: good.key, certificate: good.certificate).response
            #expect(response.status == .unauthorized)
            #expect(try response.content.get(String.self, at: "error", "code") == "challenge_expired")
        }
    }

    @Test("连续签名错误后账户锁定，锁定期间正确签名也被拒绝")
    func lockout() async throws {
        let ca = try TestCA()
        try await withApp(configure: { $0.keySignIn = ca.config }) { app in
            let (_, clerk, secadmin) = try await setUp(app)
            let good = try ca.person("赵敏")
            #expect(try await bind(secadmin, clerk, good.certificate).status == .created)
            for _ in 0..<5 {
                let bad = try await keyToken(app, key: good.key, certificate: good.certificate, sign: "wrong")
                #expect(bad.response.status == .unauthorized)
            }
            let locked = try await keyToken(app, key: good.key, certificate: good.certificate).response
            #expect(locked.status == .tooManyRequests)
            #expect(try locked.content.get(String.self, at: "error", "code") == "login_locked")
            // The password route shares the counter.
            let password = try await APIClient(app: app).request(.POST, "/api/v1/auth/token", json: ["username": "zhaom", "password": testPassword])
            #expect(password.status == .tooManyRequests)
        }
    }

    @Test("单位要求证书登录：三员未绑定证书时不能开启；开启后密码登录（网页与 API）被拒绝，证书登录可用；停用账户不能登录")
    func unitRequirement() async throws {
        let ca = try TestCA()
        try await withApp(configure: { $0.keySignIn = ca.config }) { app in
            let (unit, clerk, secadmin) = try await setUp(app)
            let path = "/api/v1/units/\(try unit.requireID())/key-sign-in"
            let refused = try await secadmin.send(.PUT, path, body: #"{"required": true}"#)
            #expect(refused.status == .conflict)
            #expect(try refused.content.get(String.self, at: "error", "code") == "administrator_without_certificate")
            for username in ["anquan", "xitong"] {
                let admin = try #require(try await User.query(on: app.db).filter(\.$username == username).first())
                #expect(try await bind(secadmin, admin, try ca.person(admin.name).certificate).status == .created)
            }
            let set = try await secadmin.send(.PUT, path, body: #"{"required": true}"#)
            #expect(set.status == .ok, "\(set.body.string)")
            #expect(try await secadmin.request(.GET, path).content.get(Bool.self, at: "required") == true)

            let api = try await APIClient(app: app).request(.POST, "/api/v1/auth/token", json: ["username": "zhaom", "password": testPassword])
            #expect(api.status == .forbidden)
            #expect(try api.content.get(String.self, at: "error", "code") == "key_sign_in_required")
            let browser = Browser(app)
            try await browser.get("/login")
            let page = try await browser.post("/login", [("username", "zhaom"), ("password", testPassword)])
            #expect(page.status == .forbidden)
            #expect(page.body.string.contains("要求使用数字证书"))
            #expect((try await lastLoginAudit(app)).after.contains("key_sign_in_required"))

            let good = try ca.person("赵敏")
            #expect(try await bind(secadmin, clerk, good.certificate).status == .created)
            #expect(try await keyToken(app, key: good.key, certificate: good.certificate).response.status == .created)
            clerk.isDisabled = true
            try await clerk.save(on: app.db)
            let disabled = try await keyToken(app, key: good.key, certificate: good.certificate).response
            #expect(disabled.status == .forbidden)
            #expect(try disabled.content.get(String.self, at: "error", "code") == "account_disabled")
        }
    }

    @Test("网页：安全管理员上传证书文件绑定；本人在登录页用 USB Key 签名登录，会话编号更换")
    func pages() async throws {
        let ca = try TestCA()
        try await withApp(configure: { $0.keySignIn = ca.config; $0.keySignIn.keySignerURL = URL(string: "http://127.0.0.1:21061/sign") }) { app in
            _ = try await setUp(app)
            let admin = Browser(app)
            try await admin.login("anquan")
            let index = try await admin.get("/admin/certificates")
            #expect(index.status == .ok)
            let good = try ca.person("赵敏")
            let boundary = "zt-cert"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(admin.csrf ?? "")\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nzhaom\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"zhaom.pem\"\r\nContent-Type: application/x-pem-file\r\n\r\n"
                + good.certificate.pemRepresentation + "\r\n--\(boundary)--\r\n"
            let bound = try await admin.sendRaw(.POST, "/admin/certificates", body: body,
                                                contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
            #expect(bound.status == .seeOther, "\(bound.body.string)")
            #expect(try await admin.get("/admin/certificates").body.string.contains("CN=赵敏"))

            let person = Browser(app)
            let login = try await person.get("/login")
            #expect(login.body.string.contains("/js/key-sign-in.js"))
            #expect(login.headers.first(name: "Content-Security-Policy")?.contains("connect-src 'self' http://127.0.0.1:21061") == true)
            let before = person.cookies["zhengtong_session"]
            let challenge = try await person.post("/login/key/challenge")
            #expect(challenge.status == .created)
            let text = try challenge.content.get(String.self, at: "challenge")
            let nonce = try challenge.content.get(String.self, at: "nonce")
            let signature = try good.key.signature(for: Data(text.utf8)).base64EncodedString()
            let signedIn = try await person.post("/login/key", [("nonce", nonce), ("certificate", good.certificate.pemRepresentation),
                                                                ("signature", signature), ("next", "/")])
            #expect(signedIn.status == .seeOther)
            #expect(person.cookies["zhengtong_session"] != before)
            #expect(try await person.get("/").body.string.contains("赵敏"))
            // Replaying the same answer in another browser is refused on the page.
            let thief = Browser(app)
            try await thief.get("/login")
            let replay = try await thief.post("/login/key", [("nonce", nonce), ("certificate", good.certificate.pemRepresentation), ("signature", signature)])
            #expect(replay.status == .unauthorized)
            #expect(replay.body.string.contains("登录挑战无效"))
        }
    }

    @Test("代理传来的客户端证书：只信任配置的代理地址；其他地址（哪怕伪造 X-Forwarded-For）发来的请求头被忽略")
    func proxyHeaderOnlyFromProxies() async throws {
        let ca = try TestCA()
        var config = ca.config
        config.clientCertificateHeader = "x-ssl-client-cert"
        config.clientCertificateProxies = ["10.9.9.9"]
        try await withApp(configure: { [config] in $0.keySignIn = config }) { app in
            let (_, clerk, secadmin) = try await setUp(app)
            let good = try ca.person("赵敏")
            #expect(try await bind(secadmin, clerk, good.certificate).status == .created)
            let browser = Browser(app, address: "10.9.9.9")
            browser.extraHeaders.add(name: "X-SSL-Client-Cert",
                                     value: good.certificate.pemRepresentation.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let page = try await browser.get("/login")
            #expect(page.body.string.contains("/login/certificate"))
            let response = try await browser.post("/login/certificate")
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("未收到客户端证书"))
        }
    }
}

/// Runs curl and returns its standard output.
@discardableResult
func runCurl(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
