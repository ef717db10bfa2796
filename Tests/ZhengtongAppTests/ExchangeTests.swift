import Fluent
import Foundation
import Gongwen
import OFDCheck
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

@Suite("公文交换：封发分发、待签收、签收、拒收退回、回执、重新发送", .serialized)
struct ExchangeTests {
    @Test("封发后三个县收到：收发员看到待签收和等待时间，一县拒收并说明理由，两县签收并登记为收文；发文单位在回执中看到每个单位的状态")
    func dispatchAcceptRefuseReceipts() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let notice = try await CityFixture.dispatched(on: app)
            #expect(try await Delivery.query(on: app.db).count() == 3)
            let package = try #require(try await ExchangePackage.query(on: app.db).first())
            #expect(package.number?.hasPrefix("江政办发〔") == true && package.ofd?.starts(with: [0x50, 0x4B]) == true)

            // 清河县: 郭亚楠 signs for the 县政府's document as its office's clerk.
            let guo = try await CityFixture.signedIn("guoyn", app)
            let home = try await guo.get("/").body.string
            #expect(home.contains("待签收"))
            let inbox = try await guo.get(SiteURL.exchange.path).body.string
            #expect(inbox.contains(CityFixture.dispatchedTitle) && inbox.contains("江北市人民政府办公室") && inbox.contains("分钟"))
            let qh = try await CityFixture.delivery(to: "清河县人民政府", on: app)
            let qhPath = SiteURL.delivery.link(try qh.requireID())
            let detail = try await guo.get(qhPath).body.string
            #expect(detail.contains("签收") && detail.contains("拒收退回") && detail.contains(package.number ?? "-"))
            #expect(try await guo.get(SiteURL.deliveryPrint.link(try qh.requireID())).body.string.contains("<svg"))
            let exchanged = try await guo.get(SiteURL.deliveryOFD.link(try qh.requireID()))
            #expect(exchanged.headers.first(name: .contentType) == "application/ofd")
            #expect(OFDStructureCheck.problems(in: Data(exchanged.body.readableBytesView)).map(\.description) == [])
            // Her bell told her.
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == CityFixture.user("guoyn", on: app).requireID())
                .filter(\.$kind == "delivery").count() == 1)
            let accepted = try await guo.post(qhPath + "/accept")
            #expect(accepted.status == .seeOther)
            let incoming = try #require(try await IncomingDocument.query(on: app.db).filter(\.$deliveryID == qh.requireID()).first())
            #expect(accepted.location == SiteURL.incoming.link(try incoming.requireID()))
            #expect(incoming.registrationNumber == "收〔\(DocumentDateYear.now)〕1号")
            #expect(incoming.senderName == "江北市人民政府办公室" && incoming.senderNumber == package.number && incoming.handling == "handle")
            #expect(incoming.dueAt != nil)

            // 柳林区: 蔡洁 refuses; a reason is required and what she typed is kept.
            let cai = try await CityFixture.signedIn("caij", app)
            let ll = try await CityFixture.delivery(to: "柳林区人民政府", on: app)
            let llPath = SiteURL.delivery.link(try ll.requireID())
            try await cai.get(llPath)
            let blank = try await cai.post(llPath + "/refuse", [("reason", "  ")])
            #expect(blank.status == .unprocessableEntity && blank.body.string.contains("请填写退回理由"))
            let reason = "本件应主送区政府办公室，请更正主送机关后重新发送。"
            #expect(try await cai.post(llPath + "/refuse", [("reason", reason)]).status == .seeOther)

            // 东山县: 阎静 signs for it through the API.
            let yan = try await APIClient.signIn(app, "yanj")
            let list = try await yan.get("/api/v1/exchange/inbox")
            #expect(try list.content.decode(ExchangeAPIController.Inbox.self).items.map(\.title) == [CityFixture.dispatchedTitle])
            let ds = try await CityFixture.delivery(to: "东山县人民政府", on: app)
            let apiAccept = try await yan.request(.POST, "/api/v1/exchange/\(try ds.requireID())/accept")
            #expect(apiAccept.status == .ok)
            #expect(try apiAccept.content.decode(ExchangeAPIController.Accepted.self).registrationNumber == "收〔\(DocumentDateYear.now)〕1号")

            // The sender's clerk is told of the refusal and sees every receipt.
            let zhao = try await CityFixture.signedIn("zhaom", app)
            let notices = try await zhao.get(SiteURL.notifications.path).body.string
            #expect(notices.contains("柳林区人民政府退回了《\(CityFixture.dispatchedTitle)》") && notices.contains(reason))
            let receipts = try await zhao.get(SiteURL.outgoingReceipts.link(try notice.requireID())).body.string
            #expect(receipts.contains("已签收") && receipts.contains("已退回") && receipts.contains(reason) && receipts.contains("郭亚楠"))
            #expect(receipts.contains("共发送3个单位：已签收2个，已退回1个，未签收0个。"))
            let api = try await APIClient.signIn(app, "zhaom").get("/api/v1/outgoing/\(try notice.requireID())/receipts")
            let items = try api.content.decode(ExchangeAPIController.Receipts.self).items
            #expect(Set(items.map(\.state)) == ["accepted", "refused"] && items.first { $0.state == "refused" }?.reason == reason)

            // Corrected and sent again: a new delivery to 柳林区, the refused one kept, and only once.
            try await zhao.get(llPath)
            let noNote = try await zhao.upload(llPath + "/resend", field: "note", filename: "", content: "")
            #expect(noNote.status == .unprocessableEntity)
            let resent = try await zhao.post(llPath + "/resend", [("note", "已更正主送机关。")])
            #expect(resent.status == .seeOther)
            let deliveries = try await Delivery.query(on: app.db).filter(\.$recipientUnitID == ll.recipientUnitID).all()
            #expect(deliveries.count == 2 && deliveries.contains { $0.resendOf == ll.id && $0.state == "sent" && $0.note == "已更正主送机关。" })
            #expect(try await zhao.post(llPath + "/resend", [("note", "再发一次")]).status == .conflict)
            let after = try await zhao.get(SiteURL.outgoingReceipts.link(try notice.requireID())).body.string
            #expect(after.contains("已更正主送机关。") && after.contains("已重新发送"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["exchange.send", "exchange.accept", "exchange.refuse", "exchange.resend"]).all()
            #expect(Set(audit.map(\.action)) == ["exchange.send", "exchange.accept", "exchange.refuse", "exchange.resend"])
        }
    }

    @Test("两名收发员同时签收：一人成功，另一人得到 409 并被告知是谁签收的；只登记一份收文")
    func concurrentAccept() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let office = try await CityFixture.unit("东山县人民政府办公室", on: app)
            try await makeUser(on: app, unit: office, username: "second", name: "第二收发员", roles: [.clerk])
            let ds = try await CityFixture.delivery(to: "东山县人民政府", on: app)
            let first = try await APIClient.signIn(app, "yanj")
            let second = try await APIClient.signIn(app, "second")
            let path = "/api/v1/exchange/\(try ds.requireID())/accept"
            async let a = first.request(.POST, path)
            async let b = second.request(.POST, path)
            let statuses = [try await a.status, try await b.status]
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
            #expect(try await IncomingDocument.query(on: app.db).filter(\.$deliveryID == ds.requireID()).count() == 1)
            let loser = try await first.send(.POST, path, body: "{}")
            #expect(loser.status == .conflict)
            #expect(loser.body.string.contains("签收") && (loser.body.string.contains("阎静") || loser.body.string.contains("第二收发员")))
            // Refusing what is signed for is refused the same way.
            #expect(try await first.send(.POST, "/api/v1/exchange/\(try ds.requireID())/refuse", body: #"{"reason":"x"}"#).status == .conflict)
        }
    }

    @Test("非收件单位的收发员和非收发员看不到交换件（404/403）；收件单位不能替发文单位重新发送")
    func access() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let qh = try await CityFixture.delivery(to: "清河县人民政府", on: app)
            let path = SiteURL.delivery.link(try qh.requireID())
            // 高原 is a clerk, but of 清河县财政局, not a recipient.
            let other = try await CityFixture.signedIn("gaoy", app)
            #expect(try await other.get(path).status == .notFound)
            #expect(try await other.post(path + "/accept").status == .notFound)
            #expect(try await APIClient.signIn(app, "gaoy").request(.POST, "/api/v1/exchange/\(try qh.requireID())/accept").status == .notFound)
            #expect(!(try await other.get(SiteURL.exchange.path).body.string.contains(CityFixture.dispatchedTitle)))
            // 胡晓 is not a clerk at all.
            let hu = try await CityFixture.signedIn("hux", app)
            #expect(try await hu.get(SiteURL.exchange.path).status == .forbidden)
            #expect(try await APIClient.signIn(app, "hux").get("/api/v1/exchange/inbox").status == .forbidden)
            // The sender's clerk sees it but cannot sign for it.
            let zhao = try await CityFixture.signedIn("zhaom", app)
            #expect(try await zhao.get(path).status == .ok)
            #expect(try await zhao.post(path + "/accept").status == .forbidden)
            #expect(try await Delivery.find(qh.id, on: app.db)?.state == "sent")
        }
    }

    @Test("封发时在任务页选择分发范围：分发名单中的单位主送、另选单位抄送，提交后逐一送达")
    func distributionAtDispatch() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let document = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$title == "江北市人民政府办公室关于进一步规范公文处理工作的通知").first())
            let id = try document.requireID()
            let instance = try #require(document.instanceID)
            let zhao = try await CityFixture.signedIn("zhaom", app)
            #expect(try await zhao.post("/outgoing/\(id)/number", [("code", try #require(document.$issuerCode.id).uuidString)]).status == .seeOther)
            for (node, who) in [("Register", "zhaom"), ("Proofread", "huangl")] {
                let browser = try await CityFixture.signedIn(who, app)
                let task = try await CityFixture.openTask(node, in: instance, on: app)
                try await browser.get("/tasks/\(try task.requireID())")
                #expect(try await browser.post("/tasks/\(try task.requireID())/complete", [("outcome", "approve")]).status == .seeOther)
            }
            let sun = try await CityFixture.signedIn("sunl", app)
            #expect(try await sun.post("/outgoing/\(id)/seal").status == .seeOther)
            let seal = try await CityFixture.openTask("Seal", in: instance, on: app)
            try await sun.get("/tasks/\(try seal.requireID())")
            #expect(try await sun.post("/tasks/\(try seal.requireID())/complete", [("outcome", "approve")]).status == .seeOther)

            let dispatch = try await CityFixture.openTask("Dispatch", in: instance, on: app)
            let page = try await zhao.get("/tasks/\(try dispatch.requireID())").body.string
            #expect(page.contains("分发范围") && page.contains("各县（区）人民政府") && page.contains("清河县财政局"))
            // Someone not holding 封发 cannot choose.
            #expect(try await sun.post("/outgoing/\(id)/distribution", [("paperOnly", "on")]).status == .forbidden)
            let list = try #require(try await DistributionList.query(on: app.db).first())
            let finance = try await CityFixture.unit("清河县财政局", on: app)
            #expect(try await zhao.post("/outgoing/\(id)/distribution", []).status == .unprocessableEntity)
            #expect(try await zhao.post("/outgoing/\(id)/distribution", [("lists[]", try list.requireID().uuidString),
                                                                      ("copy[]", try finance.requireID().uuidString)]).status == .seeOther)
            #expect(try await zhao.get("/tasks/\(try dispatch.requireID())").body.string.contains("清河县财政局（抄送）"))
            #expect(try await zhao.post("/tasks/\(try dispatch.requireID())/complete", [("outcome", "approve")]).status == .seeOther)
            let package = try #require(try await ExchangePackage.query(on: app.db).filter(\.$outgoingDocumentID == id).first())
            let deliveries = try await Delivery.query(on: app.db).filter(\.$packageID == package.requireID()).all()
            #expect(deliveries.count == 4)
            #expect(deliveries.filter { $0.role == "copy" }.map(\.recipientUnitID) == [try finance.requireID()])
            // The copy goes to 高原 (财政局's clerk) as a 阅件 once signed for.
            let copy = try #require(deliveries.first { $0.role == "copy" })
            let gao = try await APIClient.signIn(app, "gaoy")
            #expect(try await gao.request(.POST, "/api/v1/exchange/\(try copy.requireID())/accept").status == .ok)
            #expect(try await IncomingDocument.query(on: app.db).filter(\.$deliveryID == copy.requireID()).first()?.handling == "read")
        }
    }
}

/// The current year in Beijing, as 收文编号 carry it.
enum DocumentDateYear {
    static var now: Int { Calendar(identifier: .gregorian).dateComponents(in: .beijing, from: Date()).year! }
}
