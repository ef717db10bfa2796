import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Issue 14: saving, autosaving and patching a 发文 are one service call. A substantive edit after 签发 goes back to
/// the signer on every door, in the edit's own transaction — before, the page's autosave stored the edit without
/// it, and the later save found nothing changed, so the document never went back.
@Suite("签发后修改正文：页面保存、自动保存、API 修改都退回签发人", .serialized)
struct OutgoingEditPathsTests {
    /// A notice of 黄磊's, signed by 王建国 and waiting at 编号登记 with 赵敏.
    static func signed(_ app: Application) async throws -> (id: UUID, instance: UUID, version: Int) {
        _ = try await OutgoingProcessTests.office(app)
        let drafter = try await APIClient.signIn(app, "huangl")
        let id = try await drafter.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"江政办发"}"#).content.get(UUID.self, at: "id")
        let patch = #"{"version":1,"document":{"kind":"notice","title":"关于甲的通知","mainRecipients":["各局"],"body":"原来的正文。","signatureName":"江北市人民政府办公室","printedBy":"江北市人民政府办公室"}}"#
        #expect(try await drafter.send(.PATCH, "/api/v1/outgoing/\(id)", body: patch).status == .ok)
        #expect(try await drafter.request(.POST, "/api/v1/outgoing/\(id)/submit").status == .ok)
        let principal = try #require(try await User.query(on: app.db).filter(\.$username == "wangjg").first())
        for (username, node, fields) in [("zhangw", "Review", [(String, String)]()), ("sunl", "OfficeReview", [("nextAssignee", principal.id!.uuidString)]),
                                         ("wangjg", "Sign", [])] {
            let browser = try await CityFixture.signedIn(username, app)
            #expect(try await OutgoingProcessTests.complete(browser, app: app, document: id, node: node, fields: fields).status == .seeOther)
        }
        let document = try #require(try await OutgoingDocument.find(id, on: app.db))
        return (id, try #require(document.instanceID), document.version)
    }

    static func openSteps(_ instance: UUID, on app: Application) async throws -> [String] {
        try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$state == "open").all().map(\.node)
    }

    static func form(_ version: Int, body: String) -> [(String, String)] {
        OutgoingDraftingTests.fields(version, title: "关于甲的通知", body: body).map { $0.0 == "mainRecipients" ? ($0.0, "各局") : $0 }
    }

    @Test("自动保存：改了正文即退回签发人（同一事务里有新版本和退回），页面停止保存并说明；之后赵敏不能再改")
    func autosave() async throws {
        try await withApp { app in
            let (id, instance, version) = try await Self.signed(app)
            let clerk = try await CityFixture.signedIn("zhaom", app)
            #expect(try await clerk.get("/outgoing/\(id)/edit").status == .ok)
            let saved = try await clerk.post("/outgoing/\(id)/autosave", Self.form(version, body: "自动保存时改过的正文。"))
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.content.get(Bool.self, at: "sentBackToSigner"))
            #expect(try saved.content.get(String.self, at: "message").contains("退回签发人"))
            #expect(try await Self.openSteps(instance, on: app) == ["Sign"])
            let latest = try #require(try await OutgoingVersion.query(on: app.db).filter(\.$document.$id == id).sort(\.$version, .descending).first())
            #expect(latest.version == version + 1 && latest.step == "编号登记")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "workflow.return").count() == 1)
            // The edit is no longer 赵敏's to make: the button's save is refused, nothing is stored twice.
            #expect(try await clerk.post("/outgoing/\(id)", Self.form(version + 1, body: "再改一次。")).status == .forbidden)
            #expect(try await OutgoingVersion.query(on: app.db).filter(\.$document.$id == id).count() == latest.version)
        }
    }

    @Test("页面保存：改了正文即退回签发人，提示说明；只改附注不退回")
    func pageSave() async throws {
        try await withApp { app in
            let (id, instance, version) = try await Self.signed(app)
            let clerk = try await CityFixture.signedIn("zhaom", app)
            var noteOnly = Self.form(version, body: "原来的正文。")
            noteOnly.append(("note", "此件公开发布"))
            #expect(try await clerk.post("/outgoing/\(id)", noteOnly).status == .seeOther)
            #expect(try await Self.openSteps(instance, on: app) == ["Register"])
            let changed = try await clerk.post("/outgoing/\(id)", Self.form(version + 1, body: "页面上改过的正文。"))
            #expect(changed.status == .seeOther)
            #expect(try await clerk.get(changed.location ?? "/").body.string.contains("已退回签发人重新签发"))
            #expect(try await Self.openSteps(instance, on: app) == ["Sign"])
        }
    }

    @Test("API 修改：改了正文即退回签发人，回答里说明")
    func apiPatch() async throws {
        try await withApp { app in
            let (id, instance, version) = try await Self.signed(app)
            let clerk = try await APIClient.signIn(app, "zhaom")
            let body = #"{"version":\#(version),"document":{"kind":"notice","title":"关于甲的通知","mainRecipients":["各局"],"body":"接口改过的正文。","signatureName":"江北市人民政府办公室","printedBy":"江北市人民政府办公室"}}"#
            let patched = try await clerk.send(.PATCH, "/api/v1/outgoing/\(id)", body: body)
            #expect(patched.status == .ok, "\(patched.body.string)")
            #expect(try patched.content.get(Bool.self, at: "sentBackToSigner"))
            #expect(try await Self.openSteps(instance, on: app) == ["Sign"])
            // A field too long is refused by the same rule on every door, with its field named.
            let long = #"{"version":\#(version + 1),"document":{"kind":"notice","title":"\#(String(repeating: "长", count: 201))","mainRecipients":[],"body":""}}"#
            let wang = try await APIClient.signIn(app, "wangjg")
            let refused = try await wang.send(.PATCH, "/api/v1/outgoing/\(id)", body: long)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.content.get(String.self, at: "error", "fields", "title") == "内容过长。")
        }
    }
}
