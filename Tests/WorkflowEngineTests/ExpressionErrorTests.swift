import Testing
@testable import WorkflowEngine

/// Every error names the expression and the character offset; these tests pin both the case and the message.
@Suite("Expression errors")
struct ExpressionErrorTests {
    // MARK: Lexical

    @Test func unterminatedString() {
        let error = failure("dept == \"办公室")
        #expect(error == .unterminatedString(expression: "dept == \"办公室", position: 8))
        #expect(error?.description == "error in expression \"dept == \\\"办公室\" at offset 8: unterminated string: the closing quote is missing")
        #expect(failure("'abc\\") == .unterminatedString(expression: "'abc\\", position: 4))
    }

    @Test func invalidEscapes() {
        #expect(failure(#""a\qb""#) == .invalidEscape(expression: #""a\qb""#, position: 2, sequence: #"\q"#))
        #expect(failure(#""\u12G4""#) == .invalidEscape(expression: #""\u12G4""#, position: 1, sequence: #"\u12G"#))
        #expect(failure(#""\uD83D""#) == .invalidEscape(expression: #""\uD83D""#, position: 1, sequence: #"\uD83D"#))
        #expect(failure(#""\uD83D\u0041""#) == .invalidEscape(expression: #""\uD83D\u0041""#, position: 1, sequence: #"\uD83D\u0041"#))
        #expect(failure(#"'\x41'"#)?.description == #"error in expression "'\\x41'" at offset 1: invalid escape sequence '\x'"#)
    }

    @Test func unexpectedCharacters() {
        let error = failure("a @ b")
        #expect(error == .unexpectedCharacter(expression: "a @ b", position: 2, character: "@"))
        #expect(error?.description == "error in expression \"a @ b\" at offset 2: unexpected character '@' (U+0040)")
        #expect(failure("a & b") == .unexpectedCharacter(expression: "a & b", position: 2, character: "&"))
        #expect(failure("a | b") == .unexpectedCharacter(expression: "a | b", position: 2, character: "|"))
        // Full-width punctuation from a Chinese input method is named by code point so it can be spotted.
        #expect(failure("（a）")?.description == "error in expression \"（a）\" at offset 0: unexpected character '（' (U+FF08)")
        #expect(failure("dept == “办公室”")?.position == 8)
        // `${` only opens a wrapper at the start.
        #expect(failure("a == ${b}") == .unexpectedCharacter(expression: "a == ${b}", position: 5, character: "$"))
    }

    @Test func numberOutOfRange() {
        #expect(failure("x > 1e200") == .invalidNumber(expression: "x > 1e200", position: 4, text: "1e200"))
        #expect(failure("1e-200")?.description == "error in expression \"1e-200\" at offset 0: number 1e-200 is out of range")
    }

    // MARK: Syntax

    @Test func unexpectedToken() {
        let error = failure("amount >> 5")
        #expect(error == .unexpectedToken(expression: "amount >> 5", position: 8, found: "'>'", expected: "a value"))
        #expect(error?.description == "error in expression \"amount >> 5\" at offset 8: unexpected '>'; expected a value")
        #expect(failure("a b")?.description == "error in expression \"a b\" at offset 2: unexpected 'b'; expected an operator or the end of the expression")
        #expect(failure("1.") == .unexpectedToken(expression: "1.", position: 2, found: "end of expression", expected: "a member name after '.'"))
        #expect(failure("[1,,2]") == .unexpectedToken(expression: "[1,,2]", position: 3, found: "','", expected: "a value"))
        #expect(failure("[1 2]") == .unexpectedToken(expression: "[1 2]", position: 3, found: "number 2", expected: "',' or ']' to close the '[' at offset 0"))
        #expect(failure("x > 'a' 'b'") == .unexpectedToken(expression: "x > 'a' 'b'", position: 8, found: "string \"b\"", expected: "an operator or the end of the expression"))
    }

    @Test func unexpectedEnd() {
        #expect(failure("amount >") == .unexpectedToken(expression: "amount >", position: 8, found: "end of expression", expected: "a value"))
        #expect(failure("") == .unexpectedToken(expression: "", position: 0, found: "end of expression", expected: "a value"))
        #expect(failure("   ")?.position == 3)
        #expect(failure("${}") == .unexpectedToken(expression: "${}", position: 2, found: "'}'", expected: "a value"))
        #expect(failure("=") == .unexpectedToken(expression: "=", position: 1, found: "end of expression", expected: "a value"))
    }

    @Test func unclosedGroups() {
        #expect(failure("(a > 1") == .unexpectedToken(expression: "(a > 1", position: 6, found: "end of expression", expected: "')' to close the '(' at offset 0"))
        #expect(failure("${a > 1") == .unexpectedToken(expression: "${a > 1", position: 7, found: "end of expression", expected: "'}' to close '${'"))
        #expect(failure("#{a > 1)")?.description == "error in expression \"#{a > 1)\" at offset 7: unexpected ')'; expected '}' to close '#{'")
        #expect(failure("${a} b") == .unexpectedToken(expression: "${a} b", position: 5, found: "'b'", expected: "an operator or the end of the expression"))
        #expect(failure("a > 1}") == .unexpectedToken(expression: "a > 1}", position: 5, found: "'}'", expected: "an operator or the end of the expression"))
    }

