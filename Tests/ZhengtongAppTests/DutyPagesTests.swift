import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// The 值班 pages: every route, the forms keeping what was typed on 422, a stale version's 409, drafts hidden (404).
@Suite("值班页面：排班、打印、班次与日志、换班", .serialized)
struct DutyPagesTests {
    @Test("值班管理员在页面上设置班次、建立和生成排班（未知姓名 422 并保留所填）、发布（过期版本 409）、打印；值班员记录、办结、交班，带班领导签认；换班在页面上申请、同意、批准；草稿和外单位 404")
    func pages() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let zhangUser = try await CityFixture.user("zhangw", on: app)
            let role = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.dutyManager.rawValue).first())
            try await app.write { db in try await RoleGrants.grant(role, to: zhangUser, scope: zhangUser.$unit.id, by: .system("test"), on: db) }
            let zhang = try await CityFixture.signedIn("zhangw", app)
            #expect(try await zhang.get(SiteURL.duty.path).body.string.contains("班次设置"))
            let badKind = try await zhang.post(SiteURL.dutyKinds.path, [("name", ""), ("starts", "09:00"), ("ends", "17:00"), ("staffCount", "1")])
            #expect(badKind.status == .unprocessableEntity && badKind.body.string.contains("09:00") && badKind.body.string.contains("请填写班次名称"))
            #expect(try await zhang.post(SiteURL.dutyKinds.path, [("name", "白班"), ("starts", "08:30"), ("ends", "17:30"), ("staffCount", "1")]).status == .seeOther)
            #expect(try await zhang.post(SiteURL.dutyKinds.path, [("name", "夜班"), ("starts", "17:30"), ("ends", "08:30"), ("staffCount", "1"), ("needsLeader", "true")]).status == .seeOther)
            let badRota = try await zhang.post(SiteURL.dutyRotas.path, [("title", "本周值班表"), ("startDay", DutyTests.day(5)), ("endDay", DutyTests.day(1))])
            #expect(badRota.status == .unprocessableEntity && badRota.body.string.contains("本周值班表"))
            let created = try await zhang.post(SiteURL.dutyRotas.path, [("title", "本周值班表"), ("startDay", DutyTests.day(-1)), ("endDay", DutyTests.day(6))])
            #expect(created.status == .seeOther)
            let rota = try #require(try await DutyRota.query(on: app.db).filter(\.$title == "本周值班表").first())
            let rotaID = try rota.requireID()
            #expect(created.location == SiteURL.dutyRota.link(rotaID))
            let form = try await zhang.get(SiteURL.dutyRota.link(rotaID)).body.string
            #expect(form.contains("生成排班") && form.contains("黄磊") && form.contains("王建国"))

            // Generation from names; an unknown one is named and what was typed stays.
            let unknown = try await zhang.post(SiteURL.dutyRotaGenerate.link(rotaID), [("people", "李娜\n黄磊\n无此人"), ("leaders", "王建国"), ("version", "1")])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("无此人"))
            let leave = "赵敏 \(DutyTests.day(2)) \(DutyTests.day(3)) 事假"
            let generated = try await zhang.post(SiteURL.dutyRotaGenerate.link(rotaID), [("people", "李娜\nhuangl\n赵敏"), ("leaders", "王建国\n周强"), ("leaves", leave), ("version", "1")])
            #expect(generated.status == .seeOther)
            #expect(try await DutyShift.query(on: app.db).filter(\.$rotaID == rotaID).count() == 16)
            #expect(try await (try await CityFixture.signedIn("huangl", app)).get(SiteURL.dutyRota.link(rotaID)).status == .notFound)
            // Publishing from an old page: 409 with a clear message.
            let stale = try await zhang.post(SiteURL.dutyRotaPublish.link(rotaID), [("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains("这期间已有其他人修改过"))
            #expect(try await zhang.post(SiteURL.dutyRotaPublish.link(rotaID), [("version", "2")]).status == .seeOther)
            let printed = try await zhang.get(SiteURL.dutyRotaPrint.link(rotaID))
            #expect(printed.status == .ok && printed.body.string.contains("带班领导") && printed.body.string.contains("13800000006") && printed.body.string.contains("duty-print-table"))

            // The current shift: 黄磊 on it with 周强 leading (set by hand; a stale form is 409).
            let now = Date()
            let current = try #require(try await DutyShift.query(on: app.db).filter(\.$rotaID == rotaID).filter(\.$startsAt <= now).filter(\.$endsAt > now).first())
            let shiftPath = SiteURL.dutyShift.link(try current.requireID())
            let huangID = try await CityFixture.user("huangl", on: app).requireID().uuidString
            let zhouID = try await CityFixture.user("zhouq", on: app).requireID().uuidString
            #expect(try await zhang.post(shiftPath, [("leader", zhouID), ("staff[]", huangID), ("version", String(current.version))]).status == .seeOther)
            let staleEdit = try await zhang.post(shiftPath, [("leader", zhouID), ("staff[]", huangID), ("version", String(current.version))])
            #expect(staleEdit.status == .conflict)
            let huang = try await CityFixture.signedIn("huangl", app)
            #expect(try await huang.get(SiteURL.duty.path).body.string.contains(shiftPath))
            #expect(try await huang.get(shiftPath).body.string.contains("记录来电或事件"))
            let noContent = try await huang.post(shiftPath + "/log", [("kind", "call"), ("caller", "张三"), ("content", "")])
            #expect(noContent.status == .unprocessableEntity && noContent.body.string.contains("张三"))
            #expect(try await huang.post(shiftPath + "/log", [("kind", "call"), ("caller", "张三"), ("callerUnit", "清河县人民政府办公室"), ("content", "询问元旦值班表报送时间")]).status == .seeOther)
            let logged = try await huang.get(shiftPath).body.string
            #expect(logged.contains("询问元旦值班表报送时间") && logged.contains("清河县人民政府办公室"))
            let entry = try #require(try await DutyLogEntry.query(on: app.db).filter(\.$shiftID == current.requireID()).first())
            #expect(try await huang.post("/duty/log/\(try entry.requireID())/close", [("handling", "已答复：12月25日前报送。")]).status == .seeOther)
            #expect(try await huang.post("/duty/log/\(try entry.requireID())/forward", [("leader", zhouID)]).status == .seeOther)
            #expect(try await (try await CityFixture.signedIn("guoyn", app)).get(shiftPath).status == .notFound)
            // 孙丽 (same unit, not on the rota) sees who is on duty but not the log.
            let colleague = try await (try await CityFixture.signedIn("sunl", app)).get(shiftPath)
            #expect(colleague.status == .ok && colleague.body.string.contains("黄磊") && !colleague.body.string.contains("询问元旦值班表报送时间"))
            #expect(try await huang.post(shiftPath + "/handover", [("note", "")]).status == .unprocessableEntity)
            #expect(try await huang.post(shiftPath + "/handover", [("note", "无待办事项。")]).status == .seeOther)
            let zhou = try await CityFixture.signedIn("zhouq", app)
            #expect(try await zhou.get(shiftPath).body.string.contains("带班领导签认"))
            #expect(try await zhou.post(shiftPath + "/sign-off").status == .seeOther)
            #expect(try await zhou.post(shiftPath + "/sign-off").status == .conflict)
            #expect(try await DutyShift.find(current.id, on: app.db)?.signedOffAt != nil)

            // 换班 through the pages: 黄磊 asks 李娜 to take over a later shift, she agrees, 张伟 approves.
            let lina = try await CityFixture.user("lina", on: app).requireID()
            let later = try await DutyShift.query(on: app.db).filter(\.$rotaID == rotaID).filter(\.$startsAt > now.addingTimeInterval(86_400)).sort(\.$startsAt).all()
            var mine: DutyShift?
            for shift in later where try await DutyAssignment.query(on: app.db).filter(\.$shiftID == shift.requireID()).filter(\.$userID == UUID(uuidString: huangID)!).first() != nil {
                mine = shift
                break
            }
            let swapShift = try #require(mine)
            let swapPath = SiteURL.dutyShift.link(try swapShift.requireID())
            #expect(try await huang.get(swapPath).body.string.contains("申请换班"))
            let noReason = try await huang.post(swapPath + "/swaps", [("target", lina.uuidString), ("targetShift", ""), ("reason", "")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await huang.post(swapPath + "/swaps", [("target", lina.uuidString), ("targetShift", ""), ("reason", "参加培训")]).status == .seeOther)
            let swap = try #require(try await DutySwap.query(on: app.db).first())
            let li = try await CityFixture.signedIn("lina", app)
            #expect(try await li.get(SiteURL.duty.path).body.string.contains("参加培训"))
            #expect(try await li.post(SiteURL.dutySwapDecision.link(try swap.requireID()), [("decision", "accept")]).status == .seeOther)
            #expect(try await zhang.post(SiteURL.dutySwapDecision.link(try swap.requireID()), [("decision", "approve")]).status == .seeOther)
            let again = try await zhang.post(SiteURL.dutySwapDecision.link(try swap.requireID()), [("decision", "approve")])
            #expect(again.status == .conflict && again.body.string.contains("该换班申请已被处理"))
            #expect(try await DutyAssignment.query(on: app.db).filter(\.$shiftID == swapShift.requireID()).filter(\.$userID == lina).filter(\.$removedAt == nil).count() == 1)
        }
    }

    @Test("演示数据：市政府办公室有白班/夜班、本月已发布排班、一条待审批的换班、值班日志和一次已完成的交接班")
    func demo() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await DemoCity.seedDuty(app: app)
            let rota = try #require(try await DutyRota.query(on: app.db).first())
            #expect(rota.stateValue == .published && rota.startDay.hasSuffix("-01"))
            #expect(try await DutyShiftKind.query(on: app.db).count() == 2)
            #expect(try await DutySwap.query(on: app.db).filter(\.$state == DutySwap.State.accepted.rawValue).count() == 1)
            #expect(try await DutyShift.query(on: app.db).filter(\.$handedOverAt != nil).count() == 1 || DocumentDate(Date()).day == 1)
            let zhang = try await CityFixture.signedIn("zhangw", app)
            let page = try await zhang.get(SiteURL.dutyRota.link(try rota.requireID()))
            #expect(page.status == .ok && page.body.string.contains("王建国"))
            #expect(try await zhang.get(SiteURL.duty.path).body.string.contains("孩子学校开家长会"))
        }
    }
}
