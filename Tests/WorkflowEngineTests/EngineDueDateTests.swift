import Foundation
import Testing
@testable import WorkflowEngine

/// `zt:dueDate` on user tasks: a deadline someone set, read from a variable, taken with `zt:dueIn` (the earlier wins).
@Suite("Engine: deadlines from variables (zt:dueDate)")
struct EngineDueDateTests {
    func runner() throws -> ProcessRunner {
        let result = BPMNImport.parse(BPMNFixture.model("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Handle" name="承办" zt:assignee="gaoy" zt:dueIn="P5D" zt:dueDate="${deadline}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Handle" />
            <bpmn:sequenceFlow id="F2" sourceRef="Handle" targetRef="End" />
        """))
        #expect(result.problems == [])
        let definition = try #require(result.processes.first)
        #expect(definition.nodes["Handle"]?.dueDate == "${deadline}")
        return ProcessRunner(definition: definition)
    }

    @Test("a deadline earlier than the step's time limit is the task's due time; a later one leaves the limit")
    func earlierWins() throws {
        let monday = try beijing(2026, 3, 2, 9)
        let earlier = try runner().start(instanceID: "i1", initiator: "zhaom", variables: ["deadline": .string("2026-03-04T18:00:00+08:00")], at: monday)
        #expect(earlier.instance.openTasks.first?.dueAt == (try beijing(2026, 3, 4, 18)))
        let later = try runner().start(instanceID: "i2", initiator: "zhaom", variables: ["deadline": .string("2026-03-20T18:00:00+08:00")], at: monday)
        #expect(later.instance.openTasks.first?.dueAt == (try beijing(2026, 3, 9, 9)))
    }

    @Test("no deadline, an empty one or an unreadable one: the step's own time limit")
    func missingDeadline() throws {
        let monday = try beijing(2026, 3, 2, 9)
        for variables: [String: ExpressionValue] in [[:], ["deadline": .string("")], ["deadline": .string("下周")]] {
            let started = try runner().start(instanceID: "i", initiator: "zhaom", variables: variables, at: monday)
            #expect(started.instance.openTasks.first?.dueAt == (try beijing(2026, 3, 9, 9)))
        }
    }

    @Test("the attribute survives export and import")
    func roundTrip() throws {
        let definition = try runner().definition
        let exported = BPMNExport.export([definition])
        #expect(String(decoding: exported, as: UTF8.self).contains("zt:dueDate=\"${deadline}\""))
        #expect(BPMNImport.parse(exported).processes.first?.nodes["Handle"]?.dueDate == "${deadline}")
    }
}
