import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 会议 and 领导日程 together: a leader who answers 参加 finds the meeting in the 领导周活动安排 (written by
/// ``LeaderActivities/recordFromMeeting(meetingID:leaderID:title:start:end:place:on:)``); 请假 or a cancelled meeting
/// withdraws it, and the editor's feed says STATUS:CANCELLED.
@Suite("领导日程与会议：领导回执参加后进入周活动安排，请假或会议取消后撤销", .serialized)
struct LeaderScheduleMeetingTests {
    @Test("王建国回执参加：黄磊的周表和日程中有这次会议；改为请假后撤销；会议取消后订阅中为 CANCELLED")
    func leaderAcceptsMeeting() async throws {
        try await withApp { app in
            try await LeaderScheduleTests.city(app)
            let (lina, linaActor) = try await MeetingTests.person("lina", app)
            let wang = try await CityFixture.user("wangjg", on: app).requireID()
            let zhang = try await CityFixture.user("zhangw", on: app).requireID()
            let meeting = try await MeetingService.create(.init(title: "办公室主任办公会", kind: "office", start: MeetingTests.at(1, "15:00"),
                                                                end: MeetingTests.at(1, "16:30"), venue: "external", place: "三楼小会议室",
                                                                attendeeIDs: [wang, zhang]), access: lina, actor: linaActor, app: app)
            let id = try meeting.requireID()
            _ = try await MeetingService.notify(id, access: lina, actor: linaActor, app: app)
            let (wangAccess, wangActor) = try await MeetingTests.person("wangjg", app)
            _ = try await MeetingService.reply(id, .init(reply: .attend), access: wangAccess, actor: wangActor, app: app)
            let activity = try #require(try await LeaderActivity.query(on: app.db).filter(\.$sourceID == id).first())
            #expect(activity.leaderID == wang && activity.sourceValue == .meeting && activity.place == "三楼小会议室" && !activity.isCancelled)
            // 张伟 is no leader: nothing written for him.
            _ = try await MeetingService.reply(id, .init(reply: .attend), access: try await MeetingTests.person("zhangw", app).0,
                                               actor: try await MeetingTests.person("zhangw", app).1, app: app)
            #expect(try await LeaderActivity.query(on: app.db).filter(\.$sourceID == id).count() == 1)
            // 黄磊 keeps 市政府办公室's schedule: the week table and his 日程 show it.
            let office = try await CityFixture.unit("江北市人民政府办公室", on: app).requireID()
            let huang = try await CityFixture.signedIn("huangl", app)
            let week = try await huang.get("/schedules?unit=\(office)&week=\(activity.day)")
            #expect(week.body.string.contains("办公室主任办公会") && week.body.string.contains("15:00–16:30"))
            // 请假: withdrawn; 参加 again: back.
            _ = try await MeetingService.reply(id, .init(reply: .leave, reason: "赴省开会"), access: wangAccess, actor: wangActor, app: app)
            #expect(try await LeaderActivity.find(activity.id, on: app.db)?.isCancelled == true)
            _ = try await MeetingService.reply(id, .init(reply: .attend), access: wangAccess, actor: wangActor, app: app)
            #expect(try await LeaderActivity.find(activity.id, on: app.db)?.isCancelled == false)
            // The meeting moves an hour later: the leader's activity follows it.
            var moved = MeetingService.Input(title: "办公室主任办公会", kind: "office", start: MeetingTests.at(1, "16:00"), end: MeetingTests.at(1, "17:30"),
                                             venue: "external", place: "三楼小会议室")
            moved.attendeeIDs = [wang, zhang]
            let current = try #require(try await Meeting.find(id, on: app.db))
            _ = try await MeetingService.edit(id, moved, expectedVersion: current.version, access: lina, actor: linaActor, app: app)
            let followed = try #require(try await LeaderActivity.find(activity.id, on: app.db))
            #expect(followed.startsAt == MeetingTests.at(1, "16:00") && followed.endsAt == MeetingTests.at(1, "17:30") && !followed.isCancelled)
            // The meeting is cancelled: the editor's feed tells calendars.
            let api = try await APIClient.signIn(app, "huangl")
            let path = try #require(URLComponents(string: try await api.request(.POST, "/api/v1/calendar/feed").content.get(String.self, at: "url"))?.path)
            _ = try await MeetingService.cancel(id, reason: "改期", access: lina, actor: linaActor, app: app)
            let events = try CalendarFeedTests.check(try await app.testing().sendRequest(.GET, path).body.string)
            let event = try #require(events.first { CalendarFeedTests.unescape($0.values("SUMMARY").first ?? "").hasSuffix("办公室主任办公会") })
            #expect(event.values("STATUS") == ["CANCELLED"])
        }
    }
}