    @Test func keywordsAreNotVariables() {
        #expect(failure("in > 1") == .unexpectedToken(expression: "in > 1", position: 0, found: "'in'", expected: "a value"))
        #expect(failure("a and or b") == .unexpectedToken(expression: "a and or b", position: 6, found: "'or'", expected: "a value"))
    }

    @Test func refusedConstructs() {
        let call = failure("size(list) > 0")
        #expect(call == .unsupportedSyntax(expression: "size(list) > 0", position: 4, construct: "calling a function"))
        #expect(call?.description == "error in expression \"size(list) > 0\" at offset 4: calling a function is not allowed in conditions")
        #expect(failure("doc.getAmount() > 1")?.position == 13)
        #expect(failure("'abc'.length()")?.position == 12)
        #expect(failure("a = 1") == .unsupportedSyntax(expression: "a = 1", position: 2, construct: "assignment with '=' (use '==' to compare)"))
        #expect(failure("list[0]") == .unsupportedSyntax(expression: "list[0]", position: 4, construct: "indexing with '[ ]'"))
        #expect(failure("1 < a < 3") == .unsupportedSyntax(expression: "1 < a < 3", position: 6, construct: "chaining comparisons (use 'and' or parentheses)"))
        #expect(failure("a == b == c")?.position == 7)
    }

    // MARK: Evaluation

    @Test func unknownVariable() {
        let error = failure("dept == 'a' and amount > 1", ["dept": "a"])
        #expect(error == .unknownVariable(expression: "dept == 'a' and amount > 1", position: 16, name: "amount"))
        #expect(error?.description == "error in expression \"dept == 'a' and amount > 1\" at offset 16: unknown variable 'amount'")
    }

    @Test func unknownMember() {
        let error = failure("doc.meta.amount", ["doc": ["meta": [:]]])
        #expect(error == .unknownMember(expression: "doc.meta.amount", position: 9, name: "amount"))
        #expect(error?.description == "error in expression \"doc.meta.amount\" at offset 9: unknown member 'amount'")
    }

    @Test func memberOfNullOrNonObject() {
        #expect(failure("doc.amount", ["doc": nil]) == .typeMismatch(expression: "doc.amount", position: 4, message: "cannot read member 'amount' of a null"))
        #expect(failure("s.length", ["s": "abc"])?.description == "error in expression \"s.length\" at offset 2: type mismatch: cannot read member 'length' of a string")
    }

    @Test func typeMismatches() {
        let error = failure("\"a\" > 1")
        #expect(error == .typeMismatch(expression: "\"a\" > 1", position: 4, message: "cannot compare a string with a number using '>'"))
        #expect(error?.description == "error in expression \"\\\"a\\\" > 1\" at offset 4: type mismatch: cannot compare a string with a number using '>'")
        #expect(failure("null < 1")?.message == "type mismatch: cannot compare a null with a number using '<'")
        #expect(failure("true <= false")?.message == "type mismatch: cannot compare a boolean with a boolean using '<='")
        #expect(failure("'a' + 1") == .typeMismatch(expression: "'a' + 1", position: 4, message: "cannot apply '+' to a string and a number"))
        #expect(failure("'a' - 'b'")?.message == "type mismatch: cannot apply '-' to a string and a string")
        #expect(failure("'ab' * 3")?.message == "type mismatch: cannot apply '*' to a string and a number")
        #expect(failure("-'a'") == .typeMismatch(expression: "-'a'", position: 0, message: "unary '-' needs a number, not a string"))
        #expect(failure("1 and true") == .typeMismatch(expression: "1 and true", position: 0, message: "an operand of 'and' must be a boolean, not a number"))
        #expect(failure("false or 'yes'") == .typeMismatch(expression: "false or 'yes'", position: 9, message: "an operand of 'or' must be a boolean, not a string"))
        #expect(failure("not None")?.message == "type mismatch: the operand of 'not' or '!' must be a boolean, not a null")
        #expect(failure("1 in 'abc'") == .typeMismatch(expression: "1 in 'abc'", position: 2, message: "'in' a string needs a string on the left, not a number"))
        #expect(failure("x in 5", ["x": 1]) == .typeMismatch(expression: "x in 5", position: 2, message: "'in' needs a list, string or object on the right, not a number"))
    }

    @Test func divisionByZero() {
        let error = failure("a / 0", ["a": 1])
        #expect(error == .divisionByZero(expression: "a / 0", position: 2))
        #expect(error?.description == "error in expression \"a / 0\" at offset 2: division by zero")
        #expect(failure("a % 0", ["a": 1]) == .divisionByZero(expression: "a % 0", position: 2))
        #expect(failure("1 / (b - b)", ["b": 0.5]) == .divisionByZero(expression: "1 / (b - b)", position: 2))
        #expect(failure("8 div 0.0") == .divisionByZero(expression: "8 div 0.0", position: 2))
    }

    @Test func numberOverflow() {
        #expect(failure("1e100 * 1e100") == .numberOverflow(expression: "1e100 * 1e100", position: 6))
        #expect(failure("x * x * x", ["x": 1e60])?.position == 6)
    }

    @Test func errorAccessors() {
        let error = ExpressionError.unknownVariable(expression: "x", position: 0, name: "x")
        #expect(error.expression == "x")
        #expect(error.position == 0)
        #expect(error.message == "unknown variable 'x'")
        #expect("\(error)" == "error in expression \"x\" at offset 0: unknown variable 'x'")
    }
}
