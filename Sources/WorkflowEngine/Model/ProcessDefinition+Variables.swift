import Foundation

extension ProcessDefinition {
    /// Variables that decide who works: read by task assignments (`${…}` in an assignee or candidate, `zt:assign`
    /// `chosen` reads `nextAssignee`, `variable:NAME` reads NAME) and by multi-instance collections (会签's
    /// `${countersigners}`). An application must never take these from whoever completes a step: naming the
    /// next holder is a decision with its own allowed people.
    public var peopleVariables: Set<String> {
        var names: Set<String> = []
        for node in nodes.values {
            if let assignment = node.assignment {
                for text in [assignment.assignee].compactMap({ $0 }) + assignment.candidateUsers {
                    names.formUnion(Self.variableNames(inText: text))
                }
                switch assignment.rule {
                case .chosenByPreviousStep?: names.insert("nextAssignee")
                case .variable(let name)?: names.insert(name)
                default: break
                }
            }
            if let collection = node.multiInstance?.collection { names.formUnion(collection.variableNames) }
            if let element = node.multiInstance?.elementVariable { names.insert(element) }
        }
        return names
    }

    /// Variables read by the conditions that steer tokens: sequence-flow conditions, multi-instance completion
    /// conditions and loop cardinalities.
    public var conditionVariables: Set<String> {
        var names: Set<String> = []
        for flow in flows.values {
            if let condition = flow.condition { names.formUnion(condition.variableNames) }
        }
        for node in nodes.values {
            if let condition = node.multiInstance?.completionCondition { names.formUnion(condition.variableNames) }
            if let cardinality = node.multiInstance?.loopCardinality { names.formUnion(cardinality.variableNames) }
        }
        return names
    }

    /// Variables read by due dates (`zt:dueDate="${deadline}"`).
    public var dueDateVariables: Set<String> {
        Set(nodes.values.compactMap(\.dueDate).flatMap { Self.variableNames(inText: $0) })
    }

    /// The variables a `${…}` text reads; none for a literal.
    static func variableNames(inText text: String) -> Set<String> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("${") || trimmed.hasPrefix("#{"), let expression = try? Expression(parsing: trimmed) else { return [] }
        return expression.variableNames
    }
}
