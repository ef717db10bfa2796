import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Issue 14's "done when", as an integrator with only the JSON API and tokens would do it: a 通知 from 拟稿 to 封发,
/// through 公文交换 to the three county governments, and 清河县's 收文 to 办结 — every holder finding their task in
/// 待办, reading the document through the task's business reference, and deciding only what the task offers.
@Suite("只用 API：一份通知从拟稿到封发、交换到三个县区、收文办结", .serialized)
struct APILifecycleTests {
    /// A person's API session.
    struct Person {
        var client: APIClient
        var username: String
    }

    static func person(_ username: String, _ app: Application) async throws -> Person {
        Person(client: try await APIClient.signIn(app, username), username: username)
    }

    /// The caller's open task about `documentID` at `step`: found in 待办, its detail, and the document read through
    /// the task's own reference.
    static func task(_ person: Person, about documentID: UUID, step: String) async throws -> (id: UUID, detail: TestingHTTPResponse) {
        let list = try await person.client.get("/api/v1/tasks?status=open&perPage=200")
        #expect(list.status == .ok)
        let items = try list.content.get([TaskSummary].self, at: "items")
        let task = try #require(items.first { $0.business?.id == documentID && $0.step == step }, "\(person.username) has no \(step)")
        let detail = try await person.client.get("/api/v1/tasks/\(task.id)")
        #expect(detail.status == .ok)
        let url = try detail.content.get(String.self, at: "business", "url")
        let document = try await person.client.get(url)
        #expect(document.status == .ok, "\(person.username) cannot read \(url)")
        return (task.id, detail)
    }

    static func complete(_ person: Person, task: UUID, _ body: String = "{}") async throws {
        let done = try await person.client.send(.POST, "/api/v1/tasks/\(task)/complete", body: body)
        #expect(done.status == .ok, "\(person.username): \(done.body.string)")
    }

    /// The id of the option labelled `label` of the choice `name` in a task detail.
    static func option(_ detail: TestingHTTPResponse, _ name: String, labelled label: String) throws -> String {
        let choices = try detail.content.get([StepChoice].self, at: "decisions", "choices")
        let choice = try #require(choices.first { $0.name == name }, "no choice \(name)")
        return try #require(choice.options.first { $0.label.hasPrefix(label) }, "no \(label) in \(name)").id
    }

