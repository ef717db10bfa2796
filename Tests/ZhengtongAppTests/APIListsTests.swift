import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

@Suite("JSON API 列表：发文、收文、档案，各按本功能的权限规则")
struct APIListsTests {
    @Test("发文列表：拟稿人看到自己的文稿并可按状态、文种、年度、标题筛选；收发员看本单位发文登记；非收发员查登记得到 403")
    func outgoing() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // given 黄磊 drafted the demo's four notices
            let drafter = try await APIClient.signIn(app, "huangl")
            // when
            let mine = try await drafter.get("/api/v1/outgoing")
            // then
            #expect(mine.status == .ok)
            let list = try mine.content.decode(OutgoingListAPIController.List.self)
            #expect(list.total == 4 && list.items.count == 4)
            #expect(list.items.allSatisfy { $0.drafter == "黄磊" && $0.url.hasPrefix("/api/v1/outgoing/") })
            #expect(list.items.contains { $0.status == "approving" && !$0.currentSteps.isEmpty })
            let year = Calendar.current.component(.year, from: Date())
            func total(_ query: String, _ client: APIClient) async throws -> Int {
                try await client.get("/api/v1/outgoing?" + query).content.get(Int.self, at: "total")
            }
            #expect(try await total("status=dispatched", drafter) == 1)
            #expect(try await total("kind=notice", drafter) == 4)
            #expect(try await total("kind=letter", drafter) == 0)
            #expect(try await total("q=" + "值班".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, drafter) == 1)
            #expect(try await total("year=\(year)", drafter) + total("year=\(year + 1)", drafter) == 4)
            #expect(try await total("year=2001", drafter) == 0)
            let paged = try await drafter.get("/api/v1/outgoing?perPage=3&page=2").content.decode(OutgoingListAPIController.List.self)
            #expect(paged.items.count == 1 && paged.total == 4)
            #expect(try await drafter.get("/api/v1/outgoing?status=lost").status == .unprocessableEntity)
            #expect(try await drafter.get("/api/v1/outgoing?scope=register").status == .forbidden)

