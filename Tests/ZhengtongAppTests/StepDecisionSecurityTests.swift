import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

/// Issue 13 §1–§3, as an attacker with an ordinary account tried them: the next step's holder, the 会签 and 承办
/// people, the gateways' variables, people added by 转办/加签/传阅, and business processes started bare. Each was
/// accepted before; each is refused now, through the API and the task form alike.
@Suite("办理人和流程变量只能在本步骤允许的范围内选择（API 与页面）", .serialized)
struct StepDecisionSecurityTests {
    /// The demo's 冬季安全生产 notice, taken by 张伟 past 核稿: 孙丽 holds 办公室审核.
    static func atOfficeReview(_ app: Application) async throws -> (instance: UUID, task: WorkflowTaskRecord) {
        let document = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$title == "江北市人民政府办公室关于做好冬季安全生产工作的通知").first())
        let instance = try #require(document.instanceID)
        let review = try await CityFixture.openTask("Review", in: instance, on: app)
        let zhang = try await APIClient.signIn(app, "zhangw")
        let done = try await zhang.send(.POST, "/api/v1/tasks/\(try review.requireID())/complete", body: #"{"outcome":"approve","opinion":"请审核。"}"#)
        #expect(done.status == .ok, "\(done.body.string)")
        return (instance, try await CityFixture.openTask("OfficeReview", in: instance, on: app))
    }

    static func complete(_ client: APIClient, _ task: WorkflowTaskRecord, _ body: String) async throws -> TestingHTTPResponse {
        try await client.send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: body)
    }

    @Test("办公室审核：签发人只能是本单位及所服务政府的领导，不能是外县收发员、不能是自己；任务详情列出可选的领导")
    func signerAmongLeaders() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (instance, office) = try await Self.atOfficeReview(app)
            let sun = try await APIClient.signIn(app, "sunl")
            let guo = try await CityFixture.user("guoyn", on: app), sunl = try await CityFixture.user("sunl", on: app)
            let wang = try await CityFixture.user("wangjg", on: app), chen = try await CityFixture.user("chenzq", on: app)

            // The task says what may be decided: 签发人 among the leaders of the office and of the city government.
            let detail = try await sun.get("/api/v1/tasks/\(try office.requireID())")
            let choices = try detail.content.get([StepChoice].self, at: "decisions", "choices")
            let signer = try #require(choices.first { $0.name == "nextAssignee" })
            let zhou = try await CityFixture.user("zhouq", on: app), liu = try await CityFixture.user("liuwh", on: app)
            #expect(Set(signer.options.map(\.id)) == Set([wang.id, chen.id, zhou.id, liu.id].compactMap { $0?.uuidString }))
            #expect(try detail.content.get(String.self, at: "business", "type") == "outgoing")

            for outsider in [guo, sunl] {
                let refused = try await Self.complete(sun, office, #"{"outcome":"approve","variables":{"nextAssignee":"\#(outsider.id!.uuidString)"}}"#)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.errorCode == "choice_not_allowed")
            }
            let missing = try await Self.complete(sun, office, #"{"outcome":"approve"}"#)
            #expect(missing.errorCode == "decision_required")
            // Nothing moved: 办公室审核 is still open with 孙丽, and no 签发 task exists.
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == "Sign").count() == 0)

            let chosen = try await Self.complete(sun, office, #"{"outcome":"approve","variables":{"nextAssignee":"\#(chen.id!.uuidString.lowercased())"}}"#)
            #expect(chosen.status == .ok, "\(chosen.body.string)")
            #expect(try await CityFixture.openTask("Sign", in: instance, on: app).assigneeID == chen.id)
        }
    }

    @Test("会签人员、网关变量和未列出的变量一律拒绝；会签部门只能是本单位的部门")
    func routingVariablesRefused() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (instance, office) = try await Self.atOfficeReview(app)
            let sun = try await APIClient.signIn(app, "sunl")
            let wang = try #require(try await CityFixture.user("wangjg", on: app).id)
            let guo = try #require(try await CityFixture.user("guoyn", on: app).id)
            let qhOffice = try await CityFixture.unit("清河县人民政府办公室", on: app)
            let qhDepartment = try #require(try await Department.query(on: app.db).filter(\.$unit.$id == qhOffice.requireID()).first()?.id)
            for variables in [#"{"countersigners":["\#(guo.uuidString)"],"hasCountersign":true}"#, #"{"approved":true}"#, #"{"hasCountersign":false}"#,
                              #"{"outcome":"approve"}"#, #"{"handlers":["\#(guo.uuidString)"]}"#] {
                let body = #"{"outcome":"approve","variables":{"nextAssignee":"\#(wang.uuidString)","#
                    + variables.dropFirst().dropLast() + "}}"
                let refused = try await Self.complete(sun, office, body)
                #expect(refused.status == .unprocessableEntity, "\(variables)")
                #expect(refused.errorCode == "decision_not_allowed", "\(variables)")
            }
            let foreign = try await Self.complete(sun, office, #"{"outcome":"approve","variables":{"nextAssignee":"\#(wang.uuidString)","countersignDepartments":["\#(qhDepartment.uuidString)"]}}"#)
            #expect(foreign.errorCode == "choice_not_allowed")
            let outcome = try await Self.complete(sun, office, #"{"outcome":"circled","variables":{"nextAssignee":"\#(wang.uuidString)"}}"#)
            #expect(outcome.errorCode == "outcome_not_allowed")
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).filter(\.$node == "Countersign").count() == 0)
            #expect(try await CityFixture.openTask("OfficeReview", in: instance, on: app).assigneeID == (try await CityFixture.user("sunl", on: app).id))
        }
    }

    @Test("页面表单：选外县人员为签发人被拒绝（422、中文提示），已填的意见保留")
    func formRefusesOutsider() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (instance, office) = try await Self.atOfficeReview(app)
            let sun = try await CityFixture.signedIn("sunl", app)
            let page = try await sun.get("/tasks/\(try office.requireID())").body.string
            #expect(page.contains("王建国（主要领导）") && !page.contains(">郭亚楠<"))
            let guo = try #require(try await CityFixture.user("guoyn", on: app).id)
            let refused = try await sun.post("/tasks/\(try office.requireID())/complete",
                                             [("outcome", "approve"), ("opinion", "文稿规范，拟同意。"), ("nextAssignee", guo.uuidString)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("只能从此步骤列出的选项中选择"))
            #expect(refused.body.string.contains("文稿规范，拟同意。"))
            #expect(try await CityFixture.openTask("OfficeReview", in: instance, on: app).state == "open")
        }
    }

    @Test("收文：拟办人不能选自己批办；批办的主办协办只能是本单位部门；直接给承办人被拒绝")
    func incomingChoices() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (document, instance) = try await IncomingTests.accepted(app)
            _ = document
            let guo = try await APIClient.signIn(app, "guoyn")
            for node in ["Register", "Check"] {
                let task = try await CityFixture.openTask(node, in: instance, on: app)
                #expect(try await Self.complete(guo, task, #"{"outcome":"approve"}"#).status == .ok)
            }
            let hu = try await APIClient.signIn(app, "hux")
            let propose = try await CityFixture.openTask("Propose", in: instance, on: app)
            let huID = try #require(try await CityFixture.user("hux", on: app).id)
            let xu = try #require(try await CityFixture.user("xuhm", on: app).id)
            let himself = try await Self.complete(hu, propose, #"{"variables":{"nextAssignee":"\#(huID.uuidString)"}}"#)
            #expect(himself.errorCode == "choice_not_allowed")
            #expect(try await Self.complete(hu, propose, #"{"variables":{"nextAssignee":"\#(xu.uuidString)"}}"#).status == .ok)

            let instruct = try await CityFixture.openTask("Instruct", in: instance, on: app)
            let xuClient = try await APIClient.signIn(app, "xuhm")
            let ds = try await CityFixture.unit("东山县人民政府办公室", on: app)
            let foreign = try #require(try await Department.query(on: app.db).filter(\.$unit.$id == ds.requireID()).first()?.id)
            let mine = try await CityFixture.unit("清河县人民政府办公室", on: app)
            let secretariat = try #require(try await Department.query(on: app.db).filter(\.$unit.$id == mine.requireID()).filter(\.$name == "秘书股").first()?.id)
            let direct = try await Self.complete(xuClient, instruct, #"{"variables":{"handlers":["\#(huID.uuidString)"],"lead":"\#(huID.uuidString)"}}"#)
            #expect(direct.errorCode == "decision_not_allowed")
            let other = try await Self.complete(xuClient, instruct, #"{"variables":{"leadDepartment":"\#(foreign.uuidString)"}}"#)
            #expect(other.errorCode == "choice_not_allowed")
            let past = try await Self.complete(xuClient, instruct, #"{"variables":{"leadDepartment":"\#(secretariat.uuidString)","deadline":"2020-01-01"}}"#)
            #expect(past.status == .unprocessableEntity)
            let ok = try await Self.complete(xuClient, instruct, #"{"variables":{"leadDepartment":"\#(secretariat.uuidString)"}}"#)
            #expect(ok.status == .ok, "\(ok.body.string)")
            #expect(try await CityFixture.openTask("Handle", in: instance, on: app).assigneeID == huID)
        }
    }

    @Test("转办、加签、传阅、转阅只能给本单位（及所服务的政府）的人；外县人员被拒绝，也看不到公文")
    func addingPeopleStaysInside() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let (instance, office) = try await Self.atOfficeReview(app)
            let sun = try await APIClient.signIn(app, "sunl")
            let guo = try #require(try await CityFixture.user("guoyn", on: app).id)
            let task = "/api/v1/tasks/\(try office.requireID())"
            for (path, body) in [("/transfer", #"{"to":"\#(guo.uuidString)"}"#), ("/add-signer", #"{"signer":"\#(guo.uuidString)","position":"before"}"#),
                                 ("/circulate", #"{"readers":["\#(guo.uuidString)"]}"#)] {
                let refused = try await sun.send(.POST, task + path, body: body)
                #expect(refused.status == .unprocessableEntity, "\(path)")
                #expect(refused.errorCode == "person_not_allowed", "\(path)")
            }
            let circulation = try await sun.send(.POST, "/api/v1/circulations", body: #"{"instanceID":"\#(instance.uuidString)","readers":["\#(guo.uuidString)"]}"#)
            #expect(circulation.errorCode == "person_not_allowed")
            // The county clerk got nothing and still cannot open the document.
            #expect(try await WorkflowCirculationRecord.query(on: app.db).filter(\.$readerID == guo).count() == 0)
            let document = try #require(try await OutgoingDocument.query(on: app.db).filter(\.$instanceID == instance).first())
            let outsider = try await APIClient.signIn(app, "guoyn")
            #expect(try await outsider.get("/api/v1/outgoing/\(try document.requireID())").status == .notFound)
            // Inside the office it works: 周强 reads it.
            let zhou = try #require(try await CityFixture.user("zhouq", on: app).id)
            #expect(try await sun.send(.POST, task + "/circulate", body: #"{"readers":["\#(zhou.uuidString)"]}"#).status == .ok)
        }
    }

    @Test("发文、收文流程不能单独发起（API 和发起流程页都不提供），普通流程只接受条件用到的数据")
    func businessProcessesStartThroughTheirObject() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let huang = try await APIClient.signIn(app, "huangl")
            for process in ["outgoing", "incoming"] {
                let bare = try await huang.send(.POST, "/api/v1/workflow/instances", body: #"{"process":"\#(process)","title":"无公文的流程","variables":{"hasCountersign":false}}"#)
                #expect(bare.status == .unprocessableEntity, "\(process)")
                #expect(bare.errorCode == "process_bound_to_business", "\(process)")
            }
            #expect(try await WorkflowInstanceRecord.query(on: app.db).filter(\.$title == "无公文的流程").count() == 0)
            let page = try await CityFixture.signedIn("huangl", app).get("/workflow/start").body.string
            #expect(page.contains("请示报告审批") && !page.contains("发文办理") && !page.contains("收文办理"))
            // A plain 请示 takes its description, not who works next.
            let zhang = try #require(try await CityFixture.user("zhangw", on: app).id)
            let steered = try await huang.send(.POST, "/api/v1/workflow/instances", body: #"{"process":"request","title":"请示","variables":{"nextAssignee":"\#(zhang.uuidString)"}}"#)
            #expect(steered.errorCode == "variable_not_allowed")
            let plain = try await huang.send(.POST, "/api/v1/workflow/instances", body: #"{"process":"request","title":"请示","variables":{"note":"请审批。"}}"#)
            #expect(plain.status == .created, "\(plain.body.string)")
        }
    }
}
