import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 督查督办's other doors: 批量立项 from CSV and XLSX (all or nothing, every bad row named), the item page's forms (each
/// refused form keeps what was typed), editing with its version guard, the board's filters, and the demo city's items.
@Suite("督查督办：批量导入、页面表单、修改冲突、看板筛选与示范数据", .serialized)
struct SupervisionPagesTests {
    static let header = ["事项名称", "督办类别", "主办单位", "协办单位", "责任领导", "办理要求", "办结时限", "反馈周期"]

    static func opened(_ app: Application, title: String = "推进政务服务一网通办", cycle: String = "monthly") async throws -> (Browser, UUID) {
        let ma = try await CityFixture.signedIn("maj", app)
        let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
        let response = try await ma.post(SiteURL.supervision.path, [("title", title), ("category", "keyWork"), ("leadUnits[]", qh.uuidString),
                                                                   ("deadline", SupervisionTests.day(30)), ("cycle", cycle), ("requirements", "按要求办理。")])
        #expect(response.status == .seeOther)
        let item = try #require(try await SupervisionItem.query(on: app.db).filter(\.$title == title).first())
        return (ma, try item.requireID())
    }

    @Test("导入：CSV 中两行有错时逐行指出且一项不立；改正后 CSV 和 XLSX（日期为序列号）全部立项；非督查员 403")
    func importLists() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let ma = try await CityFixture.signedIn("maj", app)
            #expect(try await ma.get(SiteURL.supervisionImport.path).body.string.contains("事项名称"))
            let good = ["加快建设保障性住房", "重点工作", "清河县人民政府", "东山县人民政府", "刘文华", "年底前开工。", SupervisionTests.day(60), "每月"]
            let badUnit = ["推进智慧城市建设", "重点工作", "火星县人民政府", "", "", "", SupervisionTests.day(60), "每周"]
            let badDate = ["提升12345热线办理质量", "民生实事", "柳林区人民政府", "", "", "", "2020-01-01", "每半天"]
            func csv(_ rows: [[String]]) -> String { rows.map { $0.joined(separator: ",") }.joined(separator: "\n") }
            let api = try await APIClient.signIn(app, "maj")
            let refused = try await api.send(.POST, "/api/v1/supervision/import", body: try SupervisionTests.json([
                "name": "任务.csv", "contentBase64": Data(csv([Self.header, good, badUnit, badDate]).utf8).base64EncodedString(), "sourceText": "2027年政府工作报告"]))
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "import_rows_invalid")
            let fields = try refused.content.get([String: String].self, at: "error", "fields")
            #expect(fields.keys.sorted() == ["row3", "row4"])
            #expect(fields["row3"]?.contains("火星县人民政府") == true && fields["row4"]?.contains("督办类别") == true && fields["row4"]?.contains("反馈周期") == true)
            #expect(try await SupervisionItem.query(on: app.db).count() == 0)

            // The page shows each bad row, and keeps the 来源 typed.
            let boundary = "zt-import"
            func multipart(_ data: Data, name: String, csrf: String) -> String {
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"sourceText\"\r\n\r\n2027年政府工作报告\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n"
                    + String(decoding: data, as: UTF8.self) + "\r\n--\(boundary)--\r\n"
            }
            let multipartType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
            let pageRefused = try await ma.sendRaw(.POST, SiteURL.supervisionImport.path, body: multipart(Data(csv([Self.header, good, badUnit]).utf8), name: "任务.csv",
                                                                                                              csrf: ma.csrf ?? ""), contentType: multipartType)
            #expect(pageRefused.status == .unprocessableEntity)
            #expect(pageRefused.body.string.contains("第 3 行") && pageRefused.body.string.contains("火星县人民政府") && pageRefused.body.string.contains("2027年政府工作报告"))
            let pageOK = try await ma.sendRaw(.POST, SiteURL.supervisionImport.path, body: multipart(Data(csv([Self.header, good]).utf8), name: "任务.csv",
                                                                                                       csrf: ma.csrf ?? ""), contentType: multipartType)
            #expect(pageOK.status == .seeOther)
            let imported = try #require(try await SupervisionItem.query(on: app.db).filter(\.$title == "加快建设保障性住房").first())
            #expect(imported.sourceValue == .workReport && imported.sourceText == "2027年政府工作报告" && imported.cycleValue == .monthly)
            #expect(try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == imported.requireID()).count() == 2)

            // XLSX: text in shared strings, the deadline as a date serial, a custom cycle.
            let deadline = try #require(SupervisionDays.noon(of: SupervisionTests.day(45)))
            let serial = (deadline.timeIntervalSince1970 / 86_400).rounded(.down) + 25_569
            let workbook = try WorkbookFixture.make([
                Self.header.map { .text($0) },
                [.text("推进老城区雨污分流改造"), .text("会议议定事项"), .text("柳林区人民政府"), .text(""), .text("陈志强"), .text("汛前完成。"), .number(serial), .text("每10个工作日")],
                [.text("建设智慧停车平台"), .text("建议提案"), .text("东山县人民政府"), .text("柳林区人民政府"), .text(""), .text(""), .text(SupervisionTests.day(90)), .text("一次性")],
            ])
            let xlsx = try await api.send(.POST, "/api/v1/supervision/import", body: try SupervisionTests.json(["name": "任务.xlsx", "contentBase64": workbook.base64EncodedString()]))
            #expect(xlsx.status == .created, "\(xlsx.body.string)")
            #expect(try xlsx.content.get(Int.self, at: "total") == 2)
            let drains = try #require(try await SupervisionItem.query(on: app.db).filter(\.$title == "推进老城区雨污分流改造").first())
            #expect(drains.deadline == SupervisionTests.day(45) && drains.cycleValue == .custom && drains.cycleDays == 10 && drains.categoryValue == .meetingDecision)
            #expect(drains.leaderID == (try await CityFixture.user("chenzq", on: app).id))
            // Not a 督查员: 403; not a workbook: 422.
            let clerk = try await APIClient.signIn(app, "zhaom")
            #expect(try await clerk.send(.POST, "/api/v1/supervision/import", body: try SupervisionTests.json(["name": "a.csv", "contentBase64": workbook.base64EncodedString()])).status == .forbidden)
            let broken = try await api.send(.POST, "/api/v1/supervision/import", body: try SupervisionTests.json(["name": "a.xlsx", "contentBase64": Data("PK\u{3}\u{4}broken".utf8).base64EncodedString()]))
            #expect(broken.status == .unprocessableEntity)
        }
    }

    @Test("事项页的表单：修改（过期版本 409 且保留所填）、分解、报送带附件、退回与不同意须写理由、办结申请与审核、评价、终止；看板筛选与参数错误")
    func itemForms() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (ma, id) = try await Self.opened(app)
            let item = try #require(try await SupervisionItem.find(id, on: app.db))

            // 修改: saved, then a form from before that save is stale — 409, and the typed title stays.
            #expect(try await ma.get(SiteURL.supervisionEdit.link(id)).body.string.contains("推进政务服务一网通办"))
            let edit: [(String, String)] = [("version", String(item.version)), ("title", "推进政务服务“一网通办”"), ("category", "keyWork"),
                                            ("deadline", SupervisionTests.day(35)), ("cycle", "weekly"), ("requirements", "按周报送。")]
            #expect(try await ma.post(SiteURL.supervisionItem.link(id), edit).status == .seeOther)
            let stale = try await ma.post(SiteURL.supervisionItem.link(id), edit.map { $0.0 == "title" ? ($0.0, "另一个标题") : $0 })
            #expect(stale.status == .conflict && stale.body.string.contains("另一个标题") && stale.body.string.contains("已被他人修改"))
            let api = try await APIClient.signIn(app, "maj")
            #expect(try await api.send(.PATCH, "/api/v1/supervision/items/\(id)", body: #"{"title": "x", "category": "keyWork", "deadline": "2020-01-01", "cycle": "once", "version": 2}"#).status
                    == .unprocessableEntity)
            #expect(try await api.send(.PATCH, "/api/v1/supervision/items/\(id)", body: try SupervisionTests.json(["title": "x", "category": "keyWork", "deadline": SupervisionTests.day(20), "cycle": "once", "version": 1])).status
                    == .conflict)
            #expect(try await CityFixture.signedIn("dengh", app).get(SiteURL.supervisionEdit.link(id)).status == .forbidden)

            // 清河县 on the page: a split refused (no title) keeps the deadline typed; a report with a file.
            let deng = try await CityFixture.signedIn("dengh", app)
            let page = try await deng.get(SiteURL.supervisionItem.link(id)).body.string
            #expect(page.contains("报送进展") && page.contains("分解子事项") && page.contains("申请延期") && !page.contains("终止或撤销"))
            let finance = try await CityFixture.unit("清河县财政局", on: app).requireID()
            let noTitle = try await deng.post(SiteURL.supervisionChildren.link(id), [("title", ""), ("target", "unit:\(finance.uuidString)"), ("deadline", SupervisionTests.day(20))])
            #expect(noTitle.status == .unprocessableEntity && noTitle.body.string.contains(SupervisionTests.day(20)))
            #expect(try await deng.post(SiteURL.supervisionChildren.link(id), [("title", "梳理事项清单"), ("target", "unit:\(finance.uuidString)"), ("deadline", SupervisionTests.day(20))]).status == .seeOther)
            let office = try #require(try await Department.query(on: app.db).filter(\.$name == "综合股")
                .filter(\.$unit.$id == (try await CityFixture.unit("清河县人民政府办公室", on: app).requireID())).first())
            // The lead unit here is 清河县人民政府; its office's department is not one of its own.
            #expect(try await deng.post(SiteURL.supervisionChildren.link(id), [("title", "办公室汇总"), ("target", "department:\(try office.requireID().uuidString)"), ("deadline", SupervisionTests.day(20))]).status == .unprocessableEntity)
            let boundary = "zt-report"
            let report = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(deng.csrf ?? "")\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n事项清单已梳理。\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"progress\"\r\n\r\n150\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"清单.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%清单\n\r\n--\(boundary)--\r\n"
            let multipartType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
            let badProgress = try await deng.sendRaw(.POST, SiteURL.supervisionReports.link(id), body: report, contentType: multipartType)
            #expect(badProgress.status == .unprocessableEntity && badProgress.body.string.contains("事项清单已梳理。") && badProgress.body.string.contains("0 至 100"))
            #expect(try await deng.sendRaw(.POST, SiteURL.supervisionReports.link(id), body: report.replacingOccurrences(of: "\r\n150\r\n", with: "\r\n60\r\n"),
                                           contentType: multipartType).status == .seeOther)
            let stored = try #require(try await SupervisionFile.query(on: app.db).filter(\.$itemID == id).first())
            #expect(stored.reportID != nil && stored.name == "清单.pdf")
            #expect(try await ma.get(SiteURL.supervisionFile.link(id, try stored.requireID())).body.string.hasPrefix("%PDF"))
            // 督查室's own file on the item.
            let upload = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(ma.csrf ?? "")\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"要求.txt\"\r\nContent-Type: text/plain\r\n\r\n办理要求\r\n--\(boundary)--\r\n"
            #expect(try await ma.sendRaw(.POST, SiteURL.supervisionFiles.link(id), body: upload, contentType: multipartType).status == .seeOther)
            #expect(try await ma.get(SiteURL.supervisionItem.link(id)).body.string.contains("要求.txt"))

            // 延期 refused without a reason keeps the form open; granted by the page.
            let askedNoReason = try await deng.post(SiteURL.supervisionExtension.link(id), [("deadline", SupervisionTests.day(50)), ("reason", "")])
            #expect(askedNoReason.status == .unprocessableEntity && askedNoReason.body.string.contains(SupervisionTests.day(50)))
            #expect(try await deng.post(SiteURL.supervisionExtension.link(id), [("deadline", SupervisionTests.day(50)), ("reason", "涉及多部门。")]).status == .seeOther)
            let request = try #require(try await SupervisionExtension.query(on: app.db).filter(\.$itemID == id).first())
            let refuseBlank = try await ma.post(SiteURL.supervisionExtensionDecision.link(id, try request.requireID()), [("accept", "false"), ("reason", "")])
            #expect(refuseBlank.status == .unprocessableEntity)
            #expect(try await ma.post(SiteURL.supervisionExtensionDecision.link(id, try request.requireID()), [("accept", "false"), ("reason", "时限不变。")]).status == .seeOther)
            #expect(try await SupervisionItem.find(id, on: app.db)?.deadline == SupervisionTests.day(35))

            // 办结 by the page: the sub-item must close first; then asked, approved, evaluated.
            let child = try #require(try await SupervisionItem.query(on: app.db).filter(\.$parentID == id).first())
            #expect(try await deng.post(SiteURL.supervisionComplete.link(id), [("summary", "已办结。")]).status == .conflict)
            #expect(try await deng.post(SiteURL.supervisionClose.link(try child.requireID()), [("how", "cancel"), ("reason", "重复分解。")]).status == .seeOther)
            #expect(try await SupervisionItem.find(child.id, on: app.db)?.stateValue == .cancelled)
            let noSummary = try await deng.post(SiteURL.supervisionComplete.link(id), [("summary", "")])
            #expect(noSummary.status == .unprocessableEntity)
            #expect(try await deng.post(SiteURL.supervisionComplete.link(id), [("summary", "全部事项已上线。")]).status == .seeOther)
            #expect(try await ma.post(SiteURL.supervisionCompletionDecision.link(id), [("accept", "true")]).status == .seeOther)
            let parts = try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == id).all()
            let scoreFields = try parts.flatMap { part -> [(String, String)] in
                let key = try part.requireID().uuidString
                return [("score-\(key)", "88"), ("remark-\(key)", "推进有力。")]
            }
            #expect(try await ma.post(SiteURL.supervisionEvaluate.link(id), scoreFields.map { $0.0.hasPrefix("score") ? ($0.0, "abc") : $0 }).status == .unprocessableEntity)
            #expect(try await ma.post(SiteURL.supervisionEvaluate.link(id), scoreFields).status == .seeOther)
            #expect(try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == id).all().allSatisfy { $0.score == 88 })
            let closed = try await ma.get(SiteURL.supervisionItem.link(id)).body.string
            #expect(closed.contains("按时办结") && closed.contains("light light-done"))
            // Nothing to do on a finished item: a report is refused with 409, the page shows why.
            let api2 = try await APIClient.signIn(app, "dengh")
            #expect(try await api2.send(.POST, "/api/v1/supervision/items/\(id)/reports", body: #"{"text": "再报。", "progress": 100}"#).status == .conflict)
            #expect(try await api.send(.POST, "/api/v1/supervision/items/\(id)/remind", body: "{}").status == .conflict)
            #expect(try await api.send(.POST, "/api/v1/supervision/items/\(id)/close", body: #"{"how": "terminate", "reason": "x"}"#).status == .conflict)

            // The board: 待我办理 and the filters; a bad filter is named.
            let (_, other) = try await Self.opened(app, title: "规范政务公开", cycle: "once")
            #expect(try await api.send(.POST, "/api/v1/supervision/items/\(other)/remind", body: #"{"message": "请抓紧。"}"#).status == .ok)
            let board = try await deng.get(SiteURL.supervision.path).body.string
            #expect(board.contains("规范政务公开") && !board.contains("推进政务服务“一网通办”"))
            let all = try await deng.get(SiteURL.supervision.path + "?view=all&category=keyWork").body.string
            #expect(all.contains("推进政务服务“一网通办”") && all.contains("规范政务公开") && all.contains("按主办单位"))
            #expect(!(try await deng.get(SiteURL.supervision.path + "?view=all&status=done").body.string.contains("规范政务公开")))
            #expect(try await api.get("/api/v1/supervision/items?status=purple").status == .unprocessableEntity)
            #expect(try await api.get("/api/v1/supervision/items?from=2026-13-01").status == .unprocessableEntity)
            let doneList = try await api.get("/api/v1/supervision/items?view=all&status=done")
            #expect(try doneList.content.get(Int.self, at: "total") == 2)
            // A 收发员 sees no 立项 button on a 收文 and cannot open the form.
            #expect(try await CityFixture.signedIn("zhaom", app).get(SiteURL.supervisionNew.path).status == .forbidden)
            #expect(try await CityFixture.signedIn("zhaom", app).get(SiteURL.supervisionBulletin.path).status == .forbidden)
            // The bulletin page names a bad period.
            #expect(try await ma.get(SiteURL.supervisionBulletin.path + "?from=2026-12-31&to=2026-12-01").status == .unprocessableEntity)
        }
    }

    @Test("示范城市：督查室的事项正常、临期、逾期、办结四种颜色都有，办结审核中、延期待审批、已评价、已终止、子事项各有一例")
    func demoCity() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await DemoCity.seedSupervision(app: app)
            let ma = try await CityFixture.user("maj", on: app)
            let access = try await Access.load(for: ma, on: app.db)
            let days = SupervisionDays(now: Date(), calendar: try await WorkingDays.calendar(on: app.db))
            let items = try await access.supervisionItems(on: app.db).all()
            #expect(Set(items.map { SupervisionLight.of($0, days: days) }) == Set(SupervisionLight.allCases))
            let states = Set(items.map(\.stateValue))
            #expect(states.isSuperset(of: [.open, .completionRequested, .completed, .terminated]))
            #expect(items.contains { $0.parentID != nil })
            #expect(try await SupervisionExtension.query(on: app.db).filter(\.$state == "pending").count() == 1)
            #expect(try await SupervisionAssignment.query(on: app.db).filter(\.$score != nil).count() == 2)
            let board = try await CityFixture.signedIn("maj", app).get(SiteURL.supervision.path + "?view=all").body.string
            for light in ["light-normal", "light-nearing", "light-overdue", "light-done"] { #expect(board.contains(light), "\(light)") }
        }
    }
}

