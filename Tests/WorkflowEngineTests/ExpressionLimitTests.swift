import Testing
@testable import WorkflowEngine

/// Untrusted expressions must stay small and finish quickly.
@Suite("Expression limits")
struct ExpressionLimitTests {
    @Test func standardLimits() {
        #expect(ExpressionLimits.standard == ExpressionLimits(maximumSourceLength: 4_000, maximumNestingDepth: 64, maximumStringLength: 100_000))
    }

    @Test func sourceLength() throws {
        let longest = String(repeating: " ", count: 3_999) + "1"
        #expect(try evaluate(longest) == 1)
        let tooLong = String(repeating: "a", count: 4_001)
        let error = failure(tooLong)
        #expect(error == .sourceTooLong(expression: String(repeating: "a", count: 100), length: 4_001, limit: 4_000))
        #expect(error?.position == 4_000)
        #expect(error?.message == "expression is 4001 characters long; the limit is 4000")
        // Characters, not bytes: 4,000 Chinese characters (12,000 UTF-8 bytes) are within the limit.
        #expect(failure(String(repeating: "办", count: 4_000), ["办" + String(repeating: "办", count: 3_999): 1]) == nil)
    }

    @Test func customSourceLength() {
        let limits = ExpressionLimits(maximumSourceLength: 5)
        #expect(failure("1 + 2", limits: limits) == nil)
        #expect(failure("1 + 20", limits: limits) == .sourceTooLong(expression: "1 + 20", length: 6, limit: 5))
    }

    @Test func parenthesesDepth() throws {
        let deepest = String(repeating: "(", count: 64) + "1" + String(repeating: ")", count: 64)
        #expect(try evaluate(deepest) == 1)
        let tooDeep = String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65)
        let error = failure(tooDeep)
        #expect(error == .nestingTooDeep(expression: tooDeep, position: 64, limit: 64))
        #expect(error?.message == "nesting is deeper than the limit of 64")
    }

    @Test func prefixOperatorAndListDepth() throws {
        #expect(try condition(String(repeating: "not ", count: 64) + "true") == true)
        #expect(failure(String(repeating: "not ", count: 65) + "true")?.position == 256)
        #expect(failure(String(repeating: "!", count: 65) + "true")?.position == 64)
        #expect(try evaluate(String(repeating: "-", count: 64) + "1") == 1)
        #expect(failure(String(repeating: "-", count: 65) + "1")?.position == 64)
        let lists = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(failure(lists) == .nestingTooDeep(expression: lists, position: 64, limit: 64))
        // Mixed kinds count together: each "(not [" adds three levels, so the 65th is the `not` of the 22nd group.
        let mixed = String(repeating: "(not [", count: 22)
        #expect(failure(mixed)?.position == 6 * 21 + 1)
    }

    @Test func longFlatChainsAreNotDeep() throws {
        // Flat chains do not nest, so a long but simple condition is fine.
        let sum = Array(repeating: "1", count: 1_000).joined(separator: " + ")
        #expect(try evaluate(sum) == 1_000)
        let alternatives = Array(repeating: "x == 1", count: 300).joined(separator: " or ")
        #expect(try condition(alternatives, ["x": 2]) == false)
        let path = "a" + String(repeating: ".a", count: 1_000)
        var value: ExpressionValue = 7
        for _ in 0..<1_000 { value = ["a": value] }
        #expect(try evaluate(path, ["a": value]) == 7)
    }

    @Test func concatenationLimit() throws {
        let limits = ExpressionLimits(maximumStringLength: 10)
        let exact = try Expression(parsing: "a + b", limits: limits)
        #expect(try exact.evaluate(["a": "政通政通政", "b": "通政通政通"]) == "政通政通政通政通政通")
        #expect(failure("a + b", ["a": "123456", "b": "12345"], limits: limits) == .resultTooLarge(expression: "a + b", position: 2, limit: 10))
    }

    @Test func longConcatenationChains() throws {
        // 1,333 parts of 75 characters: exactly 99,975 characters, built in one buffer.
        let source = Array(repeating: "s", count: 1_333).joined(separator: "+")
        let part = String(repeating: "公文", count: 37) + "!"
        let result = try evaluate(source, ["s": .string(part)])
        #expect(result == .string(String(repeating: part, count: 1_333)))
        let tooLong = failure(source, ["s": .string(part + "!")])
        // 76 * 1,315 = 99,940 fits; the 1,316th part would pass 100,000, and it is added by the 1,315th '+'.
        #expect(tooLong?.position == 2 * 1_315 - 1)
        #expect(tooLong?.message == "result would be longer than the limit of 100000 characters")
        #expect(failure("'a' + 'b' - 'c'")?.message == "type mismatch: cannot apply '-' to a string and a string")
        #expect(failure("'a' + 'b' + 1") == .typeMismatch(expression: "'a' + 'b' + 1", position: 10, message: "cannot apply '+' to a string and a number"))
        #expect(failure("1 + 2 + 'c'")?.message == "type mismatch: cannot apply '+' to a number and a string")
    }

    @Test func oversizedOperandFailsWithoutCountingItAll() {
        let huge = ExpressionValue.string(String(repeating: "x", count: 2_000_000))
        #expect(failure("s + ''", ["s": huge]) == .resultTooLarge(expression: "s + ''", position: 2, limit: 100_000))
        #expect(failure("'' + s", ["s": huge]) == .resultTooLarge(expression: "'' + s", position: 3, limit: 100_000))
    }

    @Test func doublingCannotExhaustMemory() {
        let chunk = ExpressionValue.string(String(repeating: "公", count: 40_000))
        let error = failure("s + s + s", ["s": chunk])
        #expect(error == .resultTooLarge(expression: "s + s + s", position: 6, limit: 100_000))
        #expect(error?.description == "error in expression \"s + s + s\" at offset 6: result would be longer than the limit of 100000 characters")
    }

    @Test func longExpressionDescriptionIsExcerpted() {
        let source = String(repeating: "x == 1 or ", count: 50) + "x == "
        let error = failure(source, ["x": 2])
        #expect(error?.position == 505)
        let expected = "error in expression \"…" + String(source.suffix(60)) + "\" at offset 505: unexpected end of expression; expected a value"
        #expect(error?.description == expected)
    }
}
