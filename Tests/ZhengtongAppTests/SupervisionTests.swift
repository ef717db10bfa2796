import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 督查督办 from 立项 to 通报: the city's 督查室 opens an item from a leader's 批示 on a 收文 with two counties responsible,
/// 清河县 splits it to two bureaus, reports come in (one returned), an extension is asked and granted, a missed report
/// turns red and is chased, the item is completed, evaluated and reported in the period's 通报, sent as a 发文 draft —
/// through the pages and the API, with who may see and do what.
@Suite("督查督办：立项、分解、反馈、催办、延期、办结、评价、通报与权限", .serialized)
struct SupervisionTests {
    static func json(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    static func day(_ days: Double, from now: Date = Date()) -> String { DocumentDate(now.addingTimeInterval(days * 86_400)).iso }

    /// A 收文 of 市政府办公室 that 王建国 instructed with 督查科 (马骏) as 主办: 马骏 holds its 承办 and sees it.
    static func instructedIncoming(_ app: Application) async throws -> IncomingDocument {
        let zhao = try await APIClient.signIn(app, "zhaom")
        let registered = try await zhao.send(.POST, "/api/v1/incoming", body: try json([
            "senderName": "江北市住房和城乡建设局", "title": "关于加快推进城镇老旧小区改造的报告", "kind": "report", "source": "paper",
            "file": ["name": "扫描件.pdf", "contentBase64": Data("%PDF-1.4\n%扫描件\n".utf8).base64EncodedString()],
        ]))
        #expect(registered.status == .created, "\(registered.body.string)")
        let document = try #require(try await IncomingDocument.find(try registered.content.get(UUID.self, at: "id"), on: app.db))
        let instance = try #require(document.instanceID)
        #expect(try await IncomingTests.complete("zhaom", "Register", instance: instance, fields: [], app: app).status == .seeOther)
        #expect(try await IncomingTests.complete("zhaom", "Check", instance: instance, fields: [("outcome", "approve"), ("opinion", "属我办办理。")], app: app).status == .seeOther)
        let wang = try await CityFixture.user("wangjg", on: app)
        #expect(try await IncomingTests.complete("sunl", "Propose", instance: instance,
                                                 fields: [("opinion", "拟请督查科督办。"), ("nextAssignee", try wang.requireID().uuidString)], app: app).status == .seeOther)
        let office = try await CityFixture.unit("江北市人民政府办公室", on: app)
        let supervision = try #require(try await Department.query(on: app.db).filter(\.$unit.$id == office.requireID()).filter(\.$name == "督查科").first()?.id)
        #expect(try await IncomingTests.complete("wangjg", "Instruct", instance: instance,
                                                 fields: [("opinion", "请督查科立项督办，清河县、柳林区年底前完成改造项目开工。"), ("leadDepartment", supervision.uuidString),
                                                          ("deadline", Self.day(30))], app: app).status == .seeOther)
        return document
    }

    @Test("市督查室从收文批示立项，两县主办、按月反馈；清河县分解给两个局；反馈退回与采纳、延期、逾期变红与自动催办、办结审核、评价、通报生成发文草稿；无关单位 404")
    func wholeCycle() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let incoming = try await Self.instructedIncoming(app)
            let incomingID = try incoming.requireID()
            let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            let ll = try await CityFixture.unit("柳林区人民政府", on: app).requireID()
            let liu = try await CityFixture.user("liuwh", on: app).requireID()

            // 马骏 finds 立项督办 on the 收文 page; the form carries the 批示.
            let ma = try await CityFixture.signedIn("maj", app)
            #expect(try await ma.get(SiteURL.incoming.link(incomingID)).body.string.contains("/supervision/new?incoming=\(incomingID.uuidString)"))
            let form = try await ma.get(SiteURL.supervisionNew.path + "?incoming=\(incomingID.uuidString)").body.string
            #expect(form.contains("请督查科立项督办，清河县、柳林区年底前完成改造项目开工。") && form.contains("关于加快推进城镇老旧小区改造的报告"))
            // Without a 主办 unit it is refused, and what was typed stays.
            var fields: [(String, String)] = [("incoming", incomingID.uuidString), ("title", "推进城镇老旧小区改造项目开工"), ("category", "leaderInstruction"),
                                              ("leader", liu.uuidString), ("requirements", "年底前完成改造项目开工，按月报送进展。"),
                                              ("deadline", Self.day(60)), ("cycle", "monthly")]
            let refused = try await ma.post(SiteURL.supervision.path, fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("请至少选择一个主办单位。") && refused.body.string.contains("年底前完成改造项目开工，按月报送进展。"))
            fields += [("leadUnits[]", qh.uuidString), ("leadUnits[]", ll.uuidString)]
            let opened = try await ma.post(SiteURL.supervision.path, fields)
            #expect(opened.status == .seeOther)
            let item = try #require(try await SupervisionItem.query(on: app.db).filter(\.$title == "推进城镇老旧小区改造项目开工").first())
            let id = try item.requireID()
            #expect(item.sourceValue == .instruction && item.incomingID == incomingID && item.instruction == "请督查科立项督办，清河县、柳林区年底前完成改造项目开工。")
            #expect(opened.location == SiteURL.supervisionItem.link(id))
            // The counties' 督查员 are told.
            let deng = try await CityFixture.user("dengh", on: app).requireID()
            let feng = try await CityFixture.user("fengxy", on: app).requireID()
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == deng).filter(\.$kind == NotificationKind.supervision.rawValue).count() == 1)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == feng).filter(\.$kind == NotificationKind.supervision.rawValue).count() == 1)

            // Who sees it: the counties and the leader yes; 东山县公安局 and 清河县's bureaus (not yet given a part) no.
            let itemPath = "/api/v1/supervision/items/\(id)"
            for outsider in ["lvx", "gaoy"] {
                let api = try await APIClient.signIn(app, outsider)
                #expect(try await api.get(itemPath).status == .notFound, "\(outsider)")
                let list = try await api.get("/api/v1/supervision/items?view=all")
                #expect(!list.body.string.contains(id.uuidString), "\(outsider)")
                #expect(try await CityFixture.signedIn(outsider, app).get(SiteURL.supervisionItem.link(id)).status == .notFound)
            }
            let dengAPI = try await APIClient.signIn(app, "dengh")
            let todo = try await dengAPI.get("/api/v1/supervision/items?view=todo")
            #expect(todo.status == .ok && todo.body.string.contains(id.uuidString))
            let leaderView = try await APIClient.signIn(app, "liuwh").get(itemPath)
            #expect(leaderView.status == .ok)
            #expect(try leaderView.content.decode(SupervisionItemView.self).actions.remind)

            // 分解: 清河县 gives 财政局 and 教育局 a part each; a later deadline or a unit outside it is refused.
            let finance = try await CityFixture.unit("清河县财政局", on: app).requireID()
            let education = try await CityFixture.unit("清河县教育局", on: app).requireID()
            let police = try await CityFixture.unit("东山县公安局", on: app).requireID()
            let late = try await dengAPI.send(.POST, itemPath + "/children", body: try Self.json(["title": "落实配套资金", "unitId": finance.uuidString, "deadline": Self.day(90)]))
            #expect(late.status == .unprocessableEntity && late.body.string.contains("时限不能晚于上级事项的办结时限"))
            let outside = try await dengAPI.send(.POST, itemPath + "/children", body: try Self.json(["title": "落实配套资金", "unitId": police.uuidString, "deadline": Self.day(40)]))
            #expect(outside.status == .unprocessableEntity)
            let fundsCreated = try await dengAPI.send(.POST, itemPath + "/children", body: try Self.json(["title": "落实配套资金", "unitId": finance.uuidString, "deadline": Self.day(40)]))
            #expect(fundsCreated.status == .created)
            let funds = try fundsCreated.content.decode(SupervisionItemView.self)
            let schoolsCreated = try await dengAPI.send(.POST, itemPath + "/children", body: try Self.json(["title": "学校周边安全排查", "unitId": education.uuidString, "deadline": Self.day(40)]))
            let schools = try schoolsCreated.content.decode(SupervisionItemView.self)
            #expect(funds.office.id == qh && funds.parent?.id == id)
            // 马骏 follows the sub-items but does not check their reports; 高原 now sees his part only.
            let maAPI = try await APIClient.signIn(app, "maj")
            #expect(try await maAPI.get("/api/v1/supervision/items/\(funds.id)").status == .ok)
            let gao = try await APIClient.signIn(app, "gaoy")
            #expect(try await gao.get("/api/v1/supervision/items/\(funds.id)").status == .ok)
            #expect(try await gao.get(itemPath).status == .notFound)

            // 财政局 reports with a file; 清河县 accepts: its part of the city's item rolls up.
            let fundsReport = try await gao.send(.POST, "/api/v1/supervision/items/\(funds.id)/reports", body: try Self.json(["text": "配套资金已列入预算。", "progress": 60]))
            #expect(fundsReport.status == .created)
            let fundsView = try fundsReport.content.decode(SupervisionItemView.self)
            let reportID = try #require(fundsView.reports.first?.id)
            let file = try await gao.send(.POST, "/api/v1/supervision/items/\(funds.id)/files",
                                          body: try Self.json(["name": "预算表.pdf", "contentBase64": Data("%PDF-1.4\n%预算\n".utf8).base64EncodedString(), "reportId": reportID.uuidString]))
            #expect(file.status == .created)
            let fileURL = try #require(try file.content.decode(SupervisionItemView.self).reports.first?.files.first?.url)
            #expect(try await gao.get(fileURL).body.string.hasPrefix("%PDF"))
            #expect(try await APIClient.signIn(app, "lvx").get(fileURL).status == .notFound)
            #expect(try await maAPI.send(.POST, "/api/v1/supervision/items/\(funds.id)/reports/\(reportID)/decision", body: #"{"accept": true}"#).status == .forbidden)
            #expect(try await dengAPI.send(.POST, "/api/v1/supervision/items/\(funds.id)/reports/\(reportID)/decision", body: #"{"accept": true}"#).status == .ok)
            #expect(try await dengAPI.send(.POST, "/api/v1/supervision/items/\(funds.id)/reports/\(reportID)/decision", body: #"{"accept": true}"#).status == .conflict)
            let qhPart = try #require(try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == id).filter(\.$unitID == qh).first())
            #expect(qhPart.progress == 30)

            // 清河县 reports on the city's item; 马骏 returns it (a reason is required), 柳林区's is accepted.
            let firstDue = try #require(qhPart.nextReportDue)
            let qhReport = try await dengAPI.send(.POST, itemPath + "/reports", body: try Self.json(["text": "已确定改造小区12个。", "progress": 40]))
            let qhReportID = try #require(try qhReport.content.decode(SupervisionItemView.self).reports.first?.id)
            #expect(try await SupervisionAssignment.find(qhPart.id, on: app.db)?.nextReportDue != firstDue)
            let noReason = try await ma.post(SiteURL.supervisionReportDecision.link(id, qhReportID), [("accept", "false"), ("reason", "")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("请填写理由"))
            #expect(try await ma.post(SiteURL.supervisionReportDecision.link(id, qhReportID), [("accept", "false"), ("reason", "请补充开工时间表。")]).status == .seeOther)
            #expect(try await SupervisionAssignment.find(qhPart.id, on: app.db)?.nextReportDue == firstDue)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == deng).filter(\.$title == "反馈被退回：推进城镇老旧小区改造项目开工").count() == 1)
            let fengAPI = try await APIClient.signIn(app, "fengxy")
            let llReport = try await fengAPI.send(.POST, itemPath + "/reports", body: try Self.json(["text": "已排查8个小区。", "progress": 30]))
            let llReportID = try #require(try llReport.content.decode(SupervisionItemView.self).reports.first?.id)
            #expect(try await maAPI.send(.POST, itemPath + "/reports/\(llReportID)/decision", body: #"{"accept": true}"#).status == .ok)
            // 协办-less 柳林区 cannot split or ask for 延期 on 清河县's behalf; it is a 主办 too, so it may — but 高原 may not report on the city's item.
            #expect(try await gao.send(.POST, itemPath + "/reports", body: try Self.json(["text": "x", "progress": 1])).status == .notFound)

            // 延期: 清河县 asks, a second request waits; 刘文华 (责任领导) grants it.
            let newDeadline = Self.day(75)
            let asked = try await dengAPI.send(.POST, itemPath + "/extension", body: try Self.json(["deadline": newDeadline, "reason": "需省厅审查方案。"]))
            #expect(asked.status == .created)
            #expect(try await dengAPI.send(.POST, itemPath + "/extension", body: try Self.json(["deadline": Self.day(80), "reason": "再延。"])).status == .conflict)
            let requestID = try #require(try asked.content.decode(SupervisionItemView.self).extensions.first?.id)
            #expect(try await gao.send(.POST, itemPath + "/extension/\(requestID)/decision", body: #"{"accept": true}"#).status == .notFound)
            let granted = try await APIClient.signIn(app, "liuwh").send(.POST, itemPath + "/extension/\(requestID)/decision", body: #"{"accept": true}"#)
            #expect(granted.status == .ok)
            #expect(try granted.content.decode(SupervisionItemView.self).deadline == newDeadline)

            // A missed report turns red and is chased: a month on, 柳林区 has not reported.
            let later = Date().addingTimeInterval(40 * 86_400)
            try await SupervisionWatch.scan(app: app, at: later)
            try await SupervisionWatch.scan(app: app, at: later)
            let autos = try await SupervisionReminder.query(on: app.db).filter(\.$itemID == id).filter(\.$sentBy == nil).all()
            #expect(!autos.isEmpty && autos.allSatisfy { $0.key != nil })
            #expect(Set(autos.compactMap(\.key)).count == autos.count)
            let lateDays = SupervisionDays(now: later, calendar: try await WorkingDays.calendar(on: app.db))
            let fresh = try #require(try await SupervisionItem.find(id, on: app.db))
            #expect(SupervisionLight.of(fresh, days: lateDays) == .overdue)
            let lateView = try await SupervisionItemView.load(fresh, access: try await Access.load(for: try await CityFixture.user("maj", on: app), on: app.db),
                                                              days: lateDays, on: app.db)
            #expect(lateView.parts.first { $0.unit.id == ll }?.light == .overdue)
            // On the board today the item is 正常; with 柳林区's report day in the past it is red under 逾期.
            let llPart = try #require(try await SupervisionAssignment.query(on: app.db).filter(\.$itemID == id).filter(\.$unitID == ll).first())
            llPart.nextReportDue = Self.day(-1)
            try await llPart.update(on: app.db)
            try await SupervisionProgress.refresh(fresh, on: app.db)
            try await fresh.update(on: app.db)
            let overdueBoard = try await ma.get(SiteURL.supervision.path + "?view=all&status=overdue").body.string
            #expect(overdueBoard.contains("推进城镇老旧小区改造项目开工") && overdueBoard.contains("light light-overdue"))
            #expect(!(try await ma.get(SiteURL.supervision.path + "?view=all&status=normal").body.string.contains("推进城镇老旧小区改造项目开工")))
            // 催办 by hand, with a message.
            #expect(try await ma.post(SiteURL.supervisionRemind.link(id), [("assignment", try llPart.requireID().uuidString), ("message", "请本周内报送。")]).status == .seeOther)
            #expect(try await SupervisionReminder.query(on: app.db).filter(\.$itemID == id).filter(\.$message == "请本周内报送。").count() == 1)

            // 办结: sub-items first (one done, one stopped); a 办结 审核 returned once, then approved.
            let liang = try await APIClient.signIn(app, "liangc")
            #expect(try await dengAPI.send(.POST, itemPath + "/complete", body: #"{"summary": "已完成。"}"#).status == .conflict)
            #expect(try await gao.send(.POST, "/api/v1/supervision/items/\(funds.id)/complete", body: #"{"summary": "资金已拨付。"}"#).status == .ok)
            #expect(try await dengAPI.send(.POST, "/api/v1/supervision/items/\(funds.id)/completion/decision", body: #"{"accept": true}"#).status == .ok)
            #expect(try await liang.send(.POST, "/api/v1/supervision/items/\(schools.id)/close", body: #"{"how": "terminate", "reason": "并入全县排查。"}"#).status == .forbidden)
            #expect(try await dengAPI.send(.POST, "/api/v1/supervision/items/\(schools.id)/close", body: #"{"how": "terminate", "reason": "并入全县排查。"}"#).status == .ok)
            #expect(try await dengAPI.send(.POST, itemPath + "/complete", body: #"{"summary": "改造项目均已开工。"}"#).status == .ok)
            #expect(try await maAPI.send(.POST, itemPath + "/completion/decision", body: #"{"accept": false}"#).status == .unprocessableEntity)
            #expect(try await maAPI.send(.POST, itemPath + "/completion/decision", body: #"{"accept": false, "reason": "请附开工照片。"}"#).status == .ok)
            #expect(try await dengAPI.send(.POST, itemPath + "/complete", body: #"{"summary": "改造项目均已开工，照片见附件。"}"#).status == .ok)
            let done = try await maAPI.send(.POST, itemPath + "/completion/decision", body: #"{"accept": true}"#)
            let doneView = try done.content.decode(SupervisionItemView.self)
            #expect(doneView.state == .completed && doneView.onTime == true && doneView.light == .done && doneView.progress == 100)

            // 评价: a score out of range is refused; then each unit gets one.
            let parts = doneView.parts
            let bad = try await maAPI.send(.POST, itemPath + "/evaluate", body: try Self.json(["evaluations": parts.map { ["assignmentId": $0.id.uuidString, "score": 120] }]))
            #expect(bad.status == .unprocessableEntity)
            let evaluated = try await maAPI.send(.POST, itemPath + "/evaluate", body: try Self.json(["evaluations": parts.map {
                ["assignmentId": $0.id.uuidString, "score": $0.unit.id == qh ? 92 : 85, "remark": "按时办结。"] as [String: Any]
            }]))
            #expect(evaluated.status == .ok)
            #expect(try evaluated.content.decode(SupervisionItemView.self).parts.map(\.score).sorted { ($0 ?? 0) < ($1 ?? 0) } == [85, 92])

            // 通报 for this month: figures, edited text, sent on as a 通报 发文 draft of 江政办发.
            let today = DocumentDate(Date()).iso
            let bulletin = try await maAPI.get("/api/v1/supervision/bulletin?from=\(today)&to=\(today)")
            #expect(bulletin.status == .ok)
            let draft = try bulletin.content.decode(SupervisionBulletin.Draft.self)
            #expect(draft.figures.completed == 1 && draft.figures.completedOnTime == 1 && draft.text.contains("按时办结率 100%"))
            #expect(try await APIClient.signIn(app, "lvx").get("/api/v1/supervision/bulletin").status == .forbidden)
            let page = try await ma.get(SiteURL.supervisionBulletin.path + "?from=\(today)&to=\(today)").body.string
            #expect(page.contains("督查督办工作情况的通报") && page.contains("生成发文草稿"))
            let code = try #require(try await IssuerCode.query(on: app.db).filter(\.$code == "江政办发").first()?.id)
            let sent = try await ma.post(SiteURL.supervisionBulletin.path, [("from", today), ("to", today), ("title", draft.title),
                                                                           ("text", draft.text + "\n特此通报。"), ("issuerCode", code.uuidString)])
            #expect(sent.status == .seeOther)
            let outgoing = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$title == draft.title).first())
            #expect(try outgoing.document().kind == .circular && (try outgoing.document().body.hasSuffix("特此通报。")))
            #expect(sent.location == SiteURL.outgoing.link(try outgoing.requireID()))

            // Every change left an audit record.
            let actions = Set(try await AuditEntry.query(on: app.db).filter(\.$action ~~ [
                "supervision.open", "supervision.split", "supervision.report", "supervision.report.accept", "supervision.report.return",
                "supervision.extension.request", "supervision.extension.grant", "supervision.remind", "supervision.complete.request",
                "supervision.complete.return", "supervision.complete", "supervision.evaluate", "supervision.terminate", "supervision.bulletin",
                "supervision.file.add",
            ]).all().map(\.action))
            #expect(actions.count == 15, "\(actions)")
        }
    }
}
