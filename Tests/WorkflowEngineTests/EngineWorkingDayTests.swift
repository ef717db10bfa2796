import Foundation
import Testing
@testable import WorkflowEngine

/// `zt:calendar="workdays"` on timers and `zt:dueIn` on user tasks: from the BPMN file through the model
/// to the engine, with the working days of the environment's calendar.
@Suite("Engine: working days (zt:calendar, zt:dueIn)")
struct EngineWorkingDayTests {
    func process(_ body: String) throws -> ProcessDefinition {
        let result = BPMNImport.parse(BPMNFixture.model(body))
        #expect(result.problems == [])
        return try #require(result.processes.first)
    }

    /// 承办 with an interrupting boundary timer (`timer` written inside) that escalates to 督办.
    func escalation(_ timer: String, workdays: Bool) throws -> ProcessDefinition {
        try process("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Handle" name="承办" zt:assignee="gaoy" />
            <bpmn:boundaryEvent id="Late" attachedToRef="Handle"\(workdays ? #" zt:calendar="workdays""# : "")>
              <bpmn:timerEventDefinition>\(timer)</bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:userTask id="Escalate" name="督办" zt:assignee="zhangw" />
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="End_Escalated" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Handle" />
            <bpmn:sequenceFlow id="F2" sourceRef="Handle" targetRef="End" />
            <bpmn:sequenceFlow id="F3" sourceRef="Late" targetRef="Escalate" />
            <bpmn:sequenceFlow id="F4" sourceRef="Escalate" targetRef="End_Escalated" />
        """)
    }

    @Test("a P2D boundary timer in working days armed on a Friday fires on Tuesday, not Sunday", arguments: [true, false])
    func boundaryTimerSkipsTheWeekend(workdays: Bool) throws {
        let definition = try escalation("<bpmn:timeDuration>P2D</bpmn:timeDuration>", workdays: workdays)
        #expect(definition.nodes["Late"]?.countsWorkingDays == workdays)
        let runner = ProcessRunner(definition: definition)
        let friday = try beijing(2026, 2, 6, 10)
        let started = try runner.start(instanceID: "i1", initiator: "zhaom", at: friday).instance
        let expectedDue = try workdays ? beijing(2026, 2, 10, 10) : beijing(2026, 2, 8, 10)
        #expect(started.timers.map(\.due) == [expectedDue])

        let sunday = try runner.fireDueTimers(in: started, at: try beijing(2026, 2, 8, 10, 1))
        #expect(sunday.instance.openTasks.map(\.node) == (workdays ? ["Handle"] : ["Escalate"]))
        let tuesday = try runner.fireDueTimers(in: sunday.instance, at: try beijing(2026, 2, 10, 10, 1))
        #expect(tuesday.instance.openTasks.map(\.node) == ["Escalate"])
        #expect((workdays ? tuesday.events : sunday.events).contains(.timerFired(timer: "Late", activity: "Handle")))
    }

    @Test("holidays come from the environment's calendar; cycles and intermediate timers count working days too")
    func environmentCalendar() throws {
        let festival = SimulationEnvironment(calendar: try springFestival2026())
        // Armed on the Thursday before the holiday: Friday, then the 调休 Saturday.
        let duration = ProcessRunner(definition: try escalation("<bpmn:timeDuration>P2D</bpmn:timeDuration>", workdays: true), environment: festival)
        let thursday = try beijing(2026, 2, 12, 9)
        #expect(try duration.start(instanceID: "i1", initiator: "zhaom", at: thursday).instance.timers.map(\.due) == [try beijing(2026, 2, 14, 9)])

        // A non-interrupting daily reminder in working days: Friday, Saturday (调休), then the first day back.
        let reminder = try process("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Handle" zt:assignee="gaoy" />
            <bpmn:boundaryEvent id="Remind" attachedToRef="Handle" cancelActivity="false" zt:calendar="workdays">
              <bpmn:timerEventDefinition><bpmn:timeCycle>R3/P1D</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:task id="Notify" />
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="End_Notified" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Handle" />
            <bpmn:sequenceFlow id="F2" sourceRef="Handle" targetRef="End" />
            <bpmn:sequenceFlow id="F3" sourceRef="Remind" targetRef="Notify" />
            <bpmn:sequenceFlow id="F4" sourceRef="Notify" targetRef="End_Notified" />
        """)
        let cycle = ProcessRunner(definition: reminder, environment: festival)
        var instance = try cycle.start(instanceID: "i2", initiator: "zhaom", at: thursday).instance
        var dues: [Date] = []
        for _ in 0..<3 {
            let due = try #require(instance.timers.first?.due)
            dues.append(due)
            instance = try cycle.fireDueTimers(in: instance, at: due).instance
        }
        #expect(dues == [try beijing(2026, 2, 13, 9), try beijing(2026, 2, 14, 9), try beijing(2026, 2, 24, 9)])
        #expect(instance.timers.isEmpty)

        let wait = try process("""
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Wait" zt:calendar="workdays">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P1DT2H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
            <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End" />
        """)
        let waiting = try ProcessRunner(definition: wait, environment: festival).start(instanceID: "i3", initiator: "zhaom", at: try beijing(2026, 2, 13, 17))
        #expect(waiting.instance.timers.map(\.due) == [try beijing(2026, 2, 14, 19)])
    }

    func limited() throws -> ProcessDefinition {
        try process("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Draft" name="拟稿" zt:assignee="${initiator}" />
            <bpmn:userTask id="Handle" name="承办" zt:assignee="gaoy" zt:dueIn="P3D" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Draft" />
            <bpmn:sequenceFlow id="F2" sourceRef="Draft" targetRef="Handle" />
            <bpmn:sequenceFlow id="F3" sourceRef="Handle" targetRef="End" />
        """)
    }

    @Test("a task with zt:dueIn is due that many working days later, across the Spring Festival")
    func dueIn() throws {
        let definition = try limited()
        #expect(definition.nodes["Handle"]?.dueIn == ISODuration(days: 3))
        let thursday = try beijing(2026, 2, 12, 9)
        for (environment, due) in [(SimulationEnvironment(calendar: try springFestival2026()), try beijing(2026, 2, 24, 9)),
                                   (SimulationEnvironment(), try beijing(2026, 2, 17, 9))] {
            let runner = ProcessRunner(definition: definition, environment: environment)
            let started = try runner.start(instanceID: "i1", initiator: "zhaom", at: thursday).instance
            #expect(started.openTasks.map(\.dueAt) == [nil])  // 拟稿 has no time limit
            let draft = try #require(started.openTasks.first)
            let handed = try runner.completeTask(draft.id, in: started, by: "zhaom", at: thursday).instance
            #expect(handed.openTasks.map(\.dueAt) == [due])

            // 退回 and back: the new 承办 task has the full time limit from its own creation.
            let handle = try #require(handed.openTasks.first)
            let later = try beijing(2026, 2, 24, 15)
            let returned = try runner.returnTask(handle.id, in: handed, by: "gaoy", reason: "请补充", at: later).instance
            let redraft = try #require(returned.openTasks.first)
            let again = try runner.completeTask(redraft.id, in: returned, by: "zhaom", at: later).instance
            let expected = environment.calendar.adding(ISODuration(days: 3), to: later)
            #expect(again.openTasks.map(\.dueAt) == [expected])
        }
    }

    @Test("an environment that says nothing about working days skips weekends only")
    func defaultCalendar() {
        struct Bare: WorkflowEnvironment {
            func assignees(for assignment: Assignment, activity: FlowNode, instance: ProcessInstance, at date: Date) throws -> TaskAssignees {
                TaskAssignees(assignee: "gaoy")
            }
            func runService(hook: String, activity: FlowNode, instance: ProcessInstance) throws -> [String: ExpressionValue] { [:] }
            func process(withID id: String) -> ProcessDefinition? { nil }
        }
        #expect(Bare().calendar == .weekendsOnly)
    }

    @Test("check reports a zt:calendar other than workdays and an invalid zt:dueIn, with the element id")
    func checkReportsBadValues() {
        let data = BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Task_Words" zt:assignee="a" zt:dueIn="3 days" />
            <bpmn:userTask id="Task_Zero" zt:assignee="a" zt:dueIn="PT0S" />
            <bpmn:intermediateCatchEvent id="Wait_Weekdays" zt:calendar="weekdays">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="Wait_Date" zt:calendar="workdays">
              <bpmn:timerEventDefinition><bpmn:timeDate>2026-12-01T09:00:00+08:00</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Words" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Words" targetRef="Task_Zero" />
            <bpmn:sequenceFlow id="F3" sourceRef="Task_Zero" targetRef="Wait_Weekdays" />
            <bpmn:sequenceFlow id="F4" sourceRef="Wait_Weekdays" targetRef="Wait_Date" />
            <bpmn:sequenceFlow id="F5" sourceRef="Wait_Date" targetRef="End" />
        """)
        #expect(BPMNCheck.check(data) == [
            .error("Task_Words", zh: "办理时限 zt:dueIn「3 days」无法解析（应为不为零的 ISO 8601 时长，如 P3D、PT4H）",
                   en: "cannot parse the time limit zt:dueIn \"3 days\" (a non-zero ISO 8601 duration expected, e.g. P3D, PT4H)"),
            .error("Task_Zero", zh: "办理时限 zt:dueIn「PT0S」无法解析（应为不为零的 ISO 8601 时长，如 P3D、PT4H）",
                   en: "cannot parse the time limit zt:dueIn \"PT0S\" (a non-zero ISO 8601 duration expected, e.g. P3D, PT4H)"),
            .error("Wait_Weekdays", zh: "无法识别的日历 zt:calendar「weekdays」（只能是 workdays：按工作日计）",
                   en: "unknown calendar zt:calendar \"weekdays\" (only workdays, counting working days, is allowed)"),
            .warning("Wait_Date", zh: "zt:calendar 对 timeDate 定时器不起作用：按写明的时刻触发",
                     en: "zt:calendar has no effect on a timeDate timer: it fires at the moment written"),
        ])