    @Test("通知从拟稿到封发，三个县区签收，清河县收文从登记到办结，全程只用令牌和 API")
    func wholeLife() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            // 拟稿 (黄磊): the unit's 机关代字, a new notice, its text, 送审.
            let huang = try await Self.person("huangl", app)
            let codes = try await huang.client.get("/api/v1/issuer-codes")
            #expect(try codes.content.get([OutgoingActionsController.IssuerCodeView].self).contains { $0.code == "江政办发" })
            let created = try await huang.client.send(.POST, "/api/v1/outgoing", body: #"{"kind":"notice","issuerCode":"江政办发"}"#)
            #expect(created.status == .created)
            let id = try created.content.get(UUID.self, at: "id")
            let text = #"{"version":1,"document":{"kind":"notice","title":"江北市人民政府办公室关于做好寒潮天气防范应对工作的通知","mainRecipients":["各县（区）人民政府"],"body":"据气象部门预报，近期将有强寒潮天气过程。现就有关事项通知如下。\n\n一、加强监测预警\n\n各地要密切关注天气变化。","signatureName":"江北市人民政府办公室","printedBy":"江北市人民政府办公室"}}"#
            #expect(try await huang.client.send(.PATCH, "/api/v1/outgoing/\(id)", body: text).status == .ok)
            #expect(try await huang.client.request(.POST, "/api/v1/outgoing/\(id)/submit").status == .ok)

            // 核稿 (张伟), 办公室审核 (孙丽, who picks the signer among the offered leaders), 签发 (王建国, 圈阅).
            let zhang = try await Self.person("zhangw", app)
            try await Self.complete(zhang, task: try await Self.task(zhang, about: id, step: "Review").id, #"{"outcome":"approve","opinion":"请办公室审核。"}"#)
            let sun = try await Self.person("sunl", app)
            let office = try await Self.task(sun, about: id, step: "OfficeReview")
            let signer = try Self.option(office.detail, "nextAssignee", labelled: "王建国")
            try await Self.complete(sun, task: office.id, #"{"outcome":"approve","opinion":"拟同意。","variables":{"nextAssignee":"\#(signer)"}}"#)
            let wang = try await Self.person("wangjg", app)
            let sign = try await Self.task(wang, about: id, step: "Sign")
            #expect(try sign.detail.content.get([StepOutcome].self, at: "decisions", "outcomes").map(\.value) == ["approve", "circled", "reject"])
            try await Self.complete(wang, task: sign.id, #"{"outcome":"circled"}"#)

            // 编号登记 (赵敏): the 文号; 校对 (黄磊); 用印 (孙丽): the seal; 封发 (赵敏): the 分发名单 of the three counties.
            let zhao = try await Self.person("zhaom", app)
            let register = try await Self.task(zhao, about: id, step: "Register")
            let early = try await zhao.client.send(.POST, "/api/v1/tasks/\(register.id)/complete", body: "{}")
            #expect(early.errorCode == "number_required")
            let numbered = try await zhao.client.send(.POST, "/api/v1/outgoing/\(id)/number", body: #"{"issuerCode":"江政办发"}"#)
            #expect(numbered.status == .ok, "\(numbered.body.string)")
            let number = try numbered.content.get(String.self, at: "number")
            #expect(number.hasPrefix("江政办发〔"))
            try await Self.complete(zhao, task: register.id)
            try await Self.complete(huang, task: try await Self.task(huang, about: id, step: "Proofread").id, #"{"opinion":"已校对。"}"#)
            let seal = try await Self.task(sun, about: id, step: "Seal")
            #expect(try await sun.client.request(.POST, "/api/v1/outgoing/\(id)/seal").status == .ok)
            try await Self.complete(sun, task: seal.id)
            let dispatch = try await Self.task(zhao, about: id, step: "Dispatch")
            let distribution = try await zhao.client.get("/api/v1/outgoing/\(id)/distribution")
            let lists = try distribution.content.get([OutgoingActionsController.DistributionView.List].self, at: "lists")
            let counties = try #require(lists.first { $0.name == "各县（区）人民政府" })
            let chosen = try await zhao.client.send(.PUT, "/api/v1/outgoing/\(id)/distribution", body: #"{"lists":["\#(counties.id)"]}"#)
            #expect(try chosen.content.get([OutgoingActionsController.DistributionView.Entry].self, at: "entries").count == 3)
            try await Self.complete(zhao, task: dispatch.id)
            #expect(try await huang.client.get("/api/v1/outgoing/\(id)").content.get(String.self, at: "status") == "dispatched")
            let ofd = try await huang.client.get("/api/v1/outgoing/\(id)/ofd")
            #expect(ofd.status == .ok && Data(buffer: ofd.body).starts(with: [0x50, 0x4B]))

            // 公文交换: the three county governments' clerks sign for it.
            var incomingID: UUID?
            for clerk in ["guoyn", "caij", "yanj"] {
                let person = try await Self.person(clerk, app)
                let inbox = try await person.client.get("/api/v1/exchange/inbox")
                let items = try inbox.content.get([ExchangeAPIController.DeliverySummary].self, at: "items")
                let delivery = try #require(items.first { $0.number == number }, "\(clerk) did not receive \(number)")
                let accepted = try await person.client.request(.POST, "/api/v1/exchange/\(delivery.id)/accept")
                #expect(accepted.status == .ok, "\(clerk): \(accepted.body.string)")
                if clerk == "guoyn" { incomingID = try accepted.content.get(UUID.self, at: "incomingDocumentID") }
            }
            let receipts = try await zhao.client.get("/api/v1/outgoing/\(id)/receipts")
            #expect(try receipts.content.get([Receipt].self, at: "items").allSatisfy { $0.state == "accepted" })

            // 清河县's 收文: 登记, 初审 (郭亚楠), 拟办 (胡晓 picks 徐慧敏), 批办 (徐慧敏: 秘书股 主办, 综合股 协办),
            // 承办 (胡晓 reports the result, 邓华 assists), 办结 (郭亚楠).
            let incoming = try #require(incomingID)
            let guo = try await Self.person("guoyn", app)
            try await Self.complete(guo, task: try await Self.task(guo, about: incoming, step: "Register").id)
            try await Self.complete(guo, task: try await Self.task(guo, about: incoming, step: "Check").id, #"{"outcome":"approve","opinion":"属本单位办理。"}"#)
            let hu = try await Self.person("hux", app)
            let propose = try await Self.task(hu, about: incoming, step: "Propose")
            let xuID = try Self.option(propose.detail, "nextAssignee", labelled: "徐慧敏")
            try await Self.complete(hu, task: propose.id, #"{"opinion":"拟请秘书股牵头办理。","variables":{"nextAssignee":"\#(xuID)"}}"#)
            let xu = try await Self.person("xuhm", app)
            let instruct = try await Self.task(xu, about: incoming, step: "Instruct")
            let lead = try Self.option(instruct.detail, "leadDepartment", labelled: "秘书股")
            let assist = try Self.option(instruct.detail, "assistDepartments", labelled: "综合股")
            try await Self.complete(xu, task: instruct.id, #"{"opinion":"同意。","variables":{"leadDepartment":"\#(lead)","assistDepartments":["\#(assist)"]}}"#)
            let report = try await Self.task(hu, about: incoming, step: "Handle")
            let noResult = try await hu.client.send(.POST, "/api/v1/tasks/\(report.id)/complete", body: "{}")
            #expect(noResult.status == .unprocessableEntity)
            try await Self.complete(hu, task: report.id, #"{"opinion":"已组织落实，各乡镇完成防寒排查。"}"#)
            let deng = try await Self.person("dengh", app)
            try await Self.complete(deng, task: try await Self.task(deng, about: incoming, step: "Handle").id, #"{"opinion":"已配合。"}"#)
            let close = try await Self.task(guo, about: incoming, step: "Close")
            #expect(try close.detail.content.get(String.self, at: "decisions", "suggestedOpinion") == "已组织落实，各乡镇完成防寒排查。")
            try await Self.complete(guo, task: close.id, #"{"opinion":"已组织落实，各乡镇完成防寒排查。"}"#)
            let done = try await guo.client.get("/api/v1/incoming/\(incoming)")
            #expect(try done.content.get(String.self, at: "status") == "closed")
            // The leader who instructed can still read it through the API.
            #expect(try await xu.client.get("/api/v1/incoming/\(incoming)").status == .ok)
        }
    }
}
