import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 领导日程: an editor (黄磊 for 市政府 and its office, 胡晓 for 清河县) enters leaders' activities, sees a clash before
/// saving, changes them by version and withdraws them; a week is seen by its editors only until published, then by the
/// unit's people and the leaders above it — an outsider gets 404. 会议 writes and withdraws activities through
/// ``LeaderActivities``.
@Suite("领导日程：录入与冲突、版本、撤销、周表发布与可见范围、统计、会议写入", .serialized)
struct LeaderScheduleTests {
    /// The demo city with 黄磊 keeping 市政府's schedule and 胡晓 清河县's (as the demo grants them).
    static func city(_ app: Application) async throws {
        try await CityFixture.make(on: app)
        let role = try #require(try await Role.query(on: app.db).filter(\.$code == BuiltinRole.scheduleKeeper.rawValue).first())
        let huang = try await CityFixture.user("huangl", on: app), hu = try await CityFixture.user("hux", on: app)
        let city = try await CityFixture.unit("江北市人民政府", on: app).requireID(), qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
        try await app.write { db in
            try await RoleGrants.grant(role, to: huang, scope: city, by: .system("test"), on: db)
            try await RoleGrants.grant(role, to: hu, scope: qh, by: .system("test"), on: db)
        }
    }

    /// A day of next week (0 = Monday), so the tests never depend on today.
    static func nextWeek(_ offset: Int) -> String {
        ScheduleClock.adding(7 + offset, to: ScheduleClock.monday(of: DocumentDate(Date()))).iso
    }

    static func body(_ fields: [String: Any]) throws -> String { try SupervisionTests.json(fields) }

    static func activity(leader: UUID, day: String = nextWeek(0), period: String = "timed", start: String? = "09:00", end: String? = "11:30",
                         content: String = "主持召开市政府常务会议", extra: [String: Any] = [:]) throws -> String {
        var fields: [String: Any] = ["leaderId": leader.uuidString, "day": day, "period": period, "kind": "meeting", "content": content,
                                     "place": "市政府第一会议室", "companions": "王建国", "notes": "着正装"]
        if let start { fields["startTime"] = start }
        if let end { fields["endTime"] = end }
        return try body(fields.merging(extra) { _, new in new })
    }

