import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

@Suite("全文检索：双字切分、文号、附件文字、权限、接口与重建索引", .serialized)
struct SearchTests {
    @Test("按两字、单字、文号数字查到可以查看的公文，标题和摘要中标出命中；标题命中的排在前面")
    func findsByBigramNumberAndCharacter() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            #expect(try await SearchIndex.runPending(app: app) >= 4)
            let notice = try await CityFixture.dispatched(on: app)
            let number = try #require(notice.number)
            let zhao = try await CityFixture.signedIn("zhaom", app)

            let page = try await zhao.get(SiteURL.search.path + "?q=" + "值班".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).body.string
            #expect(page.contains(SiteURL.outgoing.link(try notice.requireID())))
            #expect(page.contains("<mark>值班</mark>"))
            // 文号 by its numbers: 江政办发〔2026〕2号 found by "2026 2".
            let digits = number.filter(\.isNumber)
            let year = String(digits.prefix(4)), sequence = String(digits.dropFirst(4))
            let byNumber = try await APIClient.signIn(app, "zhaom").get("/api/v1/search?q=\(year)%20\(sequence)")
            let items = try byNumber.content.decode(SearchPagesController.APIResults.self).items
            #expect(items.contains { $0.id == notice.id && $0.number == number })
            // One character is enough.
            let one = try await APIClient.signIn(app, "zhaom").get("/api/v1/search?q=" + "班".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(try one.content.decode(SearchPagesController.APIResults.self).items.contains { $0.id == notice.id })
            // Titles holding the words come first, then the others; each group newest first. 进一步 is in the title
            // of the 公文处理 notice, in the body of the older 作风建设 one and of a new draft.
            let drafter = try await CityFixture.user("huangl", on: app)
            let code = try #require(try await IssuerCode.query(on: app.db).filter(\.$code == "江政办发").first())
            try await app.write { db in
                let draft = try await OutgoingService.create(kind: .notice, code: code, by: drafter, departmentID: nil, at: Date().addingTimeInterval(60), on: db)
                var content = try draft.document()
                content.title = "关于报送年度总结的通知"
                content.body = "请各单位进一步做好总结。"
                try await OutgoingService.save(draft, content: content, expectedVersion: draft.version, by: try drafter.requireID(), step: "拟稿", on: db)
            }
            try await SearchIndex.runPending(app: app)
            let ranked = try await APIClient.signIn(app, "zhaom").get("/api/v1/search?q=" + "进一步".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            let results = try ranked.content.decode(SearchPagesController.APIResults.self).items
            let inTitle = results.map { $0.title.contains { $0.highlighted } }
            #expect(inTitle == [true, false, false])
            #expect(results.map { $0.title.map(\.text).joined() }.map { $0.contains("规范公文处理") ? "title" : $0.contains("年度总结") ? "new" : "old" }
                    == ["title", "new", "old"])
            let all = try await APIClient.signIn(app, "zhaom").get("/api/v1/search?q=" + "工作".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(try all.content.decode(SearchPagesController.APIResults.self).items.count == 4)
            #expect(try await APIClient.signIn(app, "huangl").get("/api/v1/search?q=" + "总结".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).status == .ok)
            let dates = try all.content.decode(SearchPagesController.APIResults.self).items.map(\.date)
            #expect(dates == dates.sorted(by: >))
            // Filters on the page: state and kind of document.
            let q = "通知".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let dispatchedOnly = try await zhao.get(SiteURL.search.path + "?q=\(q)&status=dispatched").body.string
            #expect(dispatchedOnly.contains(SiteURL.outgoing.link(try notice.requireID())) && dispatchedOnly.components(separatedBy: "class=\"result-title\"").count == 2)
            #expect(try await zhao.get(SiteURL.search.path + "?q=\(q)&type=incoming").body.string.contains("没有找到您可以查看的公文"))
            // Nothing typed: the API says so.
            #expect(try await APIClient.signIn(app, "zhaom").get("/api/v1/search?q=%20").status == .unprocessableEntity)
        }
    }

    @Test("附件中的文字可以查到；改动后索引随之更新")
    func findsInsideAttachments() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let draft = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$status == "drafting").first())
            let huang = try await CityFixture.signedIn("huangl", app)
            let path = SiteURL.outgoing.link(try draft.requireID())
            try await huang.get(path)
            #expect(try await huang.upload(path + "/attachments", field: "file", filename: "评议细则.txt", content: "评议采取蓝鲸计划打分，满分一百分。").status == .seeOther)
            try await SearchIndex.runPending(app: app)
            let api = try await APIClient.signIn(app, "huangl")
            let found = try await api.get("/api/v1/search?q=" + "蓝鲸计划".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            let items = try found.content.decode(SearchPagesController.APIResults.self).items
            #expect(items.map(\.id) == [draft.id])
            #expect(items.first?.snippet.contains { $0.highlighted && $0.text.contains("蓝鲸") } == true)
            // The attachment removed, the words are no longer found.
            let attachment = try #require(try await OutgoingAttachment.query(on: app.db).first())
            #expect(try await huang.post(path + "/attachments/\(try attachment.requireID())/delete").status == .seeOther)
            try await SearchIndex.runPending(app: app)
            let gone = try await api.get("/api/v1/search?q=" + "蓝鲸计划".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(try gone.content.decode(SearchPagesController.APIResults.self).items.isEmpty)
        }
    }

    @Test("只出现有权查看的公文：其他单位的发文查不到；签收后收文单位查到自己的收文")
    func onlyWhatOneMayOpen() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await SearchIndex.runPending(app: app)
            let query = "/api/v1/search?q=" + "值班".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let guo = try await APIClient.signIn(app, "guoyn")
            #expect(try await guo.get(query).content.decode(SearchPagesController.APIResults.self).items.isEmpty)
            // 黄磊 drafted it: he sees it; 李娜 of another department, who never touched it, does not.
            #expect(try await APIClient.signIn(app, "huangl").get(query).content.decode(SearchPagesController.APIResults.self).items.count >= 1)
            #expect(try await APIClient.signIn(app, "lina").get(query).content.decode(SearchPagesController.APIResults.self).items.isEmpty)

            let qh = try await CityFixture.delivery(to: "清河县人民政府", on: app)
            let browser = try await CityFixture.signedIn("guoyn", app)
            #expect(try await browser.post(SiteURL.delivery.link(try qh.requireID()) + "/accept").status == .seeOther)
            try await SearchIndex.runPending(app: app)
            let mine = try await guo.get(query).content.decode(SearchPagesController.APIResults.self).items
            #expect(mine.count == 1 && mine.first?.type == "incoming")
        }
    }

    @Test("重建索引覆盖全部发文和收文")
    func reindex() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let documents = try await OutgoingDocument.query(on: app.db).count() + (try await IncomingDocument.query(on: app.db).count())
            #expect(try await SearchIndex.rebuildAll(app: app) == documents)
            #expect(try await SearchDocument.query(on: app.db).count() == documents)
            #expect(try await SearchQueueEntry.query(on: app.db).count() == 0)
        }
    }
}
