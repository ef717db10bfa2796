import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

@Suite("接口的错误说明讲接口的操作，不讲页面上的按钮")
struct APIWordingTests {
    static let pageWords = ["点击", "按钮", "本页", "页面", "勾选", "表单", "刷新"]

    @Test("每条为接口改写的说明都与页面不同，且不提页面、按钮、表单或刷新")
    func wordings() {
        #expect(APIWording.replacements.count >= 5)
        for (page, api) in APIWording.replacements {
            #expect(api != page)
            #expect(!Self.pageWords.contains { api.contains($0) }, "\(api)")
        }
    }

    @Test("同一个错误：接口答复接口的说法，页面仍是页面的说法；错误代码不变")
    func sameErrorTwoDoors() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let missing = try await APIClient.signIn(app, "huangl").get("/api/v1/outgoing/\(UUID())")
            #expect(missing.status == .notFound && missing.errorCode == "not_found")
            #expect(try missing.content.get(String.self, at: "error", "message") == Strings.API.notFound)
            let page = try await CityFixture.signedIn("huangl", app).get(SiteURL.outgoing.link(UUID()))
            #expect(page.status == .notFound && page.body.string.contains(Strings.Error.notFound))

            let invalid = try await APIClient.signIn(app, "guoyn").send(.POST, "/api/v1/incoming", body: #"{"senderName": "", "title": ""}"#)
            #expect(invalid.status == .unprocessableEntity && invalid.errorCode == "validation_failed")
            #expect(try invalid.content.get(String.self, at: "error", "message") == Strings.API.requestInvalid)

            // A change based on an old version: 409, and the advice is to read the document again, not to reload a page.
            let draft = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$status == "drafting").first())
            let drafter = try await APIClient.signIn(app, "huangl")
            let stale = try await drafter.send(.PATCH, "/api/v1/outgoing/\(try draft.requireID())",
                                               body: #"{"version": \#(draft.version - 1), "document": {"kind": "notice", "title": "新标题"}}"#)
            #expect(stale.status == .conflict && stale.errorCode == "conflict")
            #expect(try stale.content.get(String.self, at: "error", "message") == Strings.API.outgoingEditedMeanwhile)
        }
    }

    @Test("编号登记前就提交这一步：接口说先编号登记，不再说点击“编号”按钮")
    func numberFirst() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // given the signed notice waits at 编号登记 with 赵敏, not numbered yet
            let document = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$title == "江北市人民政府办公室关于进一步规范公文处理工作的通知").first())
            let task = try await CityFixture.openTask("Register", in: try #require(document.instanceID), on: app)
            // when she completes the step through the API
            let refused = try await APIClient.signIn(app, "zhaom").send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: "{}")
            // then: the step's own code, and words that fit a page and the API alike
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "number_required")
            let message = try refused.content.get(String.self, at: "error", "message")
            #expect(message == Strings.Outgoing.numberFirst)
            #expect(!Self.pageWords.contains { message.contains($0) })
        }
    }
}
