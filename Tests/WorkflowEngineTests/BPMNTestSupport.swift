import Foundation
import Testing
@testable import WorkflowEngine

/// Fixture models in `Fixtures/*.bpmn` and small models written inline.
enum BPMNFixture {
    static let all = [
        "small-bpmnio", "small-bpmn2", "small-semantic", "small-flowable", "camunda-countersign",
        "miwg-A.1.0", "miwg-A.2.0", "miwg-A.4.0", "zhengtong-all-constructs",
    ]

    static func data(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "bpmn", subdirectory: "Fixtures"),
                               "fixture \(name).bpmn is missing from the test bundle")
        return try Data(contentsOf: url)
    }

    /// Imports a fixture, requiring that it has no problems at all.
    static func processes(_ name: String) throws -> [ProcessDefinition] {
        let result = BPMNImport.parse(try data(name))
        #expect(result.problems == [], "\(name): \(result.problems.map(\.description))")
        return result.processes
    }

    /// A file with one process `P` around `body`, with the bpmn, xsi, zt and camunda prefixes declared;
    /// `messages` (`bpmn:message` elements) go before the process, on the
    /// line that opens the definitions, so that line numbers in problems stay the same with and without them.
    static func model(_ body: String, processID: String = "P", messages: String = "") -> Data {
        Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zt="urn:zhengtong:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Test" targetNamespace="urn:test">\(messages)
          <bpmn:process id="\(processID)" isExecutable="true">
        \(body)
          </bpmn:process>
        </bpmn:definitions>
        """.utf8)
    }

    /// `start → (middle) → end`: `middle` holds elements between `Flow_In` (from `Start`) and `Flow_Out` (to `End`).
    static func line(through id: String, _ middle: String) -> Data {
        model("""
            <bpmn:startEvent id="Start" />
            \(middle)
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="\(id)" />
            <bpmn:sequenceFlow id="Flow_Out" sourceRef="\(id)" targetRef="End" />
        """)
    }
}

extension ModelProblem {
    static func error(_ id: String?, zh: String, en: String) -> ModelProblem {
        ModelProblem(elementID: id, severity: .error, message: zh, englishMessage: en)
    }

    static func warning(_ id: String?, zh: String, en: String) -> ModelProblem {
        ModelProblem(elementID: id, severity: .warning, message: zh, englishMessage: en)
    }
}
