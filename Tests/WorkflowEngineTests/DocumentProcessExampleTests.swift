import Foundation
import Testing
@testable import WorkflowEngine

/// The default 发文 and 收文 processes in `docs/examples` (`fawen.bpmn`, `shouwen.bpmn`): they check clean,
/// survive export and import, and run the way an office works them.
///
/// `SimulationEnvironment` names the holder of a `zt:assign` rule by the rule's spelling, so the people
/// below are those strings; a test that sees `position:director@department` at 核稿 checks the model's rule.
@Suite("Examples: 发文审批 and 收文办理 (docs/examples)")
struct DocumentProcessExampleTests {
    // People: named ones where the model takes them from variables, rule spellings elsewhere.
    let drafter = "zhaom"
    let director = "position:director@department"
    let principal = "position:principal@unit"
    let sealKeeper = "role:sealKeeper@unit"
    let clerk = "role:clerk@unit"
    let leader = "chenzq"
    let three: [String] = ["gaoy", "liangc", "dux"]

    static let number = "X政办发〔2026〕12号"

    /// Hooks complete at once; 编号 answers with a 发文字号 as the application's hook will.
    func environment(calendar: WorkingCalendar = .weekendsOnly) -> SimulationEnvironment {
        SimulationEnvironment(serviceResults: ["assignNumber": ["documentNumber": .string(Self.number)]], calendar: calendar)
    }

    // MARK: The models

    @Test("each model checks without any problem", arguments: ["fawen", "shouwen"])
    func checksClean(name: String) throws {
        let data = try ExampleModel.data(name)
        #expect(BPMNCheck.check(data) == [])
        let result = BPMNImport.parse(data)
        #expect(result.processes.map(\.id) == [name])
        // Every zt: attribute was understood: none is left over as a free-form property (a misspelling would be).
        for node in try ExampleModel.process(name).nodes.values {
            #expect(node.properties == [:], "\(node.id): \(node.properties)")
        }
    }

    @Test("export then import gives an equal definition", arguments: ["fawen", "shouwen"])
    func roundTrip(name: String) throws {
        let process = try ExampleModel.process(name)
        let exported = BPMNExport.export([process])
        let again = BPMNImport.parse(exported)
        #expect(again.problems == [])
        #expect(again.processes == [process])
        #expect(BPMNCheck.check(exported) == [])
        #expect(BPMNExport.export(again.processes) == exported)
    }