/// The 通报 published as a 通知公告: where the 督查室 may publish, for the units its items concern.
@Suite("督查通报发布为通知公告")
struct SupervisionBulletinNoticeTests {
    @Test("督查室有可发布的栏目时，通报生成通知公告草稿，发布范围为本期事项的责任单位；没有栏目时页面不提供、接口拒绝")
    func asNotice() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (ma, _) = try await SupervisionPagesTests.opened(app)
            let today = DocumentDate(Date()).iso
            let api = try await APIClient.signIn(app, "maj")
            // No column 马骏 may publish in: the page offers none, the API is refused.
            #expect(!(try await ma.get(SiteURL.supervisionBulletin.path).body.string.contains("生成通知公告草稿")))
            let refused = try await api.send(.POST, "/api/v1/supervision/bulletin", body: try SupervisionTests.json(["send": "notice", "title": "督查通报", "text": "正文。"]))
            #expect(refused.status == .unprocessableEntity)
            // 市政府办公室 lets its 督查员 publish in a 督查通报 column.
            let office = try await CityFixture.unit("江北市人民政府办公室", on: app)
            let column = NoticeColumn()
            column.unitID = try office.requireID()
            column.name = "督查通报"
            column.isPublic = false
            column.publisherRole = BuiltinRole.supervisor.rawValue
            column.processKey = NoticeProcesses.internalReview
            column.sortOrder = 3
            column.isDisabled = false
            column.updatedAt = Date()
            try await column.create(on: app.db)
            #expect(try await ma.get(SiteURL.supervisionBulletin.path).body.string.contains("生成通知公告草稿"))
            let sent = try await ma.post(SiteURL.supervisionBulletin.path, [("from", today), ("to", today), ("title", "本周督查通报"), ("text", "一、总体情况。\n特此通报。"),
                                                                           ("column", try column.requireID().uuidString), ("send", "notice")])
            #expect(sent.status == .seeOther)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$title == "本周督查通报").first())
            #expect(sent.location == SiteURL.notice.link(try notice.requireID()) && notice.statusValue == .drafting)
            let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            #expect(NoticeAudience.decode(notice.audience).units.map(\.unit) == [qh])
            let viaAPI = try await api.send(.POST, "/api/v1/supervision/bulletin", body: try SupervisionTests.json([
                "send": "notice", "title": "督查通报（接口）", "text": "正文。", "columnId": try column.requireID().uuidString, "from": today, "to": today]))
            #expect(viaAPI.status == .created && viaAPI.body.string.contains("noticeId"))
        }
    }
}

