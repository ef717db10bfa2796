/// Recursive-descent parser that turns tokens into an `ExpressionNode` tree.
///
/// Precedence, loosest first:
/// 1. `or`, `||`
/// 2. `and`, `&&`
/// 3. `not` (keyword; Python binds it looser than comparisons, so `not a == b` is `not (a == b)`)
/// 4. comparisons `== != < <= > >=`, `eq ne lt le gt ge`, `in`, `not in`, `is`, `is not`
///    (and `=` in FEEL expressions); they do not chain
/// 5. `+ -`
/// 6. `* / %`, `div mod`
/// 7. prefix `-` and `!` (symbol; C, JavaScript and JUEL bind it tightly, so `!a == b` is `(!a) == b`)
/// 8. member access `a.b.c`
struct ExpressionParser {
    private let source: String
    private let tokens: [ExpressionToken]
    private let maximumDepth: Int
    private var index = 0
    private var depth = 0
    /// Set by a leading `=`: in FEEL a lone `=` is the equality operator; elsewhere it would be an assignment typo.
    private var isFEEL = false

    /// Words that are operators or literals and therefore cannot name a variable (they may still name a member: `doc.in`).
    private static let reservedWords: Set<String> = [
        "and", "or", "not", "in", "is", "eq", "ne", "lt", "le", "gt", "ge", "div", "mod",
        "true", "false", "True", "False", "null", "None", "nil",
    ]

    private init(source: String, tokens: [ExpressionToken], maximumDepth: Int) {
        self.source = source
        self.tokens = tokens
        self.maximumDepth = maximumDepth
    }

    /// Parses a whole expression, accepting the JUEL wrappers `${…}`/`#{…}` and the FEEL prefix `=`.
    static func parse(_ source: String, maximumDepth: Int) throws(ExpressionError) -> ExpressionNode {
        let tokens = try ExpressionLexer.tokenize(source)
        var parser = ExpressionParser(source: source, tokens: tokens, maximumDepth: maximumDepth)
        return try parser.parseRoot()
    }

    // MARK: - Token access

    private var current: ExpressionToken { tokens[index] }

    private func token(after offset: Int) -> ExpressionToken {
        // The lexer always ends with `.end`, so clamping keeps look-ahead safe.
        tokens[min(index + offset, tokens.count - 1)]
    }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private func unexpected(expected: String) -> ExpressionError {
        .unexpectedToken(expression: source, position: current.position, found: current.displayName, expected: expected)
    }

    /// Counts one level of nesting; callers undo it with `depth -= 1` in a `defer`.
    private mutating func enterNesting(at token: ExpressionToken) throws(ExpressionError) {
        depth += 1
        if depth > maximumDepth {
            throw .nestingTooDeep(expression: source, position: token.position, limit: maximumDepth)
        }
    }

    // MARK: - Grammar

    private mutating func parseRoot() throws(ExpressionError) -> ExpressionNode {
        if case .symbol(let open) = current.kind, open == "${" || open == "#{" {
            advance()
            let node = try parseOr()
            guard current.isSymbol("}") else {
                throw unexpected(expected: "'}' to close '\(open)'")
            }
            advance()
            try expectEnd()
            return node
        }
        if current.isSymbol("=") {
            isFEEL = true
            advance()
        }
        let node = try parseOr()
        try expectEnd()
        return node
    }

    private func expectEnd() throws(ExpressionError) {
        guard current.kind == .end else {
            throw unexpected(expected: "an operator or the end of the expression")
        }
    }