    @Test("发文: the file says what its comments say")
    func fawenModel() throws {
        let process = try ExampleModel.process("fawen")
        let node = { (id: String) throws -> FlowNode in try #require(process.nodes[id], "no node \(id)") }
        #expect(try node("Draft").assignment?.rule == .initiator)
        #expect(try node("Review").assignment?.rule == .position(code: "director", within: .department))
        #expect(try node("Review").returnTargets == ["Draft"])
        #expect(try node("Review").dueIn == ISODuration(days: 2))
        let countersign = try #require(try node("Countersign").multiInstance)
        #expect(!countersign.isSequential && countersign.collectionText == "${signers}" && countersign.elementVariable == "signer")
        #expect(countersign.completionConditionText == nil)  // all must sign
        #expect(try node("Countersign").assignment?.assignee == "${signer}")
        #expect(try node("Countersign").returnTargets == ["Draft", "Review"])
        #expect(try node("Sign").assignment?.rule == .position(code: "principal", within: .unit))
        #expect(try node("SignLate").kind == .boundaryTimer(attachedTo: "Sign", timer: .duration(ISODuration(days: 2)), cancelActivity: false))
        #expect(try node("SignLate").countsWorkingDays)
        #expect(try node("RemindSign").kind == .serviceTask(hook: "remind"))
        #expect(try node("SignDecision").defaultFlow == "Approved")
        #expect(process.flows["Rejected"]?.target == "Draft")
        #expect(try node("AssignNumber").kind == .serviceTask(hook: "assignNumber"))
        #expect(try node("Seal").assignment?.rule == .role(code: "sealKeeper", within: .unit))
        #expect(try node("Dispatch").kind == .serviceTask(hook: "dispatch"))
    }

    @Test("收文: the file says what its comments say")
    func shouwenModel() throws {
        let process = try ExampleModel.process("shouwen")
        let node = { (id: String) throws -> FlowNode in try #require(process.nodes[id], "no node \(id)") }
        #expect(try node("Register").assignment?.rule == .role(code: "clerk", within: .unit))
        #expect(try node("Propose").assignment?.rule == .position(code: "director", within: .department))
        #expect(try node("Instruct").assignment?.rule == .chosenByPreviousStep)
        let handle = try #require(try node("Handle").multiInstance)
        #expect(!handle.isSequential && handle.collectionText == "${handlers}" && handle.elementVariable == "handler")
        #expect(handle.completionConditionText == nil)  // every handler
        #expect(try node("Handle").dueIn == ISODuration(days: 5))
        #expect(try node("HandleOverdue").kind == .boundaryTimer(attachedTo: "Handle", timer: .duration(ISODuration(days: 5)), cancelActivity: true))
        #expect(try node("HandleOverdue").countsWorkingDays)
        #expect(try node("Supervise").assignment?.rule == .position(code: "director", within: .department))
        #expect(try node("Close").assignment?.rule == .role(code: "clerk", within: .unit))
    }

    // MARK: 发文审批

    @Test("发文: 会签 by three, 签发 不同意 back to 拟稿, then 同意, 编号, 用印, 分发, completed")
    func fawenFullPath() throws {
        // given: the drafter starts a document that two other departments and one unit co-issue
        var run = try Run(try ExampleModel.process("fawen"), initiator: drafter, environment: environment())
        #expect(run.open == ["Draft"])
        try run.complete("Draft", by: drafter, variables: ["hasCountersign": true, "signers": .list(three.map(ExpressionValue.string))])
        try run.complete("Review", by: director, outcome: "approve")

        // 会签: one task per signer; the step waits for all three
        #expect(run.instance.openTasks.map(\.assignee) == three)
        try run.complete("Countersign", by: "liangc", outcome: "approve")
        try run.complete("Countersign", by: "dux", outcome: "approve")
        #expect(run.open == ["Countersign"])
        try run.complete("Countersign", by: "gaoy", outcome: "approve")
        #expect(run.open == ["Sign"])

        // 签发 不同意: back to the drafter through the model
        try run.complete("Sign", by: principal, outcome: "reject")
        #expect(run.open == ["Draft"])
        #expect(try run.openTask("Draft").assignee == drafter)

        // when: redrafted (no further 会签 needed), reviewed again and signed
        try run.complete("Draft", by: drafter, variables: ["hasCountersign": false])
        try run.complete("Review", by: director, outcome: "approve")
        #expect(run.open == ["Sign"])
        try run.complete("Sign", by: principal, outcome: "approve")

        // 编号 ran at once; 用印 waits for the seal keeper
        #expect(run.open == ["Seal"])
        #expect(run.instance.variables["documentNumber"] == .string(Self.number))
        try run.complete("Seal", by: sealKeeper)

        // then
        #expect(run.instance.status == .completed)
        #expect(run.instance.timers.isEmpty)
        #expect(run.steps == ["Draft", "Review", "Countersign", "Sign", "Draft", "Review", "Sign", "AssignNumber", "Seal", "Dispatch", "End"])
        #expect(run.taken == ["WithCountersign", "f5", "Rejected", "SkipCountersign", "f5", "Approved"])
        #expect(run.created == [
            "Draft:\(drafter)", "Review:\(director)", "Countersign:gaoy", "Countersign:liangc", "Countersign:dux", "Sign:\(principal)",
            "Draft:\(drafter)", "Review:\(director)", "Sign:\(principal)", "Seal:\(sealKeeper)",
        ])
        #expect(run.events.filter { if case .serviceCalled = $0 { true } else { false } } == [
            .serviceCalled(activity: "AssignNumber", hook: "assignNumber"), .serviceCalled(activity: "Dispatch", hook: "dispatch"),
        ])
        #expect(run.events.last == .processCompleted)
    }

    @Test("发文: 核稿 退回 to 拟稿 (to the drafter, with the reason); a 会签 signer 退回 the whole step to 核稿")
    func fawenReturns() throws {
        // given
        var run = try Run(try ExampleModel.process("fawen"), initiator: drafter, environment: environment())
        try run.complete("Draft", by: drafter, variables: ["hasCountersign": true, "signers": .list(three.map(ExpressionValue.string))])
        let review = try run.openTask("Review")
        #expect(review.assignee == director)

        // when: 核稿 sends it back; a step the model does not list is refused
        #expect(throws: WorkflowError.self) {
            _ = try run.runner.returnTask(review.id, in: run.instance, by: director, to: "Sign", reason: "无", at: run.now)
        }
        let returned = try run.runner.returnTask(review.id, in: run.instance, by: director, to: "Draft", reason: "请补充制发依据", at: run.now)
        run.instance = returned.instance
        run.events += returned.events

        // then: the drafter has it again, and it goes to 核稿 once more
        #expect(returned.events.contains(.taskReturned(task: review.id, activity: "Review", to: "Draft", reason: "请补充制发依据")))
        let again = try run.openTask("Draft")
        #expect(again.assignee == drafter && again.origin == .returned && again.previousTask == review.id)
        #expect(run.instance.task(review.id)?.state == .returned)
        try run.complete("Draft", by: drafter)
        try run.complete("Review", by: director, outcome: "approve")
        #expect(run.open == ["Countersign", "Countersign", "Countersign"])

        // a signer who disagrees sends the whole 会签 back to 核稿: every open 会签 task is withdrawn as returned
        try run.complete("Countersign", by: "gaoy", outcome: "approve")
        let objection = try #require(run.instance.openTasks.first { $0.node == "Countersign" && $0.assignee == "liangc" })
        run.instance = try run.runner.returnTask(objection.id, in: run.instance, by: "liangc", to: "Review", reason: "涉及我局职能的表述需修改",
                                                 at: run.now).instance
        #expect(run.open == ["Review"])
        #expect(try run.openTask("Review").assignee == director)
        #expect(run.instance.tasks.filter { $0.node == "Countersign" }.map(\.state) == [.completed, .returned, .returned])
        try run.complete("Review", by: director, outcome: "approve")
        #expect(run.instance.openTasks.map(\.assignee) == three)  // 会签 starts afresh
    }

    @Test("发文: the 签发 reminder (催办) fires after two working days, across the Spring Festival; 签发 stays open")
    func fawenSignReminder() throws {
        // given: 签发 begins on Friday 13 February 2026; the 调休 Saturday is a working day, 15–23 February are not
        let festival = try springFestival2026()
        var run = try Run(try ExampleModel.process("fawen"), initiator: drafter, environment: environment(calendar: festival),
                          startingAt: try beijing(2026, 2, 11, 9))
        try run.complete("Draft", by: drafter, variables: ["hasCountersign": false])
        run.now = try beijing(2026, 2, 13, 10)
        try run.complete("Review", by: director, outcome: "approve")
        let sign = try run.openTask("Sign")
        let due = try beijing(2026, 2, 24, 10)
        #expect(run.instance.timers.map(\.due) == [due])
        #expect(sign.dueAt == due)  // zt:dueIn="P2D" counts the same working days

        // when: ten calendar days later, on the last day of the holiday, nothing fires
        #expect(try run.fireTimers(at: try beijing(2026, 2, 23, 18)).isEmpty)

        // then: on the first working day back it does, and 签发 is still open
        let fired = try run.fireTimers(at: due)
        #expect(fired == [
            .timerFired(timer: "SignLate", activity: "Sign"), .serviceCalled(activity: "RemindSign", hook: "remind"),
            .activityCompleted(activity: "RemindSign"), .activityCompleted(activity: "RemindSignEnd"),
        ])
        #expect(run.open == ["Sign"] && run.instance.openTasks.first?.id == sign.id)
        #expect(run.instance.timers.isEmpty)  // a duration fires once
        try run.complete("Sign", by: principal, outcome: "approve")
        try run.complete("Seal", by: sealKeeper)
        #expect(run.instance.status == .completed)
    }

    // MARK: 收文办理

    @Test("收文: 登记, 拟办, 批办 by the leader chosen, 承办 by three handlers, 办结; 传阅 alongside")
    func shouwenFullPath() throws {
        // given: the clerk registers an incoming document
        var run = try Run(try ExampleModel.process("shouwen"), initiator: "sunl", environment: environment())
        #expect(run.open == ["Register"])
        try run.complete("Register", by: clerk)
        try run.complete("Propose", by: director, variables: ["nextAssignee": .string(leader)])
        let instruct = try run.openTask("Instruct")
        #expect(instruct.assignee == leader)

        // 传阅 is a command, not a step: the leader sends it round two readers in order
        let circulated = try run.runner.circulate(in: run.instance, by: leader, to: ["lina", "maj"], ordered: true, fromTask: instruct.id,
                                                  note: "请阅", at: run.now)
        run.instance = circulated.instance
        run.events += circulated.events
        let first = try #require(run.instance.circulations.first { $0.reader == "lina" })
        #expect(circulated.events == [.circulationSent(item: first.id, reader: "lina", by: leader)])

        // when: the leader names three handlers
        try run.complete("Instruct", by: leader, outcome: "approve", variables: ["handlers": .list(three.map(ExpressionValue.string))])
        #expect(run.instance.openTasks.map(\.assignee) == three)
        let read = try run.runner.markRead(first.id, in: run.instance, by: "lina", comment: "已阅", at: run.now)
        run.instance = read.instance
        run.events += read.events
        #expect(run.instance.circulations.map(\.state) == [.read, .unread])  // maj has it now
        #expect(run.open == ["Handle", "Handle", "Handle"])  // reading held nothing up
        for handler in three.reversed() {
            try run.complete("Handle", by: handler)
        }
        #expect(run.open == ["Close"])
        #expect(try run.openTask("Close").assignee == clerk)
        try run.complete("Close", by: clerk)

        // then
        #expect(run.instance.status == .completed)
        #expect(run.instance.timers.isEmpty)
        #expect(run.steps == ["Register", "Propose", "Instruct", "Handle", "Close", "End"])
        #expect(run.created == [
            "Register:\(clerk)", "Propose:\(director)", "Instruct:\(leader)", "Handle:gaoy", "Handle:liangc", "Handle:dux", "Close:\(clerk)",
        ])
        #expect(run.events.last == .processCompleted)
    }

    @Test("收文: 承办 not finished in five working days goes to 督办; the handlers' open tasks are cancelled")
    func shouwenEscalation() throws {
        // given: 承办 begins on Thursday 5 March 2026, so it is due Thursday 12 March
        var run = try Run(try ExampleModel.process("shouwen"), initiator: "sunl", environment: environment(),
                          startingAt: try beijing(2026, 3, 4, 9))
        try run.complete("Register", by: clerk)
        try run.complete("Propose", by: director, variables: ["nextAssignee": .string(leader)])
        run.now = try beijing(2026, 3, 5, 9)
        try run.complete("Instruct", by: leader, variables: ["handlers": .list(three.map(ExpressionValue.string))])
        let due = try beijing(2026, 3, 12, 9)
        #expect(run.instance.timers.map(\.due) == [due])
        #expect(run.instance.openTasks.map(\.dueAt) == [due, due, due])
        run.now = try beijing(2026, 3, 9, 11)
        try run.complete("Handle", by: "gaoy")

        // when: the day before, nothing happens; on the day the timer fires
        #expect(try run.fireTimers(at: try beijing(2026, 3, 11, 18)).isEmpty)
        let fired = try run.fireTimers(at: due)

        // then
        let handles = run.instance.tasks.filter { $0.node == "Handle" }
        #expect(handles.map(\.state) == [.completed, .cancelled, .cancelled])
        #expect(fired.first == .timerFired(timer: "HandleOverdue", activity: "Handle"))
        #expect(fired.filter { if case .taskCancelled = $0 { true } else { false } }.count == 2)
        #expect(run.open == ["Supervise"])
        #expect(try run.openTask("Supervise").assignee == director)
        try run.complete("Supervise", by: director, outcome: "approve")
        try run.complete("Close", by: clerk)
        #expect(run.instance.status == .completed)
        #expect(run.steps == ["Register", "Propose", "Instruct", "Supervise", "Close", "End"])
    }

    // MARK: As `workflow simulate` runs them

    @Test("the README's simulate commands run each model to the end")
    func simulateAsDocumented() throws {
        let runs: [(String, [String: ExpressionValue])] = [
            ("fawen", ["hasCountersign": true, "signers": ["gaoy", "liangc", "dux"], "outcome": "approve"]),
            ("shouwen", ["nextAssignee": "chenzq", "handlers": ["gaoy", "liangc", "dux"]]),
        ]
        for (name, variables) in runs {
            var lines: [[String: ExpressionValue]] = []
            let ending = Simulation(definition: try ExampleModel.process(name), variables: variables, completeAll: true).run { lines.append($0) }
            #expect(ending == .completed, "\(name): \(lines.last ?? [:])")
        }
    }

    @Test("outside a repository the models are reported missing, with where it looked")
    func missingRepository() throws {
        let error = try #require(throws: ExampleModel.NotFound.self) {
            try ExampleModel.repositoryRoot(from: "/nonexistent-zhengtong/Tests/WorkflowEngineTests/X.swift")
        }
        #expect(error.description.hasPrefix("docs/examples not found above the test file"))
        #expect(error.searched.first == "/nonexistent-zhengtong/Tests/WorkflowEngineTests")
    }
}