    @Test("接口：录入后时间冲突先提示（409 schedule_conflict），确认后保存；按版本修改，旧版本 409；撤销后保留为已取消；输入有误 422，非管理员 403，外人 404")
    func apiLifecycle() async throws {
        try await withApp { app in
            try await Self.city(app)
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let huang = try await APIClient.signIn(app, "huangl")
            let created = try await huang.send(.POST, "/api/v1/schedules/activities", body: try Self.activity(leader: chen))
            #expect(created.status == .created, "\(created.body.string)")
            let id = try created.content.get(UUID.self, at: "id")
            #expect(try created.content.get(String.self, at: "when") == "09:00–11:30")
            #expect(try created.content.get(Bool.self, at: "editable"))
            // The same leader at 10:00 somewhere else: the clash is named, nothing saved until confirmed.
            let clash = try Self.activity(leader: chen, start: "10:00", end: "12:00", content: "会见客商")
            let refused = try await huang.send(.POST, "/api/v1/schedules/activities", body: clash)
            #expect(refused.status == .conflict && refused.errorCode == "schedule_conflict")
            #expect(try refused.content.get([String: String].self, at: "error", "fields")["conflicts"]?.contains("主持召开市政府常务会议") == true)
            #expect(try await LeaderActivity.query(on: app.db).count() == 1)
            let confirmed = try await huang.send(.POST, "/api/v1/schedules/activities", body: try Self.activity(
                leader: chen, start: "10:00", end: "12:00", content: "会见客商", extra: ["confirmConflicts": true]))
            #expect(confirmed.status == .created)
            // 修改 by version: the stale one is refused.
            let path = "/api/v1/schedules/activities/\(id)"
            let changed = try await huang.send(.PATCH, path, body: try Self.activity(leader: chen, start: "08:00", end: "09:30", extra: ["version": 1]))
            #expect(try changed.status == .ok && changed.content.get(Int.self, at: "version") == 2)
            let stale = try await huang.send(.PATCH, path, body: try Self.activity(leader: chen, start: "08:30", end: "09:30", extra: ["version": 1]))
            #expect(stale.status == .conflict && stale.errorCode == "conflict")
            let noVersion = try await huang.send(.PATCH, path, body: try Self.activity(leader: chen))
            #expect(noVersion.status == .unprocessableEntity)
            // Bad input: each field named.
            let bad = try await huang.send(.POST, "/api/v1/schedules/activities", body: try Self.body([
                "leaderId": UUID().uuidString, "day": "2026-13-01", "period": "timed", "startTime": "25:00", "endTime": "x", "kind": "party", "content": ""]))
            #expect(bad.status == .unprocessableEntity && bad.errorCode == "validation_failed")
            let fields = try bad.content.get([String: String].self, at: "error", "fields")
            #expect(Set(fields.keys).isSuperset(of: ["leader", "day", "startTime", "endTime", "kind", "content"]))
            // A leader of a unit 黄磊 does not keep (清河县's 杨帆) is refused like an unknown one.
            let yang = try await CityFixture.user("yangf", on: app).requireID()
            #expect(try await huang.send(.POST, "/api/v1/schedules/activities", body: try Self.activity(leader: yang)).status == .unprocessableEntity)
            // Not an editor: 403; someone who may not see it: 404.
            let zhao = try await APIClient.signIn(app, "zhaom")
            #expect(try await zhao.send(.POST, "/api/v1/schedules/activities", body: try Self.activity(leader: chen)).status == .forbidden)
            let guo = try await APIClient.signIn(app, "guoyn")
            #expect(try await guo.get(path).status == .notFound)
            #expect(try await guo.send(.PATCH, path, body: try Self.activity(leader: chen, extra: ["version": 2])).status == .notFound)
            #expect(try await guo.request(.DELETE, path).status == .notFound)
            // The leader sees their own, unpublished.
            let chenAPI = try await APIClient.signIn(app, "chenzq")
            #expect(try await chenAPI.get(path).status == .ok)
            #expect(try await chenAPI.request(.DELETE, path).status == .forbidden)
            // 撤销: kept, cancelled.
            #expect(try await huang.request(.DELETE, path + "?version=1").status == .conflict)
            #expect(try await huang.request(.DELETE, path + "?version=2").status == .noContent)
            let shown = try await huang.get(path)
            #expect(try shown.content.get(Bool.self, at: "cancelled") && !shown.content.get(Bool.self, at: "editable"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["schedule.activity.create", "schedule.activity.edit", "schedule.activity.cancel"]).count() == 4)
            // The list: by leader and week, only what the caller sees.
            let list = try await huang.get("/api/v1/schedules/activities?leader=\(chen)&week=\(Self.nextWeek(2))")
            #expect(try list.content.get([JSONValue].self, at: "items").count == 2)
            #expect(try await guo.get("/api/v1/schedules/activities?leader=\(chen)&week=\(Self.nextWeek(2))").content.get([JSONValue].self, at: "items").isEmpty)
            #expect(try await huang.get("/api/v1/schedules/activities?week=bad").status == .unprocessableEntity)
            #expect(try await huang.get("/api/v1/schedules/activities").status == .ok)
        }
    }

