import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

/// 值班 from 排班 to 签认: 市政府办公室's 值班管理员 (张伟) sets 白班/夜班, generates a rota from people in turn (leave passed
/// over, holidays with a 带班领导), publishes it; a swap is asked, agreed and approved (twice at once: one 409); the person
/// on duty logs calls, passes one to a leader, turns one into a 督办事项 and one into a 收文, hands over (what is open goes
/// on) and the 带班领导 signs off — through the API, with who may see what.
@Suite("值班：排班生成与发布、换班、值班日志、交接班与签认、权限", .serialized)
struct DutyTests {
    static func json(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    static func day(_ days: Double, from now: Date = Date()) -> String { DocumentDate(now.addingTimeInterval(days * 86_400)).iso }

    /// 张伟 becomes 市政府办公室's 值班管理员 with 白班 and 夜班 (`staff` 值班员 each, 夜班 always with a 带班领导).
    static func office(_ app: Application, staff: Int = 1) async throws -> (Access, WorkflowService.Actor) {
        let zhang = try await CityFixture.user("zhangw", on: app)
        let role = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.dutyManager.rawValue).first())
        try await app.write { db in try await RoleGrants.grant(role, to: zhang, scope: zhang.$unit.id, by: .system("test"), on: db) }
        let access = try await Access.load(for: zhang, on: app.db)
        let actor = WorkflowService.Actor(userID: zhang.id, audit: .system("test"))
        _ = try await DutyRotaService.addKind(.init(name: "白班", starts: "08:30", ends: "17:30", staffCount: staff, needsLeader: false),
                                              access: access, actor: actor, app: app)
        _ = try await DutyRotaService.addKind(.init(name: "夜班", starts: "17:30", ends: "08:30", staffCount: staff, needsLeader: true),
                                              access: access, actor: actor, app: app)
        return (access, actor)
    }

    static func ids(_ usernames: [String], _ app: Application) async throws -> [UUID] {
        var ids: [UUID] = []
        for name in usernames { ids.append(try await CityFixture.user(name, on: app).requireID()) }
        return ids
    }

    @Test("生成：按顺序轮值，请假期间跳过并顺延，节假日每个班次都有带班领导，工作日白班不需要")
    func generation() throws {
        let people = (0..<4).map { _ in UUID() }, leaders = [UUID(), UUID()]
        let white = UUID(), night = UUID()
        // 2026-10-01 (Thursday) is a holiday; 10-03/04 are the weekend; 10-05 a working Monday.
        let calendar = WorkingCalendar(holidays: [CalendarDay("2026-10-01")!])
        let shifts = DutyGeneration.generate(
            days: DutyDays.days(from: "2026-09-30", to: "2026-10-05"),
            kinds: [.init(id: white, starts: "08:30", ends: "17:30", staffCount: 1, needsLeader: false),
                    .init(id: night, starts: "17:30", ends: "08:30", staffCount: 1, needsLeader: true)],
            people: people, leaders: leaders, leaves: [.init(userID: people[2], fromDay: "2026-10-01", toDay: "2026-10-02")],
            isWorkingDay: { DutyDays.isWorkingDay($0, in: calendar) })
        #expect(shifts.count == 12)
        // 09-30: people 0, 1; 10-01: person 2 is away, so 3 then 0; 10-02: 1 then (2 still away) 3; the turn goes on: 10-04 has 2 back.
        #expect(shifts.map { $0.staffIDs.first! } == [people[0], people[1], people[3], people[0], people[1], people[3], people[0], people[1],
                                                     people[2], people[3], people[0], people[1]])
        #expect(shifts.filter(\.offDay).map(\.day) == ["2026-10-01", "2026-10-01", "2026-10-03", "2026-10-03", "2026-10-04", "2026-10-04"])
        #expect(shifts.filter(\.offDay).allSatisfy { $0.leaderID != nil })
        #expect(shifts.filter { !$0.offDay && $0.kindID == white }.allSatisfy { $0.leaderID == nil })
        #expect(shifts.filter { $0.kindID == night }.allSatisfy { $0.leaderID != nil })
        // Leaders take turns too; a night runs into the next day.
        #expect(shifts.compactMap(\.leaderID).prefix(4) == [leaders[0], leaders[1], leaders[0], leaders[1]])
        #expect(shifts[1].endsAt.timeIntervalSince(shifts[1].startsAt) == 15 * 3600)
        #expect(DutyDays.weekday("2026-10-04") == 7 && DutyDays.weekday("2026-10-05") == 1)
    }

    @Test("排班：值班管理员建立、生成（请假跳过、周末有带班领导）并发布；草稿对本单位其他人和外单位 404；发布后本单位可见，外单位仍 404；缺带班领导时 422，版本过期 409")
    func rotaLifecycle() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            _ = try await Self.office(app)
            let zhang = try await APIClient.signIn(app, "zhangw")
            // Anyone else cannot set up kinds or rotas.
            let huang = try await APIClient.signIn(app, "huangl")
            #expect(try await huang.send(.POST, "/api/v1/duty/rotas", body: try Self.json(["title": "x", "startDay": Self.day(1), "endDay": Self.day(2)])).status == .forbidden)
            #expect(try await zhang.send(.POST, "/api/v1/duty/shift-kinds", body: try Self.json(["name": "", "starts": "8:30", "ends": "17:30"])).status == .unprocessableEntity)
            let kinds = try await zhang.get("/api/v1/duty/shift-kinds")
            #expect(kinds.status == .ok && kinds.body.string.contains("夜班"))

            let badPeriod = try await zhang.send(.POST, "/api/v1/duty/rotas", body: try Self.json(["title": "值班表", "startDay": Self.day(10), "endDay": Self.day(1)]))
            #expect(badPeriod.status == .unprocessableEntity && badPeriod.body.string.contains("endDay"))
            let created = try await zhang.send(.POST, "/api/v1/duty/rotas", body: try Self.json(["title": "两周值班表", "startDay": Self.day(1), "endDay": Self.day(14)]))
            #expect(created.status == .created)
            let rota = try created.content.decode(DutyRotaView.self)
            #expect(rota.state == "draft" && rota.canManage)
            let path = "/api/v1/duty/rotas/\(rota.id)"

            // Generated: the people in turn, 黄磊 passed over on his leave days, every weekend shift with a leader.
            let people = try await Self.ids(["lina", "huangl", "zhaom", "sunl"], app)
            let leaders = try await Self.ids(["wangjg", "zhouq"], app)
            let leaveFrom = Self.day(3), leaveTo = Self.day(5)
            let outsider = try await Self.ids(["guoyn"], app)[0]
            let refused = try await zhang.send(.POST, path + "/generate", body: try Self.json(["people": (people + [outsider]).map(\.uuidString), "version": rota.version]))
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("people"))
            let generated = try await zhang.send(.POST, path + "/generate", body: try Self.json([
                "people": people.map(\.uuidString), "leaders": leaders.map(\.uuidString), "version": rota.version,
                "leaves": [["userId": people[1].uuidString, "fromDay": leaveFrom, "toDay": leaveTo, "reason": "年休假"]]]))
            #expect(generated.status == .ok, "\(generated.body.string)")
            let full = try generated.content.decode(DutyRotaView.self)
            let shifts = try #require(full.shifts)
            #expect(shifts.count == 28)
            #expect(shifts.filter { $0.day >= leaveFrom && $0.day <= leaveTo }.allSatisfy { !$0.staff.contains { $0.id == people[1] } })
            #expect(shifts.filter(\.offDay).count >= 4 && shifts.filter(\.offDay).allSatisfy { $0.leader != nil })
            #expect(shifts.prefix(3).map { $0.staff[0].id } == [people[0], people[1], people[2]])
            #expect(full.leaves?.first?.person.id == people[1] && full.leaves?.first?.reason == "年休假")
            #expect(!shifts.contains { $0.incomplete })

            // A draft is the manager's alone.
            for name in ["huangl", "guoyn"] {
                let client = try await APIClient.signIn(app, name)
                #expect(try await client.get(path).status == .notFound, "\(name)")
                #expect(try await client.get("/api/v1/duty/shifts/\(shifts[0].id)/log").status == .notFound, "\(name)")
                #expect(!(try await client.get("/api/v1/duty/rotas").body.string.contains(rota.id.uuidString)), "\(name)")
            }
            // Publishing needs the current version.
            let stale = try await zhang.send(.POST, path + "/publish", body: try Self.json(["version": rota.version]))
            #expect(stale.status == .conflict && stale.errorCode == "conflict")
            let published = try await zhang.send(.POST, path + "/publish", body: try Self.json(["version": full.version]))
            #expect(try published.status == .ok && (published.content.decode(DutyRotaView.self)).state == "published")
            #expect(try await zhang.send(.POST, path + "/publish", body: try Self.json(["version": full.version + 1])).status == .conflict)
            // Everyone on it was told; the unit sees it; 清河县 still does not.
            let li = people[0]
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == li).filter(\.$kind == NotificationKind.duty.rawValue).count() == 1)
            #expect(try await huang.get(path).status == .ok)
            #expect(try await huang.get("/api/v1/duty/rotas").body.string.contains(rota.id.uuidString))
            let wang = try await APIClient.signIn(app, "wangjg")
            #expect(try await wang.get(path).status == .ok)
            let guo = try await APIClient.signIn(app, "guoyn")
            #expect(try await guo.get(path).status == .notFound)
            #expect(try await guo.get("/api/v1/duty/shifts/\(shifts[0].id)/log").status == .notFound)
            // 日程: 黄磊's shifts are in his calendar as duty entries with stable ids.
            let huangAccess = try await Access.load(for: try await CityFixture.user("huangl", on: app), on: app.db)
            let entries = try await CalendarSources.entries(for: huangAccess, from: Date(), to: Date().addingTimeInterval(20 * 86_400), on: app.db)
            let mine = shifts.filter { $0.staff.contains { $0.id == people[1] } }
            #expect(entries.filter { $0.kind == .duty }.count == mine.count && entries.contains { $0.uid == "duty-\(mine[0].id.uuidString.lowercased())@zhengtong" })

            // Without leaders, a rota with a weekend cannot go out (422 duty_rota_incomplete).
            let second = try await zhang.send(.POST, "/api/v1/duty/rotas", body: try Self.json(["title": "下期", "startDay": Self.day(20), "endDay": Self.day(27)]))
            let draft = try second.content.decode(DutyRotaView.self)
            let noLeaders = try await zhang.send(.POST, "/api/v1/duty/rotas/\(draft.id)/generate", body: try Self.json(["people": people.map(\.uuidString), "version": draft.version]))
            let generatedDraft = try noLeaders.content.decode(DutyRotaView.self)
            #expect(generatedDraft.shifts?.contains { $0.incomplete } == true)
            let incomplete = try await zhang.send(.POST, "/api/v1/duty/rotas/\(draft.id)/publish", body: try Self.json(["version": generatedDraft.version]))
            #expect(incomplete.status == .unprocessableEntity && incomplete.errorCode == "duty_rota_incomplete")
            // Filled by hand (PUT, by version), the night shifts get their leader.
            let first = try #require(generatedDraft.shifts?.first { $0.incomplete })
            let edit = try await zhang.send(.PUT, "/api/v1/duty/shifts/\(first.id)", body: try Self.json([
                "leaderId": leaders[0].uuidString, "staffIds": first.staff.map(\.id.uuidString), "version": first.version]))
            #expect(try edit.status == .ok && (edit.content.decode(DutyShiftView.self)).leader?.id == leaders[0])
            #expect(try await zhang.send(.PUT, "/api/v1/duty/shifts/\(first.id)", body: try Self.json(["staffIds": [], "version": first.version])).status == .conflict)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["duty.rota.create", "duty.rota.generate", "duty.rota.publish", "duty.shift.edit"]).count() >= 6)
        }
    }

    @Test("换班：本人申请、重复申请 409、对方同意后值班管理员批准才调整；两人同时批准只有一个成功（409）；日程中被换下的班次为已取消")
    func swaps() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (manager, actor) = try await Self.office(app)
            let people = try await Self.ids(["lina", "huangl"], app)
            let leaders = try await Self.ids(["wangjg", "zhouq"], app)
            let rota = try await DutyRotaService.create(.init(title: "值班表", startDay: Self.day(2), endDay: Self.day(8)), access: manager, actor: actor, app: app)
            let rotaID = try rota.requireID()
            try await DutyRotaService.generate(rotaID, .init(people: people, leaders: leaders, leaves: [], version: nil), access: manager, actor: actor, app: app)
            try await DutyRotaService.publish(rotaID, version: nil, access: manager, actor: actor, app: app)
            let shifts = try await DutyViews.shifts(try await DutyShift.query(on: app.db).filter(\.$rotaID == rotaID).all(), on: app.db)
            let mine = try #require(shifts.first { $0.staff.first?.id == people[1] })
            let hers = try #require(shifts.first { $0.staff.first?.id == people[0] && $0.startsAt > mine.startsAt })

            let huang = try await APIClient.signIn(app, "huangl")
            let body = try Self.json(["shiftId": mine.id.uuidString, "targetId": people[0].uuidString, "targetShiftId": hers.id.uuidString, "reason": "家中有事"])
            // Not on that shift: refused; someone else's shift in return must be theirs.
            #expect(try await huang.send(.POST, "/api/v1/duty/swaps", body: try Self.json(["shiftId": hers.id.uuidString, "targetId": people[0].uuidString, "reason": "x"])).status == .forbidden)
            let asked = try await huang.send(.POST, "/api/v1/duty/swaps", body: body)
            #expect(asked.status == .created, "\(asked.body.string)")
            let swap = try asked.content.decode(DutySwapView.self)
            #expect(swap.state == "requested")
            #expect(try await huang.send(.POST, "/api/v1/duty/swaps", body: body).status == .conflict)
            // The manager cannot approve before 李娜 agrees; 黄磊 cannot answer his own request; others do not see it.
            let zhang = try await APIClient.signIn(app, "zhangw")
            #expect(try await zhang.send(.POST, "/api/v1/duty/swaps/\(swap.id)/approve", body: "{}").status == .conflict)
            #expect(try await huang.request(.POST, "/api/v1/duty/swaps/\(swap.id)/accept").status == .forbidden)
            #expect(try await (try await APIClient.signIn(app, "zhaom")).request(.POST, "/api/v1/duty/swaps/\(swap.id)/accept").status == .notFound)
            let li = try await APIClient.signIn(app, "lina")
            #expect(try await li.get("/api/v1/duty/swaps").body.string.contains(swap.id.uuidString))
            let agreed = try await li.request(.POST, "/api/v1/duty/swaps/\(swap.id)/accept")
            #expect(try agreed.status == .ok && (agreed.content.decode(DutySwapView.self)).state == "accepted")
            #expect(try await li.request(.POST, "/api/v1/duty/swaps/\(swap.id)/accept").status == .conflict)
            // Nothing changed yet.
            #expect(try await DutyAssignment.query(on: app.db).filter(\.$shiftID == mine.id).filter(\.$userID == people[1]).filter(\.$removedAt == nil).count() == 1)

            // Two approvals at once: one wins, the other is told it was decided.
            let zhangAgain = try await APIClient.signIn(app, "zhangw")
            async let first = zhang.send(.POST, "/api/v1/duty/swaps/\(swap.id)/approve", body: "{}")
            async let second = zhangAgain.send(.POST, "/api/v1/duty/swaps/\(swap.id)/approve", body: try Self.json(["reason": "同意"]))
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
            #expect(try await zhang.send(.POST, "/api/v1/duty/swaps/\(swap.id)/reject", body: "{}").status == .conflict)

            // The rota changed both ways.
            let after = try await DutyViews.shifts(try await DutyShift.query(on: app.db).filter(\.$id ~~ [mine.id, hers.id]).all(), on: app.db)
            #expect(after.first { $0.id == mine.id }?.staff.map(\.id) == [people[0]])
            #expect(after.first { $0.id == hers.id }?.staff.map(\.id) == [people[1]])
            #expect(try await DutySwap.find(swap.id, on: app.db)?.stateValue == .approved)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["duty.swap.request", "duty.swap.accept", "duty.swap.approve"]).count() == 3)
            // 黄磊's calendar keeps his old shift as cancelled and has the new one.
            let huangAccess = try await Access.load(for: try await CityFixture.user("huangl", on: app), on: app.db)
            let entries = try await CalendarSources.entries(for: huangAccess, from: Date(), to: Date().addingTimeInterval(12 * 86_400), on: app.db)
            #expect(entries.first { $0.uid == DutyCalendarSource.uid(mine.id) }?.cancelled == true)
            #expect(entries.first { $0.uid == DutyCalendarSource.uid(hers.id) }?.cancelled == false)
            // 代班 declined: nothing changes and he may ask again.
            let takeOver = try Self.json(["shiftId": hers.id.uuidString, "targetId": people[0].uuidString, "reason": "临时出差"])
            let again = try (try await huang.send(.POST, "/api/v1/duty/swaps", body: takeOver)).content.decode(DutySwapView.self)
            #expect(again.targetShiftId == nil)
            let declined = try await li.request(.POST, "/api/v1/duty/swaps/\(again.id)/decline")
            #expect(try declined.status == .ok && declined.content.decode(DutySwapView.self).state == "declined")
            #expect(try await zhang.send(.POST, "/api/v1/duty/swaps/\(again.id)/approve", body: "{}").status == .conflict)
            let third = try (try await huang.send(.POST, "/api/v1/duty/swaps", body: takeOver)).content.decode(DutySwapView.self)
            #expect(try await li.request(.POST, "/api/v1/duty/swaps/\(third.id)/accept").status == .ok)
            let rejected = try await zhang.send(.POST, "/api/v1/duty/swaps/\(third.id)/reject", body: try Self.json(["reason": "当天人手不足"]))
            #expect(try rejected.status == .ok && rejected.content.decode(DutySwapView.self).decisionReason == "当天人手不足")
            #expect(try await DutyAssignment.query(on: app.db).filter(\.$shiftID == hers.id).filter(\.$userID == people[1]).filter(\.$removedAt == nil).count() == 1)
            // A swap for a shift already started is refused.
            await #expect(throws: AppError.self) {
                try await DutySwapService.request(.init(shiftID: hers.id, targetID: people[0], reason: "x"), access: huangAccess,
                                                  actor: .init(userID: people[1], audit: .system("test")), app: app, now: hers.startsAt.addingTimeInterval(60))
            }
        }
    }

    @Test("值班日志：本班人员记录来电和事件，呈领导（领导收到消息并可查看）、转督办、转收文；交接班把待处理记录移交下一班；带班领导签认；外单位 404")
    func logAndHandover() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (manager, actor) = try await Self.office(app, staff: 2)
            let people = try await Self.ids(["lina", "huangl", "sunl", "qianf"], app)
            let leaders = try await Self.ids(["wangjg", "zhouq"], app)
            let rota = try await DutyRotaService.create(.init(title: "值班表", startDay: Self.day(-1), endDay: Self.day(3)), access: manager, actor: actor, app: app)
            let rotaID = try rota.requireID()
            try await DutyRotaService.generate(rotaID, .init(people: people, leaders: leaders, leaves: [], version: nil), access: manager, actor: actor, app: app)
            try await DutyRotaService.publish(rotaID, version: nil, access: manager, actor: actor, app: app)
            let now = Date()
            let current = try #require(try await DutyShift.query(on: app.db).filter(\.$rotaID == rotaID).filter(\.$startsAt <= now).filter(\.$endsAt > now).first())
            let shiftID = try current.requireID()
            // 张伟 puts 马骏 (督查员) and 赵敏 (收发员) on the current shift with 周强 leading it.
            let zhang = try await APIClient.signIn(app, "zhangw")
            let (maID, zhaoID, zhouID, wangID) = (try await Self.ids(["maj"], app)[0], try await Self.ids(["zhaom"], app)[0], leaders[1], leaders[0])
            let put = try await zhang.send(.PUT, "/api/v1/duty/shifts/\(shiftID)", body: try Self.json([
                "leaderId": zhouID.uuidString, "staffIds": [maID.uuidString, zhaoID.uuidString], "version": current.version]))
            #expect(put.status == .ok, "\(put.body.string)")
            let logPath = "/api/v1/duty/shifts/\(shiftID)/log"

            let ma = try await APIClient.signIn(app, "maj")
            let noCaller = try await ma.send(.POST, logPath, body: try Self.json(["kind": "call", "content": "询问值班安排"]))
            #expect(noCaller.status == .unprocessableEntity && noCaller.body.string.contains("caller"))
            let future = try await ma.send(.POST, logPath, body: try Self.json(["kind": "event", "content": "x", "occurredAt": ISO8601DateFormatter().string(from: now.addingTimeInterval(7200))]))
            #expect(future.status == .unprocessableEntity)
            let call = try await ma.send(.POST, logPath, body: try Self.json([
                "kind": "call", "caller": "刘科长", "callerUnit": "市应急管理局", "phone": "0551-62881234",
                "content": "明日有寒潮，请各单位做好防寒防冻，并报送值班安排。"]))
            #expect(call.status == .created, "\(call.body.string)")
            let entry = try call.content.decode(DutyLogEntryView.self)
            #expect(entry.state == "open" && entry.kind == "call" && entry.author.id == maID)
            let event = try await ma.send(.POST, logPath, body: try Self.json(["kind": "event", "content": "巡查机关大院，未见异常。", "closed": true]))
            let closedEntry = try event.content.decode(DutyLogEntryView.self)
            #expect(closedEntry.state == "closed")
            // 李娜 is on the rota and reads the log; 清河县's clerk does not.
            #expect(try await (try await APIClient.signIn(app, "lina")).get(logPath).status == .ok)
            #expect(try await (try await APIClient.signIn(app, "guoyn")).get(logPath).status == .notFound)
            #expect(try await (try await APIClient.signIn(app, "guoyn")).send(.POST, "/api/v1/duty/log/\(entry.id)/close", body: "{}").status == .notFound)

            // 呈领导: 王建国 is told and may read the log.
            #expect(try await ma.send(.POST, "/api/v1/duty/log/\(entry.id)/forward", body: try Self.json(["leaderId": people[1].uuidString])).status == .unprocessableEntity)
            let forwarded = try await ma.send(.POST, "/api/v1/duty/log/\(entry.id)/forward", body: try Self.json(["leaderId": wangID.uuidString]))
            #expect(try forwarded.status == .ok && (forwarded.content.decode(DutyLogEntryView.self)).forwardedTo?.id == wangID)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == wangID).filter(\.$kind == NotificationKind.duty.rawValue)
                .all().contains { $0.link == SiteURL.dutyShift.link(shiftID) })
            #expect(try await (try await APIClient.signIn(app, "wangjg")).get(logPath).status == .ok)

            // 转督办 by the 督查员 on duty; 赵敏 (no 督查员) cannot.
            let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            let zhao = try await APIClient.signIn(app, "zhaom")
            #expect(try await zhao.send(.POST, "/api/v1/duty/log/\(entry.id)/supervise", body: try Self.json(["leadUnitIds": [qh.uuidString], "deadline": Self.day(10)])).status == .forbidden)
            let supervised = try await ma.send(.POST, "/api/v1/duty/log/\(entry.id)/supervise", body: try Self.json([
                "title": "做好寒潮防寒防冻工作", "leadUnitIds": [qh.uuidString], "deadline": Self.day(10)]))
            #expect(supervised.status == .created, "\(supervised.body.string)")
            let itemID = try #require(try supervised.content.decode(DutyLogEntryView.self).supervisionItemId)
            let item = try #require(try await SupervisionItem.find(itemID, on: app.db))
            #expect(item.title == "做好寒潮防寒防冻工作" && item.requirements.contains("明日有寒潮") && item.sourceText.hasPrefix("值班日志"))
            #expect(try await ma.send(.POST, "/api/v1/duty/log/\(entry.id)/supervise", body: try Self.json(["leadUnitIds": [qh.uuidString], "deadline": Self.day(10)])).status == .conflict)
            // 转收文 by the 收发员 on duty: registered with a 收文编号, its process started.
            #expect(try await ma.send(.POST, "/api/v1/duty/log/\(entry.id)/register", body: "{}").status == .forbidden)
            let registered = try await zhao.send(.POST, "/api/v1/duty/log/\(entry.id)/register", body: try Self.json(["title": "市应急管理局关于做好寒潮防御工作的电话通知"]))
            #expect(registered.status == .created, "\(registered.body.string)")
            let incomingID = try #require(try registered.content.decode(DutyLogEntryView.self).incomingId)
            let incoming = try #require(try await IncomingDocument.find(incomingID, on: app.db))
            #expect(incoming.senderName == "市应急管理局" && incoming.instanceID != nil && incoming.registrationNumber.hasPrefix("收〔"))
            #expect(try await zhao.send(.POST, "/api/v1/duty/log/\(entry.id)/register", body: "{}").status == .conflict)
            #expect(try await zhao.send(.POST, "/api/v1/duty/log/\(closedEntry.id)/close", body: "{}").status == .conflict)
            let note = try (try await zhao.send(.POST, logPath, body: try Self.json(["kind": "call", "phone": "12345", "content": "询问值班电话是否畅通"]))).content.decode(DutyLogEntryView.self)
            let closed = try await zhao.send(.POST, "/api/v1/duty/log/\(note.id)/close", body: try Self.json(["handling": "已答复。"]))
            #expect(try closed.status == .ok && closed.content.decode(DutyLogEntryView.self).state == "closed")

            // 交接班: not signed before; the open call goes on to the next shift.
            let zhou = try await APIClient.signIn(app, "zhouq")
            #expect(try await zhou.request(.POST, "/api/v1/duty/shifts/\(shiftID)/sign-off").status == .conflict)
            #expect(try await zhao.send(.POST, "/api/v1/duty/shifts/\(shiftID)/handover", body: try Self.json(["note": " "])).status == .unprocessableEntity)
            let handed = try await zhao.send(.POST, "/api/v1/duty/shifts/\(shiftID)/handover", body: try Self.json(["note": "寒潮通知已转督办并登记收文，待各县回复。"]))
            #expect(handed.status == .ok)
            let handedLog = try handed.content.decode(DutyShiftLogView.self)
            // The shift still lists the open call it handed on (the 带班领导 signs off what it had), marked as handed on.
            #expect(handedLog.shift.handedOver && Set(handedLog.entries.map(\.id)) == [entry.id, closedEntry.id, note.id] && !handedLog.canWrite)
            #expect(handedLog.entries.first { $0.id == entry.id }?.handedOn == true && handedLog.entries.first { $0.id == note.id }?.handedOn == false)
            let next = try #require(try await DutyLogService.nextShift(after: current, on: app.db))
            let nextLog = try await zhang.get("/api/v1/duty/shifts/\(try next.requireID())/log")
            let carried = try nextLog.content.decode(DutyShiftLogView.self)
            #expect(carried.entries.map(\.id) == [entry.id] && carried.entries[0].carried && !carried.entries[0].handedOn && carried.entries[0].originShiftId == shiftID)
            // The next shift has not begun: its state is 未开始, not 值班中.
            #expect(!carried.started && handedLog.started)
            #expect(carried.previousHandoverNote == "寒潮通知已转督办并登记收文，待各县回复。" && carried.previousHandedOverBy?.id == zhaoID)
            #expect(try await zhao.send(.POST, logPath, body: try Self.json(["kind": "event", "content": "补记"])).status == .forbidden)
            #expect(try await zhao.send(.POST, "/api/v1/duty/shifts/\(shiftID)/handover", body: try Self.json(["note": "再交"])).status == .conflict)
            // 签认: the 带班领导 only, once.
            #expect(try await ma.request(.POST, "/api/v1/duty/shifts/\(shiftID)/sign-off").status == .forbidden)
            let signed = try await zhou.request(.POST, "/api/v1/duty/shifts/\(shiftID)/sign-off")
            #expect(try signed.status == .ok && (signed.content.decode(DutyShiftLogView.self)).signedOffBy?.id == zhouID)
            #expect(try await zhou.request(.POST, "/api/v1/duty/shifts/\(shiftID)/sign-off").status == .conflict)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["duty.log.add", "duty.log.forward", "duty.log.supervise", "duty.log.register",
                                                                                 "duty.shift.handover", "duty.shift.signoff"]).count() == 8)
        }
    }
}
