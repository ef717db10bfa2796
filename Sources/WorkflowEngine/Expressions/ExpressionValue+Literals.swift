import Foundation

// Literal conformances so that variables read naturally in Swift code:
// `["amount": 6000, "dept": "办公室", "approved": true]`.

extension ExpressionValue: ExpressibleByNilLiteral {
    /// `nil` becomes `.null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension ExpressionValue: ExpressibleByBooleanLiteral {
    /// `true`/`false` become `.bool`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension ExpressionValue: ExpressibleByIntegerLiteral {
    /// Integer literals become `.number`.
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}

extension ExpressionValue: ExpressibleByFloatLiteral {
    /// Float literals become `.number`; a literal outside `Decimal`'s range is a programming error.
    public init(floatLiteral value: Double) {
        // A literal is written in source code, so an unrepresentable one is a bug to fix, not input to handle.
        guard let value = ExpressionValue(value) else {
            preconditionFailure("float literal \(value) cannot be represented as a Decimal")
        }
        self = value
    }
}

extension ExpressionValue: ExpressibleByStringLiteral {
    /// String literals become `.string`.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension ExpressionValue: ExpressibleByArrayLiteral {
    /// Array literals become `.list`.
    public init(arrayLiteral elements: ExpressionValue...) {
        self = .list(elements)
    }
}

extension ExpressionValue: ExpressibleByDictionaryLiteral {
    /// Dictionary literals become `.object`; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, ExpressionValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
