import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// The open-redirect bypasses a tester tries on a "back to" parameter; none may leave the site.
@Suite("站内地址检查：登录后返回、表单的返回地址、消息链接")
struct LocalPathTests {
    static let hostile = [
        "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/%09/evil.example",
        "/\n/evil.example", "/\r\n/evil.example", "/%0a/evil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example",
        "/%5c/evil.example", "https://evil.example", "http:/evil.example", "evil.example", "javascript:alert(1)", " /x", "/ /evil.example",
        "/\u{00A0}/evil.example", "/\u{200B}/evil.example", "/%E3%80%80/evil", "", "/%", "/%zz",
    ]

    @Test("只接受以单个 / 开头、不含反斜杠和控制字符、解码后仍如此的路径")
    func bypassList() {
        for raw in Self.hostile {
            #expect(LocalPath.validated(raw) == nil, "accepted \(raw.debugDescription)")
        }
        for good in ["/", "/tasks", "/tasks?tab=done", "/outgoing/8A1B/edit#top", "/search?q=%E5%80%BC%E7%8F%AD"] {
            #expect(LocalPath.validated(good) == good)
        }
    }

    @Test("登录后不会被带到外站：制表符、编码的斜杠、反斜杠都回到工作台")
    func loginNext() async throws {
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "市政府办公室")
            try await makeUser(on: app, unit: unit, username: "zhaom")
            for raw in ["/\t/evil.example", "/%09/evil.example", "/%2F/evil.example", "/\\evil.example", "//evil.example"] {
                let browser = Browser(app)
                try await browser.get("/login")
                let login = try await browser.post("/login", [("username", "zhaom"), ("password", testPassword), ("next", raw)])
                #expect(login.status == .seeOther)
                #expect(login.location == "/", "next \(raw.debugDescription) went to \(login.location ?? "nil")")
            }
            // The query-string door too: the login page does not carry a hostile `next` into its form.
            let page = try await Browser(app).get("/login?next=%2F%09%2Fevil.example")
            #expect(!page.body.string.contains("evil.example"))
        }
    }
}