/// A phone client's 立项 and 修改 through the API alone, and the 通报 as a 发文 draft.
@Suite("督查督办接口：立项、修改、通报生成发文草稿")
struct SupervisionAPITests {
    @Test("接口立项（涉密被拒、越权单位被拒），按版本修改，通报生成发文草稿")
    func openEditBulletin() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let api = try await APIClient.signIn(app, "maj")
            let ds = try await CityFixture.unit("东山县人民政府", on: app).requireID()
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            var body: [String: Any] = ["title": "做好冬季森林防火", "source": "meeting", "sourceText": "市政府第43次常务会议", "category": "meetingDecision",
                                       "leaderId": chen.uuidString, "leadUnitIds": [ds.uuidString], "requirements": "每周报送。",
                                       "deadline": SupervisionTests.day(30), "cycle": "custom", "cycleDays": 5, "classification": "secret"]
            let classified = try await api.send(.POST, "/api/v1/supervision/items", body: try SupervisionTests.json(body))
            #expect(classified.status == .unprocessableEntity && classified.body.string.contains("涉密"))
            body["classification"] = nil
            // 清河县's 督查员 cannot give 东山县 anything: outside the grant.
            let county = try await APIClient.signIn(app, "dengh")
            #expect(try await county.send(.POST, "/api/v1/supervision/items", body: try SupervisionTests.json(body)).status == .unprocessableEntity)
            let created = try await api.send(.POST, "/api/v1/supervision/items", body: try SupervisionTests.json(body))
            #expect(created.status == .created)
            let item = try created.content.decode(SupervisionItemView.self)
            #expect(item.cycle == .custom && item.cycleDays == 5 && item.leader?.id == chen && item.parts.map(\.unit.id) == [ds] && item.actions.edit)
            // 修改 by version: the deadline moves, the report day follows it.
            let changed = try await api.send(.PATCH, "/api/v1/supervision/items/\(item.id)", body: try SupervisionTests.json([
                "title": "做好冬季森林防火工作", "category": "meetingDecision", "sourceText": "市政府第43次常务会议", "deadline": SupervisionTests.day(3),
                "cycle": "once", "version": item.version]))
            #expect(changed.status == .ok)
            let edited = try changed.content.decode(SupervisionItemView.self)
            #expect(edited.title == "做好冬季森林防火工作" && edited.deadline == SupervisionTests.day(3) && edited.version == item.version + 1)
            #expect(edited.parts.allSatisfy { ($0.nextReportDue ?? "") <= SupervisionTests.day(3) })
            // The 通报 as a 发文 draft, through the API.
            let today = DocumentDate(Date()).iso
            let draft = try await api.get("/api/v1/supervision/bulletin?from=\(today)&to=\(today)").content.decode(SupervisionBulletin.Draft.self)
            #expect(draft.figures.opened == 1 && draft.figures.handled == 1)
            let sent = try await api.send(.POST, "/api/v1/supervision/bulletin", body: try SupervisionTests.json(["title": draft.title, "text": draft.text]))
            #expect(sent.status == .created)
            let outgoingID = try sent.content.get(UUID.self, at: "outgoingId")
            #expect(try await OutgoingDocument.find(outgoingID, on: app.db)?.title == draft.title)
            #expect(try await api.get(try sent.content.get(String.self, at: "url")).status == .ok)
        }
    }
}

