import Testing
@testable import WorkflowEngine

@Suite("Expression evaluation")
struct ExpressionEvaluationTests {
    // MARK: Literals

    @Test func numberLiterals() throws {
        #expect(try evaluate("42") == ExpressionValue(42))
        #expect(try evaluate("3.25") == 3.25)
        #expect(try evaluate("1.5e3") == 1500)
        #expect(try evaluate("25E-2") == 0.25)
        #expect(try evaluate("-7") == -7)
        #expect(try evaluate("007") == 7)
    }

    @Test func stringLiterals() throws {
        #expect(try evaluate("'单引号'") == "单引号")
        #expect(try evaluate("\"双引号\"") == "双引号")
        #expect(try evaluate(#"'it\'s'"#) == "it's")
        #expect(try evaluate(#""a\"b\\c\n\t\r\/""#) == "a\"b\\c\n\t\r/")
        #expect(try evaluate(#""\u4E2D\u6587""#) == "中文")
        #expect(try evaluate(#""\uD83D\uDE00""#) == "😀")
        #expect(try evaluate("\"it's\"") == "it's")
        #expect(try evaluate("''") == "")
    }

    @Test func booleanAndListLiterals() throws {
        #expect(try evaluate("true") == true)
        #expect(try evaluate("False") == false)
        #expect(try evaluate("[1, 'a', true, null]") == [1, "a", true, nil])
        #expect(try evaluate("[]") == [])
        #expect(try evaluate("[1, 2,]") == [1, 2])
        #expect(try evaluate("[[1], [x]]", ["x": 2]) == [[1], [2]])
    }

    // MARK: Numbers

    @Test func integersAndDecimalsAreOneKind() throws {
        #expect(try condition("5000 == 5000.0") == true)
        #expect(try condition("0.1 + 0.2 == 0.3") == true)
        #expect(try condition("amount == 5000", ["amount": 5000.00]) == true)
        #expect(try condition("1 != 1.5") == true)
    }

    @Test func arithmetic() throws {
        #expect(try evaluate("2 + 3 * 4") == 14)
        #expect(try evaluate("(2 + 3) * 4") == 20)
        #expect(try evaluate("10 - 3 - 2") == 5)
        #expect(try evaluate("100 / 10 / 5") == 2)
        #expect(try evaluate("7 / 2") == 3.5)
        #expect(try evaluate("7 % 3") == 1)
        #expect(try evaluate("-7 % 3") == -1)
        #expect(try evaluate("7 % -3") == 1)
        #expect(try evaluate("7.5 % 2") == 1.5)
        #expect(try evaluate("-2 * 3") == -6)
        #expect(try evaluate("- -2") == 2)
        #expect(try evaluate("-x", ["x": 3]) == -3)
        #expect(try evaluate("2 * -x", ["x": 3]) == -6)
    }

    @Test func stringsConcatenateAndCompare() throws {
        #expect(try evaluate("'政' + \"通\"") == "政通")
        #expect(try evaluate("a + '-' + b", ["a": "请示", "b": "2024"]) == "请示-2024")
        #expect(try condition("'abc' < 'abd'") == true)
        #expect(try condition("'b' >= 'abc'") == true)
        #expect(try condition("'办公室' == '办公室'") == true)
        #expect(try condition("'10' < '9'") == true) // strings compare as strings, not numbers
    }

    @Test func equalityAcrossTypesIsFalse() throws {
        #expect(try condition("1 == '1'") == false)
        #expect(try condition("1 != '1'") == true)
        #expect(try condition("true == 1") == false)
        #expect(try condition("x == null", ["x": 0]) == false)
        #expect(try condition("x == null", ["x": nil]) == true)
        #expect(try condition("[1, 2] == [1, 2.0]") == true)
        #expect(try condition("doc == other", ["doc": ["a": 1], "other": ["a": 1]]) == true)
    }

    // MARK: Precedence

    @Test func andBindsTighterThanOr() throws {
        #expect(try condition("true or false and false") == true)
        #expect(try condition("(true or false) and false") == false)
        #expect(try condition("true || false && false") == true)
    }

    @Test func comparisonBindsTighterThanLogic() throws {
        #expect(try condition("1 + 2 == 3 and 2 * 3 > 5") == true)
        #expect(try condition("1 + 2 == 3 and 2 * 3 > 6") == false)
    }

