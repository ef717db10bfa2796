import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("运维接口、安全响应头、错误页面、静态文件")
struct OperationsTests {
    @Test("/healthz 与 /readyz 返回 200；/metrics 输出 Prometheus 文本，含按路由的请求计数")
    func probesAndMetrics() async throws {
        try await withApp { app in
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.status == .ok)
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok)
            let metrics = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers.contentType?.description.hasPrefix("text/plain") == true)
            #expect(metrics.body.string.contains("http_requests_total"))
            #expect(metrics.body.string.contains("path=\"/healthz\""))
            #expect(metrics.body.string.contains("zhengtong_db_pool_max_connections"))
            #expect(metrics.body.string.contains("zhengtong_db_ping_seconds"))
            // The queues: a dead job and a job due now show.
            try await JobQueue.schedule(kind: "nothing", key: "due-now", payload: "", at: Date().addingTimeInterval(-60), on: app.db)
            try await JobQueue.schedule(kind: "nothing", key: "given-up", payload: "", at: Date().addingTimeInterval(3600), on: app.db)
            let dead = try #require(try await JobRecord.query(on: app.db).filter(\.$key == "given-up").first())
            dead.state = JobRecord.State.dead.rawValue
            try await dead.update(on: app.db)
            let queues = try await app.testing().sendRequest(.GET, "/metrics").body.string
            #expect(queues.contains("zhengtong_jobs_dead 1"))
            #expect(queues.contains("zhengtong_jobs_due 1"))
            #expect(queues.contains("zhengtong_outbox_pending 0"))
        }
    }

    @Test("每个页面带 CSP（不允许内联脚本）、禁止嵌入、nosniff、来源策略")
    func securityHeaders() async throws {
        try await withApp { app in
            let page = try await Browser(app).get("/login")
            let csp = try #require(page.headers.first(name: "Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(page.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
            #expect(!page.body.string.contains("<script>"))
            #expect(!page.body.string.contains("http://") && !page.body.string.contains("https://"))
        }
    }

    @Test("未知页面返回中文 404 页面（同一版式）；未知 API 返回 JSON")
    func notFound() async throws {
        try await withApp { app in
            let page = try await Browser(app).get("/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("您访问的页面或资源不存在"))
            #expect(page.body.string.contains("class=\"topbar\""))
            let api = try await APIClient(app: app).get("/api/v1/no-such-thing")
            #expect(api.status == .notFound)
            #expect(api.headers.contentType == .json)
        }
    }

    @Test("样式、脚本和图标由本服务器提供")
    func staticFiles() async throws {
        try await withApp { app in
            let css = try await app.testing().sendRequest(.GET, "/css/app.css")
            #expect(css.status == .ok)
            #expect(css.body.string.contains("--red"))
            #expect(try await app.testing().sendRequest(.GET, "/js/app.js").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/favicon.svg").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/../Package.swift").status != .ok)
        }
    }

    @Test("部署者可用自己的模板覆盖内置模板")
    func templateOverride() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zt-views-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "<p>本地登录页 #(t.login_title)</p>".write(to: directory.appendingPathComponent("login.leaf"), atomically: true, encoding: .utf8)
        try await withApp(configure: { $0.templatesDirectory = directory.path }) { app in
            let page = try await Browser(app).get("/login")
            #expect(page.body.string.contains("本地登录页 用户登录"))
            // Templates the deployer did not override still come from the bundle.
            #expect(try await Browser(app).get("/nothing").body.string.contains("class=\"topbar\""))
        }
    }
}