/// 督办 in 效能统计: the figures come from the items and reports themselves, the same on both databases.
@Suite("督查督办的效能统计：办结数、按期办结率、反馈及时率")
struct SupervisionStatisticsTests {
    @Test("清河县主办的事项按期办结，两次反馈一次逾期：办结 1、按期办结率 100%、反馈及时率 50%；终止的事项不计")
    func figures() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let now = Date()
            let ma = try await CityFixture.user("maj", on: app), deng = try await CityFixture.user("dengh", on: app)
            let office = try await Access.load(for: ma, on: app.db), county = try await Access.load(for: deng, on: app.db)
            let officeActor = WorkflowService.Actor(userID: ma.id, audit: .system("test")), countyActor = WorkflowService.Actor(userID: deng.id, audit: .system("test"))
            let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            func open(_ title: String) async throws -> UUID {
                try await SupervisionService.open(.init(title: title, category: "keyWork", leadUnitIDs: [qh], deadline: SupervisionTests.day(20, from: now),
                                                        cycle: "monthly"), access: office, actor: officeActor, app: app, now: now.addingTimeInterval(-40 * 86_400)).requireID()
            }
            let done = try await open("按期办结的事项")
            // The first report comes ten days after its day (late); the next one is on time.
            _ = try await SupervisionService.report(done, assignmentID: nil, text: "进展一。", progress: 50, access: county, actor: countyActor, app: app, now: now)
            _ = try await SupervisionService.report(done, assignmentID: nil, text: "进展二。", progress: 100, access: county, actor: countyActor, app: app, now: now)
            _ = try await SupervisionService.requestCompletion(done, summary: "已完成。", access: county, actor: countyActor, app: app, now: now)
            _ = try await SupervisionService.decideCompletion(done, approve: true, reason: nil, access: office, actor: officeActor, app: app, now: now)
            let stopped = try await open("终止的事项")
            _ = try await SupervisionService.close(stopped, .terminate, reason: "不再办理。", access: office, actor: officeActor, app: app, now: now)
            // when
            try await StatisticsAggregation.refreshAll(app: app, now: now.addingTimeInterval(60))
            let year = DocumentDate(now).year
            let figures = [FigureKey.supervisionCompleted, .supervisionOnTimeRate, .supervisionReportsOnTime].compactMap(StatisticsSources.figure)
            let values = try await StatisticsStore.values(of: figures, period: .year(year), scope: .units([qh]), on: app.db)
            // then
            #expect(values[.supervisionCompleted]?[qh] == 1)
            #expect(values[.supervisionOnTimeRate]?[qh] == 100)
            #expect(values[.supervisionReportsOnTime]?[qh] == 50)
        }
    }
}
