import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// `/api/v1/alerts` with tokens, held to openapi.json: 邓华 sends a 重大预警 to every 乡镇 of 清河县, 唐欣 confirms (twice),
/// 邓华 follows who has not and sends again, then ends it; a unit outside his reach, someone without the role and people
/// who are not recipients are refused with stable codes.
@Suite("预警 API：发布、列表、确认、再次发送、结束、错误代码", .serialized)
struct AlertAPITests {
    struct Item: Decodable { var id: UUID }

    static func json(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    @Test("发布到各乡镇 201；收到/发出列表；接收人确认（两次无害），发布方看各单位确认；再次发送只到未确认；结束后 409 alert_closed；范围外 422、无角色 403、非接收人 404")
    func lifecycle() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            try await AlertTests.sender(app)
            let chengguan = try await CityFixture.unit("城关镇人民政府", on: app).requireID()
            let shiqiao = try await CityFixture.unit("石桥镇人民政府", on: app).requireID()
            let liulin = try await CityFixture.unit("柳林区人民政府", on: app).requireID()
            let deng = try await APIClient.signIn(app, "dengh")
            func body(_ targets: [[String: Any]], text: String = "今晚有特大暴雨，请立即转移山洪隐患点群众并确认收到。") throws -> String {
                try Self.json(["title": "暴雨红色预警", "body": text, "level": "major", "category": "weather", "targets": targets])
            }
            let towns: [[String: Any]] = [["unitId": chengguan.uuidString, "withSubunits": true], ["unitId": shiqiao.uuidString, "withSubunits": true]]

            // Refusals first: outside the grant, too long, no role.
            let outside = try await deng.send(.POST, "/api/v1/alerts", body: try body(towns + [["unitId": liulin.uuidString]]))
            #expect(outside.status == .unprocessableEntity && outside.errorCode == "unit_out_of_scope")
            let long = try await deng.send(.POST, "/api/v1/alerts", body: try body(towns, text: String(repeating: "雨", count: 301)))
            #expect(long.status == .unprocessableEntity && long.errorCode == "validation_failed"
                    && (try? long.content.get(String.self, at: "error", "fields", "body"))?.contains("300") == true)
            let hu = try await APIClient.signIn(app, "hux")
            #expect(try await hu.send(.POST, "/api/v1/alerts", body: try body(towns)).status == .forbidden)

            // Sent.
            let sent = try await deng.send(.POST, "/api/v1/alerts", body: try body(towns))
            #expect(sent.status == .created)
            let id = try sent.content.get(UUID.self, at: "id")
            #expect(try sent.content.get(Int.self, at: "status", "total") == 4)
            #expect(try sent.content.get([String].self, at: "targets") == ["城关镇人民政府及其下级单位", "石桥镇人民政府及其下级单位"])
            let sentBox = try await deng.get("/api/v1/alerts?box=sent")
            #expect(try sentBox.content.get([Self.Item].self, at: "items").map(\.id) == [id])

            // A recipient: the list, the alert with their own state (no status), confirm twice.
            let tang = try await APIClient.signIn(app, "tangx")
            let received = try await tang.get("/api/v1/alerts")
            #expect(try received.content.get([Self.Item].self, at: "items").map(\.id) == [id])
            let seen = try await tang.get("/api/v1/alerts/\(id)")
            #expect(try seen.status == .ok && (try? seen.content.get(Int.self, at: "status", "total")) == nil && (try seen.content.get(Bool.self, at: "canConfirm")))
            let first = try await tang.request(.POST, "/api/v1/alerts/\(id)/confirm")
            #expect(first.status == .ok)
            let firstAt = try first.content.get(String.self, at: "mine", "confirmedAt")
            let again = try await tang.request(.POST, "/api/v1/alerts/\(id)/confirm")
            #expect(try again.status == .ok && (try again.content.get(String.self, at: "mine", "confirmedAt")) == firstAt)
            #expect(try await tang.request(.POST, "/api/v1/alerts/\(id)/resend").status == .forbidden)

            // The sender follows per unit and sends again to the three unconfirmed only.
            let status = try await deng.get("/api/v1/alerts/\(id)")
            let units = try status.content.get([AlertUnitLine].self, at: "status", "units")
            #expect(units.first { $0.unitId == chengguan }.map { ($0.total, $0.confirmed) } ?? (0, 0) == (2, 1))
            #expect(units.first { $0.unitId == shiqiao }.map { ($0.total, $0.confirmed) } ?? (0, 0) == (2, 0))
            #expect(try await deng.request(.POST, "/api/v1/alerts/\(id)/confirm").errorCode == "not_recipient")
            let resent = try await deng.request(.POST, "/api/v1/alerts/\(id)/resend")
            #expect(try resent.status == .ok && (try resent.content.get(Int.self, at: "round")) == 2)
            let second = try await NotificationRecord.query(on: app.db).filter(\.$dedupeKey == "alert:\(id.uuidString):2").all()
            let tangID = try await CityFixture.user("tangx", on: app).requireID()
            #expect(second.count == 3 && !second.contains { $0.userID == tangID })

            // Privacy: not a recipient, not the sender's side.
            let lina = try await APIClient.signIn(app, "lina")
            #expect(try await lina.get("/api/v1/alerts/\(id)").status == .notFound)
            #expect(try await lina.request(.POST, "/api/v1/alerts/\(id)/confirm").status == .notFound)
            #expect(try await lina.get("/api/v1/alerts?box=sent").content.get([Self.Item].self, at: "items").isEmpty)

            // Closed: confirm and resend refused with a clear code.
            let closed = try await deng.request(.POST, "/api/v1/alerts/\(id)/close")
            #expect(try closed.status == .ok && (try closed.content.get(String.self, at: "state")) == "closed")
            let song = try await APIClient.signIn(app, "songt")
            let late = try await song.request(.POST, "/api/v1/alerts/\(id)/confirm")
            #expect(late.status == .conflict && late.errorCode == "alert_closed")
            #expect(try await deng.request(.POST, "/api/v1/alerts/\(id)/resend").errorCode == "alert_closed")
            #expect(try await deng.request(.POST, "/api/v1/alerts/\(id)/close").errorCode == "alert_closed")
            for action in ["alert.send", "alert.confirm", "alert.resend", "alert.close"] {
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$targetID == id.uuidString).count() == 1, "\(action)")
            }
        }
    }
}
