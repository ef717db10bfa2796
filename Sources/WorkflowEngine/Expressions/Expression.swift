/// A condition or value expression parsed once and evaluated many times, e.g. `${amount > 5000 && dept == "办公室"}`.
///
/// Accepted spellings: JUEL (`${…}`, `#{…}`, `eq`/`lt`/…, `div`/`mod`, `&&`), FEEL with a leading `=` (where a lone
/// `=` means `==`), Python (`and`/`or`/`not`, `True`/`False`/`None`, `in`, `not in`, `is`, `is not`), and plain
/// infix with `&& || !`. Precedence from loosest: `or`, `and`, `not`, comparisons (which do not chain), `+ -`,
/// `* / %`, prefix `-` and `!`, member access. Note that `not a == b` is `not (a == b)` (Python) while
/// `!a == b` is `(!a) == b` (JUEL, C).
///
/// Semantics are strict: numbers are `Decimal`; `<`-style comparisons need two numbers or two strings; `and`,
/// `or`, `not` and conditions need booleans (no truthiness) and `and`/`or` short-circuit; `==` on different
/// types is `false`; `+` adds numbers or concatenates strings; `x in y` tests list membership, substring, or
/// object key. Unknown variables, missing members and members of `null` are errors, never `null`.
///
/// The language has no calls, assignment, loops or host access, and `ExpressionLimits` bounds its size,
/// nesting and string results, so evaluating an untrusted expression always terminates in bounded memory.
public struct Expression: Sendable, CustomStringConvertible {
    /// The source text as written.
    public let source: String
    /// The limits the expression was parsed with, also applied while evaluating.
    public let limits: ExpressionLimits
    private let root: ExpressionNode

    /// Parses `source`, failing with the offset of the first lexical or syntax error.
    public init(parsing source: String, limits: ExpressionLimits = .standard) throws(ExpressionError) {
        // Checked before tokenizing so that an enormous input is rejected without further work.
        let length = source.count
        guard length <= limits.maximumSourceLength else {
            throw .sourceTooLong(expression: String(source.prefix(100)), length: length, limit: limits.maximumSourceLength)
        }
        self.source = source
        self.limits = limits
        self.root = try ExpressionParser.parse(source, maximumDepth: limits.maximumNestingDepth)
    }

    /// Evaluates the expression with the given variables; any variable it reads must be present.
    public func evaluate(_ variables: [String: ExpressionValue] = [:]) throws(ExpressionError) -> ExpressionValue {
        try ExpressionEvaluator(source: source, variables: variables, limits: limits).evaluate(root)
    }

    /// Evaluates the expression as a sequence-flow condition; a result that is not a boolean is a type mismatch.
    public func evaluateCondition(_ variables: [String: ExpressionValue] = [:]) throws(ExpressionError) -> Bool {
        try ExpressionEvaluator(source: source, variables: variables, limits: limits)
            .boolean(root, role: "a condition")
    }

    /// Names of the top-level variables the expression mentions (for `doc.amount`, `doc`), e.g. to check a process at deployment.
    public var variableNames: Set<String> {
        var names: Set<String> = []
        Self.collectVariableNames(in: root, into: &names)
        return names
    }

    /// The source text.
    public var description: String { source }

    private static func collectVariableNames(in node: ExpressionNode, into names: inout Set<String>) {
        switch node.kind {
        case .literal:
            break
        case .variable(let name):
            names.insert(name)
        case .member(let base, _):
            collectVariableNames(in: base, into: &names)
        case .negate(let operand), .not(let operand):
            collectVariableNames(in: operand, into: &names)
        case .list(let operands), .and(let operands), .or(let operands):
            for operand in operands { collectVariableNames(in: operand, into: &names) }
        case .comparison(_, let left, let right, _):
            collectVariableNames(in: left, into: &names)
            collectVariableNames(in: right, into: &names)
        case .arithmetic(let first, let steps):
            collectVariableNames(in: first, into: &names)
            for step in steps { collectVariableNames(in: step.operand, into: &names) }
        }
    }
}
