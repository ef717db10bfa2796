import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 内部邮件 through the API alone, as a phone client does it (every exchange held to openapi.json).
@Suite("内部邮件 API：草稿、附件、发送、收件箱、已读、标记、文件夹、通讯组、回复转发、撤回、删除恢复、找人", .serialized)
struct MailAPITests {
    static func json(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    @Test("手机端全流程；他人 404；版本过期 409；附件超限 413；地址无效 422")
    func phoneClient() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let zhao = try await APIClient.signIn(app, "zhaom")
            let lina = try await CityFixture.user("lina", on: app).requireID()
            let huang = try await CityFixture.user("huangl", on: app).requireID()
            let department = try #require(try await Department.query(on: app.db).filter(\.$name == "秘书一科").first()).requireID()
            // A draft with a file.
            let file = Data("部署会议纪要，请阅。".utf8).base64EncodedString()
            let drafted = try await zhao.send(.POST, "/api/v1/mail/messages", body: try Self.json([
                "subject": "会议纪要", "body": "见附件。", "to": [["kind": "department", "id": department.uuidString]], "bcc": [["kind": "person", "id": huang.uuidString]],
                "receiptRequested": true, "important": true, "draft": true, "attachments": [["name": "纪要.txt", "contentBase64": file]]]))
            #expect(drafted.status == .created, "\(drafted.body.string)")
            let id = try drafted.content.get(UUID.self, at: "id")
            #expect(try drafted.content.get(String.self, at: "status") == "draft")
            let version = try drafted.content.get(Int.self, at: "version")
            #expect(try await zhao.get("/api/v1/mail/messages?folder=drafts").body.string.contains("会议纪要"))
            let other = try await APIClient.signIn(app, "lina")
            #expect(try await other.get("/api/v1/mail/messages/\(id)").status == .notFound)
            // Files on the draft.
            let added = try await zhao.send(.POST, "/api/v1/mail/messages/\(id)/attachments", body: try Self.json(["name": "多余.txt", "contentBase64": file]))
            #expect(added.status == .created)
            let extra = try #require(try await MailAttachment.query(on: app.db).filter(\.$messageID == id).filter(\.$name == "多余.txt").first()).requireID()
            #expect(try await zhao.request(.DELETE, "/api/v1/mail/messages/\(id)/attachments/\(extra)").status == .ok)
            let bad = try await zhao.send(.POST, "/api/v1/mail/messages/\(id)/attachments", body: try Self.json(["name": "x.exe", "contentBase64": file]))
            #expect(bad.status == .unprocessableEntity)
            app.mailSettings.attachmentBytes = 10
            #expect(try await zhao.send(.POST, "/api/v1/mail/messages/\(id)/attachments", body: try Self.json(["name": "big.txt", "contentBase64": file])).status == .payloadTooLarge)
            app.mailSettings.attachmentBytes = UploadedFiles.maximumSize
            // PUT by version: stale 409, then send.
            let body: [String: Any] = ["subject": "会议纪要", "body": "见附件。", "to": [["kind": "department", "id": department.uuidString]],
                                       "bcc": [["kind": "person", "id": huang.uuidString]], "receiptRequested": true, "important": true, "version": version, "send": true]
            let stale = try await zhao.send(.PUT, "/api/v1/mail/messages/\(id)", body: try Self.json(body))
            #expect(stale.status == .conflict)
            var fresh = body
            fresh["version"] = try await zhao.get("/api/v1/mail/messages/\(id)").content.get(Int.self, at: "version")
            let sent = try await zhao.send(.PUT, "/api/v1/mail/messages/\(id)", body: try Self.json(fresh))
            #expect(try sent.status == .ok && (sent.content.get(String.self, at: "status")) == "sent")
            #expect(try await zhao.send(.PUT, "/api/v1/mail/messages/\(id)", body: try Self.json(fresh)).status == .conflict)
            // The recipient's inbox, reading, flagging.
            let inbox = try await other.get("/api/v1/mail/messages")
            #expect(try inbox.content.get(Int.self, at: "unread") == 1)
            let shown = try await other.get("/api/v1/mail/messages/\(id)")
            #expect(try shown.content.get([MailMessageDTO.Address].self, at: "bcc").isEmpty)
            let attachments = try shown.content.get([MailMessageDTO.Attachment].self, at: "attachments")
            #expect(attachments.count == 1)
            #expect(try await other.get(attachments[0].url).body.string == "部署会议纪要，请阅。")
            #expect(try await other.request(.POST, "/api/v1/mail/messages/\(id)/read", json: ["read": "x"]).status == .badRequest)
            #expect(try await other.send(.POST, "/api/v1/mail/messages/\(id)/read", body: try Self.json(["read": false])).status == .ok)
            #expect(try await other.get("/api/v1/mail/messages").content.get(Int.self, at: "unread") == 1)
            #expect(try await other.send(.POST, "/api/v1/mail/messages/\(id)/read", body: try Self.json(["read": true])).status == .ok)
            let flagged = try await other.send(.POST, "/api/v1/mail/messages/\(id)/flag", body: try Self.json(["flagged": true]))
            #expect(try flagged.content.get(Bool.self, at: "flagged"))
            // Folders.
            let folder = try await other.send(.POST, "/api/v1/mail/folders", body: try Self.json(["name": "会议"]))
            #expect(folder.status == .created)
            let folderID = try folder.content.get(UUID.self, at: "id")
            #expect(try await other.send(.POST, "/api/v1/mail/folders", body: try Self.json(["name": "会议"])).status == .unprocessableEntity)
            #expect(try await other.get("/api/v1/mail/folders").body.string.contains("会议"))
            #expect(try await other.send(.POST, "/api/v1/mail/messages/\(id)/move", body: try Self.json(["folder": folderID.uuidString])).status == .ok)
            #expect(try await other.get("/api/v1/mail/messages?folder=\(folderID)").content.get(Int.self, at: "total") == 1)
            #expect(try await other.send(.POST, "/api/v1/mail/messages/\(id)/move", body: try Self.json(["folder": "elsewhere"])).status == .unprocessableEntity)
            #expect(try await other.request(.DELETE, "/api/v1/mail/folders/\(folderID)").status == .noContent)
            #expect(try await other.get("/api/v1/mail/messages?folder=inbox").content.get(Int.self, at: "total") == 1)
            // Groups and the picker.
            let group = try await zhao.send(.POST, "/api/v1/mail/groups", body: try Self.json(["name": "两位", "members": [lina.uuidString, huang.uuidString]]))
            #expect(group.status == .created)
            #expect(try await zhao.send(.POST, "/api/v1/mail/groups", body: try Self.json(["name": "空", "members": []])).status == .unprocessableEntity)
            #expect(try await zhao.get("/api/v1/mail/groups").body.string.contains("李娜"))
            #expect(try await zhao.get("/api/v1/mail/recipients?q=ln").body.string.contains("李娜"))
            #expect(try await zhao.request(.DELETE, "/api/v1/mail/groups/\(group.content.get(UUID.self, at: "id"))").status == .noContent)
            // Reply, reply-all and forward make drafts in the thread.
            for response in ["reply", "reply-all", "forward"] {
                let made = try await other.request(.POST, "/api/v1/mail/messages/\(id)/\(response)")
                #expect(try made.status == .created && (made.content.get(UUID.self, at: "threadId")) == id)
            }
            #expect(try await other.request(.POST, "/api/v1/mail/messages/\(id)/answer").status == .notFound)
            // Receipts and recall: lina read it, huangl (密送) did not.
            let receipts = try await zhao.get("/api/v1/mail/messages/\(id)").content.get([MailMessageDTO.Recipient].self, at: "recipients")
            #expect(receipts.first { $0.id == lina }?.readAt != nil && receipts.first { $0.id == huang }?.readAt == nil)
            #expect(try await other.request(.POST, "/api/v1/mail/messages/\(id)/recall").status == .forbidden)
            let recalled = try await zhao.request(.POST, "/api/v1/mail/messages/\(id)/recall")
            let names = try recalled.content.get([MailMessageDTO.Person].self, at: "recalled").map(\.name)
            #expect(names.contains("黄磊") && !names.contains("李娜"))
            #expect(try await (await APIClient.signIn(app, "huangl")).get("/api/v1/mail/messages/\(id)").status == .notFound)
            // Delete, restore, delete for good.
            #expect(try await other.request(.POST, "/api/v1/mail/messages/\(id)/delete").status == .ok)
            #expect(try await other.get("/api/v1/mail/messages?folder=trash").content.get(Int.self, at: "total") == 1)
            #expect(try await other.request(.POST, "/api/v1/mail/messages/\(id)/restore").status == .ok)
            #expect(try await other.request(.POST, "/api/v1/mail/messages/\(id)/restore").status == .conflict)
            #expect(try await other.request(.POST, "/api/v1/mail/messages/\(id)/delete").status == .ok)
            #expect(try await other.request(.POST, "/api/v1/mail/messages/\(id)/delete").status == .noContent)
            #expect(try await other.get("/api/v1/mail/messages/\(id)").status == .notFound)
            // Sent straight away; a bad addressee 422; nobody addressed 422.
            let direct = try await zhao.send(.POST, "/api/v1/mail/messages", body: try Self.json(["subject": "直接发", "to": [["kind": "person", "id": lina.uuidString]]]))
            #expect(try direct.status == .created && (direct.content.get(String.self, at: "status")) == "sent")
            let nobody = try await zhao.send(.POST, "/api/v1/mail/messages", body: try Self.json(["subject": "没人"]))
            #expect(nobody.status == .unprocessableEntity)
            let badGroup = try await zhao.send(.POST, "/api/v1/mail/messages", body: try Self.json(["subject": "x", "to": [["kind": "group", "id": UUID().uuidString]]]))
            #expect(badGroup.status == .unprocessableEntity)
            #expect(try await zhao.get("/api/v1/mail/messages?folder=x").status == .unprocessableEntity)
        }
    }
}
