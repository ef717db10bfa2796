import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("服务器内部错误")
struct ErrorPageTests {
    struct DiskOnFire: Error, CustomStringConvertible {
        var description: String { "secret internal detail /var/lib/zhengtong" }
    }

    @Test("页面出错：500 中文页面，不泄露内部细节；API 出错：JSON 500")
    func internalErrors() async throws {
        try await withApp { app in
            // A route that fails the way a real bug would.
            app.get("boom") { _ -> String in throw DiskOnFire() }
            app.get("api", "v1", "boom") { _ -> String in throw DiskOnFire() }
            let page = try await Browser(app).get("/boom")
            #expect(page.status == .internalServerError)
            #expect(page.body.string.contains("服务器内部错误"))
            #expect(page.body.string.contains("class=\"topbar\""))
            #expect(!page.body.string.contains("secret internal detail"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/boom")
            #expect(api.status == .internalServerError)
            #expect(api.errorCode == "internal_error")
            #expect(!api.body.string.contains("secret internal detail"))
        }
    }
}
