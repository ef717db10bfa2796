import Foundation
import WorkflowEngine

/// The user tasks a step can lead to next (through gateways, events and service tasks, not through other
/// user tasks): the task page asks the holder to choose the next person only when one of them is
/// assigned to "the person the previous step chose".
enum NextSteps {
    static func userTasks(after nodeID: String, in definition: ProcessDefinition) -> [FlowNode] {
        guard let start = definition.nodes[nodeID] else { return [] }
        var found: [FlowNode] = []
        var seen: Set<String> = [nodeID]
        var queue = definition.outgoingFlows(of: start).map(\.target)
        while let next = queue.first {
            queue.removeFirst()
            guard seen.insert(next).inserted, let node = definition.nodes[next] else { continue }
            if case .userTask = node.kind {
                found.append(node)
            } else {
                queue += definition.outgoingFlows(of: node).map(\.target)
            }
        }
        return found
    }

    static func choosesNextPerson(after nodeID: String, in definition: ProcessDefinition) -> Bool {
        userTasks(after: nodeID, in: definition).contains { $0.assignment?.rule == .chosenByPreviousStep }
    }
}
