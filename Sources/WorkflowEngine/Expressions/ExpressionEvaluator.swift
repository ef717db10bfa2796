import Foundation

/// Walks a parsed tree against one set of variables.
///
/// Typing is strict on purpose: a condition that compares a string with a number, or negates a non-boolean, is
/// almost always a modelling mistake, and in a workflow a mistaken condition silently routes a document the wrong
/// way. So only `==`/`!=` accept mixed types (values of different types are simply unequal); everything else
/// reports a type mismatch instead of coercing.
///
/// Member access is strict too: a missing member, or a member of `null`, is an error rather than `null`, for the
/// same reason unknown variables are. Optional members can be guarded with `in` and short-circuit:
/// `"urgent" in doc and doc.urgent`.
struct ExpressionEvaluator {
    let source: String
    let variables: [String: ExpressionValue]
    let limits: ExpressionLimits

    func evaluate(_ node: ExpressionNode) throws(ExpressionError) -> ExpressionValue {
        switch node.kind {
        case .literal(let value):
            return value
        case .variable(let name):
            guard let value = variables[name] else {
                throw .unknownVariable(expression: source, position: node.position, name: name)
            }
            return value
        case .member(let base, let names):
            return try readMembers(names, of: try evaluate(base))
        case .list(let elements):
            var values: [ExpressionValue] = []
            values.reserveCapacity(elements.count)
            for element in elements {
                values.append(try evaluate(element))
            }
            return .list(values)
        case .negate(let operand):
            let value = try evaluate(operand)
            guard case .number(let number) = value else {
                throw typeMismatch(at: node.position, "unary '-' needs a number, not a \(value.typeName)")
            }
            return .number(-number)
        case .not(let operand):
            return .bool(!(try boolean(operand, role: "the operand of 'not' or '!'")))
        case .and(let operands):
            for operand in operands where !(try boolean(operand, role: "an operand of 'and'")) {
                return .bool(false)
            }
            return .bool(true)
        case .or(let operands):
            for operand in operands where try boolean(operand, role: "an operand of 'or'") {
                return .bool(true)
            }
            return .bool(false)
        case .comparison(let op, let left, let right, let position):
            return .bool(try compare(try evaluate(left), op, try evaluate(right), at: position))
        case .arithmetic(let first, let steps):
            var result = try evaluate(first)
            for (offset, step) in zip(steps.indices, steps) {
                if case .string(let head) = result, step.op == .add {
                    return try concatenate(head, steps[offset...])
                }
                result = try apply(step.op, result, try evaluate(step.operand), at: step.position)
            }
            return result
        }
    }

    /// Evaluates an operand that must be a boolean; `role` names it in the error.
    func boolean(_ node: ExpressionNode, role: String) throws(ExpressionError) -> Bool {
        let value = try evaluate(node)
        guard case .bool(let flag) = value else {
            throw typeMismatch(at: node.position, "\(role) must be a boolean, not a \(value.typeName)")
        }
        return flag
    }

    private func typeMismatch(at position: Int, _ message: String) -> ExpressionError {
        .typeMismatch(expression: source, position: position, message: message)
    }

    private func readMembers(_ names: [ExpressionNode.MemberName], of base: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        var value = base
        for member in names {
            guard case .object(let fields) = value else {
                throw typeMismatch(at: member.position, "cannot read member '\(member.name)' of a \(value.typeName)")
            }
            guard let next = fields[member.name] else {
                throw .unknownMember(expression: source, position: member.position, name: member.name)
            }
            value = next
        }
        return value
    }

    // MARK: - Comparison

    private func compare(
        _ left: ExpressionValue, _ op: ComparisonOperator, _ right: ExpressionValue, at position: Int
    ) throws(ExpressionError) -> Bool {
        switch op {
        case .equal:
            return left == right
        case .notEqual:
            return left != right
        case .contained:
            return try contains(right, left, at: position)
        case .notContained:
            return !(try contains(right, left, at: position))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let order: ComparisonResult
            switch (left, right) {
            case (.number(let a), .number(let b)):
                order = a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
            case (.string(let a), .string(let b)):
                order = a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
            default:
                throw typeMismatch(
                    at: position, "cannot compare a \(left.typeName) with a \(right.typeName) using '\(op.symbol)'"
                )
            }
            switch op {
            case .less: return order == .orderedAscending
            case .lessOrEqual: return order != .orderedDescending
            case .greater: return order == .orderedDescending
            default: return order != .orderedAscending
            }
        }
    }

