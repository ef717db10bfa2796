import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 内部邮件 through its service and its pages: one body with a row per recipient, 密送, privacy against the three
/// administrators, reply/forward with attachments, 撤回 against opening, 已读回执, the quota, drafts that keep what was
/// typed, 已删除 emptied after 30 days, search over one's own mail, links that keep their own visibility.
@Suite("内部邮件：存储、隐私、发送、撤回、回执、配额、草稿、清理、搜索", .serialized)
struct MailTests {
    static func person(_ username: String, _ app: Application) async throws -> (Access, WorkflowService.Actor) {
        let user = try await CityFixture.user(username, on: app)
        let audit = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "test")
        return (try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: audit))
    }

    static func address(_ username: String, _ app: Application) async throws -> MailAddress {
        MailAddress(kind: .person, id: try await CityFixture.user(username, on: app).requireID().uuidString)
    }

    /// Sends from `from`; returns the message id.
    @discardableResult
    static func send(_ from: String, _ subject: String, body: String = "正文", to: [MailAddress], cc: [MailAddress] = [], bcc: [MailAddress] = [],
                     receipt: Bool = false, important: Bool = false, file: (String, String)? = nil, _ app: Application) async throws -> UUID {
        let (access, actor) = try await person(from, app)
        let id = UUID()
        try await MailService.save(id, .init(subject: subject, body: body, addressing: MailAddressing(to: to, cc: cc, bcc: bcc), important: important,
                                             receiptRequested: receipt), expectedVersion: nil, access: access, actor: actor, app: app)
        if let file { try await MailService.attach(id, name: file.0, data: Data(file.1.utf8), access: access, actor: actor, app: app) }
        try await MailService.send(id, access: access, actor: actor, app: app)
        return id
    }

    static func recipients(of id: UUID, _ app: Application) async throws -> [MailDelivery] {
        try await MailDelivery.query(on: app.db).filter(\.$messageID == id).filter(\.$kind != MailDelivery.Kind.sender.rawValue).all()
    }

    @Test("发给一个部门和一个单位：正文只存一份，每个收件人一条记录；密送只有发件人看得到；审计只记发送人、人数和对象，不记主题和正文；收件人收到提醒")
    func oneBodyManyRecipients() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // given
            let department = try #require(try await Department.query(on: app.db).filter(\.$name == "秘书一科").first())
            let county = try await CityFixture.unit("清河县人民政府办公室", on: app)
            let countyPeople = try await User.query(on: app.db).filter(\.$unit.$id == county.requireID()).filter(\.$isDisabled == false).count()
            // when
            let id = try await Self.send("zhaom", "年度总结报送通知", body: "请于25日前报送保密正文", to: [
                MailAddress(kind: .department, id: try department.requireID().uuidString), MailAddress(kind: .unit, id: try county.requireID().uuidString),
            ], bcc: [try await Self.address("maj", app)], app)
            // then
            #expect(try await MailMessage.query(on: app.db).filter(\.$id == id).count() == 1)
            let rows = try await Self.recipients(of: id, app)
            #expect(rows.count == 3 + countyPeople + 1)
            #expect(Set(rows.map(\.userID)).count == rows.count)
            #expect(rows.filter { $0.kind == "bcc" }.count == 1)
            #expect(try await MailDelivery.query(on: app.db).filter(\.$messageID == id).filter(\.$kind == "sender").count() == 1)

            let lina = try await CityFixture.signedIn("lina", app)
            let seen = try await lina.get("/mail/messages/\(id)")
            #expect(seen.status == .ok && seen.body.string.contains("年度总结报送通知"))
            #expect(!seen.body.string.contains("马骏"))
            let maj = try await CityFixture.signedIn("maj", app)
            #expect(try await !(maj.get("/mail/messages/\(id)")).body.string.contains("马骏（"))
            let zhao = try await CityFixture.signedIn("zhaom", app)
            #expect(try await zhao.get("/mail/messages/\(id)").body.string.contains("马骏"))

            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "mail.send").filter(\.$targetID == id.uuidString).first())
            #expect(audit.actorName == "zhaom")
            #expect(audit.after.contains("\(3 + countyPeople + 1)") && audit.after.contains("秘书一科"))
            for text in [audit.after, audit.before, audit.targetLabel] { #expect(!text.contains("年度总结") && !text.contains("保密正文")) }

            let linaID = try await CityFixture.user("lina", on: app).requireID()
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == linaID).filter(\.$kind == "mail").count() == 1)
            #expect(try await zhao.get("/mail?folder=sent").body.string.contains("年度总结报送通知"))
            #expect(try await lina.get("/mail").body.string.contains("年度总结报送通知"))
        }
    }

    @Test("邮件只有发件人和收件人能看：系统、安全、审计管理员和其他人按页面和接口都是 404，附件也是")
    func administratorsCannotRead() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let id = try await Self.send("zhaom", "个人事务", to: [try await Self.address("lina", app)], file: ("说明.txt", "附件内容"), app)
            let attachment = try #require(try await MailAttachment.query(on: app.db).filter(\.$messageID == id).first())
            for outsider in ["admin", "secadmin", "auditadmin", "zhangw"] {
                let browser = try await CityFixture.signedIn(outsider, app)
                #expect(try await browser.get("/mail/messages/\(id)").status == .notFound, "\(outsider)")
                #expect(try await browser.get("/mail/messages/\(id)/attachments/\(attachment.requireID())").status == .notFound, "\(outsider)")
                #expect(try await !browser.get("/mail?folder=inbox").body.string.contains("个人事务"))
                let api = try await APIClient.signIn(app, outsider)
                #expect(try await api.get("/api/v1/mail/messages/\(id)").status == .notFound, "\(outsider)")
                #expect(try await api.get("/api/v1/mail/messages/\(id)/attachments/\(attachment.requireID())").status == .notFound)
                #expect(try await api.request(.POST, "/api/v1/mail/messages/\(id)/recall").status == .notFound)
                #expect(try await api.request(.POST, "/api/v1/mail/messages/\(id)/forward").status == .notFound)
                #expect(try await !api.get("/api/v1/mail/messages?q=%E4%B8%AA%E4%BA%BA").body.string.contains("个人事务"))
            }
            let lina = try await CityFixture.signedIn("lina", app)
            #expect(try await lina.get("/mail/messages/\(id)/attachments/\(attachment.requireID())").body.string == "附件内容")
        }
    }

    @Test("回复、回复全部、转发：同一会话；转发带附件但不复制文件；会话在邮件页上一起显示")
    func replyReplyAllForward() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let id = try await Self.send("zhaom", "会议材料", to: [try await Self.address("zhangw", app), try await Self.address("lina", app)],
                                         cc: [try await Self.address("huangl", app)], file: ("材料.txt", "材料正文"), app)
            let original = try #require(try await MailMessage.find(id, on: app.db))
            let (zhang, zhangActor) = try await Self.person("zhangw", app)
            // 回复: to the sender only.
            let reply = try await MailService.respond(id, .reply, access: zhang, actor: zhangActor, app: app)
            #expect(reply.subject == "回复：会议材料" && reply.threadID == original.threadID)
            #expect(MailAddressing.decode(reply.addressing).to.map(\.id) == [original.senderID.uuidString])
            // 回复全部: the sender, the other 收件人 and 抄送, never oneself.
            let all = MailAddressing.decode(try await MailService.respond(id, .replyAll, access: zhang, actor: zhangActor, app: app).addressing)
            let lina = try await CityFixture.user("lina", on: app).requireID().uuidString
            let huang = try await CityFixture.user("huangl", on: app).requireID().uuidString
            #expect(Set(all.to.map(\.id)) == [original.senderID.uuidString, lina] && all.cc.map(\.id) == [huang])
            // 转发: the attachment comes along by reference.
            let files = try await MailFile.query(on: app.db).count()
            let forward = try await MailService.respond(id, .forward, access: zhang, actor: zhangActor, app: app)
            let forwardID = try forward.requireID()
            #expect(forward.subject == "转发：会议材料")
            let carried = try await MailAttachment.query(on: app.db).filter(\.$messageID == forwardID).all()
            #expect(carried.count == 1 && carried[0].name == "材料.txt")
            #expect(try await MailFile.query(on: app.db).count() == files)
            try await MailService.save(forwardID, .init(subject: forward.subject, body: forward.body, addressing: MailAddressing(to: [try await Self.address("chenzq", app)]),
                                                        important: false, receiptRequested: false), expectedVersion: forward.version, access: zhang, actor: zhangActor, app: app)
            try await MailService.send(forwardID, access: zhang, actor: zhangActor, app: app)
            let chen = try await CityFixture.signedIn("chenzq", app)
            #expect(try await chen.get("/mail/messages/\(forwardID)/attachments/\(carried[0].requireID())").body.string == "材料正文")
            // The reply sent: zhaom sees the thread together.
            let replyID = try reply.requireID()
            try await MailService.send(replyID, access: zhang, actor: zhangActor, app: app)
            let zhao = try await CityFixture.signedIn("zhaom", app)
            let page = try await zhao.get("/mail/messages/\(replyID)").body.string
            #expect(page.contains("同一会话") && page.contains("/mail/messages/\(id)") && page.contains("&gt; 正文"))
            // The original's text shows in the conversation, under its line.
            #expect(page.contains("<p class=\"mail-excerpt\">正文</p>"))
            // The page's buttons make the same drafts.
            let browser = try await CityFixture.signedIn("lina", app)
            _ = try await browser.get("/mail/messages/\(id)")
            let made = try await browser.post("/mail/messages/\(id)/respond", [("mode", "reply-all")])
            #expect(made.status == .seeOther && (made.location ?? "").hasSuffix("/edit"))
            #expect(try await browser.get(made.location ?? "").body.string.contains("回复：会议材料"))
        }
    }

    @Test("撤回：未打开的收件人处撤回（再打开 404），已打开的保留；发件人看到从谁处撤回；撤回与打开同时发生时结果一致")
    func recall() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let id = try await Self.send("zhaom", "发错了", to: [try await Self.address("lina", app), try await Self.address("huangl", app)], app)
            let lina = try await CityFixture.signedIn("lina", app)
            #expect(try await lina.get("/mail/messages/\(id)").status == .ok)
            let zhao = try await CityFixture.signedIn("zhaom", app)
            _ = try await zhao.get("/mail/messages/\(id)")
            let recalled = try await zhao.post("/mail/messages/\(id)/recall")
            #expect(recalled.status == .seeOther)
            let page = try await zhao.get("/mail/messages/\(id)").body.string
            #expect(page.contains("已从 1 人处撤回：黄磊") && page.contains("已撤回"))
            let huang = try await CityFixture.signedIn("huangl", app)
            #expect(try await huang.get("/mail/messages/\(id)").status == .notFound)
            let huangID0 = try await CityFixture.user("huangl", on: app).requireID()
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == huangID0).filter(\.$kind == "mail").count() == 0)
            #expect(try await !huang.get("/notifications").body.string.contains("发错了"))
            #expect(try await !huang.get("/mail").body.string.contains("发错了"))
            #expect(try await lina.get("/mail/messages/\(id)").status == .ok)
            // Nobody else can recall.
            let (linaAccess, linaActor) = try await Self.person("lina", app)
            await #expect(throws: AppError.self) { try await MailService.recall(id, access: linaAccess, actor: linaActor, app: app) }

            // A recall and an open at the same moment: either opened and kept, or recalled and gone — never both.
            let (zhaoAccess, zhaoActor) = try await Self.person("zhaom", app)
            let huangID = try await CityFixture.user("huangl", on: app).requireID()
            for round in 0..<6 {
                let raced = try await Self.send("zhaom", "竞争\(round)", to: [try await Self.address("huangl", app)], app)
                async let opening: Bool = { do { _ = try await MailService.open(raced, by: huangID, app: app); return true } catch { return false } }()
                async let recalling = MailService.recall(raced, access: zhaoAccess, actor: zhaoActor, app: app)
                let (opened, from) = try await (opening, recalling)
                let copy = try #require(try await MailDelivery.query(on: app.db).filter(\.$messageID == raced).filter(\.$userID == huangID).first())
                #expect(opened != from.contains(huangID))
                #expect((copy.readAt == nil) != (copy.recalledAt == nil))
                #expect(opened == (copy.readAt != nil))
            }
        }
    }

    @Test("已读回执：要求回执时发件人看到谁在何时阅读；不要求时不显示阅读情况")
    func readReceipts() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let asked = try await Self.send("zhaom", "请回执", to: [try await Self.address("lina", app), try await Self.address("huangl", app)], receipt: true, app)
            let plain = try await Self.send("zhaom", "不需回执", to: [try await Self.address("lina", app)], app)
            let lina = try await CityFixture.signedIn("lina", app)
            _ = try await lina.get("/mail/messages/\(asked)")
            _ = try await lina.get("/mail/messages/\(plain)")
            let api = try await APIClient.signIn(app, "zhaom")
            let askedView = try await api.get("/api/v1/mail/messages/\(asked)")
            let people = try askedView.content.get([MailMessageDTO.Recipient].self, at: "recipients")
            #expect(people.first { $0.name == "李娜" }?.readAt != nil)
            #expect(people.first { $0.name == "黄磊" }?.readAt == nil)
            let plainPeople = try await api.get("/api/v1/mail/messages/\(plain)").content.get([MailMessageDTO.Recipient].self, at: "recipients")
            #expect(plainPeople.count == 1 && plainPeople[0].readAt == nil)
            let zhao = try await CityFixture.signedIn("zhaom", app)
            #expect(try await zhao.get("/mail/messages/\(plain)").body.string.contains("这封邮件未要求回执"))
            let page = try await zhao.get("/mail/messages/\(asked)").body.string
            #expect(page.contains("收件情况") && page.contains("未读"))
        }
    }

    @Test("单位自己的邮件限额：本单位人员的附件上限和邮箱容量按单位设置，其他单位仍用平台默认值")
    func unitLimits() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let sender = try await CityFixture.user("zhaom", on: app)
            let other = try await CityFixture.user("lina", on: app)
            try await app.write { db in
                let own = UnitDeliverySettings()
                own.id = sender.$unit.id
                own.emailAllowed = false
                own.mailQuotaMB = 10
                own.mailAttachmentMB = 1
                own.updatedAt = Date()
                try await own.create(on: db)
            }
            let limits = try await MailSettings.effective(for: sender.$unit.id, app: app)
            #expect(limits.quotaBytes == 10 << 20 && limits.attachmentBytes == 1 << 20)
            if other.$unit.id != sender.$unit.id {
                #expect(try await MailSettings.effective(for: other.$unit.id, app: app).attachmentBytes == UploadedFiles.maximumSize)
            }
            let (access, actor) = try await Self.person("zhaom", app)
            let id = UUID()
            try await MailService.save(id, .init(subject: "附件上限", body: "", addressing: MailAddressing(to: [try await Self.address("lina", app)]),
                                                 important: false, receiptRequested: false), expectedVersion: nil, access: access, actor: actor, app: app)
            do {
                try await MailService.attach(id, name: "大.txt", data: Data(repeating: 65, count: (1 << 20) + 1), access: access, actor: actor, app: app)
                Issue.record("a file over the unit's limit was taken")
            } catch let error as AppError {
                #expect(error.status == .payloadTooLarge && error.message.contains("1"))
            }
            try await MailService.attach(id, name: "小.txt", data: Data(repeating: 65, count: 1000), access: access, actor: actor, app: app)
            // The mailbox page shows the unit's quota.
            let page = Browser(app)
            try await page.login("zhaom")
            #expect(try await page.get(SiteURL.mail.path).body.string.contains("共 10.0 MB"))
        }
    }

    @Test("配额：邮箱满时附件和发送都被拒绝，页面给出中文说明，接口为 mail_quota_exceeded")
    func quota() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            app.mailSettings.quotaBytes = 300
            let (access, actor) = try await Self.person("zhaom", app)
            let id = UUID()
            try await MailService.save(id, .init(subject: "大附件", body: "", addressing: MailAddressing(to: [try await Self.address("lina", app)]),
                                                 important: false, receiptRequested: false), expectedVersion: nil, access: access, actor: actor, app: app)
            do {
                try await MailService.attach(id, name: "大.txt", data: Data(String(repeating: "满", count: 200).utf8), access: access, actor: actor, app: app)
                Issue.record("a full mailbox took the file")
            } catch let error as AppError {
                #expect(error.code == "mail_quota_exceeded" && error.message.contains("邮箱已满"))
            }
            let api = try await APIClient.signIn(app, "zhaom")
            let lina = try await CityFixture.user("lina", on: app).requireID()
            let refused = try await api.send(.POST, "/api/v1/mail/messages", body: """
                {"subject":"满","to":[{"kind":"person","id":"\(lina)"}],"attachments":[{"name":"a.txt","contentBase64":"\(Data(String(repeating: "x", count: 400).utf8).base64EncodedString())"}]}
                """)
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "mail_quota_exceeded")
            let browser = try await CityFixture.signedIn("zhaom", app)
            _ = try await browser.get("/mail/drafts/\(id)/edit")
            let page = try await browser.sendRaw(.POST, "/mail/drafts/\(id)", body: Self.multipart([("_csrf", browser.csrf ?? ""), ("version", "1"), ("subject", "大附件"),
                                                                                                ("body", "我写的正文"), ("action", "send")],
                                                                                               file: ("大.txt", String(repeating: "满", count: 200))),
                                                 contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "mail-boundary"]))
            #expect(page.status == .unprocessableEntity && page.body.string.contains("邮箱已满") && page.body.string.contains("我写的正文"))
        }
    }

    static func multipart(_ fields: [(String, String)], file: (String, String)?) -> String {
        var body = ""
        for (name, value) in fields { body += "--mail-boundary\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        if let file {
            body += "--mail-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.0)\"\r\nContent-Type: text/plain\r\n\r\n\(file.1)\r\n"
        }
        return body + "--mail-boundary--\r\n"
    }

    @Test("草稿：发送被拒时所写内容仍在页面上并已存为草稿；自动保存按版本保存，过期版本得到 409；附件经页面上传并可删除")
    func draftsKeepText() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let browser = try await CityFixture.signedIn("zhaom", app)
            let form = try await browser.get("/mail/compose").body.string
            let action = try #require(form.range(of: "action=\"/mail/drafts/").map { String(form[$0.upperBound...].prefix(36)) })
            let id = try #require(UUID(uuidString: action))
            // Sent without a subject or addressee: refused, what was typed stays.
            let refused = try await browser.post("/mail/drafts/\(id)", [("subject", ""), ("body", "这是一段很重要的正文"), ("toText", "不存在的人"), ("action", "send")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("这是一段很重要的正文") && refused.body.string.contains("不存在的人") && refused.body.string.contains("找不到这个收件人"))
            let withName = try await browser.post("/mail/drafts/\(id)", [("subject", ""), ("body", "这是一段很重要的正文"), ("toText", "李娜"), ("action", "send")])
            #expect(withName.status == .unprocessableEntity && withName.body.string.contains("请填写主题"))
            let kept = try #require(try await MailMessage.find(id, on: app.db))
            #expect(kept.body == "这是一段很重要的正文" && kept.statusValue == .draft)
            #expect(withName.body.string.contains("李娜（"))
            // Autosave, as the page's script does it.
            let saved = try await browser.post("/mail/drafts/\(id)/autosave", [("version", String(kept.version)), ("subject", "自动保存的主题"), ("body", "改过的正文"),
                                                                               ("to[]", try await Self.address("lina", app).token)])
            #expect(try saved.status == .ok && (saved.content.get(Int.self, at: "version")) == kept.version + 1)
            let stale = try await browser.post("/mail/drafts/\(id)/autosave", [("version", String(kept.version)), ("subject", "旧"), ("body", "旧")])
            #expect(try stale.status == .conflict && (stale.content.get(String.self, at: "error", "code")) == "conflict")
            #expect(try await browser.get("/mail?folder=drafts").body.string.contains("自动保存的主题"))
            // A file through the page, then removed.
            let edit = try await browser.get("/mail/drafts/\(id)/edit")
            #expect(edit.body.string.contains("改过的正文"))
            let uploaded = try await browser.sendRaw(.POST, "/mail/drafts/\(id)", body: Self.multipart([("_csrf", browser.csrf ?? ""), ("version", String(kept.version + 1)),
                                                                                                    ("subject", "自动保存的主题"), ("body", "改过的正文"),
                                                                                                    ("to[]", try await Self.address("lina", app).token), ("action", "save")],
                                                                                                   file: ("清单.txt", "清单内容")),
                                                     contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "mail-boundary"]))
            #expect(uploaded.status == .seeOther)
            let attachment = try #require(try await MailAttachment.query(on: app.db).filter(\.$messageID == id).first())
            #expect(try await browser.get("/mail/drafts/\(id)/edit").body.string.contains("清单.txt"))
            #expect(try await browser.post("/mail/drafts/\(id)/attachments/\(attachment.requireID())/delete").status == .seeOther)
            #expect(try await MailAttachment.query(on: app.db).filter(\.$messageID == id).count() == 0)
            // Sent from the page.
            let current = try #require(try await MailMessage.find(id, on: app.db))
            _ = try await browser.get("/mail/drafts/\(id)/edit")
            let sent = try await browser.post("/mail/drafts/\(id)", [("version", String(current.version)), ("subject", "自动保存的主题"), ("body", "改过的正文"),
                                                                     ("to[]", try await Self.address("lina", app).token), ("action", "send")])
            #expect(sent.status == .seeOther && sent.location == "/mail/messages/\(id)")
            // Another person cannot write into this id.
            let lina = try await CityFixture.signedIn("lina", app)
            _ = try await lina.get("/mail/compose")
            #expect(try await lina.post("/mail/drafts/\(id)", [("subject", "x"), ("action", "save")]).status == .notFound)
            #expect(try await lina.get("/mail/drafts/\(id)/edit").status == .notFound)
        }
    }

    @Test("已删除：30 天后自动清除；没人再持有的邮件和文件一起删掉；恢复回原处；彻底删除")
    func trashPurge() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let id = try await Self.send("zhaom", "旧通知", to: [try await Self.address("lina", app)], file: ("旧.txt", "旧内容"), app)
            let (lina, _) = try await Self.person("lina", app)
            let (zhao, _) = try await Self.person("zhaom", app)
            let now = Date()
            try await MailService.delete(id, access: lina, app: app, now: now)
            try await MailService.restore(id, access: lina, app: app)
            #expect(try await MailDelivery.query(on: app.db).filter(\.$messageID == id).filter(\.$userID == lina.userID).first()?.folder == "inbox")
            try await MailService.delete(id, access: lina, app: app, now: now)
            // Twenty-nine days later it is still there; thirty-one days later it is gone for lina only.
            #expect(try await Upkeep.purge(app: app, at: now.addingTimeInterval(29 * 86_400)).mail == 0)
            #expect(try await Upkeep.purge(app: app, at: now.addingTimeInterval(31 * 86_400)).mail == 1)
            #expect(try await MailDelivery.query(on: app.db).filter(\.$messageID == id).count() == 1)
            #expect(try await MailMessage.find(id, on: app.db) != nil)
            // The sender deletes for good: nobody holds it, the message and its file go.
            try await MailService.delete(id, access: zhao, app: app, now: now)
            try await MailService.delete(id, access: zhao, app: app, now: now)
            #expect(try await MailMessage.find(id, on: app.db) == nil)
            #expect(try await MailFile.query(on: app.db).count() == 0)
        }
    }

    @Test("搜索：附件中的词只有持有这封邮件的人搜得到")
    func searchAttachmentText() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await Self.send("zhaom", "材料", body: "见附件", to: [try await Self.address("lina", app)], file: ("防汛.txt", "今年防汛抗旱工作的重点是水库安全"), app)
            for (who, finds) in [("lina", true), ("zhaom", true), ("huangl", false), ("auditadmin", false)] {
                let browser = try await CityFixture.signedIn(who, app)
                let page = try await browser.get("/mail?q=%E6%B0%B4%E5%BA%93%E5%AE%89%E5%85%A8").body.string
                #expect(page.contains("材料</a>") == finds, "\(who)")
            }
            let api = try await APIClient.signIn(app, "lina")
            #expect(try await api.get("/api/v1/mail/messages?q=%E6%8A%97%E6%97%B1").content.get(Int.self, at: "total") == 1)
            #expect(try await api.get("/api/v1/mail/messages?q=%E5%9C%B0%E9%9C%87").content.get(Int.self, at: "total") == 0)
        }
    }

    @Test("转发到邮件：链接就是原页面，收件人看不到原文件时打开链接得到 404")
    func forwardedLinkKeepsVisibility() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let document = try await CityFixture.dispatched(on: app)
            let link = "/outgoing/\(try document.requireID())"
            let zhao = try await CityFixture.signedIn("zhaom", app)
            #expect(try await zhao.get(link).status == .ok)
            let compose = try await zhao.get("/mail/compose?link=\(link)&title=%E5%80%BC%E7%8F%AD%E9%80%9A%E7%9F%A5").body.string
            #expect(compose.contains("[值班通知](\(link))"))
            let id = try await Self.send("zhaom", "值班通知", body: "[值班通知](\(link))", to: [try await Self.address("dux", app)], app)
            let dux = try await CityFixture.signedIn("dux", app)
            let page = try await dux.get("/mail/messages/\(id)")
            #expect(page.status == .ok && page.body.string.contains("href=\"\(link)\""))
            #expect(try await dux.get(link).status == .notFound)
        }
    }

    @Test("页面：文件夹、移动、标记、未读、设置页的文件夹和通讯组、按拼音首字母找人、写信带收件人、导航有邮件")
    func pages() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let id = try await Self.send("zhaom", "分类测试", to: [try await Self.address("lina", app)], important: true, app)
            let lina = try await CityFixture.signedIn("lina", app)
            let settings = try await lina.get("/mail/settings")
            #expect(settings.status == .ok)
            #expect(try await lina.post("/mail/folders", [("name", "")]).status == .unprocessableEntity)
            #expect(try await lina.post("/mail/folders", [("name", "会务")]).status == .seeOther)
            let folder = try #require(try await MailFolder.query(on: app.db).filter(\.$name == "会务").first())
            _ = try await lina.get("/mail/messages/\(id)")
            #expect(try await lina.post("/mail/messages/\(id)/action", [("action", "move"), ("folder", folder.requireID().uuidString)]).status == .seeOther)
            #expect(try await lina.get("/mail?folder=\(folder.requireID())").body.string.contains("分类测试"))
            #expect(try await !lina.get("/mail").body.string.contains("分类测试"))
            #expect(try await lina.post("/mail/messages/\(id)/action", [("action", "flag")]).status == .seeOther)
            #expect(try await lina.get("/mail?folder=\(folder.requireID())").body.string.contains("已标记"))
            #expect(try await lina.post("/mail/messages/\(id)/action", [("action", "unflag")]).status == .seeOther)
            #expect(try await lina.post("/mail/messages/\(id)/action", [("action", "unread")]).status == .seeOther)
            #expect(try await lina.get("/mail?folder=\(folder.requireID())").body.string.contains("class=\"unread\""))
            #expect(try await lina.post("/mail/messages/\(id)/action", [("action", "read")]).status == .seeOther)
            #expect(try await lina.post("/mail/messages/\(id)/action", [("action", "delete")]).status == .seeOther)
            #expect(try await lina.get("/mail?folder=trash").body.string.contains("分类测试"))
            #expect(try await lina.post("/mail/messages/\(id)/action", [("action", "restore")]).status == .seeOther)
            #expect(try await lina.get("/mail?folder=\(folder.requireID())").body.string.contains("分类测试"))
            #expect(try await lina.post("/mail/folders/\(folder.requireID())/delete").status == .seeOther)
            #expect(try await lina.get("/mail").body.string.contains("分类测试"))
            #expect(try await lina.get("/mail?folder=nonsense").status == .unprocessableEntity)
            // Groups by typed names and by picker tokens.
            #expect(try await lina.post("/mail/groups", [("name", "科里"), ("membersText", "张伟，黄磊")]).status == .seeOther)
            #expect(try await lina.post("/mail/groups", [("name", "错的"), ("membersText", "查无此人")]).status == .unprocessableEntity)
            let group = try #require(try await MailGroup.query(on: app.db).filter(\.$name == "科里").first())
            #expect(group.memberIDs.count == 2)
            #expect(try await lina.get("/mail/settings").body.string.contains("张伟"))
            // The picker: pinyin initials, phone, department names, one's groups.
            #expect(MailRecipients.initials(of: "张伟") == "zw")
            let picked = try await lina.get("/mail/recipients?q=zw").body.string
            #expect(picked.contains("张伟"))
            #expect(try await lina.get("/mail/recipients?q=13800000007").body.string.contains("黄磊"))
            #expect(try await lina.get("/mail/recipients?q=%E7%A7%91%E9%87%8C").body.string.contains("group:"))
            #expect(try await !lina.get("/mail/recipients?q=zw").body.string.contains("13800000005"))
            // Sending to the group reaches its members.
            let (linaAccess, linaActor) = try await Self.person("lina", app)
            let groupMail = UUID()
            try await MailService.save(groupMail, .init(subject: "组内", body: "", addressing: MailAddressing(to: [MailAddress(kind: .group, id: try group.requireID().uuidString)]),
                                                        important: false, receiptRequested: false), expectedVersion: nil, access: linaAccess, actor: linaActor, app: app)
            try await MailService.send(groupMail, access: linaAccess, actor: linaActor, app: app)
            #expect(try await Self.recipients(of: groupMail, app).count == 2)
            #expect(try await lina.post("/mail/groups/\(group.requireID())/delete").status == .seeOther)
            // Compose with an addressee, and the nav.
            let zhang = try await Self.address("zhangw", app)
            let compose = try await lina.get("/mail/compose?to=\(zhang.token)").body.string
            #expect(compose.contains("value=\"\(zhang.token)\" checked") && compose.contains("href=\"/mail\""))
            #expect(try await lina.get("/mail/messages/\(id)").body.string.contains("重要"))
        }
    }
}
