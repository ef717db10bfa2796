import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

@Suite("流程文件上传：含 DTD 的文件不解析就拒绝，大小上限在每个入口都一样")
struct BPMNUploadTests {
    /// The test approval with a DTD whose one entity of 30 KB is used two thousand times in the process name:
    /// expanded, the name alone is 60 MB, drawn into every diagram of the preview.
    static var quadratic: String {
        let entity = String(repeating: "审批", count: 5_000)
        let uses = String(repeating: "&a;", count: 2_000)
        return WorkflowFixture.approval
            .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                                  with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE definitions [<!ENTITY a \"\(entity)\">]>\n")
            .replacingOccurrences(of: "name=\"测试审批\"", with: "name=\"\(uses)\"")
    }

    @Test("管理员在流程管理页预览含实体展开的 BPMN：很快得到一句清楚的中文说明，页面不大，没有部署任何版本", .timeLimit(.minutes(10)))
    func previewRefusesADocumentType() async throws {
        try await withApp { app in
            // given
            let fixture = try await WorkflowFixture.make(on: app, deploy: false)
            try await makeUser(on: app, unit: fixture.unit, username: "admin2", roles: [.processAdmin])
            let admin = Browser(app)
            try await admin.login("admin2")
            #expect(Self.quadratic.contains("<!DOCTYPE"))
            // when
            let preview = try await admin.upload("/admin/workflow/preview", field: "file", filename: "laughs.bpmn", content: Self.quadratic)
            let deploy = try await admin.post("/admin/workflow/deploy", [("bpmn", Self.quadratic)])
            // then
            for response in [preview, deploy] {
                #expect(response.status == .unprocessableEntity)
                #expect(response.body.string.contains(Strings.Workflow.documentTypeRefused))
                #expect(response.body.readableBytes < 200 * 1024)
            }
            #expect(try await WorkflowDefinitionRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("通过接口部署含 DTD 的 BPMN：422，错误代码 model_doctype_refused", .timeLimit(.minutes(10)))
    func apiRefusesADocumentType() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app, deploy: false)
            try await makeUser(on: app, unit: fixture.unit, username: "admin2", roles: [.processAdmin])
            let admin = try await APIClient.signIn(app, "admin2")
            let refused = try await admin.send(.POST, "/api/v1/workflow/definitions", body: Self.quadratic, contentType: .xml)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.errorCode == "model_doctype_refused")
            #expect(try refused.content.get(String.self, at: "error", "message") == Strings.Workflow.documentTypeRefused)
            #expect(try await WorkflowDefinitionRecord.query(on: app.db).count() == 0)
            // The same model without the DTD deploys.
            #expect(try await admin.send(.POST, "/api/v1/workflow/definitions", body: WorkflowFixture.approval, contentType: .xml).status == .created)
        }
    }

    @Test("超过 4 MB 的 BPMN：页面的部署表单也拒绝（413），与上传接口的上限相同")
    func sizeLimitAtEveryDoor() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app, deploy: false)
            try await makeUser(on: app, unit: fixture.unit, username: "admin2", roles: [.processAdmin])
            let admin = Browser(app)
            try await admin.login("admin2")
            // given: a valid model padded with a comment past 4 MB (the deploy form's body may be larger, as the
            // preview page sends the text back encoded)
            let padded = WorkflowFixture.approval + "<!--" + String(repeating: "x", count: BPMNUpload.maximumSize) + "-->"
            // when
            let deployed = try await admin.post("/admin/workflow/deploy", [("bpmn", padded)])
            // then
            #expect(deployed.status == .payloadTooLarge)
            #expect(deployed.body.string.contains(Strings.Workflow.fileTooLarge))
            #expect(try await WorkflowDefinitionRecord.query(on: app.db).count() == 0)
            let api = try await APIClient.signIn(app, "admin2")
            #expect(try await api.send(.POST, "/api/v1/workflow/definitions", body: padded, contentType: .xml).status == .payloadTooLarge)
        }
    }
}