    /// `element in container`: list membership, substring, or object key.
    private func contains(_ container: ExpressionValue, _ element: ExpressionValue, at position: Int) throws(ExpressionError) -> Bool {
        switch (container, element) {
        case (.list(let items), _):
            return items.contains(element)
        case (.string(let text), .string(let part)):
            return SubstringSearch.contains(part, in: text)
        case (.object(let fields), .string(let key)):
            return fields[key] != nil
        case (.string, _), (.object, _):
            throw typeMismatch(at: position, "'in' a \(container.typeName) needs a string on the left, not a \(element.typeName)")
        default:
            throw typeMismatch(at: position, "'in' needs a list, string or object on the right, not a \(container.typeName)")
        }
    }

    // MARK: - Arithmetic

    private func apply(
        _ op: ArithmeticOperator, _ left: ExpressionValue, _ right: ExpressionValue, at position: Int
    ) throws(ExpressionError) -> ExpressionValue {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return .number(try arithmetic(op, a, b, at: position))
        default:
            throw typeMismatch(at: position, "cannot apply '\(op.symbol)' to a \(left.typeName) and a \(right.typeName)")
        }
    }

    /// Evaluates the rest of an additive chain that has become a string: `head + s1 + s2 …`.
    ///
    /// The text is built in one buffer with a running length, rather than as a new string and a fresh count
    /// per `+`, which would make `s+s+s+…` quadratic. Every step is checked before appending, so an over-long
    /// result is never allocated. The sum of the parts' lengths can only overestimate the result's (characters
    /// may merge at a seam, never split), so the limit always holds.
    private func concatenate(
        _ head: String, _ steps: ArraySlice<ExpressionNode.ArithmeticStep>
    ) throws(ExpressionError) -> ExpressionValue {
        guard let firstStep = steps.first else { return .string(head) }
        var text = head
        var length = try boundedLength(of: head, within: limits.maximumStringLength, at: firstStep.position)
        for step in steps {
            let right = try evaluate(step.operand)
            guard step.op == .add, case .string(let tail) = right else {
                // After a string only `+ string` can follow; anything else fails as it would have in `apply`.
                throw typeMismatch(at: step.position, "cannot apply '\(step.op.symbol)' to a string and a \(right.typeName)")
            }
            length += try boundedLength(of: tail, within: limits.maximumStringLength - length, at: step.position)
            text += tail
        }
        return .string(text)
    }

    /// The character count of `text`, counting no further than `limit` so that a huge operand costs no more
    /// than the limit; throws `resultTooLarge` when it is longer.
    private func boundedLength(of text: String, within limit: Int, at position: Int) throws(ExpressionError) -> Int {
        var length = 0
        for _ in text {
            length += 1
            if length > limit {
                throw .resultTooLarge(expression: source, position: position, limit: limits.maximumStringLength)
            }
        }
        return length
    }

    private func arithmetic(_ op: ArithmeticOperator, _ a: Decimal, _ b: Decimal, at position: Int) throws(ExpressionError) -> Decimal {
        let result: Decimal
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide, .remainder:
            guard !b.isZero else {
                throw .divisionByZero(expression: source, position: position)
            }
            let quotient = a / b
            result = op == .divide ? quotient : a - b * Self.truncated(quotient)
        }
        // Decimal reports overflow as NaN rather than trapping; surface it instead of propagating NaN.
        guard !result.isNaN else {
            throw .numberOverflow(expression: source, position: position)
        }
        return result
    }

    /// Rounds toward zero, so `%` follows Java/JUEL: the remainder has the sign of the dividend (`-7 % 3 == -1`).
    private static func truncated(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 0, value.sign == .minus ? .up : .down)
        return output
    }
}
