import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 会议 through the API alone, as a phone client does it (every exchange held to openapi.json), and the page routes the
/// whole-meeting test does not reach.
@Suite("会议 API：会议室、预订、会议全流程、资料与服务；其余页面", .serialized)
struct MeetingAPITests {
    static func json(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    static func rfc(_ days: Int, _ time: String) -> String {
        let date = MeetingTests.at(days, time)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return formatter.string(from: date)
    }

    @Test("手机端：建会议室、预订冲突 409、新建会议（版本过期 409）、发通知、单位签收报名、回执委派、排座调座、签到、上传下载资料、服务落实、催报、纪要、取消；看不到的 404")
    func phoneClient() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let lina = try await APIClient.signIn(app, "lina")
            // Rooms.
            let badRoom = try await lina.send(.POST, "/api/v1/rooms", body: try Self.json(["name": "第一会议室", "capacity": 90, "rows": 0, "seatsPerRow": 10, "rostrumSeats": 7]))
            #expect(badRoom.status == .unprocessableEntity && badRoom.errorCode == "validation_failed")
            let madeRoom = try await lina.send(.POST, "/api/v1/rooms", body: try Self.json(["name": "第一会议室", "location": "主楼三楼", "capacity": 90, "rows": 6,
                                                                                           "seatsPerRow": 10, "rostrumSeats": 7, "equipment": ["投影", "话筒"]]))
            #expect(madeRoom.status == .created)
            let roomID = try madeRoom.content.get(UUID.self, at: "id")
            #expect(try await lina.get("/api/v1/rooms").body.string.contains("第一会议室"))
            let renamed = try await lina.send(.PATCH, "/api/v1/rooms/\(roomID)", body: try Self.json(["name": "第一会议室", "location": "主楼三楼东", "capacity": 90,
                                                                                                      "rows": 6, "seatsPerRow": 10, "rostrumSeats": 7, "version": 1]))
            #expect(try renamed.status == .ok && (try renamed.content.get(String.self, at: "location")) == "主楼三楼东")
            let stale = try await lina.send(.PATCH, "/api/v1/rooms/\(roomID)", body: try Self.json(["name": "第一会议室", "capacity": 90, "rows": 6,
                                                                                                    "seatsPerRow": 10, "rostrumSeats": 7, "version": 1]))
            #expect(stale.status == .conflict)
            #expect(try await (try await APIClient.signIn(app, "guoyn")).get("/api/v1/rooms/\(roomID)").status == .notFound)

            // A booking, and a clash.
            let huang = try await APIClient.signIn(app, "huangl")
            let booked = try await huang.send(.POST, "/api/v1/rooms/\(roomID)/bookings", body: try Self.json(["title": "科务会", "startsAt": Self.rfc(2, "14:00"),
                                                                                                              "endsAt": Self.rfc(2, "15:00")]))
            #expect(try booked.status == .created && (try booked.content.get(String.self, at: "state")) == "confirmed")
            let bookingID = try booked.content.get(UUID.self, at: "id")
            let clash = try await lina.send(.POST, "/api/v1/rooms/\(roomID)/bookings", body: try Self.json(["title": "另一场", "startsAt": Self.rfc(2, "14:30"),
                                                                                                            "endsAt": Self.rfc(2, "15:30")]))
            #expect(clash.status == .conflict && clash.errorCode == "room_taken")
            let badTime = try await lina.send(.POST, "/api/v1/rooms/\(roomID)/bookings", body: try Self.json(["title": "另一场", "startsAt": "明天上午", "endsAt": Self.rfc(2, "15:30")]))
            #expect(badTime.status == .unprocessableEntity)
            #expect(try await lina.get("/api/v1/rooms/\(roomID)/bookings?from=\(Self.rfc(2, "00:00").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)").body.string.contains("科务会"))
            #expect(try await lina.request(.POST, "/api/v1/bookings/\(bookingID)/decision", json: ["reason": "x"]).status == .unprocessableEntity)
            #expect(try await huang.request(.POST, "/api/v1/bookings/\(bookingID)/cancel").status == .ok)
            #expect(try await huang.request(.POST, "/api/v1/bookings/\(bookingID)/cancel").status == .conflict)

            // A meeting.
            let chen = try await CityFixture.user("chenzq", on: app).requireID()
            let zhang = try await CityFixture.user("zhangw", on: app).requireID()
            let qh = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            var body: [String: Any] = ["title": "全市安全生产工作会议", "kind": "topical", "urgent": true, "startsAt": Self.rfc(2, "09:00"), "endsAt": Self.rfc(2, "10:30"),
                                       "venue": "room", "roomId": roomID.uuidString, "hostId": chen.uuidString, "attendeeIds": [zhang.uuidString],
                                       "rostrumIds": [chen.uuidString], "units": [["unitId": qh.uuidString, "quota": 1]],
                                       "agenda": [["title": "通报安全生产形势", "reporter": "市应急管理局", "minutes": 20]],
                                       "services": [["kind": "tea"], ["kind": "projector", "note": "笔记本电脑接口"]]]
            let created = try await lina.send(.POST, "/api/v1/meetings", body: try Self.json(body))
            #expect(created.status == .created, "\(created.body.string)")
            let id = try created.content.get(UUID.self, at: "id")
            #expect(try (try created.content.get(Bool.self, at: "actions", "notify")) == true)
            body["version"] = 1
            body["notes"] = "请带好材料。"
            #expect(try await lina.send(.PATCH, "/api/v1/meetings/\(id)", body: try Self.json(body)).status == .ok)
            #expect(try await lina.send(.PATCH, "/api/v1/meetings/\(id)", body: try Self.json(body)).status == .conflict)
            let chenAPI = try await APIClient.signIn(app, "chenzq")
            #expect(try await chenAPI.get("/api/v1/meetings/\(id)").status == .notFound)
            let notified = try await lina.request(.POST, "/api/v1/meetings/\(id)/notify")
            #expect(try notified.status == .ok && (try notified.content.get(String.self, at: "state")) == "notified")
            // Urgent: the attendees' phones get it through the outbox.
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$address == "13800000001").count() == 1)
            let mine = try await chenAPI.get("/api/v1/meetings?view=mine")
            #expect(mine.status == .ok && mine.body.string.contains("全市安全生产工作会议"))
            #expect(try await chenAPI.get("/api/v1/meetings?view=sideways").status == .unprocessableEntity)
            #expect(try await (try await APIClient.signIn(app, "yanj")).get("/api/v1/meetings/\(id)").status == .notFound)

            // 清河县's clerk signs and names 杨帆, who sends 何军 instead.
            let guoyn = try await APIClient.signIn(app, "guoyn")
            #expect(try await guoyn.get("/api/v1/meetings?view=invited").body.string.contains("全市安全生产工作会议"))
            #expect(try await guoyn.request(.POST, "/api/v1/meetings/\(id)/units/\(qh)/receive").status == .ok)
            let yang = try await CityFixture.user("yangf", on: app).requireID()
            let he = try await CityFixture.user("hejun", on: app).requireID()
            #expect(try await guoyn.send(.POST, "/api/v1/meetings/\(id)/units/\(qh)/attendees", body: try Self.json(["userIds": [yang.uuidString, he.uuidString]])).status == .unprocessableEntity)
            #expect(try await guoyn.send(.POST, "/api/v1/meetings/\(id)/units/\(qh)/attendees", body: try Self.json(["userIds": [yang.uuidString]])).status == .ok)
            let yangAPI = try await APIClient.signIn(app, "yangf")
            let delegated = try await yangAPI.send(.POST, "/api/v1/meetings/\(id)/reply", body: try Self.json(["reply": "delegate", "substituteId": he.uuidString]))
            #expect(try delegated.status == .ok && (try delegated.content.get(String.self, at: "mine", "reply")) == "delegate")
            #expect(try await chenAPI.send(.POST, "/api/v1/meetings/\(id)/reply", body: try Self.json(["reply": "attend"])).status == .ok)
            #expect(try await chenAPI.send(.POST, "/api/v1/meetings/\(id)/reply", body: try Self.json(["reply": "leave"])).status == .unprocessableEntity)

            // Seats, then a move.
            let arranged = try await lina.request(.POST, "/api/v1/meetings/\(id)/seats")
            #expect(try arranged.status == .ok && (try arranged.content.get(Int.self, at: "unseated")) == 0)
            let heRow = try #require(try await MeetingAttendee.query(on: app.db).filter(\.$meetingID == id).filter(\.$userID == he).first())
            let moved = try await lina.send(.POST, "/api/v1/meetings/\(id)/seats/move", body: try Self.json(["attendeeId": try heRow.requireID().uuidString, "zone": "hall",
                                                                                                             "row": 2, "number": 5]))
            #expect(moved.status == .ok)
            #expect(try await MeetingAttendee.find(heRow.id, on: app.db)?.seatRow == 2)
            #expect(try await chenAPI.request(.POST, "/api/v1/meetings/\(id)/seats").status == .forbidden)

            // Sign-in: too early for oneself; the 会务 ticks and takes it back.
            #expect(try await chenAPI.request(.POST, "/api/v1/meetings/\(id)/sign-in").status == .conflict)
            #expect(try await lina.send(.POST, "/api/v1/meetings/\(id)/sign-in", body: try Self.json(["attendeeId": try heRow.requireID().uuidString])).status == .ok)
            let undone = try await lina.send(.POST, "/api/v1/meetings/\(id)/sign-in", body: try Self.json(["attendeeId": try heRow.requireID().uuidString, "undo": true]))
            #expect(try undone.status == .ok && (try undone.content.get(Int.self, at: "counts", "signedIn")) == 0)

            // Materials: uploaded by the 会务, read by attendees.
            let file = try await lina.send(.POST, "/api/v1/meetings/\(id)/files", body: try Self.json(["name": "汇报材料.txt", "contentBase64": Data("安全生产形势通报".utf8).base64EncodedString()]))
            #expect(file.status == .created)
            let fileURL = try file.content.get(String.self, at: "url")
            let download = try await chenAPI.get(fileURL)
            #expect(download.status == .ok && download.body.string == "安全生产形势通报")
            #expect(try await (try await APIClient.signIn(app, "yanj")).get(fileURL).status == .notFound)
            #expect(try await lina.send(.POST, "/api/v1/meetings/\(id)/files", body: try Self.json(["name": "x.exe", "contentBase64": Data("MZ\u{90}\u{0}".utf8).base64EncodedString()])).status == .unprocessableEntity)

            // Services, 催报, 纪要, cancel.
            let shown = try await lina.get("/api/v1/meetings/\(id)")
            let services = try shown.content.get([MeetingView.Service].self, at: "services")
            let projector = try #require(services.first { $0.kind == .projector })
            #expect(projector.note == "笔记本电脑接口")
            #expect(try await lina.request(.POST, "/api/v1/meetings/\(id)/services/\(projector.id)/done").status == .ok)
            #expect(try await lina.request(.POST, "/api/v1/meetings/\(id)/services/\(projector.id)/done").status == .conflict)
            // 张伟 has not answered; 何军 was ticked in by the 会务, which counts as 参加 even after the tick is taken back.
            let reminded = try await lina.request(.POST, "/api/v1/meetings/\(id)/remind")
            #expect(try reminded.status == .ok && (try reminded.content.get(Int.self, at: "reminded")) == 1)
            let minutes = try await lina.request(.POST, "/api/v1/meetings/\(id)/minutes")
            #expect(minutes.status == .created)
            let outgoingURL = try minutes.content.get(String.self, at: "url")
            #expect(try await lina.get(outgoingURL).status == .ok)
            #expect(try await lina.send(.POST, "/api/v1/meetings/\(id)/cancel", body: "{}").status == .unprocessableEntity)
            let cancelled = try await lina.send(.POST, "/api/v1/meetings/\(id)/cancel", body: try Self.json(["reason": "改期"]))
            #expect(try cancelled.status == .ok && (try cancelled.content.get(String.self, at: "state")) == "cancelled")
            #expect(try await chenAPI.send(.POST, "/api/v1/meetings/\(id)/reply", body: try Self.json(["reply": "attend"])).status == .conflict)
            #expect(try await lina.get("/api/v1/meetings?view=organized&when=upcoming").body.string.contains("全市安全生产工作会议"))
        }
    }

    @Test("其余页面：会议室新增与修改表单、会议修改表单、上传和下载资料、服务落实、催报、撤销签到、列表各页签")
    func remainingPages() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let lina = try await CityFixture.signedIn("lina", app)
            #expect(try await lina.get(SiteURL.meetingRoomNew.path).body.string.contains("主席台座位"))
            let room = try await MeetingTests.room(app)
            let roomID = try room.requireID()
            #expect(try await lina.get(SiteURL.meetingRoomEdit.link(roomID)).body.string.contains("第二会议室"))
            let staleRoom = try await lina.post(SiteURL.meetingRoom.link(roomID), [("version", "9"), ("name", "第二会议室"), ("capacity", "30"), ("rows", "3"),
                                                                                  ("seatsPerRow", "8"), ("rostrumSeats", "5")])
            #expect(staleRoom.status == .conflict && staleRoom.body.string.contains("内容已被他人修改"))
            #expect(try await lina.post(SiteURL.meetingRoom.link(roomID), [("version", "1"), ("name", "小会议室"), ("capacity", "30"), ("rows", "3"),
                                                                          ("seatsPerRow", "8"), ("rostrumSeats", "5"), ("disabled", "on")]).status == .seeOther)
            #expect(try await MeetingRoom.find(roomID, on: app.db)?.isDisabled == true)
            #expect(try await (try await CityFixture.signedIn("huangl", app)).get(SiteURL.meetingRoomNew.path).status == .forbidden)

            let (access, actor) = try await MeetingTests.person("lina", app)
            let zhang = try await CityFixture.user("zhangw", on: app).requireID()
            let meeting = try await MeetingService.create(.init(title: "周例会", kind: "office", start: MeetingTests.at(1, "09:00"), end: MeetingTests.at(1, "10:00"),
                                                                venue: "external", place: "三楼", attendeeIDs: [zhang],
                                                                services: [.init(kind: .tea, note: "")]), access: access, actor: actor, app: app)
            let id = try meeting.requireID()
            #expect(try await lina.get(SiteURL.meetingNew.path).body.string.contains("会议类型"))
            let edit = try await lina.get(SiteURL.meetingEdit.link(id)).body.string
            #expect(edit.contains("周例会") && edit.contains("三楼"))
            let staleMeeting = try await lina.post(SiteURL.meeting.link(id), [("version", "7"), ("title", "周例会（改）"), ("kind", "office"),
                                                                             ("date", BeijingTime.day(meeting.startsAt)), ("start", "09:00"), ("end", "10:00"),
                                                                             ("venue", "external"), ("place", "三楼"), ("attendees[]", zhang.uuidString)])
            #expect(staleMeeting.status == .conflict && staleMeeting.body.string.contains("周例会（改）"))
            _ = try await MeetingService.notify(id, access: access, actor: actor, app: app)
            // A file through the page's upload, then downloaded by the attendee.
            let boundary = "zt-meeting"
            var upload = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(lina.csrf ?? "")\r\n"
            upload += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"议程.txt\"\r\nContent-Type: text/plain\r\n\r\n周例会议程\r\n--\(boundary)--\r\n"
            #expect(try await lina.sendRaw(.POST, SiteURL.meetingFiles.link(id), body: upload,
                                           contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])).status == .seeOther)
            let file = try #require(try await MeetingFile.query(on: app.db).filter(\.$meetingID == id).first())
            let zhangPage = try await CityFixture.signedIn("zhangw", app)
            #expect(try await zhangPage.get(SiteURL.meetingFile.link(id, try file.requireID())).body.string == "周例会议程")
            let request = try #require(try await MeetingServiceRequest.query(on: app.db).filter(\.$meetingID == id).first())
            #expect(try await zhangPage.post(SiteURL.meetingServiceDone.link(id, try request.requireID())).status == .forbidden)
            #expect(try await lina.post(SiteURL.meetingServiceDone.link(id, try request.requireID())).status == .seeOther)
            #expect(try await lina.post(SiteURL.meetingRemind.link(id)).status == .seeOther)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == zhang).filter(\.$title == "请尽快回执或报名：周例会").count() == 1)
            let row = try #require(try await MeetingAttendee.query(on: app.db).filter(\.$meetingID == id).first())
            #expect(try await lina.post(SiteURL.meetingSignIn.link(id), [("attendee", try row.requireID().uuidString)]).status == .seeOther)
            #expect(try await lina.post(SiteURL.meetingSignIn.link(id), [("attendee", try row.requireID().uuidString), ("undo", "true")]).status == .seeOther)
            #expect(try await MeetingAttendee.find(row.id, on: app.db)?.signedInAt == nil)
            for view in ["mine", "organized", "invited"] {
                #expect(try await lina.get(SiteURL.meetings.path + "?view=\(view)&when=past").status == .ok)
            }
            #expect(try await lina.get(SiteURL.meetings.path + "?view=organized").body.string.contains("周例会"))
        }
    }
}
