import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

@Suite("分发名单、归档设置、来文原件、档案文件下载、全部已读", .serialized)
struct PageCoverageTests {
    @Test("收发员维护分发名单：名称和单位必填、同名拒绝并保留所填，可修改、删除，并记入审计")
    func distributionLists() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let zhao = try await CityFixture.signedIn("zhaom", app)
            #expect(try await zhao.get(SiteURL.distributionLists.path).body.string.contains("各县（区）人民政府"))
            let qh = try await CityFixture.unit("清河县人民政府", on: app)
            let empty = try await zhao.post(SiteURL.distributionLists.path, [("name", "县区财政局")])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("请至少选择一个单位") && empty.body.string.contains("县区财政局"))
            #expect(try await zhao.post(SiteURL.distributionLists.path, [("name", "各县（区）人民政府"), ("units[]", try qh.requireID().uuidString)]).status == .unprocessableEntity)
            #expect(try await zhao.post(SiteURL.distributionLists.path, [("name", "县区财政局"), ("units[]", try qh.requireID().uuidString)]).status == .seeOther)
            let list = try #require(try await DistributionList.query(on: app.db).filter(\.$name == "县区财政局").first())
            let path = SiteURL.distributionList.link(try list.requireID())
            #expect(try await zhao.get(path).body.string.contains("县区财政局"))
            #expect(try await zhao.post(path, [("name", "县区政府"), ("units[]", try qh.requireID().uuidString)]).status == .seeOther)
            #expect(try await DistributionList.find(list.id, on: app.db)?.name == "县区政府")
            // Another unit's clerk cannot touch it.
            #expect(try await (try await CityFixture.signedIn("guoyn", app)).get(path).status == .notFound)
            #expect(try await zhao.post(SiteURL.distributionListDelete.link(try list.requireID())).status == .seeOther)
            #expect(try await DistributionList.find(list.id, on: app.db) == nil)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["exchange.list.create", "exchange.list.update", "exchange.list.delete"]).count() == 3)
        }
    }

    @Test("归档设置：全宗号和分类格式有误时指出并保留所填；保存后用于归档")
    func archiveSettings() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let qian = try await CityFixture.signedIn("qianf", app)
            #expect(try await qian.get(SiteURL.archiveSettings.path).body.string.contains("01 秘书一科"))
            let bad = try await qian.post(SiteURL.archiveSettings.path, [("fondsCode", "J 01"), ("scheme", "subject"), ("classes", "ZH 综合\nZH 重复")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("全宗号为") && bad.body.string.contains("ZH 重复"))
            #expect(try await qian.post(SiteURL.archiveSettings.path, [("fondsCode", "J012"), ("scheme", "subject"), ("classes", "ZH 综合\nAQ 安全生产")]).status == .seeOther)
            let settings = try await ArchiveSettings.of(unit: try await CityFixture.unit("江北市人民政府办公室", on: app).requireID(), on: app.db)
            #expect(settings.fondsCode == "J012" && settings.schemeValue == .subject && settings.classList.map(\.code) == ["ZH", "AQ"])
            #expect(try await (try await CityFixture.signedIn("zhaom", app)).get(SiteURL.archiveSettings.path).status == .forbidden)
            // Filed with the new scheme, and its files download.
            let notice = try await CityFixture.dispatched(on: app)
            #expect(try await qian.post(SiteURL.archiveFileDocument.link("outgoing", try notice.requireID()), [("classCode", "AQ"), ("retention", "Y")]).status == .seeOther)
            let item = try #require(try await ArchiveItem.query(on: app.db).first())
            #expect(item.archiveCode.hasPrefix("J012-WS·") && item.archiveCode.hasSuffix("-Y-AQ-0001"))
            let file = try #require(try await ArchiveItemFile.query(on: app.db).filter(\.$name == "发文稿纸.html").first())
            let download = try await qian.get(SiteURL.archiveItemFile.link(try item.requireID(), try file.requireID()))
            #expect(download.status == .ok && download.body.string.contains("发文稿纸") && download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
        }
    }

    @Test("收文页可查看来文原件（打印稿与 OFD）；全部标为已读")
    func originalAndReadAll() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let qh = try await CityFixture.delivery(to: "清河县人民政府", on: app)
            let guo = try await CityFixture.signedIn("guoyn", app)
            #expect(try await guo.post(SiteURL.delivery.link(try qh.requireID()) + "/accept").status == .seeOther)
            let incoming = try #require(try await IncomingDocument.query(on: app.db).first())
            let original = try await guo.get(SiteURL.incomingOriginal.link(try incoming.requireID()))
            #expect(original.status == .ok && original.body.string.contains("<svg") && original.body.string.contains(CityFixture.dispatchedTitle.prefix(8)))
            #expect(try await guo.get(SiteURL.incomingOriginalOFD.link(try incoming.requireID())).headers.first(name: .contentType) == "application/ofd")
            #expect(try await (try await CityFixture.signedIn("caij", app)).get(SiteURL.incomingOriginal.link(try incoming.requireID())).status == .notFound)
            // 郭亚楠 had the delivery notice; all read at once.
            let user = try await CityFixture.user("guoyn", on: app).requireID()
            #expect(try await Notifier.unreadCount(of: user, on: app.db) >= 1)
            try await guo.get(SiteURL.notifications.path)
            #expect(try await guo.post(SiteURL.notificationsReadAll.path).status == .seeOther)
            #expect(try await Notifier.unreadCount(of: user, on: app.db) == 0)
        }
    }
}
