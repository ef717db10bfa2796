import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Message delivery against real helpers the tests run: `scripts/lib/sms_gateway.py` (an HTTP gateway that checks
/// the signature) and `scripts/lib/smtp_sink.py` (aiosmtpd with STARTTLS and a required login).
@Suite("消息发送：短信网关、外部邮件、提醒方式、免打扰、发送记录", .serialized)
struct DeliveryTests {
    /// A unit with a clerk (phone and mail) and its system administrator.
    struct People {
        var unit: ZhengtongApp.Unit
        var clerk: User
        var admin: User
    }

    func people(on app: Application) async throws -> People {
        let unit = try await makeUnit(on: app, name: "清河县人民政府办公室")
        let clerk = try await makeUser(on: app, unit: unit, username: "clerk", name: "王芳", phone: "13800001111", roles: [.clerk])
        clerk.email = "wangfang@qh.gov.example"
        try await clerk.update(on: app.db)
        let admin = try await makeUser(on: app, unit: unit, username: "unitadmin", name: "李管理", roles: [.sysAdmin])
        return People(unit: unit, clerk: clerk, admin: admin)
    }

    func notify(_ app: Application, _ user: User, kind: NotificationKind = .overdue, key: String = "overdue:1", urgent: Bool = false,
                at now: Date = Date()) async throws {
        let id = try user.requireID()
        try await app.write { db in
            try await Notifier.send(NotificationDraft(kind: kind, title: "已逾期：请尽快办理“核稿”", body: "关于加强安全生产的通知", link: "/tasks",
                                                      key: key, urgent: urgent), to: [id], at: now, on: db)
        }
    }

    /// A working morning in Beijing: outside the default quiet hours (22:00–07:00), whenever the tests run.
    static let morning = BeijingTime.date(day: "2026-12-08", time: "09:30")!

    func outbox(_ app: Application) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: app.db).sort(\.$createdAt).all()
    }

    @Test("短信经网关发出：签名正确、带幂等键；网关回执标记已送达；伪造、过期或未知的回执被拒绝")
    func smsThroughGatewayAndCallback() async throws {
        let gateway = try DeliveryHelperProcess.smsGateway()
        defer { gateway.stop() }
        try await withApp(configure: { $0.delivery = DeliveryHelperProcess.config(sms: gateway, smtp: nil) }) { app in
            let people = try await people(on: app)
            try await notify(app, people.clerk, at: Self.morning)
            let sent = try await OutboxSender(app: app).runDue(at: Self.morning)
            #expect(sent == 1)
            // The gateway accepts only a correctly signed request: one line means the signature held.
            let received = gateway.received()
            #expect(received.count == 1)
            let row = try #require(try await outbox(app).first)
            #expect(received.first?["phone"] as? String == "13800001111")
            #expect(received.first?["text"] as? String == "【政通】已逾期：请尽快办理“核稿”")
            #expect(received.first?["idempotencyKey"] as? String == row.id?.uuidString)
            #expect(row.state == "sent" && row.gatewayID?.hasPrefix("gw-") == true && row.sentAt != nil)

            // The gateway's report: signed with the shared secret.
            func report(_ json: String, timestamp: Int = Int(Date().timeIntervalSince1970), secret: String = DeliveryHelperProcess.secret) -> HTTPHeaders {
                [WebhookSignature.timestampHeader: String(timestamp),
                 WebhookSignature.signatureHeader: WebhookSignature.sign(body: Data(json.utf8), timestamp: timestamp, secret: secret)]
            }
            let gatewayClient = APIClient(app: app)
            let delivered = #"{"id":"\#(row.id!.uuidString)","status":"delivered"}"#
            let forged = try await gatewayClient.send(.POST, SiteURL.apiSMSCallback.path, body: delivered, headers: report(delivered, secret: "another-secret-0123456789"))
            #expect(forged.status == .unauthorized && forged.errorCode == "signature_invalid")
            let replayed = try await gatewayClient.send(.POST, SiteURL.apiSMSCallback.path, body: delivered,
                                                        headers: report(delivered, timestamp: Int(Date().timeIntervalSince1970) - 3600))
            #expect(replayed.status == .unauthorized)
            #expect(try await OutboxMessage.find(row.id, on: app.db)?.state == "sent")
            let accepted = try await gatewayClient.send(.POST, SiteURL.apiSMSCallback.path, body: delivered, headers: report(delivered))
            #expect(accepted.status == .noContent)
            let after = try #require(try await OutboxMessage.find(row.id, on: app.db))
            #expect(after.state == "delivered" && after.deliveredAt != nil)
            // A later "failed" for the same message changes nothing: the first report decides.
            let failed = #"{"id":"\#(row.id!.uuidString)","status":"failed","error":"关机"}"#
            #expect(try await gatewayClient.send(.POST, SiteURL.apiSMSCallback.path, body: failed, headers: report(failed)).status == .noContent)
            #expect(try await OutboxMessage.find(row.id, on: app.db)?.state == "delivered")
            let unknown = #"{"id":"\#(UUID().uuidString)","status":"delivered"}"#
            #expect(try await gatewayClient.send(.POST, SiteURL.apiSMSCallback.path, body: unknown, headers: report(unknown)).status == .notFound)
        }
    }

    @Test("网关先故障后恢复：按退避重试，恢复后只发一次；一直失败则成为死信，管理员重发后送出")
    func failingGatewayRecovers() async throws {
        let gateway = try DeliveryHelperProcess.smsGateway(failFirst: 2)
        defer { gateway.stop() }
        try await withApp(configure: { $0.delivery = DeliveryHelperProcess.config(sms: gateway, smtp: nil) }) { app in
            let people = try await people(on: app)
            let start = Self.morning
            try await notify(app, people.clerk, at: start)
            let sender = OutboxSender(app: app)
            try await sender.runDue(at: start)
            var row = try #require(try await outbox(app).first)
            #expect(row.state == "pending" && row.attempts == 1 && row.lastError == "HTTP 503", "\(row.state) \(row.attempts) \(row.lastError ?? "-")")
            #expect(row.nextAttemptAt.map { abs($0.timeIntervalSince(start) - 10) < 2 } == true)
            // Not before its time: the back-off holds.
            #expect(try await sender.runDue(at: start.addingTimeInterval(5)) == 0)
            try await sender.runDue(at: start.addingTimeInterval(11))
            row = try #require(try await outbox(app).first)
            #expect(row.state == "pending" && row.attempts == 2)
            try await sender.runDue(at: start.addingTimeInterval(60))
            row = try #require(try await outbox(app).first)
            #expect(row.state == "sent" && row.attempts == 3)
            #expect(gateway.received().count == 1)
        }

        // A gateway that stays down: every attempt fails, the row becomes a dead letter.
        let down = try DeliveryHelperProcess.smsGateway(failFirst: 1000)
        defer { down.stop() }
        try await withApp(configure: { $0.delivery = DeliveryHelperProcess.config(sms: down, smtp: nil) }) { app in
            let people = try await people(on: app)
            var now = Self.morning
            try await notify(app, people.clerk, at: now)
            for _ in 0..<OutboxSender.maximumAttempts {
                try await OutboxSender(app: app).runDue(at: now)
                now = now.addingTimeInterval(3700)
            }
            let row = try #require(try await outbox(app).first)
            #expect(row.state == "dead" && row.attempts == OutboxSender.maximumAttempts)
            // The unit's administrator sees it in the log and sends it again.
            let admin = Browser(app)
            try await admin.login("unitadmin")
            let log = try await admin.get(SiteURL.adminMessageLog.link(people.unit.requireID())).body.string
            #expect(log.contains("发送失败") && log.contains("138****1111") && log.contains("已逾期"))
            #expect(!log.contains("核稿"), "the log names the kind, never the text")
            let resent = try await admin.post(SiteURL.adminMessageResend.link(people.unit.requireID(), row.requireID()))
            #expect(resent.status == .seeOther)
            let again = try #require(try await OutboxMessage.find(row.id, on: app.db))
            #expect(again.state == "pending" && again.attempts == 0)
            // Through the API: a pending row cannot be sent again (409), an unknown one is 404.
            let api = try await APIClient.signIn(app, "unitadmin")
            let conflict = try await api.send(.POST, SiteURL.apiMessageResend.link(people.unit.requireID(), row.requireID()), body: "{}")
            #expect(conflict.status == .conflict && conflict.errorCode == "message_not_resendable")
            #expect(try await api.send(.POST, SiteURL.apiMessageResend.link(people.unit.requireID(), UUID()), body: "{}").status == .notFound)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "delivery.resend").count()
            #expect(audit == 1)
        }
    }

    @Test("免打扰：夜间的非紧急短信留到早上 7 点；特急公文的短信立即发出，个人关闭短信也照发")
    func quietHoursAndUrgent() async throws {
        let gateway = try DeliveryHelperProcess.smsGateway()
        defer { gateway.stop() }
        try await withApp(configure: { $0.delivery = DeliveryHelperProcess.config(sms: gateway, smtp: nil) }) { app in
            let people = try await people(on: app)
            let night = try #require(BeijingTime.date(day: "2026-12-07", time: "23:10"))
            try await notify(app, people.clerk, key: "overdue:night", at: night)
            try await notify(app, people.clerk, kind: .delivery, key: "delivery:urgent", urgent: true, at: night)
            let rows = try await outbox(app)
            let held = try #require(rows.first { $0.kind == "overdue" })
            let urgent = try #require(rows.first { $0.kind == "delivery" })
            #expect(held.nextAttemptAt == BeijingTime.date(day: "2026-12-08", time: "07:00"))
            #expect(urgent.nextAttemptAt == nil)
            #expect(try await OutboxSender(app: app).runDue(at: night.addingTimeInterval(60)) == 1)
            #expect(gateway.received().map { $0["urgent"] as? Bool } == [true])
            #expect(try await OutboxSender(app: app).runDue(at: try #require(BeijingTime.date(day: "2026-12-08", time: "07:01"))) == 1)
            #expect(gateway.received().count == 2)

            // The clerk turns SMS off for 来文待签收: an ordinary delivery stays under the bell, a 特急 one still goes.
            let api = try await APIClient.signIn(app, "clerk")
            var settings = try await api.get(SiteURL.apiNotificationPreferences.path).content.decode(NotificationPreferences.Settings.self)
            settings.kinds = settings.kinds.map { $0.kind == "delivery" ? .init(kind: "delivery", sms: false, email: false) : $0 }
            let body = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
            #expect(try await api.send(.PUT, SiteURL.apiNotificationPreferences.path, body: body).status == .ok)
            let day = try #require(BeijingTime.date(day: "2026-12-08", time: "10:00"))
            try await notify(app, people.clerk, kind: .delivery, key: "delivery:ordinary", at: day)
            try await notify(app, people.clerk, kind: .delivery, key: "delivery:urgent2", urgent: true, at: day)
            let later = try await OutboxMessage.query(on: app.db).filter(\.$createdAt == day).all()
            #expect(later.count == 1 && later.first?.urgent == true)
        }
    }

    @Test("提醒方式：页面与接口读写同一设置；错误的时间 422 且保留所填；设置写入审计；只能改自己的")
    func preferences() async throws {
        try await withApp { app in
            let people = try await people(on: app)
            let api = try await APIClient.signIn(app, "clerk")
            let initial = try await api.get(SiteURL.apiNotificationPreferences.path)
            #expect(initial.status == .ok)
            let settings = try initial.content.decode(NotificationPreferences.Settings.self)
            #expect(settings.quietHours == .init(enabled: true, from: "22:00", until: "07:00") && settings.digest)
            #expect(settings.kinds.first { $0.kind == "overdue" }.map { $0.sms && $0.email } == true)
            #expect(settings.kinds.first { $0.kind == "meeting" }.map { !$0.sms && !$0.email } == true)
            #expect(settings.emailAllowed == false)

            let bad = #"{"kinds":[],"quietHours":{"enabled":true,"from":"25:00","until":"07:00"},"digest":true}"#
            let refused = try await api.send(.PUT, SiteURL.apiNotificationPreferences.path, body: bad)
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "time_invalid")
            let unknown = #"{"kinds":[{"kind":"nonsense","sms":true,"email":false}],"quietHours":{"enabled":true,"from":"22:00","until":"07:00"},"digest":true}"#
            #expect(try await api.send(.PUT, SiteURL.apiNotificationPreferences.path, body: unknown).errorCode == "notification_kind_unknown")

            // The page: SMS for 催办 off, quiet hours 21:30–06:30, no digest.
            let page = Browser(app)
            try await page.login("clerk")
            let form = try await page.get(SiteURL.notificationPreferences.path).body.string
            #expect(form.contains("提醒方式") && form.contains("免打扰时段") && form.contains("13800001111"))
            var fields: [(String, String)] = NotificationKind.allCases.filter { $0.goesToPhone && $0 != .reminder }.map { ("sms_\($0.rawValue)", "on") }
            fields += [("quietEnabled", "on"), ("quietFrom", "21:30"), ("quietUntil", "6点半")]
            let invalid = try await page.post(SiteURL.notificationPreferences.path, fields)
            #expect(invalid.status == .unprocessableEntity)
            let again = invalid.body.string
            #expect(again.contains("请填写 00:00 到 23:59 之间的时间") && again.contains("value=\"6点半\"") && again.contains("value=\"21:30\""))
            fields[fields.count - 1] = ("quietUntil", "06:30")
            #expect(try await page.post(SiteURL.notificationPreferences.path, fields).status == .seeOther)
            let saved = try await api.get(SiteURL.apiNotificationPreferences.path).content.decode(NotificationPreferences.Settings.self)
            #expect(saved.quietHours == .init(enabled: true, from: "21:30", until: "06:30") && !saved.digest)
            #expect(saved.kinds.first { $0.kind == "reminder" }?.sms == false && saved.kinds.first { $0.kind == "overdue" }?.sms == true)
            // Only the choices that differ from the default are stored.
            let stored = try await NotificationPreference.query(on: app.db).filter(\.$userID == people.clerk.requireID()).all()
            #expect(stored.contains { $0.kind == "reminder" && $0.channel == "sms" && !$0.enabled })
            #expect(!stored.contains { $0.kind == "overdue" && $0.channel == "sms" })
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "notification.preferences").count() == 1)
            // Another person's settings are untouched.
            let adminSettings = try await NotificationPreferences.load(for: people.admin, on: app.db)
            #expect(adminSettings.quietHours.from == "22:00" && adminSettings.digest)
        }
    }

    @Test("外部邮件：经 STARTTLS 加密并登录后投递到真实邮件服务器；单位未开通则不发邮件")
    func mailOverSTARTTLS() async throws {
        let sink = try DeliveryHelperProcess.smtpSink()
        defer { sink.stop() }
        try await withApp(configure: {
            $0.delivery = DeliveryHelperProcess.config(sms: nil, smtp: sink)
            $0.publicURL = URL(string: "https://oa.qh.gov.example")
        }) { app in
            let people = try await people(on: app)
            // Not yet allowed for the unit: no mail is queued.
            try await notify(app, people.clerk, key: "overdue:before")
            #expect(try await outbox(app).allSatisfy { $0.channel == "sms" })

            let api = try await APIClient.signIn(app, "unitadmin")
            let path = SiteURL.apiDeliverySettings.link(try people.unit.requireID())
            let saved = try await api.send(.PUT, path, body: #"{"emailAllowed":true,"digestTime":"08:30"}"#)
            #expect(saved.status == .ok)
            #expect(try saved.content.decode(UnitDeliveryPolicy.Settings.self) == .init(emailAllowed: true, digestTime: "08:30"))
            #expect(try await api.send(.PUT, path, body: #"{"emailAllowed":true,"digestTime":"8点"}"#).errorCode == "time_invalid")
            let limits = try await api.send(.PUT, path, body: #"{"emailAllowed":true,"digestTime":"08:30","mailQuotaMB":2048,"mailAttachmentMB":5}"#)
            #expect(try limits.content.decode(UnitDeliveryPolicy.Settings.self).mailQuotaMB == 2048)
            #expect(try await MailSettings.effective(for: people.unit.requireID(), app: app).attachmentBytes == 5 << 20)
            #expect(try await api.send(.PUT, path, body: #"{"emailAllowed":true,"mailAttachmentMB":500}"#).errorCode == "limit_out_of_range")
            // The clerk cannot change the unit's settings.
            let clerk = try await APIClient.signIn(app, "clerk")
            #expect(try await clerk.send(.PUT, path, body: #"{"emailAllowed":false}"#).status == .forbidden)

            try await notify(app, people.clerk, key: "overdue:after")
            let mail = try #require(try await outbox(app).first { $0.channel == "email" })
            #expect(mail.address == "wangfang@qh.gov.example")
            #expect(try await OutboxSender(app: app).runDue() == 1)
            let received = try await sink.waitFor(1)
            #expect(received.count == 1)
            let message = try #require(received.first)
            #expect(message["subject"] as? String == "已逾期：请尽快办理“核稿”")
            #expect(message["to"] as? [String] == ["wangfang@qh.gov.example"])
            #expect(message["tls"] as? Bool == true && message["authenticated"] as? Bool == true)
            #expect((message["body"] as? String)?.contains("查看：https://oa.qh.gov.example/tasks") == true)
            #expect(message["messageId"] as? String == "<\(mail.id!.uuidString.lowercased())@zhengtong>")
            #expect(try await OutboxMessage.find(mail.id, on: app.db)?.state == "sent")
        }
    }

    @Test("邮件服务器拒绝登录：邮件留在队列中等待重试，不丢失")
    func mailLoginRefused() async throws {
        let sink = try DeliveryHelperProcess.smtpSink()
        defer { sink.stop() }
        // A wrong password: every message waits for another attempt rather than being lost.
        var wrong = DeliveryHelperProcess.config(sms: nil, smtp: sink)
        wrong.smtp?.password = "wrong"
        try await withApp(configure: { $0.delivery = wrong }) { app in
            let people = try await people(on: app)
            try await UnitDeliveryPolicy.save(.init(emailAllowed: true, digestTime: nil), unit: people.unit.requireID(),
                                              access: try await Access.load(for: people.admin, on: app.db),
                                              actor: .init(userID: people.admin.id, audit: .system()), app: app)
            try await notify(app, people.clerk)
            try await OutboxSender(app: app).runDue()
            let row = try #require(try await outbox(app).first { $0.channel == "email" })
            #expect(row.state == "pending" && row.lastError?.contains("535") == true)
            #expect(sink.received().isEmpty)
        }
    }

    @Test("两个服务器进程同时清空发件箱：300 条短信每条恰好送到网关一次")
    func onceOnlyAcrossProcesses() async throws {
        let gateway = try DeliveryHelperProcess.smsGateway()
        defer { gateway.stop() }
        try await withApp { app in
            let unit = try await makeUnit(on: app, name: "石桥镇人民政府", kind: .township)
            var ids: [UUID] = []
            for index in 0..<100 {
                ids.append(try await makeUser(on: app, unit: unit, username: "p\(index)", phone: String(format: "139%08d", index)).requireID())
            }
            let everyone = ids
            for round in 0..<3 {
                try await app.write { db in
                    try await Notifier.send(NotificationDraft(kind: .overdue, title: "第 \(round) 轮", key: "round:\(round)", urgent: true), to: everyone, on: db)
                }
            }
            #expect(try await OutboxMessage.query(on: app.db).count() == 300)
            let database = try #require(ServerProcess.databaseURL(app.config.database))
            let environment = ["ZHENGTONG_SMS_WEBHOOK_URL": "http://127.0.0.1:\(gateway.port)/sms", "ZHENGTONG_SMS_WEBHOOK_SECRET": DeliveryHelperProcess.secret]
            let first = try ServerProcess(database: database, environment: environment)
            let second = try ServerProcess(database: database, environment: environment)
            defer { first.stop(); second.stop() }
            try await first.waitUntilUp()
            try await second.waitUntilUp()
            let received = try await gateway.waitFor(300, seconds: 60)
            try await Task.sleep(nanoseconds: 1_000_000_000)
            let ids_ = received.compactMap { $0["id"] as? String }
            #expect(gateway.received().count == 300, "every message once, none twice")
            #expect(Set(ids_).count == 300)
            let states = try await OutboxMessage.query(on: app.db).all().map(\.state)
            #expect(states.allSatisfy { $0 == "sent" }, "\(Dictionary(grouping: states, by: { $0 }).mapValues(\.count))")
        }
    }

    @Test("发送记录与月度统计：单位管理员可见（号码部分隐藏、不含正文），他人 403；设置页保存并保留错误输入")
    func messageLogAndSettingsPages() async throws {
        try await withApp { app in
            let people = try await people(on: app)
            try await notify(app, people.clerk)
            let unitID = try people.unit.requireID()
            let api = try await APIClient.signIn(app, "unitadmin")
            let log = try await api.get(SiteURL.apiMessageLog.link(unitID) + "?channel=sms")
            #expect(log.status == .ok)
            let page = try log.content.decode(MessageLog.Page.self)
            #expect(page.total == 1 && page.items.first?.address == "138****1111" && page.items.first?.recipient == "王芳")
            #expect(page.items.first?.kindLabel == "已逾期" && page.items.first?.state == .pending)
            #expect(try await api.get(SiteURL.apiMessageLog.link(unitID) + "?month=2026-13").errorCode == "month_invalid")
            #expect(try await api.get(SiteURL.apiMessageLog.link(unitID) + "?state=lost").status == .unprocessableEntity)
            let stats = try await api.get(SiteURL.apiMessageStatistics.link(unitID)).content.decode(MessageLogController.Statistics.self)
            #expect(stats.months.count == 12 && stats.months.first?.sms == 1 && stats.months.first?.pending == 1)
            #expect(stats.months.first?.month == String(BeijingTime.day(Date()).prefix(7)))
            let clerk = try await APIClient.signIn(app, "clerk")
            #expect(try await clerk.get(SiteURL.apiMessageLog.link(unitID)).status == .forbidden)
            #expect(try await api.get(SiteURL.apiMessageLog.link(UUID())).status == .notFound)

            let browser = Browser(app)
            try await browser.login("unitadmin")
            let units = try await browser.get(SiteURL.adminUnits.path).body.string
            #expect(units.contains(SiteURL.adminMessageLog.link(unitID)))
            let logPage = try await browser.get(SiteURL.adminMessageLog.link(unitID) + "?month=bad").body.string
            #expect(logPage.contains("月度发送量") && logPage.contains("王芳") && logPage.contains("待发送"))
            let settings = try await browser.get(SiteURL.adminDeliverySettings.link(unitID)).body.string
            #expect(settings.contains("短信网关尚未配置"))
            let invalid = try await browser.post(SiteURL.adminDeliverySettings.link(unitID), [("emailAllowed", "on"), ("digestTime", "明早"), ("mailQuotaMB", "很多")])
            #expect(invalid.status == .unprocessableEntity && invalid.body.string.contains("value=\"明早\"") && invalid.body.string.contains("value=\"很多\""))
            #expect(try await browser.post(SiteURL.adminDeliverySettings.link(unitID), [("emailAllowed", "on"), ("digestTime", "08:00")]).status == .seeOther)
            #expect(try await UnitDeliveryPolicy.load(unit: unitID, on: app.db) == .init(emailAllowed: true, digestTime: "08:00"))
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "delivery.settings").first())
            #expect(audit.after.contains("08:00"))
            let clerkPage = Browser(app)
            try await clerkPage.login("clerk")
            #expect(try await clerkPage.get(SiteURL.adminMessageLog.link(unitID)).status == .forbidden)
        }
    }

    @Test("每日待办汇总：到单位设定的时间，有待办的人收到一条（一天一次），关闭汇总的人不收")
    func dailyDigest() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            _ = try await fixture.startAtReview(on: app)
            let director = fixture.director
            let unit = director.$unit.id
            try await app.write { db in
                let settings = UnitDeliverySettings()
                settings.id = unit
                settings.emailAllowed = false
                settings.digestMinute = 8 * 60 + 30
                settings.updatedAt = Date()
                try await settings.create(on: db)
            }
            let early = try #require(BeijingTime.date(day: "2026-12-08", time: "08:00"))
            #expect(try await DailyDigest.send(app: app, at: early) == 0)
            let time = try #require(BeijingTime.date(day: "2026-12-08", time: "08:31"))
            let reached = try await DailyDigest.send(app: app, at: time)
            #expect(reached >= 1)
            let digests = try await NotificationRecord.query(on: app.db).filter(\.$kind == "digest").filter(\.$userID == director.requireID()).all()
            #expect(digests.map(\.title) == ["您有 1 件待办事项"])
            // The next run the same day sends nothing new.
            try await DailyDigest.send(app: app, at: time.addingTimeInterval(300))
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "digest").filter(\.$userID == director.requireID()).count() == 1)
            // Turned off: nothing the next day.
            try await NotificationPreferences.save(.init(kinds: [], quietHours: .init(enabled: true, from: "22:00", until: "07:00"), digest: false),
                                                   for: director, actor: .init(userID: director.id, audit: .system()), app: app)
            try await DailyDigest.send(app: app, at: time.addingTimeInterval(86400))
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "digest").filter(\.$userID == director.requireID()).count() == 1)
        }
    }
}