    @Test func notKeywordIsLooseButBangIsTight() throws {
        // `not 1 == 2` is `not (1 == 2)`, as in Python.
        #expect(try condition("not 1 == 2") == true)
        // `!1 == 2` is `(!1) == 2`, as in JUEL and C, so `!` meets a number.
        #expect(
            failure("!1 == 2")
                == .typeMismatch(
                    expression: "!1 == 2", position: 1,
                    message: "the operand of 'not' or '!' must be a boolean, not a number"
                )
        )
        #expect(try condition("not not true") == true)
        #expect(try condition("!!false") == false)
        #expect(try condition("true and not false") == true)
    }

    // MARK: Short-circuit

    @Test func shortCircuitSkipsTheRest() throws {
        #expect(try condition("false and missing") == false)
        #expect(try condition("true or missing") == true)
        #expect(try condition("false && 1 / 0 == 1") == false)
        #expect(try condition("x != null and x.amount > 1", ["x": nil]) == false)
        #expect(try condition("'urgent' in doc and doc.urgent", ["doc": ["title": "通知"]]) == false)
        #expect(try condition("'urgent' in doc and doc.urgent", ["doc": ["urgent": true]]) == true)
    }

    @Test func shortCircuitStillEvaluatesWhatItNeeds() {
        #expect(failure("true and missing") == .unknownVariable(expression: "true and missing", position: 9, name: "missing"))
        #expect(failure("false or missing") == .unknownVariable(expression: "false or missing", position: 9, name: "missing"))
    }

    // MARK: in

    @Test func inList() throws {
        #expect(try condition("kind in [\"请示\", \"报告\"]", ["kind": "报告"]) == true)
        #expect(try condition("kind in [\"请示\", \"报告\"]", ["kind": "函"]) == false)
        #expect(try condition("kind not in ['请示', '报告']", ["kind": "函"]) == true)
        #expect(try condition("3 in [1, 2, 3.0]") == true)
        #expect(try condition("role in roles", ["role": "科长", "roles": ["科员", "科长"]]) == true)
        #expect(try condition("x in [a, b]", ["x": 2, "a": 1, "b": 2]) == true)
        #expect(try condition("null in [1, null]") == true)
    }

    @Test func inStringIsSubstring() throws {
        #expect(try condition("dept in '综合办公室'", ["dept": "办公室"]) == true)
        #expect(try condition("'财务' in dept", ["dept": "综合办公室"]) == false)
        #expect(try condition("'' in 'abc'") == true)
    }

    @Test func inObjectIsKeyMembership() throws {
        let variables: [String: ExpressionValue] = ["doc": ["amount": 1]]
        #expect(try condition("'amount' in doc", variables) == true)
        #expect(try condition("'title' not in doc", variables) == true)
    }

    // MARK: Members

    @Test func memberAccess() throws {
        let variables: [String: ExpressionValue] = ["doc": ["amount": 6000, "meta": ["dept": ["name": "办公室"]], "in": 1]]
        #expect(try evaluate("doc.amount", variables) == 6000)
        #expect(try evaluate("doc.meta.dept.name", variables) == "办公室")
        #expect(try evaluate("doc.in", variables) == 1) // keywords may name members
        #expect(try evaluate("(doc.meta).dept.name", variables) == "办公室")
    }

    // MARK: API

    @Test func evaluateReturnsAnyValue() throws {
        #expect(try evaluate("amount * 2", ["amount": 1.5]) == 3)
        #expect(try evaluate("doc", ["doc": ["a": [1, 2]]]) == ["a": [1, 2]])
    }

    @Test func conditionMustBeBoolean() {
        #expect(
            failure("${ amount }", ["amount": 1]) == nil // evaluate itself accepts any value
        )
        do {
            _ = try Expression(parsing: "${ amount }").evaluateCondition(["amount": 1])
            Issue.record("expected a type mismatch")
        } catch {
            #expect(error == .typeMismatch(expression: "${ amount }", position: 3, message: "a condition must be a boolean, not a number"))
            #expect(error.description == "error in expression \"${ amount }\" at offset 3: type mismatch: a condition must be a boolean, not a number")
        }
    }

    @Test func parseOnceEvaluateMany() throws {
        let expression = try Expression(parsing: "amount > limit")
        #expect(try expression.evaluateCondition(["amount": 10, "limit": 5]) == true)
        #expect(try expression.evaluateCondition(["amount": 1, "limit": 5]) == false)
        #expect(expression.source == "amount > limit")
        #expect(expression.description == "amount > limit")
    }

    @Test func sharedAcrossTasks() async throws {
        let expression = try Expression(parsing: "n % 2 == 0")
        let evens = await withTaskGroup(of: Bool.self) { group in
            for n in 0..<100 {
                group.addTask { (try? expression.evaluateCondition(["n": ExpressionValue(n)])) ?? false }
            }
            var count = 0
            for await isEven in group where isEven { count += 1 }
            return count
        }
        #expect(evens == 50)
    }

    @Test func variableNames() throws {
        let expression = try Expression(parsing: "${a > 1 and doc.x in list or 'k' in b and -c < 0 and [d] != [null]}")
        #expect(expression.variableNames == ["a", "doc", "list", "b", "c", "d"])
    }

    @Test func typealiasNamesTheSameType() throws {
        let expression: ConditionExpression = try Expression(parsing: "1 < 2")
        #expect(try expression.evaluateCondition() == true)
    }
}