            // 赵敏 drafted nothing, but keeps the unit's register.
            let clerk = try await APIClient.signIn(app, "zhaom")
            #expect(try await total("", clerk) == 0)
            #expect(try await total("scope=register", clerk) == 4)
            #expect(try await total("scope=register&status=approving", clerk) == 2)
            // A clerk of another unit sees none of it.
            #expect(try await total("scope=register", try await APIClient.signIn(app, "guoyn")) == 0)
        }
    }

    @Test("收文列表：收发员看本单位全部收文；拟办、批办的人看到经手的收文（页面同样）；其他单位的人看不到")
    func incoming() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await DemoCity.seedIncoming(app: app)
            let title = "关于报送冬春火灾防控工作方案的函"
            func titles(_ username: String) async throws -> [String] {
                let response = try await APIClient.signIn(app, username).get("/api/v1/incoming")
                #expect(response.status == .ok)
                return try response.content.decode(IncomingAPIController.List.self).items.map(\.title)
            }
            // given the paper 函 waits at 拟办 with 胡晓
            #expect(try await titles("guoyn") == [title])
            #expect(try await titles("hux") == [title])
            #expect(try await titles("xuhm").isEmpty)
            // when 胡晓 proposes and names 徐慧敏 to instruct
            let document = try #require(try await IncomingDocument.query(on: app.db).filter(\.$title == title).first())
            let instance = try #require(document.instanceID)
            let xu = try await CityFixture.user("xuhm", on: app)
            #expect(try await IncomingTests.complete("hux", "Propose", instance: instance,
                                                     fields: [("opinion", "请徐主任批示。"), ("nextAssignee", try xu.requireID().uuidString)], app: app).status == .seeOther)
            // then the 批办 leader finds it in the list, reads it, and so does the page
            #expect(try await titles("xuhm") == [title])
            #expect(try await APIClient.signIn(app, "xuhm").get("/api/v1/incoming/\(try document.requireID())").status == .ok)
            let page = try await CityFixture.signedIn("xuhm", app).get(SiteURL.incomingList.path + "?tab=all")
            #expect(page.status == .ok && page.body.string.contains(title))
            #expect(!page.body.string.contains(SiteURL.incomingNew.path))
            // 胡晓 still sees what he handled; 柳林区's clerk and 黄磊 see nothing of 清河县's.
            #expect(try await titles("hux") == [title])
            #expect(try await titles("caij").isEmpty)
            #expect(try await titles("huangl").isEmpty)
            #expect(try await APIClient.signIn(app, "caij").get("/api/v1/incoming/\(try document.requireID())").status == .notFound)
        }
    }

    @Test("档案 API：待归档列出已封发的通知，归档后进入目录（可筛选），单件列出文件和校验值；不能重复归档；非档案员 403")
    func archive() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let officer = try await APIClient.signIn(app, "qianf")
            // given the dispatched notice waits to be filed
            let pending = try await officer.get("/api/v1/archive/pending").content.decode(ArchiveAPIController.Pending.self)
            let notice = try #require(pending.items.first { $0.title == CityFixture.dispatchedTitle })
            let classCode = try #require(pending.classes.first?.code)
            let body = #"{"sourceType": "outgoing", "sourceID": "\#(notice.sourceID)", "classCode": "\#(classCode)", "retention": "\#(notice.defaultRetention)"}"#
            // when 钱芳 files it through the API
            let filed = try await officer.send(.POST, "/api/v1/archive/items", body: body)
            // then it has its 档号 and files with hashes, and it has left 待归档
            #expect(filed.status == .created)
            let detail = try filed.content.decode(ArchiveAPIController.ItemDetail.self)
            #expect(filed.headers.first(name: .location) == detail.item.url)
            #expect(detail.item.archiveCode.contains("-WS·") && detail.item.title == CityFixture.dispatchedTitle)
            #expect(detail.files.contains { $0.role == "document" && $0.sha256.count == 64 })
            #expect(detail.printURL == "/api/v1/archive/items/\(detail.item.id)/print")
            #expect(try await officer.send(.POST, "/api/v1/archive/items", body: body).status == .conflict)
            let after = try await officer.get("/api/v1/archive/pending").content.decode(ArchiveAPIController.Pending.self)
            #expect(!after.items.contains { $0.sourceID == notice.sourceID })
            let catalogue = try await officer.get("/api/v1/archive/items").content.decode(ArchiveAPIController.Catalogue.self)
            #expect(catalogue.total == 1 && catalogue.items.first?.id == detail.item.id)
            let other = notice.defaultRetention == "D10" ? "Y" : "D10"
            #expect(try await officer.get("/api/v1/archive/items?retention=\(other)").content.get(Int.self, at: "total") == 0)
            #expect(try await officer.get("/api/v1/archive/items?year=\(detail.item.year)&kind=notice").content.get(Int.self, at: "total") == 1)
            #expect(try await officer.get("/api/v1/archive/items?retention=forever").status == .unprocessableEntity)
            #expect(try await officer.get(detail.item.url).content.decode(ArchiveAPIController.ItemDetail.self).files.count == detail.files.count)

            // Another unit's archive, and people who keep none.
            let county = try await CityFixture.unit("清河县人民政府办公室", on: app)
            #expect(try await officer.get("/api/v1/archive/items?unit=\(try county.requireID())").status == .forbidden)
            let clerk = try await APIClient.signIn(app, "zhaom")
            #expect(try await clerk.get("/api/v1/archive/items").status == .forbidden)
            #expect(try await clerk.get(detail.item.url).status == .notFound)
            #expect(try await APIClient.signIn(app, "linp").get(detail.item.url).status == .notFound)
        }
    }
}