    @Test("周表：发布前只有管理员看得到；发布后本单位人员和上级领导可见，外单位 404；接口同样")
    func publishVisibility() async throws {
        try await withApp { app in
            try await Self.city(app)
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let yang = try await CityFixture.user("yangf", on: app).requireID()
            let city = try await CityFixture.unit("江北市人民政府", on: app).requireID()
            let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            let huang = try await APIClient.signIn(app, "huangl")
            let created = try await huang.send(.POST, "/api/v1/schedules/activities", body: try Self.activity(leader: chen, content: "调研重点项目建设"))
            let id = try created.content.get(UUID.self, at: "id")
            let weekPath = "/api/v1/schedules/week?unit=\(city)&week=\(Self.nextWeek(3))"
            // Before publishing: the editor sees the rows; 李娜 of the office (which serves 市政府) sees none; 郭亚楠 of 清河县 gets 404.
            let mine = try await huang.get(weekPath)
            #expect(try mine.status == .ok && !mine.content.get(Bool.self, at: "published"))
            #expect(try mine.content.get([JSONValue].self, at: "rows").count == 2)
            let li = try await APIClient.signIn(app, "lina")
            let before = try await li.get(weekPath)
            #expect(try before.status == .ok && before.content.get([JSONValue].self, at: "rows").isEmpty)
            #expect(try await li.get("/api/v1/schedules/activities/\(id)").status == .notFound)
            let guo = try await APIClient.signIn(app, "guoyn")
            #expect(try await guo.get(weekPath).status == .notFound)
            let liPage = try await CityFixture.signedIn("lina", app)
            let unpublished = try await liPage.get("/schedules?unit=\(city)&week=\(Self.nextWeek(0))")
            #expect(unpublished.status == .ok && unpublished.body.string.contains("尚未发布") && !unpublished.body.string.contains("调研重点项目建设"))
            #expect(try await (try await CityFixture.signedIn("guoyn", app)).get("/schedules?unit=\(city)").status == .notFound)
            // Only an editor publishes; others 403 (or 404 for a unit they never see).
            #expect(try await li.send(.POST, "/api/v1/schedules/week/publish", body: try Self.body(["unitId": city.uuidString, "week": Self.nextWeek(0)])).status == .forbidden)
            #expect(try await guo.send(.POST, "/api/v1/schedules/week/publish", body: try Self.body(["unitId": city.uuidString, "week": Self.nextWeek(0)])).status == .notFound)
            #expect(try await huang.send(.POST, "/api/v1/schedules/week/publish", body: try Self.body(["unitId": city.uuidString, "week": "soon"])).status == .unprocessableEntity)
            let published = try await huang.send(.POST, "/api/v1/schedules/week/publish", body: try Self.body(["unitId": city.uuidString, "week": Self.nextWeek(4)]))
            #expect(try published.status == .ok && published.content.get(Bool.self, at: "published"))
            #expect(try published.content.get(String.self, at: "week") == Self.nextWeek(0))
            // After: 李娜 sees it on the page and through the API; 郭亚楠 still does not.
            let after = try await li.get(weekPath)
            #expect(try after.content.get([JSONValue].self, at: "rows").count == 2 && after.content.get(Bool.self, at: "published"))
            #expect(try await li.get("/api/v1/schedules/activities/\(id)").status == .ok)
            #expect(try await liPage.get("/schedules?unit=\(city)&week=\(Self.nextWeek(0))").body.string.contains("调研重点项目建设"))
            #expect(try await guo.get(weekPath).status == .notFound)
            #expect(try await guo.get("/api/v1/schedules/activities/\(id)").status == .notFound)
            // 清河县's week, published by 胡晓: the city's leaders (above it) read it, 柳林区's people do not.
            let hu = try await APIClient.signIn(app, "hux")
            #expect(try await hu.send(.POST, "/api/v1/schedules/activities", body: try Self.activity(leader: yang, content: "主持召开县政府常务会议")).status == .created)
            #expect(try await hu.send(.POST, "/api/v1/schedules/week/publish", body: try Self.body(["unitId": qh.uuidString, "week": Self.nextWeek(0)])).status == .ok)
            let chenPage = try await CityFixture.signedIn("chenzq", app)
            #expect(try await chenPage.get("/schedules?unit=\(qh)&week=\(Self.nextWeek(0))").body.string.contains("主持召开县政府常务会议"))
            #expect(try await (try await APIClient.signIn(app, "caij")).get("/api/v1/schedules/week?unit=\(qh)").status == .notFound)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "schedule.week.publish").count() == 2)
        }
    }

