import Fluent
import Foundation
import Vapor

extension DemoCity {
    /// 会议 of 市政府办公室 (会务: 李娜), made through the service calls: three rooms (one whose bookings 周强 approves), the
    /// 常务会议 tomorrow with the three counties invited as units (清河县 has named its two, 东山县 has only signed, 柳林区 not
    /// yet), a 专题会 going on now with seats arranged and people signed in, last week's 办公会 with its 纪要 drafted, a
    /// draft for next week, a cancelled meeting and a booking waiting for approval.
    static func seedMeetings(app: Application) async throws {
        func person(_ username: String) async throws -> (User, Access, WorkflowService.Actor) {
            guard let user = try await User.query(on: app.db).filter(\.$username == username).first() else { throw AppError.notFound() }
            let audit = AuditActor(userID: user.id, username: user.username, unitID: user.$unit.id, clientAddress: "demo")
            return (user, try await Access.load(for: user, on: app.db), WorkflowService.Actor(userID: user.id, audit: audit))
        }
        func unit(_ code: String) async throws -> UUID {
            guard let found = try await Unit.query(on: app.db).filter(\.$code == code).first() else { throw AppError.notFound() }
            return try found.requireID()
        }
        func at(_ days: Int, _ time: String) -> Date {
            BeijingTime.date(day: BeijingTime.day(BeijingTime.adding(days: days, to: Date())), time: time) ?? Date()
        }
        let (_, office, officeActor) = try await person("lina")
        let (zhouq, _, _) = try await person("zhouq")
        var ids: [UUID] = []
        for username in ["chenzq", "liuwh", "wangjg", "zhouq", "zhangw", "huangl", "sunl", "maj"] { ids.append(try await person(username).0.requireID()) }
        let (chenzq, liuwh, wangjg, zhouqID, zhangw, huangl, sunl, maj) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7])
        let qh = try await unit("qh"), ll = try await unit("ll"), ds = try await unit("ds")

        let big = try await RoomService.createRoom(.init(name: "第一会议室", location: "市政府主楼三楼", capacity: 90, equipment: "投影\n话筒\n视频会议终端",
                                                         rows: 6, seatsPerRow: 12, rostrumSeats: 9), access: office, actor: officeActor, app: app)
        let small = try await RoomService.createRoom(.init(name: "第二会议室", location: "市政府主楼二楼", capacity: 30, equipment: "投影\n白板",
                                                           rows: 3, seatsPerRow: 8, rostrumSeats: 5, approverID: try zhouq.requireID()),
                                                     access: office, actor: officeActor, app: app)
        _ = try await RoomService.createRoom(.init(name: "视频会商室", location: "市政府主楼五楼", capacity: 20, equipment: "视频会议终端\n大屏",
                                                   rows: 2, seatsPerRow: 10, rostrumSeats: 0), access: office, actor: officeActor, app: app)

        // 常务会议 tomorrow: the city's leaders named, the three counties invited to send two each.
        let standing = try await MeetingService.create(.init(
            title: "市政府第42次常务会议", kind: Meeting.Kind.standing.rawValue, start: at(1, "09:00"), end: at(1, "11:30"), venue: Meeting.Venue.room.rawValue,
            roomID: big.id, hostID: chenzq, notes: "请参会人员提前10分钟到场，会议期间手机调至静音。",
            agenda: [.init(title: "研究2027年城镇老旧小区改造实施方案", reporter: "市住房城乡建设局", minutes: 30),
                     .init(title: "听取今冬明春安全生产工作情况汇报", reporter: "市应急管理局", minutes: 20),
                     .init(title: "审议《江北市政务服务“好差评”管理办法》", reporter: "市政务服务中心", minutes: 20)],
            attendeeIDs: [chenzq, liuwh, wangjg, zhouqID, zhangw], rostrumIDs: [chenzq, liuwh, wangjg], units: [(qh, 2), (ll, 2), (ds, 2)],
            services: [.init(kind: .tea, note: ""), .init(kind: .nameCards, note: "主席台及前两排"), .init(kind: .sound, note: "")]),
            access: office, actor: officeActor, app: app)
        let standingID = try standing.requireID()
        _ = try await MeetingService.notify(standingID, access: office, actor: officeActor, app: app)
        let (_, guoyn, guoynActor) = try await person("guoyn")
        _ = try await MeetingService.receive(standingID, unit: qh, access: guoyn, actor: guoynActor, app: app)
        _ = try await MeetingService.name(standingID, unit: qh, people: [try await person("yangf").0.requireID(), try await person("xuhm").0.requireID()],
                                         access: guoyn, actor: guoynActor, app: app)
        let (_, yanj, yanjActor) = try await person("yanj")
        _ = try await MeetingService.receive(standingID, unit: ds, access: yanj, actor: yanjActor, app: app)
        for username in ["chenzq", "liuwh", "yangf"] {
            let (_, access, actor) = try await person(username)
            _ = try await MeetingService.reply(standingID, .init(reply: .attend), access: access, actor: actor, app: app)
        }
        let (_, zhouqAccess, zhouqActor) = try await person("zhouq")
        _ = try await MeetingService.reply(standingID, .init(reply: .leave, reason: "赴省参加全省政务公开工作会议"), access: zhouqAccess, actor: zhouqActor, app: app)
        _ = try await MeetingService.addFile(standingID, upload: .init(name: "老旧小区改造实施方案（送审稿）.txt",
                                                                     data: Data("江北市2027年城镇老旧小区改造实施方案（送审稿）\n一、总体要求……\n".utf8)),
                                            access: office, actor: officeActor, app: app)

        // A 专题会 going on now in the second room (booked by the 会务, so no approval), seats arranged, two signed in.
        let now = Date()
        let topical = try await MeetingService.create(.init(
            title: "全市安全生产工作专题会", kind: Meeting.Kind.topical.rawValue, urgent: true, start: now.addingTimeInterval(-20 * 60),
            end: now.addingTimeInterval(100 * 60), venue: Meeting.Venue.room.rawValue, roomID: small.id, hostID: liuwh,
            agenda: [.init(title: "通报近期安全生产形势", reporter: "市应急管理局", minutes: 20)],
            attendeeIDs: [liuwh, zhouqID, zhangw, huangl, sunl, maj], rostrumIDs: [liuwh, zhouqID]), access: office, actor: officeActor, app: app,
            now: now.addingTimeInterval(-2 * 3600))
        let topicalID = try topical.requireID()
        _ = try await MeetingService.notify(topicalID, access: office, actor: officeActor, app: app, now: now.addingTimeInterval(-2 * 3600))
        _ = try await MeetingService.arrangeSeats(topicalID, access: office, actor: officeActor, app: app)
        for username in ["liuwh", "zhangw"] {
            let (_, access, actor) = try await person(username)
            _ = try await MeetingService.signIn(topicalID, attendee: nil, access: access, actor: actor, app: app)
        }

        // Last week's 办公会, held, with its 纪要 drafted into 发文.
        let past = try await MeetingService.create(.init(
            title: "市政府办公室第18次主任办公会", kind: Meeting.Kind.office.rawValue, start: at(-6, "15:00"), end: at(-6, "16:30"),
            venue: Meeting.Venue.room.rawValue, roomID: small.id, hostID: wangjg,
            agenda: [.init(title: "研究年底公文办理质量检查安排", reporter: "文电科", minutes: 30), .init(title: "研究督查工作年度总结", reporter: "督查科", minutes: 30)],
            attendeeIDs: [wangjg, zhouqID, zhangw, sunl, maj], rostrumIDs: [wangjg]), access: office, actor: officeActor, app: app, now: at(-8, "10:00"))
        let pastID = try past.requireID()
        _ = try await MeetingService.notify(pastID, access: office, actor: officeActor, app: app, now: at(-8, "10:05"))
        let (_, sunlAccess, sunlActor) = try await person("sunl")
        _ = try await MeetingService.reply(pastID, .init(reply: .leave, reason: "外出培训"), access: sunlAccess, actor: sunlActor, app: app, now: at(-7, "09:00"))
        for username in ["wangjg", "zhouq", "zhangw", "maj"] {
            let (user, _, _) = try await person(username)
            guard let row = try await MeetingAttendee.query(on: app.db).filter(\.$meetingID == pastID).filter(\.$userID == user.requireID()).first() else { continue }
            _ = try await MeetingService.signIn(pastID, attendee: row.id, access: office, actor: officeActor, app: app, now: at(-6, "14:55"))
        }
        _ = try await MeetingService.draftMinutes(pastID, issuerCode: nil, access: office, actor: officeActor, app: app)

        // A draft for next week (only the 会务 see it) and a cancelled meeting.
        _ = try await MeetingService.create(.init(
            title: "2027年度重点工作谋划座谈会", kind: Meeting.Kind.topical.rawValue, start: at(7, "14:30"), end: at(7, "17:00"),
            venue: Meeting.Venue.external.rawValue, place: "市行政中心东楼报告厅", hostID: liuwh, attendeeIDs: [liuwh, wangjg, zhangw]),
            access: office, actor: officeActor, app: app)
        let called = try await MeetingService.create(.init(
            title: "政务信息化项目推进会", kind: Meeting.Kind.video.rawValue, start: at(2, "15:00"), end: at(2, "16:00"), venue: Meeting.Venue.video.rawValue,
            place: "市视频会议系统", videoURL: "https://video.jiangbei.gov.example/room/2027", attendeeIDs: [zhouqID, zhangw], units: [(qh, 1), (ll, 1)]),
            access: office, actor: officeActor, app: app)
        _ = try await MeetingService.notify(try called.requireID(), access: office, actor: officeActor, app: app)
        _ = try await MeetingService.cancel(try called.requireID(), reason: "与省级视频会议时间冲突，另行通知", access: office, actor: officeActor, app: app)

        // 黄磊 asks for the second room; 周强 has not decided yet.
        let (_, huanglAccess, huanglActor) = try await person("huangl")
        _ = try await RoomService.book(try small.requireID(), title: "秘书一科业务学习", start: at(3, "14:00"), end: at(3, "16:00"), access: huanglAccess,
                                       actor: huanglActor, app: app)
    }
}
