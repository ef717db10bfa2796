import Fluent
import Foundation
import Guomi
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Method A end to end: a real nginx (Debian's, which cannot do SM2 TLS, so P-256 certificates made with the openssl
/// CLI) verifies the TLS client certificate against the CA and passes it to the app in a header it overwrites.
@Suite("经 nginx 的客户端证书登录", .serialized)
struct KeySignInNginxTests {
    static var nginx: String? {
        ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSetupError("\(tool) \(arguments) failed") }
        return String(decoding: data, as: UTF8.self)
    }

    /// A P-256 CA, a server certificate for 127.0.0.1 and client certificates, with the openssl CLI.
    static func makeCertificates(in dir: URL) throws {
        let openssl = "/usr/bin/openssl"
        let ecParams = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try run(openssl, ["req", "-x509"] + ecParams + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/O=Test Province CA/CN=Test Root CA",
                                                        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: dir)
        try run(openssl, ["req", "-x509"] + ecParams + ["-keyout", "other.key", "-out", "other.pem", "-days", "30", "-subj", "/CN=Other CA",
                                                        "-addext", "basicConstraints=critical,CA:TRUE"], in: dir)
        for (name, subject, extra) in [("server", "/CN=127.0.0.1", ["-addext", "subjectAltName=IP:127.0.0.1"]),
                                       ("zhaom", "/O=Jiangbei/CN=Zhao Min", []), ("stranger", "/CN=Stranger", [])] {
            try run(openssl, ["req", "-new"] + ecParams + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject] + extra, in: dir)
            try run(openssl, ["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "10",
                              "-out", "\(name).pem", "-copy_extensions", "copy"], in: dir)
        }
    }

    @Test("nginx 校验客户端证书后经请求头传给应用：已绑定的证书登录成功；无证书或客户端自带的请求头不能登录")
    func clientCertificateThroughNginx() async throws {
        guard let nginx = Self.nginx else { return }  // scripts/test installs it
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zt-nginx-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.makeCertificates(in: dir)
        let caPEM = try String(contentsOf: dir.appendingPathComponent("ca.pem"), encoding: .utf8)
        let config = KeySignInConfig(caBundle: try KeySignInConfig.certificates(inPEMBundle: caPEM),
                                     clientCertificateHeader: "X-SSL-Client-Cert", clientCertificateProxies: ["127.0.0.1"])
        let appPort = freeLoopbackPort()
        let nginxPort = freeLoopbackPort()
        let tmp = dir.appendingPathComponent("tmp").path
        try """
        daemon off;
        worker_processes 1;
        pid \(dir.path)/nginx.pid;
        error_log \(dir.path)/error.log warn;
        events { worker_connections 64; }
        http {
            access_log off;
            client_body_temp_path \(tmp)/body; proxy_temp_path \(tmp)/proxy; fastcgi_temp_path \(tmp)/fastcgi;
            uwsgi_temp_path \(tmp)/uwsgi; scgi_temp_path \(tmp)/scgi;
            map $ssl_client_verify $zt_client_cert { SUCCESS $ssl_client_escaped_cert; default ""; }
            server {
                listen 127.0.0.1:\(nginxPort) ssl;
                ssl_certificate \(dir.path)/server.pem;
                ssl_certificate_key \(dir.path)/server.key;
                ssl_client_certificate \(dir.path)/ca.pem;
                ssl_verify_client optional;
                location / {
                    proxy_pass http://127.0.0.1:\(appPort);
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-SSL-Client-Cert $zt_client_cert;
                }
            }
        }
        """.write(to: dir.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)

        try await withApp(configure: { $0.keySignIn = config }) { app in
            let unit = try await makeUnit(on: app, name: "江北市人民政府办公室", kind: .office)
            let clerk = try await makeUser(on: app, unit: unit, username: "zhaom", name: "赵敏")
            try await makeUser(on: app, unit: unit, username: "anquan", roles: [.secAdmin], scope: .platform)
            let secadmin = try await APIClient.signIn(app, "anquan")
            let clientPEM = try String(contentsOf: dir.appendingPathComponent("zhaom.pem"), encoding: .utf8)
            let bound = try await secadmin.request(.POST, "/api/v1/users/\(clerk.requireID())/certificates", json: ["certificate": clientPEM])
            #expect(bound.status == .created, "\(bound.body.string)")

            let process = Process()
            process.executableURL = URL(fileURLWithPath: nginx)
            process.arguments = ["-c", dir.appendingPathComponent("nginx.conf").path, "-e", dir.appendingPathComponent("error.log").path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { process.terminate(); process.waitUntilExit() }

            // The app on a real port for nginx to proxy to, for the whole exchange.
            try await app.server.start(address: .hostname("127.0.0.1", port: appPort))
            do {
                try await Task.sleep(for: .milliseconds(500))
                let base = "https://127.0.0.1:\(nginxPort)"
                func signIn(_ extra: [String], jar: String) throws -> (status: String, body: String) {
                    let common = ["-s", "--cacert", dir.appendingPathComponent("ca.pem").path, "-c", jar, "-b", jar] + extra
                    let login = try runCurl(common + [base + "/login"])
                    let csrf = try #require(login.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1,
                                            "login page through nginx: \(login.prefix(300)) | \((try? String(contentsOf: dir.appendingPathComponent("error.log"), encoding: .utf8)) ?? "")")
                    let out = dir.appendingPathComponent("out-\(UUID().uuidString).html").path
                    let status = try runCurl(common + ["-o", out, "-w", "%{http_code} %{redirect_url}", "-X", "POST",
                                                       "--data-urlencode", "_csrf=\(csrf)", base + "/login/certificate"])
                    return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
                }
                let withCertificate = ["--cert", dir.appendingPathComponent("zhaom.pem").path, "--key", dir.appendingPathComponent("zhaom.key").path]
                let jar = dir.appendingPathComponent("jar-ok").path
                let good = try signIn(withCertificate, jar: jar)
                #expect(good.status.hasPrefix("303"), "\(good)")
                let home = try runCurl(["-s", "--cacert", dir.appendingPathComponent("ca.pem").path, "-b", jar] + withCertificate + [base + "/"])
                #expect(home.contains("赵敏"))
                let audit = try await lastLoginAudit(app)
                #expect(audit.succeeded && audit.after.contains("client_certificate"))

                // No certificate, but the client sends the header itself: nginx overwrites it.
                let forged = try signIn(["-H", "X-SSL-Client-Cert: " + (clientPEM.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")],
                                        jar: dir.appendingPathComponent("jar-forged").path)
                #expect(forged.status.hasPrefix("401"), "\(forged.status)")
                #expect(forged.body.contains("未收到客户端证书"))

                // A certificate from the CA, verified by nginx, but bound to nobody.
                let stranger = try signIn(["--cert", dir.appendingPathComponent("stranger.pem").path, "--key", dir.appendingPathComponent("stranger.key").path],
                                          jar: dir.appendingPathComponent("jar-stranger").path)
                #expect(stranger.status.hasPrefix("401"))
                #expect(stranger.body.contains("未绑定"))
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }
}