    @Test("页面：周表（领导为行、上午下午）、录入表单的冲突提示与确认、输入有误保留所填、修改与撤销、发布、打印、统计与 CSV")
    func pages() async throws {
        try await withApp { app in
            try await Self.city(app)
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let city = try await CityFixture.unit("江北市人民政府", on: app).requireID()
            let huang = try await CityFixture.signedIn("huangl", app)
            let week = try await huang.get("/schedules?unit=\(city)&week=\(Self.nextWeek(0))")
            #expect(week.status == .ok && week.body.string.contains("陈志强") && week.body.string.contains("刘文华") && week.body.string.contains("上午"))
            #expect(try await huang.get("/schedules").status == .ok)
            let form = try await huang.get("/schedules/activities/new?unit=\(city)&day=\(Self.nextWeek(1))")
            #expect(form.status == .ok && form.body.string.contains("陈志强（主要领导）"))
            func fields(_ content: String, start: String, end: String, confirm: Bool = false) -> [(String, String)] {
                var list = [("leader", chen.uuidString), ("day", Self.nextWeek(1)), ("period", "timed"), ("startTime", start), ("endTime", end),
                            ("kind", "research"), ("content", content), ("place", "清河县城关镇"), ("companions", ""), ("notes", "")]
                if confirm { list.append(("confirm", "1")) }
                return list
            }
            #expect(try await huang.post("/schedules/activities", fields("调研老旧小区改造", start: "14:30", end: "17:00")).status == .seeOther)
            // The clash is shown with a box to save anyway, the typed values kept.
            let clash = try await huang.post("/schedules/activities", fields("接待省考察组", start: "16:00", end: "18:00"))
            #expect(clash.status == .conflict)
            #expect(clash.body.string.contains("时间冲突") && clash.body.string.contains("调研老旧小区改造") && clash.body.string.contains("接待省考察组")
                    && clash.body.string.contains(#"name="confirm""#))
            #expect(try await huang.post("/schedules/activities", fields("接待省考察组", start: "16:00", end: "18:00", confirm: true)).status == .seeOther)
            // A wrong time: 422, typed values kept.
            let bad = try await huang.post("/schedules/activities", fields("出席签约仪式", start: "18:00", end: "09:00"))
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("结束时间应晚于开始时间") && bad.body.string.contains("出席签约仪式"))
            let visit = try #require(try await LeaderActivity.query(on: app.db).filter(\.$content == "调研老旧小区改造").first())
            let path = "/schedules/activities/\(try visit.requireID())"
            #expect(try await huang.get(path).body.string.contains("调研老旧小区改造"))
            var edited = fields("调研老旧小区改造项目", start: "14:30", end: "15:30")
            edited.append(("version", "1"))
            #expect(try await huang.post(path, edited).status == .seeOther)
            let staleForm = try await huang.post(path, edited)
            #expect(staleForm.status == .conflict && staleForm.body.string.contains("已被他人修改"))
            let table = try await huang.get("/schedules?unit=\(city)&week=\(Self.nextWeek(0))").body.string
            #expect(table.contains("14:30–15:30") && table.contains("调研老旧小区改造项目") && table.contains("清河县城关镇"))
            // Print view: its own A4 landscape page.
            let printed = try await huang.get("/schedules/print?unit=\(city)&week=\(Self.nextWeek(0))")
            #expect(printed.status == .ok && printed.body.string.contains("领导周活动安排表") && printed.body.string.contains("江北市人民政府")
                    && printed.body.string.contains("schedule-print"))
            #expect(try await (try await CityFixture.signedIn("lina", app)).get("/schedules/print?unit=\(city)&week=\(Self.nextWeek(0))").status == .notFound)
            #expect(try await huang.get("/css/schedule.css").body.string.contains("size: A4 landscape"))
            // 撤销 and 发布 from the page.
            #expect(try await huang.post(path + "/cancel", [("version", "2")]).status == .seeOther)
            #expect(try await LeaderActivity.find(visit.id, on: app.db)?.isCancelled == true)
            #expect(try await huang.post("/schedules/publish", [("unit", city.uuidString), ("week", Self.nextWeek(0))]).status == .seeOther)
            #expect(try await huang.get("/schedules?unit=\(city)&week=\(Self.nextWeek(0))").body.string.contains(#"data-published="true""#))
            // Statistics for the period, and as CSV: the withdrawn 调研 is not counted, the 接待省考察组 (typed as 调研) is.
            let stats = try await huang.get("/schedules/stats?unit=\(city)&from=\(Self.nextWeek(0))&to=\(Self.nextWeek(6))")
            #expect(stats.status == .ok && stats.body.string.contains("陈志强") && stats.body.string.contains("调研"))
            let csv = try await huang.get("/schedules/stats.csv?unit=\(city)&from=\(Self.nextWeek(0))&to=\(Self.nextWeek(6))")
            #expect(csv.headers.contentType?.subType == "csv" && csv.body.string.contains("\"陈志强\",\"0\",\"1\",\"0\",\"0\",\"0\",\"1\""))
            #expect(try await huang.get("/schedules/stats?unit=\(city)&from=2026-02-30").status == .unprocessableEntity)
            #expect(try await (try await CityFixture.signedIn("guoyn", app)).get("/schedules/stats?unit=\(city)").status == .notFound)
            // The same table through the API, for a phone client.
            let huangAPI = try await APIClient.signIn(app, "huangl")
            let statsTable = try await huangAPI.get("/api/v1/schedules/statistics?unit=\(city)&from=\(Self.nextWeek(0))&to=\(Self.nextWeek(6))")
            let lines = try statsTable.content.get([LeaderScheduleStats.Line].self, at: "lines")
            #expect(statsTable.status == .ok && lines.first { $0.leaderName == "陈志强" }.map { ($0.counts, $0.total) } ?? ([], 0) == ([0, 1, 0, 0, 0], 1))
            #expect(try await huangAPI.get("/api/v1/schedules/statistics?unit=\(city)&from=2026-02-30").status == .unprocessableEntity)
            #expect(try await (try await APIClient.signIn(app, "guoyn")).get("/api/v1/schedules/statistics?unit=\(city)").status == .notFound)
            // A non-editor gets no form.
            #expect(try await (try await CityFixture.signedIn("zhaom", app)).get("/schedules/activities/new").status == .forbidden)
        }
    }

    @Test("会议写入：recordFromMeeting 按（会议、领导）只写一项并随会议更新；withdrawFromMeeting 标为已取消（单个领导或全部）")
    func fromMeetings() async throws {
        try await withApp { app in
            try await Self.city(app)
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let liu = try await CityFixture.user("liuwh", on: app).requireID()
            let meeting = UUID()
            let start = ScheduleClock.instant(try #require(DocumentDate(iso: Self.nextWeek(2))), minutes: 9 * 60)
            try await app.write { db in
                try await LeaderActivities.recordFromMeeting(meetingID: meeting, leaderID: chen, title: "市政府第40次常务会议", start: start,
                                                             end: start.addingTimeInterval(7200), place: "第一会议室", on: db)
                try await LeaderActivities.recordFromMeeting(meetingID: meeting, leaderID: liu, title: "市政府第40次常务会议", start: start,
                                                             end: start.addingTimeInterval(7200), place: nil, on: db)
            }
            // The meeting moved an hour: the same activity, changed.
            try await app.write { db in
                try await LeaderActivities.recordFromMeeting(meetingID: meeting, leaderID: chen, title: "市政府第40次常务会议", start: start.addingTimeInterval(3600),
                                                             end: start.addingTimeInterval(10800), place: "第二会议室", on: db)
            }
            let chens = try await LeaderActivity.query(on: app.db).filter(\.$leaderID == chen).all()
            #expect(chens.count == 1)
            let first = try #require(chens.first)
            #expect(first.sourceValue == .meeting && first.sourceID == meeting && first.version == 2 && first.place == "第二会议室" && first.kindValue == .meeting)
            #expect(first.startsAt == start.addingTimeInterval(3600) && first.day == Self.nextWeek(2))
            // It comes from the meeting: not changed or withdrawn here.
            let huang = try await APIClient.signIn(app, "huangl")
            let shown = try await huang.get("/api/v1/schedules/activities/\(try first.requireID())")
            #expect(try shown.content.get(String.self, at: "source") == "meeting" && shown.content.get(UUID.self, at: "meetingId") == meeting)
            #expect(try await huang.request(.DELETE, "/api/v1/schedules/activities/\(try first.requireID())").status == .forbidden)
            // 刘文华 leaves the meeting; then it is cancelled for everyone.
            try await app.write { db in try await LeaderActivities.withdrawFromMeeting(meetingID: meeting, leaderID: liu, on: db) }
            #expect(try await LeaderActivity.query(on: app.db).filter(\.$leaderID == liu).first()?.isCancelled == true)
            #expect(try await LeaderActivity.query(on: app.db).filter(\.$leaderID == chen).first()?.isCancelled == false)
            try await app.write { db in try await LeaderActivities.withdrawFromMeeting(meetingID: meeting, leaderID: nil, on: db) }
            #expect(try await LeaderActivity.query(on: app.db).filter(\.$state == "active").count() == 0)
            // The editor's 日程 keeps them, cancelled, with their stable UIDs.
            let access = try await Access.load(for: try await CityFixture.user("huangl", on: app), on: app.db)
            let entries = try await CalendarSources.entries(for: access, from: start.addingTimeInterval(-86_400), to: start.addingTimeInterval(86_400), on: app.db)
            #expect(entries.count == 2 && entries.allSatisfy(\.cancelled))
            let uid = "leader-activity-\(try first.requireID().uuidString.lowercased())@zhengtong"
            #expect(entries.contains { $0.uid == uid })
            // Accepted again: active again, the same row.
            try await app.write { db in
                try await LeaderActivities.recordFromMeeting(meetingID: meeting, leaderID: chen, title: "市政府第40次常务会议", start: start,
                                                             end: start.addingTimeInterval(7200), place: nil, on: db)
            }
            #expect(try await LeaderActivity.query(on: app.db).filter(\.$leaderID == chen).all().map(\.isCancelled) == [false])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["schedule.activity.meeting", "schedule.activity.meeting_withdrawn"]).count() == 6)
        }
    }

    @Test("日程页（日、周、月）和工作台的今日日程；GET /api/v1/calendar 给出同样的条目，日期有误 422")
    func calendarAndDesk() async throws {
        try await withApp { app in
            try await Self.city(app)
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let huang = try await APIClient.signIn(app, "huangl")
            let today = DocumentDate(Date()).iso
            #expect(try await huang.send(.POST, "/api/v1/schedules/activities", body: try Self.activity(
                leader: chen, day: today, period: "allDay", start: nil, end: nil, content: "全天在市行政中心办公")).status == .created)
            // 陈志强 sees his own; 黄磊 the leader's he keeps, named.
            let chenPage = try await CityFixture.signedIn("chenzq", app)
            for view in ["day", "week", "month"] {
                let page = try await chenPage.get("/calendar?view=\(view)&date=\(today)")
                #expect(page.status == .ok && page.body.string.contains("全天在市行政中心办公"), "\(view)")
            }
            #expect(try await chenPage.get("/calendar").body.string.contains("日历订阅"))
            let desk = try await chenPage.get("/").body.string
            #expect(DeskTests.block("schedule", in: desk).contains("全天在市行政中心办公") && DeskTests.block("schedule", in: desk).contains("08:30–18:00"))
            let huangDesk = try await (try await CityFixture.signedIn("huangl", app)).get("/").body.string
            #expect(DeskTests.block("schedule", in: huangDesk).contains("陈志强：全天在市行政中心办公"))
            let other = try await (try await CityFixture.signedIn("lina", app)).get("/").body.string
            #expect(DeskTests.block("schedule", in: other).contains("今天没有日程。"))
            let list = try await huang.get("/api/v1/calendar?from=\(today)&to=\(today)")
            struct Item: Decodable { var kind: String; var uid: String }
            let items = try list.content.get([Item].self, at: "items")
            #expect(items.map(\.kind) == ["leaderActivity"] && items[0].uid.hasPrefix("leader-activity-"))
            #expect(try await huang.get("/api/v1/calendar").status == .ok)
            #expect(try await huang.get("/api/v1/calendar?from=2026-01-01&to=2026-12-31").status == .unprocessableEntity)
            #expect(try await huang.get("/api/v1/calendar?from=yesterday").status == .unprocessableEntity)
            let desk2 = try await (try await APIClient.signIn(app, "chenzq")).get("/api/v1/desk")
            #expect(desk2.status == .ok && desk2.body.string.contains("\"schedule\""))
        }
    }

    @Test("字符串表：领导日程和日程的条目没有被同名的旧条目遮住")
    func stringsNotShadowed() {
        for (key, value) in Strings.schedulePage.merging(Strings.calendarPage, uniquingKeysWith: { first, _ in first }) {
            #expect(Strings.page[key] == value, "\(key) is taken by another table")
        }
    }

    @Test("示范数据：本周和下周的领导活动，本周已发布；不预先生成订阅地址")
    func demo() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await DemoCity.seedLeaderSchedule(app: app)
            let monday = ScheduleClock.monday(of: DocumentDate(Date())).iso
            #expect(try await LeaderActivity.query(on: app.db).count() >= 20)
            #expect(try await LeaderWeek.query(on: app.db).filter(\.$week == monday).count() == 3)
            #expect(try await CalendarFeed.query(on: app.db).count() == 0)
            let li = try await CityFixture.signedIn("lina", app)
            let city = try await CityFixture.unit("江北市人民政府", on: app).requireID()
            #expect(try await li.get("/schedules?unit=\(city)").body.string.contains("市政府第38次常务会议"))
        }
    }
}
