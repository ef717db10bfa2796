/// A node of the parsed expression tree; parsing builds it once and every evaluation walks it.
///
/// Chains of the same precedence (`a or b or c`, `a + b - c`, `doc.a.b.c`) are stored flat rather than as
/// nested binary nodes, so the tree depth, and with it evaluation recursion, follows the nesting limit and
/// not the length of the expression.
struct ExpressionNode: Sendable {
    indirect enum Kind: Sendable {
        case literal(ExpressionValue)
        case variable(String)
        /// Member accesses applied in order to `base`.
        case member(base: ExpressionNode, names: [MemberName])
        case list([ExpressionNode])
        case negate(ExpressionNode)
        case not(ExpressionNode)
        /// Short-circuit conjunction of two or more operands.
        case and([ExpressionNode])
        /// Short-circuit disjunction of two or more operands.
        case or([ExpressionNode])
        case comparison(ComparisonOperator, ExpressionNode, ExpressionNode, operatorPosition: Int)
        /// `first` combined left to right with each step's operand, e.g. `a + b - c`.
        case arithmetic(first: ExpressionNode, steps: [ArithmeticStep])
    }

    /// One `.name` of a member chain, with the name's offset for "unknown member" errors.
    struct MemberName: Sendable {
        let name: String
        let position: Int
    }

    /// One `op operand` of an arithmetic chain, with the operator's offset for errors.
    struct ArithmeticStep: Sendable {
        let op: ArithmeticOperator
        let operand: ExpressionNode
        let position: Int
    }

    let kind: Kind
    /// Offset of the node's first character, where operand type errors point.
    let position: Int
}

/// Comparison and membership operators; they do not chain (`a < b < c` is a syntax error).
enum ComparisonOperator: Sendable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, contained, notContained

    /// The spelling used in error messages.
    var symbol: String {
        switch self {
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        case .contained: "in"
        case .notContained: "not in"
        }
    }
}

/// Arithmetic operators; `+` also concatenates two strings.
enum ArithmeticOperator: Sendable {
    case add, subtract, multiply, divide, remainder

    /// The spelling used in error messages.
    var symbol: String {
        switch self {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .remainder: "%"
        }
    }
}