        // A definition built in code: the same rules, where they can be broken there.
        let built = ProcessDefinition(id: "P", nodes: [
            FlowNode(id: "Start", kind: .startEvent, outgoing: ["F1"]),
            FlowNode(id: "T", kind: .userTask, incoming: ["F1"], outgoing: ["F2"], assignment: Assignment(assignee: "a"),
                     dueIn: ISODuration(), countsWorkingDays: true),
            FlowNode(id: "End", kind: .endEvent(terminate: false), incoming: ["F2"]),
        ], flows: [SequenceFlow(id: "F1", source: "Start", target: "T"), SequenceFlow(id: "F2", source: "T", target: "End")])
        #expect(BPMNCheck.check(built) == [
            .error("T", zh: "办理时限 zt:dueIn 不能为零", en: "the time limit zt:dueIn cannot be zero"),
            .warning("T", zh: "zt:calendar 只对定时事件起作用", en: "zt:calendar only applies to timer events"),
        ])
    }

    @Test("zt:calendar and zt:dueIn are written back and read again to the same model")
    func exportRoundTrip() throws {
        let definition = try process("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Handle" zt:assignee="gaoy" zt:dueIn="P1W" zt:formKey="handle" />
            <bpmn:boundaryEvent id="Late" attachedToRef="Handle" zt:calendar=" workdays ">
              <bpmn:timerEventDefinition><bpmn:timeCycle>R2/P2D</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:intermediateCatchEvent id="Wait">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="End_Late" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Handle" />
            <bpmn:sequenceFlow id="F2" sourceRef="Handle" targetRef="Wait" />
            <bpmn:sequenceFlow id="F3" sourceRef="Wait" targetRef="End" />
            <bpmn:sequenceFlow id="F4" sourceRef="Late" targetRef="End_Late" />
        """)
        #expect(definition.nodes["Handle"]?.properties == ["zt:formKey": "handle"])
        #expect(definition.nodes["Late"]?.properties == [:])
        #expect(definition.nodes["Late"]?.countsWorkingDays == true)
        #expect(definition.nodes["Wait"]?.countsWorkingDays == false)

        let exported = BPMNExport.export([definition])
        let text = String(decoding: exported, as: UTF8.self)
        #expect(text.contains(#"zt:dueIn="P1W""#))
        #expect(text.components(separatedBy: "zt:calendar=").count == 2)
        #expect(text.contains(#"zt:calendar="workdays""#))
        let again = BPMNImport.parse(exported)
        #expect(again.problems == [])
        #expect(again.processes == [definition])
    }
}
