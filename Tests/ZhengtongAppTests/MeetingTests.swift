import Fluent
import Foundation
import Gongwen
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 会议 from a room to its 纪要: the city office's 会务 (李娜) keeps a room, calls a 常务会 with two counties invited as
/// units, the counties' clerks sign for it and name attendees, one attendee asks for leave and one sends a substitute,
/// seats and 席卡 are generated, people sign in, the 纪要 goes into 发文 — through the pages, with who may see what.
@Suite("会议：会议室、通知、回执与委派、单位报名、座次与席卡、签到、纪要与权限", .serialized)
struct MeetingTests {
    static func person(_ username: String, _ app: Application) async throws -> (Access, WorkflowService.Actor) {
        let user = try await CityFixture.user(username, on: app)
        let audit = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "test")
        return (try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: audit))
    }

    static func at(_ days: Int, _ time: String) -> Date {
        BeijingTime.date(day: BeijingTime.day(BeijingTime.adding(days: days, to: Date())), time: time)!
    }

    /// A room of 市政府办公室 made by 李娜: 5 rostrum seats, 3 rows of 8.
    static func room(_ app: Application, name: String = "第二会议室", approver: UUID? = nil) async throws -> MeetingRoom {
        let (lina, actor) = try await person("lina", app)
        return try await RoomService.createRoom(.init(name: name, location: "主楼二楼", capacity: 30, equipment: "投影", rows: 3, seatsPerRow: 8, rostrumSeats: 5,
                                                      approverID: approver), access: lina, actor: actor, app: app)
    }

    @Test("李娜建会议室（有误时保留所填）、发常务会通知；草稿他人看不到；两县收发员签收报名（超名额拒绝）；请假须写事由、委派他人；按职级排座、打印座次图和席卡；签到；纪要进入发文；东山县看不到")
    func wholeMeeting() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let lina = try await CityFixture.signedIn("lina", app)
            // A room: a bad capacity is refused and the name typed stays.
            let bad = try await lina.post(SiteURL.meetingRooms.path, [("name", "第一会议室"), ("capacity", "0"), ("rows", "6"), ("seatsPerRow", "12"), ("rostrumSeats", "9")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("容纳人数应为 1 至 2000。") && bad.body.string.contains("第一会议室"))
            let made = try await lina.post(SiteURL.meetingRooms.path, [("name", "第一会议室"), ("location", "主楼三楼"), ("capacity", "90"), ("rows", "6"),
                                                                      ("seatsPerRow", "12"), ("rostrumSeats", "9"), ("equipment", "投影\n话筒")])
            #expect(made.status == .seeOther)
            let room = try #require(try await MeetingRoom.query(on: app.db).filter(\.$name == "第一会议室").first())
            let roomID = try room.requireID()
            #expect(try await lina.get(SiteURL.meetingRooms.path).body.string.contains("主席台 9 座，台下 6 排 × 12 座"))
            #expect(try await lina.get(SiteURL.meetingRoom.link(roomID)).body.string.contains("投影、话筒"))
            // A clerk of 清河县 does not see the city office's rooms.
            #expect(try await (try await CityFixture.signedIn("guoyn", app)).get(SiteURL.meetingRoom.link(roomID)).status == .notFound)

            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let liu = try await CityFixture.user("liuwh", on: app).requireID()
            let wang = try await CityFixture.user("wangjg", on: app).requireID()
            let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            let ll = try await CityFixture.unit("柳林区人民政府", on: app).requireID()
            let day = BeijingTime.day(BeijingTime.adding(days: 2, to: Date()))
            var fields: [(String, String)] = [("kind", "standing"), ("date", day), ("start", "09:00"), ("end", "11:30"), ("venue", "room"),
                                              ("room", roomID.uuidString), ("host", chen.uuidString), ("notes", "请提前十分钟到场。"),
                                              ("agendaTitle[]", "研究老旧小区改造实施方案"), ("agendaReporter[]", "市住建局"), ("agendaMinutes[]", "30"),
                                              ("attendees[]", chen.uuidString), ("attendees[]", liu.uuidString), ("attendees[]", wang.uuidString),
                                              ("rostrum[]", chen.uuidString), ("rostrum[]", liu.uuidString),
                                              ("unitIds[]", qh.uuidString), ("quotas[]", "2"), ("unitIds[]", ll.uuidString), ("quotas[]", ""),
                                              ("services[]", "tea"), ("serviceNotes[]", "绿茶"), ("serviceNotes[]", ""), ("serviceNotes[]", ""),
                                              ("serviceNotes[]", ""), ("serviceNotes[]", ""), ("serviceNotes[]", "")]
            // Without a name it is refused; what was typed stays.
            let refused = try await lina.post(SiteURL.meetings.path, fields)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("请填写会议名称") && refused.body.string.contains("请提前十分钟到场。"))
            fields.append(("title", "市政府第42次常务会议"))
            let created = try await lina.post(SiteURL.meetings.path, fields)
            #expect(created.status == .seeOther)
            let meeting = try #require(try await Meeting.query(on: app.db).filter(\.$title == "市政府第42次常务会议").first())
            let id = try meeting.requireID()
            #expect(meeting.stateValue == .draft && meeting.bookingID != nil)
            #expect(try await RoomBookingSlot.query(on: app.db).filter(\.$roomID == roomID).count() == 10)

            // A draft: the people named cannot see it yet.
            let chenPage = try await CityFixture.signedIn("chenzq", app)
            #expect(try await chenPage.get(SiteURL.meeting.link(id)).status == .notFound)
            #expect(try await lina.post(SiteURL.meetingNotify.link(id)).status == .seeOther)
            #expect(try await lina.post(SiteURL.meetingNotify.link(id)).status == .conflict)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == chen).filter(\.$kind == NotificationKind.meeting.rawValue).count() == 1)
            let guoynID = try await CityFixture.user("guoyn", on: app).requireID()
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == guoynID).filter(\.$kind == NotificationKind.meeting.rawValue).count() == 1)
            let shown = try await chenPage.get(SiteURL.meeting.link(id)).body.string
            #expect(shown.contains("市政府第42次常务会议") && shown.contains("研究老旧小区改造实施方案") && shown.contains("提交回执"))
            #expect(try await chenPage.get(SiteURL.meetings.path).body.string.contains("市政府第42次常务会议"))
            // 东山县's clerk and a 清河县 bureau: 404.
            #expect(try await (try await CityFixture.signedIn("yanj", app)).get(SiteURL.meeting.link(id)).status == .notFound)
            #expect(try await (try await CityFixture.signedIn("gaoy", app)).get(SiteURL.meeting.link(id)).status == .notFound)

            // 清河县's clerk signs for it and names two; three is over the quota.
            let guoyn = try await CityFixture.signedIn("guoyn", app)
            #expect(try await guoyn.get(SiteURL.meetings.path + "?view=invited").body.string.contains("市政府第42次常务会议"))
            #expect(try await guoyn.post(SiteURL.meetingUnitReceive.link(id, qh)).status == .seeOther)
            #expect(try await guoyn.post(SiteURL.meetingUnitReceive.link(id, qh)).status == .conflict)
            let yang = try await CityFixture.user("yangf", on: app).requireID()
            let xu = try await CityFixture.user("xuhm", on: app).requireID()
            let hu = try await CityFixture.user("hux", on: app).requireID()
            let over = try await guoyn.post(SiteURL.meetingUnitAttendees.link(id, qh), [("attendees[]", yang.uuidString), ("attendees[]", xu.uuidString),
                                                                                     ("attendees[]", hu.uuidString)])
            #expect(over.status == .unprocessableEntity && over.body.string.contains("本单位名额为 2 人"))
            #expect(try await guoyn.post(SiteURL.meetingUnitAttendees.link(id, qh), [("attendees[]", yang.uuidString), ("attendees[]", xu.uuidString)]).status == .seeOther)
            // 柳林区's clerk cannot name for 清河县.
            #expect(try await (try await CityFixture.signedIn("caij", app)).post(SiteURL.meetingUnitAttendees.link(id, qh), [("attendees[]", yang.uuidString)]).status == .forbidden)

            // 王建国 asks for leave: a reason is needed. 徐慧敏 sends 胡晓 instead.
            let wangPage = try await CityFixture.signedIn("wangjg", app)
            let noReason = try await wangPage.post(SiteURL.meetingReply.link(id), [("reply", "leave")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("请假请填写事由。"))
            #expect(try await wangPage.post(SiteURL.meetingReply.link(id), [("reply", "leave"), ("reason", "赴省开会")]).status == .seeOther)
            let xuPage = try await CityFixture.signedIn("xuhm", app)
            #expect(try await xuPage.post(SiteURL.meetingReply.link(id), [("reply", "delegate"), ("substitute", hu.uuidString)]).status == .seeOther)
            #expect(try await (try await CityFixture.signedIn("hux", app)).get(SiteURL.meeting.link(id)).body.string.contains("市政府第42次常务会议"))
            #expect(try await chenPage.post(SiteURL.meetingReply.link(id), [("reply", "attend")]).status == .seeOther)
            // Reasons are for the 会务 and the person only.
            #expect(try await lina.get(SiteURL.meeting.link(id)).body.string.contains("赴省开会"))
            #expect(!(try await chenPage.get(SiteURL.meeting.link(id)).body.string.contains("赴省开会")))

            // Seats by rank: 陈志强 (主要领导) in the middle of the 9-seat rostrum, 刘文华 on his left (the audience's right).
            #expect(try await lina.post(SiteURL.meetingSeats.link(id)).status == .seeOther)
            let rows = try await MeetingAttendee.query(on: app.db).filter(\.$meetingID == id).all()
            let chenRow = try #require(rows.first { $0.userID == chen })
            let liuRow = try #require(rows.first { $0.userID == liu })
            #expect(chenRow.zoneValue == .rostrum && chenRow.seatNumber == 5 && liuRow.seatNumber == 6)
            #expect(rows.first { $0.userID == wang }?.seatRow == nil)
            #expect(rows.first { $0.userID == xu }?.seatRow == nil && rows.first { $0.userID == hu }?.seatRow == 1)
            let chart = try await lina.get(SiteURL.meetingSeatChart.link(id)).body.string
            #expect(chart.contains("陈志强") && chart.contains("胡晓") && !chart.contains("王建国"))
            let cards = try await lina.get(SiteURL.meetingNameCards.link(id)).body.string
            #expect(cards.contains("陈志强") && cards.contains("杨帆"))
            #expect(try await chenPage.get(SiteURL.meetingSeatChart.link(id)).status == .forbidden)
            // Moving 杨帆 onto 刘文华's seat swaps them.
            let yangRow = try #require(rows.first { $0.userID == yang })
            #expect(try await lina.post(SiteURL.meetingSeatMove.link(id), [("attendee", try yangRow.requireID().uuidString), ("zone", "rostrum"), ("number", "6")]).status == .seeOther)
            #expect(try await MeetingAttendee.find(liuRow.id, on: app.db)?.seatRow == yangRow.seatRow)
            #expect(try await MeetingAttendee.find(yangRow.id, on: app.db)?.seatNumber == 6)
            let outside = try await lina.post(SiteURL.meetingSeatMove.link(id), [("attendee", try yangRow.requireID().uuidString), ("zone", "hall"), ("row", "9"), ("number", "1")])
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("该座位不在会议室布局内。"))

            // Signing in on one's phone only opens half an hour before; the 会务 ticks people in.
            let early = try await chenPage.post(SiteURL.meetingSignIn.link(id))
            #expect(early.status == .conflict && early.body.string.contains("不在签到时间内"))
            let (chenAccess, chenActor) = try await Self.person("chenzq", app)
            _ = try await MeetingService.signIn(id, attendee: nil, access: chenAccess, actor: chenActor, app: app, now: meeting.startsAt.addingTimeInterval(-600))
            #expect(try await lina.post(SiteURL.meetingSignIn.link(id), [("attendee", try yangRow.requireID().uuidString)]).status == .seeOther)
            #expect(try await MeetingAttendee.find(yangRow.id, on: app.db)?.signedInAt != nil)

            // 纪要: a 发文 draft of 文种 纪要 with who came and who was on leave.
            let minutes = try await lina.post(SiteURL.meetingMinutes.link(id))
            #expect(minutes.status == .seeOther)
            let document = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$id == (try await Meeting.find(id, on: app.db))?.minutesID ?? UUID()).first())
            let typed = try document.document()
            #expect(typed.kind == .minutes && typed.attendees == ["陈志强"] && typed.observers == ["杨帆"] && typed.onLeave == ["王建国（赴省开会）"])
            #expect(try await lina.post(SiteURL.meetingMinutes.link(id)).status == .conflict)

            // 取消: the room is free again and everyone is told.
            let noCancelReason = try await lina.post(SiteURL.meetingCancel.link(id))
            #expect(noCancelReason.status == .unprocessableEntity)
            #expect(try await lina.post(SiteURL.meetingCancel.link(id), [("reason", "改期召开")]).status == .seeOther)
            #expect(try await RoomBookingSlot.query(on: app.db).filter(\.$roomID == roomID).count() == 0)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == hu).filter(\.$title == "会议取消：市政府第42次常务会议").count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["meeting.create", "meeting.notify", "meeting.reply", "meeting.unit.receive",
                                                                                "meeting.unit.name", "meeting.seats.arrange", "meeting.seats.move", "meeting.sign-in",
                                                                                "meeting.minutes", "meeting.cancel"]).count() >= 10)
        }
    }

    @Test("同一会议室同一时段两人同时预订：一人成功，另一人得到 409；相邻时段都可预订；会议改期时原时段释放")
    func doubleBooking() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let room = try await Self.room(app)
            let roomID = try room.requireID()
            let (lina, linaActor) = try await Self.person("lina", app)
            let (huang, huangActor) = try await Self.person("huangl", app)
            let start = Self.at(3, "09:00"), end = Self.at(3, "10:30")
            async let first: Result<RoomBooking, any Error> = { do { return .success(try await RoomService.book(roomID, title: "业务学习", start: start, end: end,
                                                                                                                access: lina, actor: linaActor, app: app)) } catch { return .failure(error) } }()
            async let second: Result<RoomBooking, any Error> = { do { return .success(try await RoomService.book(roomID, title: "科务会", start: start.addingTimeInterval(1800),
                                                                                                                 end: end, access: huang, actor: huangActor, app: app)) } catch { return .failure(error) } }()
            let results = [await first, await second]
            let won = results.filter { if case .success = $0 { true } else { false } }
            let lost = results.compactMap { result -> AppError? in if case .failure(let error) = result { error as? AppError } else { nil } }
            #expect(won.count == 1 && lost.count == 1)
            #expect(lost.first?.status == .conflict && lost.first?.code == "room_taken")
            #expect(try await RoomBooking.query(on: app.db).filter(\.$roomID == roomID).count() == 1)
            // Back to back is fine.
            _ = try await RoomService.book(roomID, title: "会前准备", start: Self.at(3, "08:00"), end: start, access: lina, actor: linaActor, app: app)
            _ = try await RoomService.book(roomID, title: "会后座谈", start: end, end: Self.at(3, "11:30"), access: lina, actor: linaActor, app: app)
            // Through the page, the loser sees why and keeps what was typed.
            let page = try await CityFixture.signedIn("huangl", app)
            let clash = try await page.post(SiteURL.meetingRoomBookings.link(roomID), [("title", "处务会"), ("date", BeijingTime.day(start)), ("start", "10:00"), ("end", "11:00")])
            #expect(clash.status == .conflict && clash.body.string.contains("该会议室此时段已被预订") && clash.body.string.contains("处务会"))
            // A meeting moved to another day frees its old time.
            let meeting = try await MeetingService.create(.init(title: "专题会", kind: "topical", start: Self.at(4, "14:00"), end: Self.at(4, "15:00"), venue: "room",
                                                                roomID: roomID, attendeeIDs: [try await CityFixture.user("zhangw", on: app).requireID()]),
                                                          access: lina, actor: linaActor, app: app)
            var moved = MeetingService.Input(title: "专题会", kind: "topical", start: Self.at(5, "14:00"), end: Self.at(5, "15:00"), venue: "room", roomID: roomID)
            moved.attendeeIDs = [try await CityFixture.user("zhangw", on: app).requireID()]
            _ = try await MeetingService.edit(try meeting.requireID(), moved, expectedVersion: 1, access: lina, actor: linaActor, app: app)
            _ = try await RoomService.book(roomID, title: "占用原时段", start: Self.at(4, "14:00"), end: Self.at(4, "15:00"), access: lina, actor: linaActor, app: app)
            await #expect(throws: AppError.self) {
                try await MeetingService.edit(try meeting.requireID(), moved, expectedVersion: 1, access: lina, actor: linaActor, app: app)
            }
        }
    }

    @Test("有审批人的会议室：黄磊预订待审批并保留时段，周强收到提醒；不同意须写理由，不同意后时段释放；同意后他人不能再审批")
    func bookingApproval() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let zhou = try await CityFixture.user("zhouq", on: app).requireID()
            let room = try await Self.room(app, approver: zhou)
            let roomID = try room.requireID()
            let huang = try await CityFixture.signedIn("huangl", app)
            let day = BeijingTime.day(BeijingTime.adding(days: 3, to: Date()))
            #expect(try await huang.post(SiteURL.meetingRoomBookings.link(roomID), [("title", "业务学习"), ("date", day), ("start", "14:00"), ("end", "16:00")]).status == .seeOther)
            let booking = try #require(try await RoomBooking.query(on: app.db).filter(\.$roomID == roomID).first())
            #expect(booking.stateValue == .pending)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == zhou).filter(\.$kind == NotificationKind.meeting.rawValue).count() == 1)
            // Held meanwhile.
            let (lina, linaActor) = try await Self.person("lina", app)
            await #expect(throws: AppError.self) {
                try await RoomService.book(roomID, title: "另一场", start: booking.startsAt, end: booking.endsAt, access: lina, actor: linaActor, app: app)
            }
            // 黄磊 cannot decide his own; 周强 must give a reason to refuse.
            #expect(try await huang.post(SiteURL.meetingBookingDecision.link(try booking.requireID()), [("accept", "true")]).status == .forbidden)
            let zhouPage = try await CityFixture.signedIn("zhouq", app)
            #expect(try await zhouPage.get(SiteURL.meetingRoom.link(roomID)).body.string.contains("业务学习"))
            let noReason = try await zhouPage.post(SiteURL.meetingBookingDecision.link(try booking.requireID()), [("accept", "false")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("请填写理由"))
            #expect(try await zhouPage.post(SiteURL.meetingBookingDecision.link(try booking.requireID()), [("accept", "false"), ("reason", "当天会议室检修")]).status == .seeOther)
            #expect(try await RoomBooking.find(booking.id, on: app.db)?.stateValue == .refused)
            let again = try await RoomService.book(roomID, title: "另一场", start: booking.startsAt, end: booking.endsAt, access: lina, actor: linaActor, app: app)
            #expect(again.stateValue == .confirmed)
            // Cancelling one's own booking frees it too.
            #expect(try await (try await CityFixture.signedIn("lina", app)).post(SiteURL.meetingBookingCancel.link(try again.requireID())).status == .seeOther)
            #expect(try await RoomBookingSlot.query(on: app.db).filter(\.$roomID == roomID).count() == 0)
            #expect(try await zhouPage.post(SiteURL.meetingBookingDecision.link(try booking.requireID()), [("accept", "true")]).status == .conflict)
        }
    }

    @Test("座次顺序：主席台 1 号居中，2 号在其左手（台下看为右），3 号在右手，交替向外；偶数座位时 1、2 号同居中；台下按职级、单位顺序从前排中间排起")
    func seatOrder() {
        #expect(SeatPlan.order(seats: 5) == [2, 3, 1, 4, 0])
        #expect(SeatPlan.order(seats: 6) == [2, 3, 1, 4, 0, 5])
        #expect(SeatPlan.order(seats: 1) == [0])
        #expect(SeatPlan.order(seats: 0) == [])
        func p(_ name: String, _ rank: Int, _ unit: Int) -> SeatPlan.Person { .init(id: UUID(), rank: rank, unitOrder: unit, name: name) }
        let head = p("甲", 90, 1), deputy = p("乙", 80, 1), third = p("丙", 80, 2)
        let clerks = [p("丁", 10, 3), p("戊", 10, 1), p("己", 20, 5)]
        let seats = SeatPlan.arrange(rostrum: [third, deputy, head], hall: clerks, rostrumSeats: 2, rows: 1, seatsPerRow: 3)
        #expect(seats[head.id] == .init(zone: .rostrum, row: 1, number: 1) && seats[deputy.id] == .init(zone: .rostrum, row: 1, number: 2))
        // 丙 did not fit on the rostrum and leads the hall; then 己 (higher rank), then 戊 (unit order) — 丁 has no seat.
        #expect(seats[third.id] == .init(zone: .hall, row: 1, number: 2))
        #expect(seats[clerks[2].id] == .init(zone: .hall, row: 1, number: 3) && seats[clerks[1].id] == .init(zone: .hall, row: 1, number: 1))
        #expect(seats[clerks[0].id] == nil)
    }

    @Test("日程中的会议：被点名且未请假的人看到已通知的会议，取消的显示为已取消，草稿和请假的不出现")
    func calendarEntries() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (lina, linaActor) = try await Self.person("lina", app)
            let zhang = try await CityFixture.user("zhangw", on: app).requireID()
            let huang = try await CityFixture.user("huangl", on: app).requireID()
            let held = try await MeetingService.create(.init(title: "周例会", kind: "office", start: Self.at(1, "09:00"), end: Self.at(1, "10:00"), venue: "external",
                                                             place: "三楼小会议室", attendeeIDs: [zhang, huang]), access: lina, actor: linaActor, app: app)
            let draft = try await MeetingService.create(.init(title: "草稿会", kind: "office", start: Self.at(1, "14:00"), end: Self.at(1, "15:00"), venue: "external",
                                                              place: "三楼", attendeeIDs: [zhang]), access: lina, actor: linaActor, app: app)
            _ = try await MeetingService.notify(try held.requireID(), access: lina, actor: linaActor, app: app)
            let (zhangAccess, _) = try await Self.person("zhangw", app)
            let (huangAccess, huangActor) = try await Self.person("huangl", app)
            let from = Self.at(0, "00:00"), to = Self.at(3, "00:00")
            var entries = try await CalendarSources.entries(for: zhangAccess, from: from, to: to, on: app.db)
            let heldID = try held.requireID().uuidString.lowercased()
            #expect(entries.map(\.title) == ["周例会"] && entries.first?.uid == "meeting-\(heldID)@zhengtong")
            #expect(entries.first?.location == "三楼小会议室" && entries.first?.cancelled == false)
            _ = try await MeetingService.reply(try held.requireID(), .init(reply: .leave, reason: "出差"), access: huangAccess, actor: huangActor, app: app)
            #expect(try await CalendarSources.entries(for: huangAccess, from: from, to: to, on: app.db).isEmpty)
            _ = try await MeetingService.cancel(try held.requireID(), reason: "改期", access: lina, actor: linaActor, app: app)
            entries = try await CalendarSources.entries(for: zhangAccess, from: from, to: to, on: app.db)
            #expect(entries.count == 1 && entries.first?.cancelled == true)
            #expect(!entries.contains { $0.title == draft.title })
        }
    }

    @Test("督查员从会议页把议定事项立项督办：表单带上会议名称和日期作为来源")
    func decisionsToSupervision() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (lina, actor) = try await Self.person("lina", app)
            let ma = try await CityFixture.user("maj", on: app).requireID()
            let meeting = try await MeetingService.create(.init(title: "市政府第43次常务会议", kind: "standing", start: Self.at(1, "09:00"), end: Self.at(1, "10:00"),
                                                                venue: "external", place: "市政府一楼", attendeeIDs: [ma]), access: lina, actor: actor, app: app)
            let id = try meeting.requireID()
            _ = try await MeetingService.notify(id, access: lina, actor: actor, app: app)
            let maPage = try await CityFixture.signedIn("maj", app)
            #expect(try await maPage.get(SiteURL.meeting.link(id)).body.string.contains("/supervision/new?meeting=\(id.uuidString)"))
            let form = try await maPage.get(SiteURL.supervisionNew.path + "?meeting=\(id.uuidString)").body.string
            #expect(form.contains("市政府第43次常务会议（\(BeijingTime.day(meeting.startsAt))）议定事项"))
            // A person who may not open 督办 items is not offered it.
            #expect(!(try await (try await CityFixture.signedIn("lina", app)).get(SiteURL.meeting.link(id)).body.string.contains("/supervision/new?meeting=")))
        }
    }
}