    private mutating func parseOr() throws(ExpressionError) -> ExpressionNode {
        let first = try parseAnd()
        var operands = [first]
        while current.isWord("or") || current.isSymbol("||") {
            advance()
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? first : ExpressionNode(kind: .or(operands), position: first.position)
    }

    private mutating func parseAnd() throws(ExpressionError) -> ExpressionNode {
        let first = try parseNot()
        var operands = [first]
        while current.isWord("and") || current.isSymbol("&&") {
            advance()
            operands.append(try parseNot())
        }
        return operands.count == 1 ? first : ExpressionNode(kind: .and(operands), position: first.position)
    }

    private mutating func parseNot() throws(ExpressionError) -> ExpressionNode {
        guard current.isWord("not") else { return try parseComparison() }
        let notToken = current
        advance()
        try enterNesting(at: notToken)
        defer { depth -= 1 }
        let operand = try parseNot()
        return ExpressionNode(kind: .not(operand), position: notToken.position)
    }

    private mutating func parseComparison() throws(ExpressionError) -> ExpressionNode {
        let left = try parseAdditive()
        guard let (op, length) = try comparisonOperator() else { return left }
        let operatorPosition = current.position
        for _ in 0..<length { advance() }
        let right = try parseAdditive()
        // Python reads `a < b < c` as `a < b and b < c`, JUEL as `(a < b) < c`; refusing it avoids guessing.
        if try comparisonOperator() != nil {
            throw .unsupportedSyntax(
                expression: source, position: current.position,
                construct: "chaining comparisons (use 'and' or parentheses)"
            )
        }
        return ExpressionNode(kind: .comparison(op, left, right, operatorPosition: operatorPosition), position: left.position)
    }

    /// The comparison operator at the current token, and how many tokens spell it (`not in` and `is not` take two).
    private func comparisonOperator() throws(ExpressionError) -> (ComparisonOperator, Int)? {
        switch current.kind {
        case .symbol("=="), .word("eq"): return (.equal, 1)
        case .symbol("!="), .word("ne"): return (.notEqual, 1)
        case .symbol("<"), .word("lt"): return (.less, 1)
        case .symbol("<="), .word("le"): return (.lessOrEqual, 1)
        case .symbol(">"), .word("gt"): return (.greater, 1)
        case .symbol(">="), .word("ge"): return (.greaterOrEqual, 1)
        case .word("in"): return (.contained, 1)
        case .word("not") where token(after: 1).isWord("in"): return (.notContained, 2)
        // Python's identity test; values here have no identity, so it is plain equality (`x is None`).
        case .word("is") where token(after: 1).isWord("not"): return (.notEqual, 2)
        case .word("is"): return (.equal, 1)
        case .symbol("="):
            guard isFEEL else {
                throw .unsupportedSyntax(
                    expression: source, position: current.position,
                    construct: "assignment with '=' (use '==' to compare)"
                )
            }
            return (.equal, 1)
        default: return nil
        }
    }

    private mutating func parseAdditive() throws(ExpressionError) -> ExpressionNode {
        let first = try parseMultiplicative()
        var steps: [ExpressionNode.ArithmeticStep] = []
        while true {
            let op: ArithmeticOperator
            switch current.kind {
            case .symbol("+"): op = .add
            case .symbol("-"): op = .subtract
            default:
                return steps.isEmpty ? first : ExpressionNode(kind: .arithmetic(first: first, steps: steps), position: first.position)
            }
            let position = current.position
            advance()
            steps.append(ExpressionNode.ArithmeticStep(op: op, operand: try parseMultiplicative(), position: position))
        }
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> ExpressionNode {
        let first = try parseUnary()
        var steps: [ExpressionNode.ArithmeticStep] = []
        while true {
            let op: ArithmeticOperator
            switch current.kind {
            case .symbol("*"): op = .multiply
            case .symbol("/"), .word("div"): op = .divide
            case .symbol("%"), .word("mod"): op = .remainder
            default:
                return steps.isEmpty ? first : ExpressionNode(kind: .arithmetic(first: first, steps: steps), position: first.position)
            }
            let position = current.position
            advance()
            steps.append(ExpressionNode.ArithmeticStep(op: op, operand: try parseUnary(), position: position))
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> ExpressionNode {
        let opToken = current
        guard opToken.isSymbol("-") || opToken.isSymbol("!") else { return try parsePostfix() }
        advance()
        try enterNesting(at: opToken)
        defer { depth -= 1 }
        let operand = try parseUnary()
        if opToken.isSymbol("!") {
            return ExpressionNode(kind: .not(operand), position: opToken.position)
        }
        // Fold `-5` into a literal so negative constants cost nothing at evaluation time.
        if case .literal(.number(let value)) = operand.kind {
            return ExpressionNode(kind: .literal(.number(-value)), position: opToken.position)
        }
        return ExpressionNode(kind: .negate(operand), position: opToken.position)
    }

    private mutating func parsePostfix() throws(ExpressionError) -> ExpressionNode {
        let base = try parsePrimary()
        var names: [ExpressionNode.MemberName] = []
        while current.isSymbol(".") {
            advance()
            // Any word may name a member, keywords included, because object keys come from other systems.
            guard case .word(let name) = current.kind else {
                throw unexpected(expected: "a member name after '.'")
            }
            names.append(ExpressionNode.MemberName(name: name, position: current.position))
            advance()
        }
        // Name the refused feature instead of a generic "unexpected '('", since these come from richer languages.
        if current.isSymbol("("), !names.isEmpty || isVariable(base) {
            throw .unsupportedSyntax(expression: source, position: current.position, construct: "calling a function")
        }
        if current.isSymbol("[") {
            throw .unsupportedSyntax(expression: source, position: current.position, construct: "indexing with '[ ]'")
        }
        return names.isEmpty ? base : ExpressionNode(kind: .member(base: base, names: names), position: base.position)
    }

    private func isVariable(_ node: ExpressionNode) -> Bool {
        if case .variable = node.kind { return true }
        return false
    }

    private mutating func parsePrimary() throws(ExpressionError) -> ExpressionNode {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return ExpressionNode(kind: .literal(.number(value)), position: token.position)
        case .string(let value):
            advance()
            return ExpressionNode(kind: .literal(.string(value)), position: token.position)
        case .word(let word):
            let value: ExpressionValue
            switch word {
            case "true", "True": value = .bool(true)
            case "false", "False": value = .bool(false)
            case "null", "None", "nil": value = .null
            case _ where Self.reservedWords.contains(word):
                throw unexpected(expected: "a value")
            default:
                advance()
                return ExpressionNode(kind: .variable(word), position: token.position)
            }
            advance()
            return ExpressionNode(kind: .literal(value), position: token.position)
        case .symbol("("):
            advance()
            try enterNesting(at: token)
            defer { depth -= 1 }
            let inner = try parseOr()
            guard current.isSymbol(")") else {
                throw unexpected(expected: "')' to close the '(' at offset \(token.position)")
            }
            advance()
            // Point operand errors at the parenthesis, where the operand visibly starts.
            return ExpressionNode(kind: inner.kind, position: token.position)
        case .symbol("["):
            advance()
            try enterNesting(at: token)
            defer { depth -= 1 }
            return try parseListElements(openedAt: token)
        default:
            throw unexpected(expected: "a value")
        }
    }

    /// Parses `a, b, c]` after the opening bracket; a trailing comma is allowed, as in Python.
    private mutating func parseListElements(openedAt open: ExpressionToken) throws(ExpressionError) -> ExpressionNode {
        var elements: [ExpressionNode] = []
        while !current.isSymbol("]") {
            elements.append(try parseOr())
            if current.isSymbol(",") {
                advance()
            } else if !current.isSymbol("]") {
                throw unexpected(expected: "',' or ']' to close the '[' at offset \(open.position)")
            }
        }
        advance()
        // A list of constants (the usual `kind in ["请示", "报告"]`) becomes one literal, built once at parse time.
        var constants: [ExpressionValue] = []
        for element in elements {
            guard case .literal(let value) = element.kind else {
                return ExpressionNode(kind: .list(elements), position: open.position)
            }
            constants.append(value)
        }
        return ExpressionNode(kind: .literal(.list(constants)), position: open.position)
    }
}
