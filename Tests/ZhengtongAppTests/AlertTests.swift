import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 预警 in the demo county 清河县: its 预警发布员 (邓华, over the county) sends a warning to everyone under the county; every
/// person of every 乡镇 gets the bell and an SMS at once, confirms 已收到 (twice is harmless), the sender follows
/// confirmations per unit, sends again to the unconfirmed only, and ends it; what is outside the sender's reach, someone
/// without the role and people not among the recipients are refused.
@Suite("预警：发布到各乡镇、确认收到、按单位统计、再次发送、结束、权限", .serialized)
struct AlertTests {
    typealias Person = (access: Access, actor: WorkflowService.Actor)

    static func person(_ username: String, _ app: Application) async throws -> Person {
        let user = try await CityFixture.user(username, on: app)
        return (try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: .system(username)))
    }

    /// 邓华 becomes 清河县's 预警发布员 (scope: the county and everything under it).
    @discardableResult
    static func sender(_ app: Application) async throws -> Person {
        let deng = try await CityFixture.user("dengh", on: app)
        let county = try await CityFixture.unit("清河县人民政府", on: app)
        let role = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.alertSender.rawValue).first())
        try await app.write { db in try await RoleGrants.grant(role, to: deng, scope: county.id, by: .system("test"), on: db) }
        return try await person("dengh", app)
    }

    static func storm(_ trees: [UUID], units: [UUID] = [], level: Alert.Level = .major) -> AlertService.Input {
        .init(title: "暴雨红色预警", body: "预计今晚我县普降大暴雨，请各乡镇立即启动防汛应急响应，转移危险区域群众。", level: level.rawValue,
              category: Alert.Category.weather.rawValue, units: units, unitTrees: trees)
    }

    static func audits(_ action: String, _ app: Application) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$action == action).count()
    }

    @Test("发给“清河县及其下级单位”：每个乡镇的每个人都有铃铛和短信（同一事务），按单位统计确认；再次发送只到未确认的人；每次变化都有审计")
    func sendConfirmResend() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let deng = try await Self.sender(app)
            let county = try await CityFixture.unit("清河县人民政府", on: app)
            // given: everyone under the county, the sender excepted
            let tree = try await UnitTree.load(on: app.db)
            let everyone = try await User.query(on: app.db).filter(\.$unit.$id ~~ Array(tree.subtree(of: county.requireID()))).all()
            let expected = Set(everyone.compactMap(\.id)).subtracting([deng.access.userID])
            // when
            let alert = try await AlertService.send(Self.storm([try county.requireID()]), access: deng.access, actor: deng.actor, app: app)
            let id = try alert.requireID()
            // then: every person of every 乡镇 (and the rest of the county) has the bell, those with a phone an SMS
            let rows = try await AlertRecipient.query(on: app.db).filter(\.$alertID == id).all()
            #expect(Set(rows.map(\.userID)) == expected)
            for township in ["城关镇人民政府", "石桥镇人民政府"] {
                let unit = try await CityFixture.unit(township, on: app)
                let people = try await User.query(on: app.db).filter(\.$unit.$id == unit.requireID()).all()
                #expect(people.count == 2)
                for person in people {
                    let bell = try #require(try await NotificationRecord.query(on: app.db).filter(\.$userID == person.requireID())
                        .filter(\.$kind == NotificationKind.alertMajor.rawValue).first())
                    #expect(bell.link == SiteURL.alert.link(id) && bell.title.contains("暴雨红色预警") && bell.title.contains("转移危险区域群众"))
                    #expect(try await OutboxMessage.query(on: app.db).filter(\.$notificationID == bell.requireID()).filter(\.$address == person.phone ?? "-").count() == 1)
                }
            }
            let withPhone = everyone.filter { expected.contains($0.id!) && !($0.phone ?? "").isEmpty }.count
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == NotificationKind.alertMajor.rawValue).count() == expected.count)
            // …and the platform's own mail: one message from the sender, marked 重要, in every recipient's 收件箱.
            let mails = try await MailMessage.query(on: app.db).all().filter { $0.subject.hasPrefix("【重大预警】") }
            #expect(mails.count == 1 && mails.first?.important == true && mails.first?.senderID == deng.access.userID)
            let inboxes = try await MailDelivery.query(on: app.db).filter(\.$messageID == mails.first?.id ?? UUID()).filter(\.$folder == "inbox").all()
            #expect(Set(inboxes.map(\.userID)) == expected)
            #expect(try await OutboxMessage.query(on: app.db).count() >= withPhone)
            #expect(try await Self.audits("alert.send", app) == 1)

            // when: 唐欣 (城关镇) and 曹阳 (石桥镇) confirm
            let tang = try await Self.person("tangx", app), cao = try await Self.person("caoy", app)
            try await AlertService.confirm(id, access: tang.access, actor: tang.actor, app: app)
            try await AlertService.confirm(id, access: cao.access, actor: cao.actor, app: app)
            // then: counted per unit, the unconfirmed listed first with their phones
            let status = try await AlertViews.status(alert, tree: tree, on: app.db)
            let chengguan = try #require(status.units.first { $0.unit == "城关镇人民政府" })
            let shiqiao = try #require(status.units.first { $0.unit == "石桥镇人民政府" })
            #expect(chengguan.total == 2 && chengguan.confirmed == 1 && chengguan.unconfirmed == 1)
            #expect(shiqiao.total == 2 && shiqiao.confirmed == 1 && shiqiao.unconfirmed == 1)
            #expect(status.confirmed == 2 && status.total == expected.count)
            #expect(status.people.prefix(status.total - 2).allSatisfy { $0.confirmedAt == nil })
            #expect(status.people.first { $0.name == "宋涛" }?.phone == "13800000110")
            #expect(try await Self.audits("alert.confirm", app) == 2)

            // when: sent again
            let reached = try await AlertService.resend(id, access: deng.access, actor: deng.actor, app: app)
            // then: only the unconfirmed get a second bell (and SMS); the confirmed do not
            #expect(reached == expected.count - 2)
            let second = try await NotificationRecord.query(on: app.db).filter(\.$dedupeKey == "alert:\(id.uuidString):2").all()
            #expect(Set(second.map(\.userID)) == expected.subtracting([tang.access.userID, cao.access.userID]))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$notificationID ~~ second.compactMap(\.id)).count() == withPhone - 2)
            #expect(try await AlertRound.query(on: app.db).filter(\.$alertID == id).count() == 2)
            #expect(try await AlertRecipient.query(on: app.db).filter(\.$alertID == id).filter(\.$lastRound == 2).count() == expected.count - 2)
            #expect(try await Self.audits("alert.resend", app) == 1)
        }
    }

    @Test("范围之外的单位 422 unit_out_of_scope；没有预警发布员角色 403；内容超过 300 字 422 并说明字数")
    func refusals() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let deng = try await Self.sender(app)
            let liulin = try await CityFixture.unit("柳林区人民政府", on: app)
            let township = try await CityFixture.unit("城关镇人民政府", on: app)
            // A unit of another district, alone or beside one within reach.
            for input in [Self.storm([try liulin.requireID()]), Self.storm([try township.requireID()], units: [try liulin.requireID()])] {
                await #expect { try await AlertService.send(input, access: deng.access, actor: deng.actor, app: app) } throws: { error in
                    (error as? AppError)?.code == "unit_out_of_scope" && (error as? AppError)?.status == .unprocessableEntity
                }
            }
            let hu = try await Self.person("hux", app)
            await #expect { try await AlertService.send(Self.storm([try township.requireID()]), access: hu.access, actor: hu.actor, app: app) } throws: { error in
                (error as? AppError)?.status == .forbidden
            }
            var long = Self.storm([try township.requireID()])
            long.body = String(repeating: "雨", count: 301)
            await #expect { try await AlertService.send(long, access: deng.access, actor: deng.actor, app: app) } throws: { error in
                (error as? AppError)?.fields["body"]?.contains("301") == true
            }
            #expect(try await Alert.query(on: app.db).count() == 0)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind ~~ [NotificationKind.alert.rawValue, NotificationKind.alertMajor.rawValue]).count() == 0)
        }
    }

    @Test("确认两次无害（保留第一次的时间、只记一次审计）；非接收人看不到（404）；结束后确认、再次发送都 409 alert_closed，结束有审计")
    func idempotentPrivacyClose() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let deng = try await Self.sender(app)
            let chengguan = try await CityFixture.unit("城关镇人民政府", on: app)
            let alert = try await AlertService.send(Self.storm([], units: [try chengguan.requireID()], level: .general), access: deng.access, actor: deng.actor, app: app)
            let id = try alert.requireID()
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == NotificationKind.alert.rawValue).count() == 2)
            let tang = try await Self.person("tangx", app)
            let first = try await AlertService.confirm(id, access: tang.access, actor: tang.actor, app: app, now: Date(timeIntervalSince1970: 1_800_000_000))
            let again = try await AlertService.confirm(id, access: tang.access, actor: tang.actor, app: app, now: Date(timeIntervalSince1970: 1_800_000_600))
            #expect(first.confirmedAt == Date(timeIntervalSince1970: 1_800_000_000) && again.confirmedAt == first.confirmedAt)
            #expect(try await Self.audits("alert.confirm", app) == 1)
            // 曹阳 (石桥镇) was not a recipient; 李娜 (市政府办公室) neither.
            for outsider in ["caoy", "lina"] {
                let person = try await Self.person(outsider, app)
                await #expect { try await AlertLookup.visible(id, access: person.access, on: app.db) } throws: { error in (error as? AppError)?.status == .notFound }
                await #expect { try await AlertService.confirm(id, access: person.access, actor: person.actor, app: app) } throws: { error in
                    (error as? AppError)?.status == .notFound
                }
            }
            // A colleague holding 预警发布员 over the sender's unit (the next shift) follows it too: the status, 再次发送.
            let lin = try await CityFixture.user("linp", on: app)
            let role = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.alertSender.rawValue).first())
            try await app.write { db in try await RoleGrants.grant(role, to: lin, scope: lin.$unit.id, by: .system("test"), on: db) }
            let colleague = try await Self.person("linp", app)
            #expect(try await AlertViews.detail(try await AlertLookup.visible(id, access: colleague.access, on: app.db), access: colleague.access, on: app.db).status?.total == 2)
            #expect(try await colleague.access.sentAlerts(on: app.db).all().compactMap(\.id) == [id])
            // A recipient may not resend or close.
            await #expect { try await AlertService.close(id, access: tang.access, actor: tang.actor, app: app) } throws: { error in (error as? AppError)?.status == .forbidden }
            try await AlertService.close(id, access: deng.access, actor: deng.actor, app: app)
            #expect(try await Self.audits("alert.close", app) == 1)
            let song = try await Self.person("songt", app)
            for action in [
                { try await AlertService.confirm(id, access: song.access, actor: song.actor, app: app) as Any },
                { try await AlertService.resend(id, access: deng.access, actor: deng.actor, app: app) as Any },
                { try await AlertService.close(id, access: deng.access, actor: deng.actor, app: app) as Any },
            ] {
                await #expect { try await action() } throws: { error in (error as? AppError)?.code == "alert_closed" && (error as? AppError)?.status == .conflict }
            }
            #expect(try await AlertRecipient.query(on: app.db).filter(\.$alertID == id).filter(\.$confirmedAt != nil).count() == 1)
        }
    }

    @Test("一个县 17 个乡镇 × 30 人：一次发布后 510 个铃铛和 510 条短信都已写入")
    func countyOf510() async throws {
        try await withApp { app in
            // given: a county whose office holds only the sender, and 17 乡镇 of 30 people each, all with phones
            let county = try await makeUnit(on: app, name: "长顺县人民政府", kind: .government)
            let office = try await makeUnit(on: app, name: "长顺县人民政府办公室", kind: .office, parent: county)
            let sender = try await makeUser(on: app, unit: office, username: "yujing", name: "预警员", roles: [.alertSender], scope: .unit(county))
            var people: [UUID] = []
            for town in 1...17 {
                let unit = try await makeUnit(on: app, name: "第\(town)乡镇", kind: .township, parent: county)
                let users = (1...30).map { n in
                    User(unitID: unit.id!, username: "t\(town)p\(n)", name: "人员\(town)-\(n)", phone: String(format: "139%04d%04d", town, n), passwordHash: testPasswordHash,
                         mustChangePassword: false)
                }
                try await users.create(on: app.db)
                people += users.compactMap(\.id)
            }
            let access = try await Access.load(for: sender, on: app.db)
            // when: one call
            let started = Date()
            let alert = try await AlertService.send(Self.storm([try county.requireID()]), access: access,
                                                    actor: .init(userID: sender.id, audit: .system("test")), app: app)
            let seconds = Date().timeIntervalSince(started)
            print("ALERT-510: sending to 510 people took \(String(format: "%.3f", seconds)) s on \(app.isPostgres ? "PostgreSQL" : "SQLite")")
            // then
            let id = try alert.requireID()
            #expect(try await AlertRecipient.query(on: app.db).filter(\.$alertID == id).count() == 510)
            let bells = try await NotificationRecord.query(on: app.db).filter(\.$dedupeKey == "alert:\(id.uuidString):1").all()
            #expect(bells.count == 510 && Set(bells.map(\.userID)) == Set(people))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$notificationID ~~ bells.compactMap(\.id)).count() == 510)
            let status = try await AlertViews.status(alert, tree: try await UnitTree.load(on: app.db), on: app.db)
            #expect(status.units.count == 17 && status.units.allSatisfy { $0.total == 30 && $0.unconfirmed == 30 })
        }
    }

    @Test("页面：发布表单（出错保留所填）、发布后状态页、乡镇人员在工作台顶部和预警页确认收到、发出和收到的列表、其他人 404")
    func pages() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await Self.sender(app)
            let county = try await CityFixture.unit("清河县人民政府", on: app)
            let deng = try await CityFixture.signedIn("dengh", app)
            let form = try await deng.get(SiteURL.alertNew.path)
            #expect(form.status == .ok && form.body.string.contains("石桥镇人民政府") && !form.body.string.contains("柳林区人民政府"))
            // A body over the SMS limit comes back with what was typed and a Chinese message.
            let typed = "山洪" + String(repeating: "雨", count: 300)
            let refused = try await deng.post(SiteURL.alerts.path, [("title", "山洪预警"), ("body", typed), ("level", "major"), ("category", "geological"),
                                                                    ("unitTrees[]", try county.requireID().uuidString)])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("不能超过 300 字（现为 302 字）") && refused.body.string.contains(typed))
            let sent = try await deng.post(SiteURL.alerts.path, [("title", "山洪预警"), ("body", "今夜有强降雨，请各乡镇转移山洪隐患点群众。"), ("level", "major"),
                                                                 ("category", "geological"), ("unitTrees[]", try county.requireID().uuidString)])
            #expect(sent.status == .seeOther)
            let link = try #require(sent.location)
            let status = try await deng.get(link)
            #expect(status.status == .ok && status.body.string.contains("各单位确认情况") && status.body.string.contains("宋涛") && status.body.string.contains("13800000110"))
            // The 乡镇 person: on top of the desk, with the button; confirming from the desk comes back to it.
            let tang = try await CityFixture.signedIn("tangx", app)
            let desk = try await tang.get(SiteURL.home.path).body.string
            #expect(desk.contains("data-block=\"alerts\"") && desk.contains("山洪预警") && desk.contains(link + "/confirm"))
            #expect(desk.range(of: "data-block=\"alerts\"")!.lowerBound < desk.range(of: "data-block=\"todo\"")!.lowerBound)
            let page = try await tang.get(link)
            #expect(page.status == .ok && page.body.string.contains("确认收到") && !page.body.string.contains("各单位确认情况"))
            let back = try await tang.post(link + "/confirm", [("back", "desk")])
            #expect(back.status == .seeOther && back.location == SiteURL.home.path)
            #expect(try await tang.get(link).body.string.contains("您已确认收到"))
            #expect(try await tang.get(SiteURL.alerts.path).body.string.contains("山洪预警"))
            #expect(try await !tang.get(SiteURL.home.path).body.string.contains(link + "/confirm"))
            // The sender's list and status move; 再次发送 and 结束 from the page.
            #expect(try await deng.get(SiteURL.alerts.path + "?box=sent").body.string.contains("1 / 13"))
            #expect(try await deng.post(link + "/resend").status == .seeOther)
            #expect(try await deng.get(link).body.string.contains("第 2 次发送"))
            #expect(try await deng.post(link + "/close").status == .seeOther)
            #expect(try await deng.get(link).body.string.contains("已结束"))
            // Others: 404; the form for someone without the role: 403.
            let lina = try await CityFixture.signedIn("lina", app)
            #expect(try await lina.get(link).status == .notFound)
            #expect(try await lina.get(SiteURL.alertNew.path).status == .forbidden)
            #expect(try await deng.get(SiteURL.alerts.path + "?box=all").status == .unprocessableEntity)
        }
    }
}