/// Reads the example models from `docs/examples` in the repository the tests were built from.
enum ExampleModel {
    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "docs/examples not found above the test file; looked in: \(searched.joined(separator: ", "))"
        }
    }

    /// The repository root: the first directory holding `docs/examples`, walking up from this file. The test
    /// folder may be reached through a symbolic link (a scratch package pointing at the repository), so each
    /// directory's link target is searched too.
    static func repositoryRoot(from file: String = #filePath) throws -> URL {
        let manager = FileManager.default
        var searched: [String] = []
        var pending = [URL(fileURLWithPath: file).deletingLastPathComponent()]
        var seen: Set<String> = []
        while let start = pending.popLast() {
            var directory = start.standardizedFileURL
            while seen.insert(directory.path).inserted {
                searched.append(directory.path)
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: directory.appendingPathComponent("docs/examples").path, isDirectory: &isDirectory), isDirectory.boolValue {
                    return directory
                }
                let resolved = directory.resolvingSymlinksInPath().standardizedFileURL
                if resolved.path != directory.path { pending.append(resolved) }
                let parent = directory.deletingLastPathComponent().standardizedFileURL
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw NotFound(searched: searched)
    }

    static func data(_ name: String) throws -> Data {
        let url = try repositoryRoot().appendingPathComponent("docs/examples/\(name).bpmn")
        guard FileManager.default.fileExists(atPath: url.path) else { throw NotFound(searched: [url.path]) }
        return try Data(contentsOf: url)
    }

    /// The file's one process, requiring an import without problems.
    static func process(_ name: String) throws -> ProcessDefinition {
        let result = BPMNImport.parse(try data(name))
        #expect(result.problems == [], "\(name): \(result.problems.map(\.description))")
        return try #require(result.processes.first, "\(name).bpmn has no process")
    }
}

extension Run {
    /// Starts at a given moment, for tests that reason in working days.
    fileprivate init(_ definition: ProcessDefinition, initiator: String, environment: any WorkflowEnvironment, startingAt start: Date) throws {
        runner = ProcessRunner(definition: definition, environment: environment)
        now = start
        let outcome = try runner.start(instanceID: "i1", initiator: initiator, at: start)
        instance = outcome.instance
        events = outcome.events
    }

    /// Moves the clock to `date` and fires the timers due; returns what happened.
    fileprivate mutating func fireTimers(at date: Date) throws -> [WorkflowEvent] {
        now = date
        let result = try runner.fireDueTimers(in: instance, at: date)
        instance = result.instance
        events += result.events
        return result.events
    }

    /// Activities (tasks, services, end events) in the order they completed.
    fileprivate var steps: [String] {
        events.compactMap { if case .activityCompleted(let activity) = $0 { activity } else { nil } }
    }

    /// `activity:assignee` of each task created, in order.
    fileprivate var created: [String] {
        events.compactMap { if case .taskCreated(_, let activity, _, let assignee, _) = $0 { "\(activity):\(assignee ?? "-")" } else { nil } }
    }
}
