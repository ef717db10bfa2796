import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 信息报送 through the pages: the 信息员 writes (a refused form keeps what was typed), uploads a picture and sends it for
/// review; the office reviewer approves on the task page; the editor's inbox, 退回 and 重报, 采用; 约稿 from the
/// editor to the 信息员's desk; the ranking with its export and 通报.
@Suite("信息报送页面：撰写、上传、送审、收件箱、退回重报、采用存档、约稿、排名导出与通报", .serialized)
struct ReportPagesTests {
    @Test("信息员撰写（必填项缺失时保留所填）、上传图片、送审；审核人在待办页同意；编辑在收件箱看到并退回；信息员修改后重报；编辑采用；他人 404")
    func wholeReport() async throws {
        try await withApp { app in
            let (cityOffice, _) = try await ReportAPITests.city(app)
            let guo = try await CityFixture.signedIn("guoyn", app)
            let list = try await guo.get(SiteURL.reports.path)
            #expect(list.status == .ok && list.body.string.contains("撰写信息"), "\(list.status) \(list.body.string.suffix(3000))")
            let form = try await guo.get(SiteURL.reportNew.path)
            #expect(form.body.string.contains("江北市人民政府办公室"))
            let refused = try await guo.post(SiteURL.reports.path, [("title", "清河县开展冬季送温暖活动"), ("body", ""), ("category", "workNews"),
                                                                    ("targets[]", cityOffice.uuidString)])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("清河县开展冬季送温暖活动") && refused.body.string.contains("请填写正文"))
            let made = try await guo.post(SiteURL.reports.path, [("title", "清河县开展冬季送温暖活动"), ("body", "走访困难群众320户。"), ("category", "workNews"),
                                                                 ("urgency", "normal"), ("targets[]", cityOffice.uuidString)])
            #expect(made.status == .seeOther)
            let report = try #require(try await InfoReport.query(on: app.db).filter(\.$title == "清河县开展冬季送温暖活动").first())
            let id = try report.requireID()
            let page = SiteURL.report.link(id)
            #expect(try await guo.upload(SiteURL.reportFiles.link(id), field: "file", filename: "现场.txt", content: "照片说明").status == .seeOther)
            let file = try #require(try await ReportFile.query(on: app.db).filter(\.$reportID == id).first())
            #expect(try await guo.get(SiteURL.reportFile.link(id, try file.requireID())).body.string == "照片说明")
            #expect(try await guo.get(SiteURL.reportEdit.link(id)).body.string.contains("走访困难群众320户"))
            #expect(try await guo.post(SiteURL.reportEdit.link(id), [("revision", "1"), ("title", "清河县开展冬季送温暖活动"), ("body", "走访困难群众320户，发放慰问金16万元。"),
                                                                     ("category", "workNews"), ("targets[]", cityOffice.uuidString)]).status == .seeOther)
            let stale = try await guo.post(SiteURL.reportEdit.link(id), [("revision", "1"), ("title", "旧标题"), ("body", "旧"), ("category", "workNews")])
            #expect(stale.status == .conflict && stale.body.string.contains("旧标题"))
            #expect(try await guo.post(SiteURL.reportReview.link(id)).status == .seeOther)
            let instance = try #require(try await InfoReport.find(id, on: app.db)?.instanceID)
            #expect(try await IncomingTests.complete("hux", "UnitReview", instance: instance, fields: [("outcome", "approve"), ("opinion", "同意报送。")], app: app).status == .seeOther)
            #expect(try await (try await CityFixture.signedIn("caij", app)).get(page).status == .notFound)

            let huang = try await CityFixture.signedIn("huangl", app)
            #expect(try await huang.get(SiteURL.reports.path).status == .seeOther)
            #expect(try await huang.get(SiteURL.reportInbox.path).body.string.contains("清河县开展冬季送温暖活动"))
            #expect(try await huang.get(SiteURL.reportInbox.path + "?all=1").body.string.contains("清河县开展冬季送温暖活动"))
            let shown = try await huang.get(page)
            #expect(shown.body.string.contains("刊物采用") && shown.body.string.contains("发放慰问金16万元"))
            let noReason = try await huang.post(SiteURL.reportDecide.link(id), [("decision", "return"), ("target", cityOffice.uuidString), ("reason", "")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("退回时请写明理由"))
            #expect(try await huang.post(SiteURL.reportDecide.link(id), [("decision", "return"), ("target", cityOffice.uuidString), ("reason", "请补充受益人数。")]).status == .seeOther)
            #expect(try await guo.get(page).body.string.contains("请补充受益人数。"))
            let current = try #require(try await InfoReport.find(id, on: app.db))
            #expect(try await guo.post(SiteURL.reportEdit.link(id), [("revision", String(current.revision)), ("title", current.title),
                                                                     ("body", "走访困难群众320户，惠及1100人。"), ("category", "workNews")]).status == .seeOther)
            let revised = try #require(try await InfoReport.find(id, on: app.db))
            #expect(try await guo.post(SiteURL.reportResubmit.link(id), [("revision", String(revised.revision))]).status == .seeOther)
            #expect(try await guo.post(SiteURL.reportResubmit.link(id), [("revision", String(revised.revision))]).status == .conflict)
            let level = try #require(try await ReportLevel.query(on: app.db).filter(\.$unitID == cityOffice).filter(\.$name == "刊物采用").first()?.requireID())
            #expect(try await huang.post(SiteURL.reportDecide.link(id), [("decision", "adopt"), ("target", cityOffice.uuidString), ("level", level.uuidString)]).status == .seeOther)
            #expect(try await huang.post(SiteURL.reportDecide.link(id), [("decision", "archive"), ("target", cityOffice.uuidString)]).status == .conflict)
            let mine = try await guo.get(SiteURL.reports.path + "?view=mine")
            #expect(mine.body.string.contains("已采用") && mine.body.string.contains("刊物采用"))
            let history = try await huang.get(page).body.string
            #expect(history.contains("版本 2") && history.contains("惠及1100人"))
            #expect(try await guo.get(SiteURL.reportInbox.path).status == .forbidden)
        }
    }

    @Test("约稿：编辑在约稿页发出（缺项时保留所填），信息员在工作台和约稿页看到并按约稿撰写；排名页、导出与起草通报")
    func requestsAndRanking() async throws {
        try await withApp { app in
            let (cityOffice, qhOffice) = try await ReportAPITests.city(app)
            let huang = try await CityFixture.signedIn("huangl", app)
            let requests = try await huang.get(SiteURL.reportRequests.path)
            #expect(requests.body.string.contains("发出约稿") && requests.body.string.contains("清河县人民政府办公室"))
            let refused = try await huang.post(SiteURL.reportRequests.path, [("topic", "保暖保供工作"), ("deadline", "2020-01-01")])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("保暖保供工作"))
            let deadline = BeijingTime.day(BeijingTime.adding(days: 5, to: Date()))
            #expect(try await huang.post(SiteURL.reportRequests.path, [("topic", "保暖保供工作"), ("details", "主要做法"), ("deadline", deadline),
                                                                       ("units[]", qhOffice.uuidString)]).status == .seeOther)
            let guo = try await CityFixture.signedIn("guoyn", app)
            #expect(try await guo.get(SiteURL.home.path).body.string.contains("保暖保供工作"))
            let asked = try await guo.get(SiteURL.reportRequests.path)
            #expect(asked.body.string.contains("按约稿撰写") && !asked.body.string.contains("发出约稿"))
            let request = try #require(try await ReportRequest.query(on: app.db).first())
            #expect(try await guo.get(SiteURL.reportNew.path + "?request=\(try request.requireID())").body.string.contains("保暖保供工作"))

            // Points for the ranking.
            let api = try await APIClient.signIn(app, "guoyn")
            let id = try await ReportAPITests.sent(app, api, title: "清河县保暖保供", targets: [cityOffice], requestID: try request.requireID())
            let (access, actor) = try await MeetingTests.person("huangl", app)
            let level = try #require(try await ReportLevel.query(on: app.db).filter(\.$unitID == cityOffice).filter(\.$name == "市级采用").first()?.requireID())
            try await ReportService.adopt(id, target: cityOffice, levelID: level, expectedRevision: nil, access: access, actor: actor, app: app)
            let ranking = try await huang.get(SiteURL.reportRanking.path)
            #expect(ranking.body.string.contains("清河县人民政府办公室") && ranking.body.string.contains("郭亚楠") && ranking.body.string.contains("起草通报"))
            #expect(try await huang.get(SiteURL.reportRanking.path + "?period=year").body.string.contains("年"))
            let csv = try await huang.get(SiteURL.reportRankingExport.path + "?format=csv&period=month")
            #expect(csv.body.string.contains("郭亚楠") && csv.headers.contentType?.description.contains("csv") == true)
            #expect(try await huang.get(SiteURL.reportRankingExport.path + "?format=xlsx&period=month").status == .ok)
            let drafted = try await huang.post(SiteURL.reportRankingCircular.path + "?period=month")
            #expect(drafted.status == .seeOther)
            #expect(try await OutgoingDocument.query(on: app.db).all().contains { $0.title.contains("政务信息报送采用情况的通报") })
            // A 信息员 reads the ranking of the units above but drafts no 通报.
            let seen = try await guo.get(SiteURL.reportRanking.path)
            #expect(seen.body.string.contains("郭亚楠") && !seen.body.string.contains("起草通报"))
            #expect(try await guo.post(SiteURL.reportRankingCircular.path + "?period=month").status == .forbidden)
        }
    }
    @Test("信息报送设置：单位管理员开启收集并修改级别分值（名称为空时保留所填），新增级别；非管理员 403")
    func schemePage() async throws {
        try await withApp { app in
            let (cityOffice, _) = try await ReportAPITests.city(app)
            let admin = try await CityFixture.signedIn("admin", app)
            #expect(try await admin.get(SiteURL.adminUnits.path).body.string.contains(SiteURL.reportScheme.link(cityOffice)))
            let path = SiteURL.reportScheme.link(cityOffice)
            #expect(try await admin.get(path).body.string.contains("刊物采用"))
            let levels = try await ReportScheme.levels(of: cityOffice, on: app.db)
            var fields: [(String, String)] = [("collects", "on")]
            for level in levels {
                fields += [("ids[]", try level.requireID().uuidString), ("names[]", level.name), ("points[]", level.name == "刊物采用" ? "3" : String(level.points))]
            }
            let refused = try await admin.post(path, fields + [("ids[]", ""), ("names[]", "刊物采用"), ("points[]", "1")])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("级别名称应为1至40字且不重复"))
            #expect(try await admin.post(path, fields + [("ids[]", ""), ("names[]", "内参采用"), ("points[]", "5")]).status == .seeOther)
            let saved = try await ReportScheme.levels(of: cityOffice, on: app.db)
            #expect(saved.first { $0.name == "刊物采用" }?.points == 3 && saved.contains { $0.name == "内参采用" && $0.points == 5 })
            #expect(try await (try await CityFixture.signedIn("huangl", app)).get(path).status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "report.scheme").count() == 1)
        }
    }
}
