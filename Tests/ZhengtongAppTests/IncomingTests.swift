import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

@Suite("收文：登记、初审、拟办、批办、承办、传阅、办结，退回来文单位，手工登记", .serialized)
struct IncomingTests {
    /// 郭亚楠 signs for 清河县's copy of the dispatched notice; the incoming document and its process.
    static func accepted(_ app: Application) async throws -> (IncomingDocument, UUID) {
        let qh = try await CityFixture.delivery(to: "清河县人民政府", on: app)
        let guo = try await CityFixture.signedIn("guoyn", app)
        #expect(try await guo.post(SiteURL.delivery.link(try qh.requireID()) + "/accept").status == .seeOther)
        let document = try #require(try await IncomingDocument.query(on: app.db).filter(\.$deliveryID == qh.requireID()).first())
        return (document, try #require(document.instanceID))
    }

    static func complete(_ username: String, _ node: String, instance: UUID, fields: [(String, String)], app: Application) async throws -> TestingHTTPResponse {
        let browser = try await CityFixture.signedIn(username, app)
        let task = try await CityFixture.openTask(node, in: instance, assignee: try await CityFixture.user(username, on: app).id, on: app)
        try await browser.get("/tasks/\(try task.requireID())")
        return try await browser.post("/tasks/\(try task.requireID())/complete", fields)
    }

    @Test("一份来文的完整办理：登记更正、初审、拟办选领导、批办定主办协办和期限、主办报结果、协办、办结；传阅有序、可转阅；处理笺列出全部意见")
    func fullHandling() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (document, instance) = try await Self.accepted(app)
            let id = try document.requireID()
            let guo = try await CityFixture.signedIn("guoyn", app)

            // 登记: the task page offers the registration; a correction is saved and audited.
            let register = try await CityFixture.openTask("Register", in: instance, on: app)
            let registerPage = try await guo.get("/tasks/\(try register.requireID())").body.string
            #expect(registerPage.contains("保存登记信息") && registerPage.contains(document.registrationNumber))
            let fields: [(String, String)] = [("version", String(document.version)), ("senderName", "江北市人民政府办公室"),
                                              ("senderNumber", document.senderNumber ?? ""), ("title", document.title), ("kind", "notice"),
                                              ("urgency", "urgent"), ("copies", "2"), ("handling", "handle"), ("dueDate", "")]
            #expect(try await guo.post(SiteURL.incomingRegistration.link(id), fields.map { $0.0 == "senderName" ? ($0.0, "") : $0 }).status == .unprocessableEntity)
            #expect(try await guo.post(SiteURL.incomingRegistration.link(id), fields).status == .seeOther)
            // A form shown before that save is stale now.
            #expect(try await guo.post(SiteURL.incomingRegistration.link(id), fields).status == .conflict)
            let corrected = try #require(try await IncomingDocument.find(id, on: app.db))
            #expect(corrected.urgency == "urgent" && corrected.copies == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "incoming.update").count() == 1)

            #expect(try await Self.complete("guoyn", "Register", instance: instance, fields: [], app: app).status == .seeOther)
            #expect(try await Self.complete("guoyn", "Check", instance: instance, fields: [("outcome", "approve"), ("opinion", "属我单位办理。")], app: app).status == .seeOther)
            #expect(try await IncomingDocument.find(id, on: app.db)?.status == "handling")

            // 拟办 by 胡晓 (公文审核员), who picks 徐慧敏 to instruct.
            let xu = try await CityFixture.user("xuhm", on: app)
            #expect(try await Self.complete("hux", "Propose", instance: instance,
                                            fields: [("opinion", "拟请秘书股牵头、综合股配合办理。"), ("nextAssignee", try xu.requireID().uuidString)], app: app).status == .seeOther)

            // 批办: 主办 秘书股, 协办 综合股, a deadline; without a 主办 it is refused.
            let departments = try await Department.query(on: app.db).filter(\.$unit.$id == document.unitID).all()
            let secretariat = try #require(departments.first { $0.name == "秘书股" }?.id)
            let general = try #require(departments.first { $0.name == "综合股" }?.id)
            let instructPage = try await (try await CityFixture.signedIn("xuhm", app)).get("/tasks/\(try await CityFixture.openTask("Instruct", in: instance, on: app).requireID())")
            #expect(instructPage.body.string.contains("主办部门") && instructPage.body.string.contains("协办部门"))
            #expect(try await Self.complete("xuhm", "Instruct", instance: instance, fields: [("opinion", "同意。")], app: app).status == .unprocessableEntity)
            let deadline = DocumentDate(Date().addingTimeInterval(20 * 24 * 3600))
            #expect(try await Self.complete("xuhm", "Instruct", instance: instance,
                                            fields: [("opinion", "同意拟办意见，请秘书股牵头办理。"), ("leadDepartment", secretariat.uuidString), ("assistDepartments[]", general.uuidString),
                                                     ("deadline", deadline.iso)], app: app).status == .seeOther)
            let instructed = try #require(try await IncomingDocument.find(id, on: app.db))
            #expect(instructed.dueAt.map { DocumentDate($0) } == deadline)
            let handles = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == "Handle").all()
            let hu = try await CityFixture.user("hux", on: app)
            let deng = try await CityFixture.user("dengh", on: app)
            #expect(Set(handles.compactMap(\.assigneeID)) == Set([hu.id, deng.id].compactMap { $0 }))
            #expect(handles.allSatisfy { $0.dueAt.map { DocumentDate($0) } == deadline })

            // 承办: the 主办 must report the result; the 协办 gives an opinion.
            let leadPage = try await (try await CityFixture.signedIn("hux", app)).get("/tasks/\(try #require(handles.first { $0.assigneeID == hu.id }).requireID())")
            #expect(leadPage.body.string.contains("您是主办部门"))
            #expect(try await Self.complete("hux", "Handle", instance: instance, fields: [("opinion", "")], app: app).status == .unprocessableEntity)
            let result = "已按通知要求落实领导带班和24小时值班，值班表已报市政府办公室。"
            #expect(try await Self.complete("hux", "Handle", instance: instance, fields: [("opinion", result)], app: app).status == .seeOther)
            #expect(try await Self.complete("dengh", "Handle", instance: instance, fields: [("opinion", "已配合做好后勤保障。")], app: app).status == .seeOther)

            // 传阅 from the document, in order: 杨帆 reads first, 徐慧敏 waits; 杨帆 passes it on to 胡晓 too.
            let yang = try await CityFixture.user("yangf", on: app)
            #expect(try await guo.post(SiteURL.incomingCirculate.link(id), []).status == .unprocessableEntity)
            #expect(try await guo.post(SiteURL.incomingCirculate.link(id), [("readers[]", try yang.requireID().uuidString), ("readers[]", try xu.requireID().uuidString),
                                                                         ("ordered", "on"), ("note", "请阅。")]).status == .seeOther)
            var shown = try await guo.get(SiteURL.incoming.link(id)).body.string
            #expect(shown.contains("在阅（未读）") && shown.contains("排队待阅"))
            let yangBrowser = try await CityFixture.signedIn("yangf", app)
            #expect(try await yangBrowser.get(SiteURL.tasks.path + "?tab=unread").body.string.contains(document.title))
            let item = try #require(try await WorkflowCirculationRecord.query(on: app.db).filter(\.$readerID == yang.requireID()).first())
            #expect(try await yangBrowser.post("/circulations/\(try item.requireID())/pass-on", [("to", try hu.requireID().uuidString)]).status == .seeOther)
            #expect(try await yangBrowser.post("/circulations/\(try item.requireID())/read", [("comment", "已阅，同意。")]).status == .seeOther)
            shown = try await guo.get(SiteURL.incoming.link(id)).body.string
            #expect(shown.contains("已阅，同意。") && !shown.contains("排队待阅"))
            #expect(try await WorkflowCirculationRecord.query(on: app.db).filter(\.$readerID == hu.requireID()).count() == 1)

            // 办结: the result comes from the 主办's report.
            let closePage = try await guo.get("/tasks/\(try await CityFixture.openTask("Close", in: instance, on: app).requireID())").body.string
            #expect(closePage.contains(result))
            #expect(try await Self.complete("guoyn", "Close", instance: instance, fields: [("opinion", "")], app: app).status == .seeOther)
            let closed = try #require(try await IncomingDocument.find(id, on: app.db))
            #expect(closed.status == "closed" && closed.result == result && closed.closedAt != nil)

            // The 收文处理笺 holds every opinion with its name and time.
            let form = try await guo.get(SiteURL.incomingForm.link(id)).body.string
            for text in ["清河县人民政府办公室收文处理笺", "拟办意见", "拟请秘书股牵头、综合股配合办理。", "胡晓", "领导批示", "同意拟办意见", "徐慧敏",
                         "承办情况", "已配合做好后勤保障。", "邓华", "办理结果", "已阅，同意。", document.registrationNumber] {
                #expect(form.contains(text), "处理笺 lacks \(text)")
            }
            // The API tells the same.
            let view = try await APIClient.signIn(app, "guoyn").get("/api/v1/incoming/\(id)")
            let json = try view.content.decode(IncomingView.self)
            #expect(json.status == "closed" && json.opinions.contains { $0.node == "Instruct" } && json.readers.count == 3)
            // Someone of another unit cannot see it.
            #expect(try await (try await CityFixture.signedIn("caij", app)).get(SiteURL.incoming.link(id)).status == .notFound)
        }
    }

    @Test("初审不合规：退回来文单位必须写理由，交换件变为已退回，发文单位看到理由")
    func returnAtCheck() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (document, instance) = try await Self.accepted(app)
            #expect(try await Self.complete("guoyn", "Register", instance: instance, fields: [], app: app).status == .seeOther)
            let noReason = try await Self.complete("guoyn", "Check", instance: instance, fields: [("outcome", "return"), ("opinion", "")], app: app)
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("退回来文单位请填写理由"))
            let reason = "本件应由县财政局办理，请改送。"
            #expect(try await Self.complete("guoyn", "Check", instance: instance, fields: [("outcome", "return"), ("opinion", reason)], app: app).status == .seeOther)
            let returned = try #require(try await IncomingDocument.find(document.id, on: app.db))
            #expect(returned.status == "returned")
            let delivery = try #require(try await Delivery.find(returned.deliveryID, on: app.db))
            #expect(delivery.state == "refused" && delivery.refusalReason == reason)
            let notice = try await CityFixture.dispatched(on: app)
            let receipts = try await (try await CityFixture.signedIn("zhaom", app)).get(SiteURL.outgoingReceipts.link(try notice.requireID())).body.string
            #expect(receipts.contains(reason))
            #expect(try await WorkflowInstanceRecord.find(instance, on: app.db)?.status == "completed")
        }
    }

    @Test("纸质来文手工登记：扫描件必附，出错时保留所填内容；收文编号连续；办理时限按紧急程度和本单位设置计算；接口同样登记")
    func manualRegistration() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let guo = try await CityFixture.signedIn("guoyn", app)
            #expect(try await guo.get(SiteURL.incomingNew.path).body.string.contains("扫描件"))
            let typed = [("senderName", "清河县应急管理局"), ("senderNumber", "清应急〔2026〕8号"), ("title", "关于报送防汛值班表的请示"),
                         ("urgency", "extraUrgent"), ("copies", "1"), ("handling", "handle"), ("source", "paper")]
            let missing = try await guo.post(SiteURL.incomingList.path, typed)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("纸质来文请上传扫描件") && missing.body.string.contains("关于报送防汛值班表的请示"))

            // The unit's settings: 特急 within 2 working days.
            let admin = try await CityFixture.signedIn("admin", app)
            let office = try await CityFixture.unit("清河县人民政府办公室", on: app)
            let settingsPath = SiteURL.adminReceivingSettings.link(try office.requireID())
            #expect(try await admin.get(settingsPath).body.string.contains("签收提醒时限"))
            #expect(try await admin.post(settingsPath, [("acceptanceHours", "0"), ("extraUrgentDays", "2"), ("urgentDays", "3"), ("ordinaryDays", "7")]).status == .unprocessableEntity)
            #expect(try await admin.post(settingsPath, [("acceptanceHours", "12"), ("extraUrgentDays", "2"), ("urgentDays", "3"), ("ordinaryDays", "7")]).status == .seeOther)
            #expect(try await guo.get(settingsPath).status == .forbidden)

            let boundary = "zt-incoming"
            var body = ""
            for (name, value) in typed + [("_csrf", guo.csrf ?? "")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%scan\n\r\n--\(boundary)--\r\n"
            let created = try await guo.sendRaw(.POST, SiteURL.incomingList.path, body: body,
                                                contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
            #expect(created.status == .seeOther)
            let document = try #require(try await IncomingDocument.query(on: app.db).filter(\.$title == "关于报送防汛值班表的请示").first())
            #expect(document.source == "paper" && document.registrationNumber == "收〔\(DocumentDateYear.now)〕1号")
            let calendar = try await WorkingDays.calendar(on: app.db)
            #expect(document.dueAt == calendar.addingWorkingDays(2, to: document.receivedAt))
            #expect(try await IncomingFile.query(on: app.db).filter(\.$incomingID == document.requireID()).first()?.name == "scan.pdf")
            #expect(try await guo.get(SiteURL.incomingList.path).body.string.contains("关于报送防汛值班表的请示"))

            // The API registers the next one; a classified document is refused on this platform.
            let api = try await APIClient.signIn(app, "guoyn")
            let pdf = Data("%PDF-1.4\n%fax\n".utf8).base64EncodedString()
            let ok = try await api.send(.POST, "/api/v1/incoming", body: #"{"senderName":"县气象局","title":"关于寒潮天气的情况通报","source":"fax","file":{"name":"fax.pdf","contentBase64":"\#(pdf)"}}"#)
            #expect(ok.status == .created)
            #expect(try ok.content.decode(IncomingView.self).registrationNumber == "收〔\(DocumentDateYear.now)〕2号")
            let secret = try await api.send(.POST, "/api/v1/incoming", body: #"{"senderName":"县气象局","title":"关于某事的通知","classification":"secret","source":"mail"}"#)
            #expect(secret.status == .unprocessableEntity && secret.body.string.contains("涉密"))
            #expect(try await APIClient.signIn(app, "hux").send(.POST, "/api/v1/incoming", body: "{}").status == .forbidden)
        }
    }
}
