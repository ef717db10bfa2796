import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 信息报送 through the API, as a phone client does it (every exchange held to openapi.json): write, the unit's
/// review, the editor's inbox, 退回 and 重报 with versions, 采用 at a level and its points, two editors at once, who
/// sees what, 约稿, the ranking with its export and 通报, the scheme, and the catalog 刊物 reads.
@Suite("信息报送 API：撰写、本单位审核、收件箱、退回重报、采用积分、并发采用、可见范围、约稿、排名导出通报、积分方案、刊物目录", .serialized)
struct ReportAPITests {
    /// The fields of list entries the tests read.
    struct Item: Decodable {
        var id: UUID?
        var name: String?
        var unitId: UUID?
        var version: Int?
    }

    static func json(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    /// The demo city with its 信息员 (郭亚楠, 蔡洁, 阎静), editors (黄磊 of 市政府办公室, 邓华 of 清河县政府办公室), and
    /// 李娜 as a second editor of 市政府办公室.
    static func city(_ app: Application) async throws -> (cityOffice: UUID, qhOffice: UUID) {
        try await CityFixture.make(on: app)
        try await app.write { db in try await DemoCity.setUpReports(on: db) }
        let lina = try await CityFixture.user("lina", on: app)
        let role = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.infoEditor.rawValue).first())
        try await UserRole(userID: try lina.requireID(), roleID: try role.requireID(), scopeUnitID: lina.$unit.id).create(on: app.db)
        return (try await CityFixture.unit("江北市人民政府办公室", on: app).requireID(), try await CityFixture.unit("清河县人民政府办公室", on: app).requireID())
    }

    /// Writes one as 郭亚楠 and takes it through 胡晓's review (approve, or reject with the opinion).
    static func sent(_ app: Application, _ client: APIClient, title: String, targets: [UUID], requestID: UUID? = nil, approve: Bool = true) async throws -> UUID {
        var body: [String: Any] = ["title": title, "body": "第一段。\n第二段。", "category": "workNews", "targetIds": targets.map(\.uuidString)]
        if let requestID { body["requestId"] = requestID.uuidString }
        let made = try await client.send(.POST, "/api/v1/reports", body: try json(body))
        #expect(made.status == .created, "\(made.body.string)")
        let id = try made.content.get(UUID.self, at: "id")
        let review = try await client.request(.POST, "/api/v1/reports/\(id)/review")
        #expect(try review.status == .ok && (try review.content.get(String.self, at: "state")) == "reviewing")
        let instance = try #require(try await InfoReport.find(id, on: app.db)?.instanceID)
        let fields = approve ? [("outcome", "approve"), ("opinion", "同意报送。")] : [("outcome", "reject"), ("opinion", "请补充数据。")]
        #expect(try await IncomingTests.complete("hux", "UnitReview", instance: instance, fields: fields, app: app).status == .seeOther)
        return id
    }

    @Test("手机端：可报送单位、撰写（附件 base64、校验 422）、修改（版本过期 409）、送审、审核同意后编辑收件箱可见、退回（须写理由）、修改重报生成版本 2、按级别采用计分、排名、导出 CSV/XLSX、起草通报；他单位信息员与他收集单位编辑 404")
    func phoneClient() async throws {
        try await withApp { app in
            let (cityOffice, _) = try await Self.city(app)
            let guo = try await APIClient.signIn(app, "guoyn")
            let targets = try await guo.get("/api/v1/reports/targets")
            #expect(try targets.content.get([Item].self, at: "items").map(\.id) == [cityOffice])

            let bad = try await guo.send(.POST, "/api/v1/reports", body: try Self.json(["title": " ", "body": "x", "category": "workNews"]))
            #expect(bad.status == .unprocessableEntity && bad.errorCode == "validation_failed")
            let far = try await guo.send(.POST, "/api/v1/reports", body: try Self.json(["title": "标题", "body": "x", "category": "workNews",
                                                                                      "targetIds": [try await CityFixture.unit("柳林区人民政府办公室", on: app).requireID().uuidString]]))
            #expect(far.status == .unprocessableEntity)
            let made = try await guo.send(.POST, "/api/v1/reports", body: try Self.json([
                "title": "清河县政务服务“一窗通办”", "body": "第一段。", "category": "practice", "urgency": "urgent", "targetIds": [cityOffice.uuidString],
                "files": [["name": "现场.txt", "contentBase64": Data("现场照片说明".utf8).base64EncodedString()]]]))
            #expect(made.status == .created, "\(made.body.string)")
            let id = try made.content.get(UUID.self, at: "id")
            let fileURL = try made.content.get(String.self, at: "files", "0", "url")
            #expect(try await guo.get(fileURL).body.string == "现场照片说明")
            let patched = try await guo.send(.PATCH, "/api/v1/reports/\(id)", body: try Self.json([
                "title": "清河县政务服务“一窗通办”见实效", "body": "第一段。\n第二段。", "category": "practice", "targetIds": [cityOffice.uuidString], "revision": 1]))
            #expect(patched.status == .ok)
            let stale = try await guo.send(.PATCH, "/api/v1/reports/\(id)", body: try Self.json(["title": "旧", "body": "旧", "category": "practice", "revision": 1]))
            #expect(stale.status == .conflict)
            let uploaded = try await guo.send(.POST, "/api/v1/reports/\(id)/files", body: try Self.json(["name": "b.txt", "contentBase64": Data("b".utf8).base64EncodedString()]))
            #expect(uploaded.status == .created)

            // Before it is sent, the city's editor does not see it; another county's 信息员 never does.
            let huang = try await APIClient.signIn(app, "huangl")
            #expect(try await huang.get("/api/v1/reports/\(id)").status == .notFound)
            let review = try await guo.request(.POST, "/api/v1/reports/\(id)/review")
            #expect(review.status == .ok)
            #expect(try await guo.request(.POST, "/api/v1/reports/\(id)/review").status == .conflict)
            let instance = try #require(try await InfoReport.find(id, on: app.db)?.instanceID)
            #expect(try await IncomingTests.complete("hux", "UnitReview", instance: instance, fields: [("outcome", "approve"), ("opinion", "同意。")], app: app).status == .seeOther)
            let cai = try await APIClient.signIn(app, "caij")
            #expect(try await cai.get("/api/v1/reports/\(id)").status == .notFound)
            #expect(try await (try await APIClient.signIn(app, "dengh")).get("/api/v1/reports/\(id)").status == .notFound)
            #expect(!(try await cai.get("/api/v1/reports").body.string.contains(id.uuidString)))

            // The inbox, 退回 (a reason needed), 重报.
            let inbox = try await huang.get("/api/v1/reports?view=inbox&open=true")
            #expect(inbox.body.string.contains(id.uuidString))
            let shown = try await huang.get("/api/v1/reports/\(id)")
            #expect(try shown.content.get(Bool.self, at: "actions", "decide") == true)
            #expect(try shown.content.get(Int.self, at: "targets", "0", "revision") == 1)
            #expect(try await huang.send(.POST, "/api/v1/reports/\(id)/return", body: try Self.json(["reason": " "])).status == .unprocessableEntity)
            let returned = try await huang.send(.POST, "/api/v1/reports/\(id)/return", body: try Self.json(["reason": "请补充办件数量。", "revision": 1]))
            #expect(try returned.status == .ok && (try returned.content.get(String.self, at: "targets", "0", "state")) == "returned")
            #expect(try await huang.send(.POST, "/api/v1/reports/\(id)/archive", body: "{}").status == .conflict)
            let mine = try await guo.get("/api/v1/reports/\(id)")
            #expect(try mine.content.get(Bool.self, at: "actions", "resubmit") == true)
            let revision = try mine.content.get(Int.self, at: "revision")
            #expect(try await guo.send(.POST, "/api/v1/reports/\(id)/resubmit", body: try Self.json(["revision": revision + 5])).status == .conflict)
            let revised = try await guo.send(.PATCH, "/api/v1/reports/\(id)", body: try Self.json([
                "title": "清河县政务服务“一窗通办”见实效", "body": "今年办件12万件。", "category": "practice", "revision": revision]))
            #expect(revised.status == .ok)
            #expect(try await guo.send(.POST, "/api/v1/reports/\(id)/files", body: try Self.json(["name": "补充.txt", "contentBase64": Data("c".utf8).base64EncodedString()])).status == .created)
            let again = try await guo.send(.POST, "/api/v1/reports/\(id)/resubmit", body: try Self.json(["revision": try revised.content.get(Int.self, at: "revision")]))
            #expect(try again.status == .ok && (try again.content.get(Int.self, at: "version")) == 2)
            let history = try await huang.get("/api/v1/reports/\(id)")
            #expect(try history.content.get([Item].self, at: "versions").map(\.version) == [2, 1])
            #expect(try history.content.get(String.self, at: "targets", "0", "state") == "resubmitted")
            #expect(try history.content.get([String].self, at: "versions", "0", "fileNames").contains("补充.txt"))
            #expect(try await guo.send(.POST, "/api/v1/reports/\(id)/files", body: try Self.json(["name": "晚了.txt", "contentBase64": Data("d".utf8).base64EncodedString()])).status == .conflict)

            // 采用 at 刊物采用 (2 points); the ranking shows them.
            let scheme = try await huang.get("/api/v1/units/\(cityOffice)/report-scheme")
            #expect(scheme.status == .ok && scheme.body.string.contains("刊物采用"))
            let items = try scheme.content.get([Item].self, at: "items")
            let names = items.map { $0.name ?? "" }, ids = items.compactMap(\.id)
            let bulletin = try #require(zip(names, ids).first { $0.0 == "刊物采用" }?.1)
            let instruction = try #require(zip(names, ids).first { $0.0 == "领导批示" }?.1)
            #expect(try await huang.send(.POST, "/api/v1/reports/\(id)/adopt", body: try Self.json(["levelId": instruction.uuidString])).status == .unprocessableEntity)
            let adopted = try await huang.send(.POST, "/api/v1/reports/\(id)/adopt", body: try Self.json(["levelId": bulletin.uuidString]))
            #expect(try adopted.status == .ok && (try adopted.content.get(String.self, at: "targets", "0", "levelName")) == "刊物采用")
            let ranking = try await huang.get("/api/v1/reports/ranking?period=month")
            #expect(try ranking.content.get(Int.self, at: "items", "0", "points") == 2)
            #expect(try ranking.content.get(String.self, at: "people", "0", "name") == "郭亚楠")
            #expect(try await huang.get("/api/v1/reports/ranking?period=week").status == .unprocessableEntity)
            #expect(try await huang.get("/api/v1/reports/ranking/export?period=month&format=csv").body.string.contains("清河县人民政府办公室"))
            let xlsx = try await huang.get("/api/v1/reports/ranking/export?period=quarter&format=xlsx")
            #expect(xlsx.status == .ok && xlsx.body.readableBytes > 100)
            let circular = try await huang.send(.POST, "/api/v1/reports/ranking/circular", body: try Self.json(["period": "month"]))
            #expect(circular.status == .created, "\(circular.body.string)")
            let outgoing = try #require(try await OutgoingDocument.find(try circular.content.get(UUID.self, at: "outgoingId"), on: app.db))
            #expect(outgoing.title.contains("政务信息报送采用情况的通报"))
            #expect(try await cai.get("/api/v1/reports/ranking?collectorId=\(UUID())").status == .forbidden)
            // The 信息员 was told of the 退回 and of the 采用.
            let told = try await NotificationRecord.query(on: app.db).filter(\.$userID == (try await CityFixture.user("guoyn", on: app).requireID())).all()
            #expect(told.filter { $0.kind == NotificationKind.report.rawValue }.count >= 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["report.submit", "report.return", "report.resubmit", "report.adopt"]).count() == 4)
        }
    }

    @Test("两位编辑同时采用同一条信息：一位成功，另一位得到 409；积分只记一次")
    func twoEditorsAtOnce() async throws {
        try await withApp { app in
            let (cityOffice, _) = try await Self.city(app)
            let guo = try await APIClient.signIn(app, "guoyn")
            let id = try await Self.sent(app, guo, title: "两位编辑同时处理的信息", targets: [cityOffice])
            let level = try #require(try await ReportLevel.query(on: app.db).filter(\.$unitID == cityOffice).filter(\.$name == "市级采用").first()?.requireID())
            let huang = try await APIClient.signIn(app, "huangl"), lina = try await APIClient.signIn(app, "lina")
            let body = try Self.json(["levelId": level.uuidString, "revision": 1])
            async let first = huang.send(.POST, "/api/v1/reports/\(id)/adopt", body: body)
            async let second = lina.send(.POST, "/api/v1/reports/\(id)/adopt", body: body)
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            #expect(try await ReportPoint.query(on: app.db).filter(\.$reportID == id).count() == 1)
            // A stale screen (the revision it saw) after the decision: 409 too, for each of 采用/退回/存档.
            let (lAccess, lActor) = try await MeetingTests.person("lina", app)
            await #expect(throws: AppError.self) {
                try await ReportService.archive(id, target: cityOffice, expectedRevision: 1, access: lAccess, actor: lActor, app: app)
            }
        }
    }

    @Test("可见范围：信息员看本单位的信息；收集单位编辑只看报送给本单位的，且只看到本单位的处理情况；两个报送单位各自处理（一家采用一家退回）；审核不同意退回草稿")
    func scopes() async throws {
        try await withApp { app in
            let (cityOffice, qhOffice) = try await Self.city(app)
            // 柳林区's 信息员 may send to 市政府办公室 only; 清河县 collects for its own units, not for 柳林区.
            let cai = try await APIClient.signIn(app, "caij")
            #expect(!(try await cai.get("/api/v1/reports/targets").body.string.contains(qhOffice.uuidString)))
            // A 清河县 bureau's 信息员 (a reviewer in the bureau) sends to both levels.
            let (gaoyUser, hejun) = (try await CityFixture.user("gaoy", on: app), try await CityFixture.user("hejun", on: app))
            try await app.write { db in
                for (user, role) in [(gaoyUser, BuiltinRole.reporter), (hejun, .officeReviewer)] {
                    let row = try #require(try await Role.query(on: db).filter(\.$code == role.rawValue).first())
                    try await UserRole(userID: try user.requireID(), roleID: try row.requireID(), scopeUnitID: user.$unit.id).create(on: db)
                }
            }
            let gao = try await APIClient.signIn(app, "gaoy")
            let made = try await gao.send(.POST, "/api/v1/reports", body: try Self.json(["title": "清河县财政局推进预算绩效管理", "body": "正文。", "category": "workNews",
                                                                                       "targetIds": [qhOffice.uuidString, cityOffice.uuidString]]))
            let id = try made.content.get(UUID.self, at: "id")
            #expect(try await gao.request(.POST, "/api/v1/reports/\(id)/review").status == .ok)
            let instance = try #require(try await InfoReport.find(id, on: app.db)?.instanceID)
            #expect(try await IncomingTests.complete("hejun", "UnitReview", instance: instance, fields: [("outcome", "approve"), ("opinion", "同意。")], app: app).status == .seeOther)
            let deng = try await APIClient.signIn(app, "dengh"), huang = try await APIClient.signIn(app, "huangl")
            let qhView = try await deng.get("/api/v1/reports/\(id)")
            #expect(try qhView.content.get([Item].self, at: "targets").map(\.unitId) == [qhOffice])
            let bulletin = try #require(try await ReportLevel.query(on: app.db).filter(\.$unitID == qhOffice).filter(\.$name == "刊物采用").first()?.requireID())
            #expect(try await deng.send(.POST, "/api/v1/reports/\(id)/adopt", body: try Self.json(["levelId": bulletin.uuidString])).status == .ok)
            // 清河县's level is not the city's: the city editor may not use it.
            #expect(try await huang.send(.POST, "/api/v1/reports/\(id)/adopt", body: try Self.json(["levelId": bulletin.uuidString])).status == .unprocessableEntity)
            #expect(try await huang.send(.POST, "/api/v1/reports/\(id)/return", body: try Self.json(["reason": "请压缩篇幅。"])).status == .ok)
            let own = try await gao.get("/api/v1/reports/\(id)")
            #expect(own.body.string.contains("adopted") && own.body.string.contains("returned"))
            // The catalog 刊物 reads: each editor their own adoptions.
            let (dAccess, _) = try await MeetingTests.person("dengh", app), (hAccess, _) = try await MeetingTests.person("huangl", app)
            #expect(try await ReportCatalog.adopted(for: dAccess, search: "预算", on: app.db).map(\.id) == [id])
            #expect(try await ReportCatalog.adopted(for: dAccess, search: "没有这个", on: app.db).isEmpty)
            #expect(try await ReportCatalog.adopted(id: id, for: dAccess, on: app.db)?.levelName == "刊物采用")
            #expect(try await ReportCatalog.adopted(id: id, for: hAccess, on: app.db) == nil)
            #expect(try await ReportCatalog.adopted(for: hAccess, search: nil, on: app.db).isEmpty)
            // A leader's 批示 counts once per report and leader.
            let leader = try await CityFixture.user("yangf", on: app).requireID()
            for _ in 0..<2 { try await app.write { db in try await ReportCatalog.recordInstruction(reportID: id, leaderID: leader, at: Date(), on: db) } }
            #expect(try await ReportPoint.query(on: app.db).filter(\.$reportID == id).all().map(\.points).sorted() == [2, 3])

            // The unit's reviewer says no: back to a draft with the reason.
            let guo = try await APIClient.signIn(app, "guoyn")
            let rejected = try await Self.sent(app, guo, title: "未通过审核的信息", targets: [cityOffice], approve: false)
            let draft = try await guo.get("/api/v1/reports/\(rejected)")
            #expect(try draft.content.get(String.self, at: "state") == "draft" && (try draft.content.get(String.self, at: "returnedReason")) == "请补充数据。")
            #expect(try await huang.get("/api/v1/reports/\(rejected)").status == .notFound)
            // Archived unused: no points.
            let archivedID = try await Self.sent(app, guo, title: "存档的信息", targets: [cityOffice])
            let archived = try await huang.send(.POST, "/api/v1/reports/\(archivedID)/archive", body: "{}")
            #expect(try archived.status == .ok && (try archived.content.get(String.self, at: "targets", "0", "state")) == "archived")
            #expect(try await ReportPoint.query(on: app.db).filter(\.$reportID == archivedID).count() == 0)
            #expect(try await guo.get("/api/v1/reports?view=mine").body.string.contains(archivedID.uuidString))
            // Paged: one line a page, the pages together give every line once; a page out of range is a 422.
            let whole = try await guo.get("/api/v1/reports?view=mine")
            let total = try whole.content.get(Int.self, at: "total")
            #expect(try total >= 2 && (try whole.content.get([JSONValue].self, at: "items")).count == total, "\(whole.body.string)")
            var seen: Set<String> = []
            for page in 1...total {
                let one = try await guo.get("/api/v1/reports?view=mine&perPage=1&page=\(page)")
                let ids = try one.content.get([JSONValue].self, at: "items").compactMap { $0["id"]?.string }
                #expect(try ids.count == 1 && (try one.content.get(Int.self, at: "total")) == total)
                seen.formUnion(ids)
            }
            #expect(seen.count == total)
            #expect(try await guo.get("/api/v1/reports?view=mine&perPage=1&page=\(total + 1)").content.get([JSONValue].self, at: "items").isEmpty)
            #expect(try await huang.get("/api/v1/reports?view=inbox&perPage=0").status == .unprocessableEntity)
        }
    }

    @Test("约稿：编辑向下级单位约稿（校验 422、非编辑 403），约稿单位的信息员收到通知并在工作台和约稿列表看到；按约稿报送后视为已报送；积分方案只有本单位管理员可改")
    func requestsAndScheme() async throws {
        try await withApp { app in
            let (cityOffice, qhOffice) = try await Self.city(app)
            let huang = try await APIClient.signIn(app, "huangl"), guo = try await APIClient.signIn(app, "guoyn"), cai = try await APIClient.signIn(app, "caij")
            let deadline = BeijingTime.day(BeijingTime.adding(days: 7, to: Date()))
            #expect(try await huang.send(.POST, "/api/v1/reports/requests", body: try Self.json(["topic": "", "deadline": "2020-01-01", "unitIds": []])).status == .unprocessableEntity)
            #expect(try await guo.send(.POST, "/api/v1/reports/requests", body: try Self.json(["topic": "保暖保供", "deadline": deadline, "unitIds": [qhOffice.uuidString]])).status == .forbidden)
            let made = try await huang.send(.POST, "/api/v1/reports/requests", body: try Self.json(["topic": "今冬明春保暖保供", "details": "请报送主要做法。", "deadline": deadline,
                                                                                                   "unitIds": [qhOffice.uuidString]]))
            #expect(made.status == .created, "\(made.body.string)")
            let requestID = try made.content.get(UUID.self, at: "id")
            #expect(try await guo.get("/api/v1/reports/requests?open=true").body.string.contains(requestID.uuidString))
            #expect(!(try await cai.get("/api/v1/reports/requests").body.string.contains(requestID.uuidString)))
            let guoID = try await CityFixture.user("guoyn", on: app).requireID()
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == guoID).filter(\.$kind == NotificationKind.reportRequest.rawValue).count() == 1)
            let desk = try await guo.get("/api/v1/desk")
            #expect(desk.body.string.contains("今冬明春保暖保供"))
            _ = try await Self.sent(app, guo, title: "清河县保暖保供工作情况", targets: [cityOffice], requestID: requestID)
            #expect(!(try await guo.get("/api/v1/reports/requests?open=true").body.string.contains(requestID.uuidString)))
            #expect(try await huang.get("/api/v1/reports/requests").content.get(Int.self, at: "items", "0", "answeredCount") == 1)

            // The scheme: its editors read it, its administrators change it.
            #expect(try await huang.send(.PUT, "/api/v1/units/\(cityOffice)/report-scheme", body: try Self.json(["collects": true])).status == .forbidden)
            #expect(try await cai.get("/api/v1/units/\(cityOffice)/report-scheme").status == .forbidden)
            let admin = try await APIClient.signIn(app, "admin")
            let scheme = try await admin.get("/api/v1/units/\(cityOffice)/report-scheme")
            var levels: [[String: Any]] = []
            for item in try scheme.content.get([Item].self, at: "items") {
                levels.append(["id": item.id?.uuidString ?? "", "name": item.name ?? "", "points": item.name == "刊物采用" ? 3 : 5])
            }
            #expect(try await admin.send(.PUT, "/api/v1/units/\(cityOffice)/report-scheme", body: try Self.json(["levels": [["name": "", "points": 1]]])).status == .unprocessableEntity)
            let saved = try await admin.send(.PUT, "/api/v1/units/\(cityOffice)/report-scheme", body: try Self.json(["collects": true, "levels": levels]))
            #expect(saved.status == .ok && saved.body.string.contains("\"points\":3"))
        }
    }
}
