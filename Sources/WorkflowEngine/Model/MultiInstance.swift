import Foundation

/// `multiInstanceLoopCharacteristics`: 会签 as parallel or sequential instances of one activity.
///
/// Either `loopCardinality` (how many) or `collection` (one instance per element, the element in
/// `elementVariable`). After each instance completes, `completionCondition` is evaluated with
/// `nrOfInstances`, `nrOfCompletedInstances` and `nrOfActiveInstances`; when true the remaining
/// instances are cancelled: all-must-sign has none, 或签 is `${nrOfCompletedInstances >= 1}`,
/// a quorum `${nrOfCompletedInstances/nrOfInstances >= 0.6}`.
public struct MultiInstance: Sendable, Equatable {
    public var isSequential: Bool
    public var loopCardinalityText: String?
    public var loopCardinality: Expression?
    /// A variable name, or an expression yielding a list (`${signers}`).
    public var collectionText: String?
    public var collection: Expression?
    public var elementVariable: String?
    public var completionConditionText: String?
    public var completionCondition: Expression?

    public init(isSequential: Bool, loopCardinalityText: String? = nil, loopCardinality: Expression? = nil,
                collectionText: String? = nil, collection: Expression? = nil, elementVariable: String? = nil,
                completionConditionText: String? = nil, completionCondition: Expression? = nil) {
        self.isSequential = isSequential
        self.loopCardinalityText = loopCardinalityText
        self.loopCardinality = loopCardinality
        self.collectionText = collectionText
        self.collection = collection
        self.elementVariable = elementVariable
        self.completionConditionText = completionConditionText
        self.completionCondition = completionCondition
    }

    public static func == (lhs: MultiInstance, rhs: MultiInstance) -> Bool {
        lhs.isSequential == rhs.isSequential && lhs.loopCardinalityText == rhs.loopCardinalityText
            && lhs.collectionText == rhs.collectionText && lhs.elementVariable == rhs.elementVariable
            && lhs.completionConditionText == rhs.completionConditionText
    }
}
