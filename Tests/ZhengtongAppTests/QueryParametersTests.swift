import Foundation
import Testing
import Vapor
@testable import ZhengtongApp

@Suite("查询参数：每个请求只解析一次")
struct QueryParametersTests {
    @Test("加号是空格、百分号编码解码、重复的取第一个、无值为空、非数字的页码为 nil")
    func readsLikeAForm() async throws {
        try await withApp { app in
            let req = Request(application: app, method: .GET, url: URI(string: "/tasks?q=%E5%80%BC%E7%8F%AD+2026&tab=done&tab=open&flag&page=x2&per=20"),
                              on: app.eventLoopGroup.next())
            #expect(req.queryValue("q") == "值班 2026")
            #expect(req.queryValue("tab") == "done")
            #expect(req.queryValue("flag") == "")
            #expect(req.queryValue("missing") == nil)
            #expect(req.queryInt("page") == nil)
            #expect(req.queryInt("per") == 20)
        }
    }

    @Test("是/否参数不分大小写：TRUE、On、1 为是，OFF、0、false 为否，其他值被拒绝")
    func flags() async throws {
        try await withApp { app in
            func flag(_ raw: String) throws -> Bool {
                let req = Request(application: app, method: .GET, url: URI(string: "/api/v1/units?includeDisabled=\(raw)"), on: app.eventLoopGroup.next())
                return try PeopleFilter.flag(req, "includeDisabled")
            }
            let yes = try ["TRUE", "On", "1", "true"].map(flag)
            let no = try ["OFF", "0", "false", ""].map(flag)
            #expect(yes == [true, true, true, true])
            #expect(no == [false, false, false, false])
            #expect(throws: AppError.self) { try flag("maybe") }
        }
    }
}
