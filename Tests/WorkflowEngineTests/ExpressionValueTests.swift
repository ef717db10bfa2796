import Foundation
import Testing
@testable import WorkflowEngine

@Suite("Expression values")
struct ExpressionValueTests {
    @Test func literalsBuildTheMatchingCase() {
        #expect(ExpressionValue.null == nil)
        #expect(ExpressionValue.bool(true) == true)
        #expect(ExpressionValue.number(Decimal(42)) == 42)
        #expect(ExpressionValue.number(Decimal(string: "0.1")!) == 0.1)
        #expect(ExpressionValue.string("办公室") == "办公室")
        #expect(ExpressionValue.list([.number(1), .string("a")]) == [1, "a"])
        #expect(ExpressionValue.object(["k": .bool(false)]) == ["k": false])
    }

    @Test func doubleConversion() {
        // Variables, not literals: `ExpressionValue(0.1)` with a literal would call `init(floatLiteral:)`.
        let tenth = 0.1, negative = -2.5, huge = 1e300, tiny = 1e-300
        #expect(ExpressionValue(tenth) == .number(Decimal(string: "0.1")!))
        #expect(ExpressionValue(negative) == -2.5)
        #expect(ExpressionValue(Double.nan) == nil as ExpressionValue?)
        #expect(ExpressionValue(Double.infinity) == nil as ExpressionValue?)
        #expect(ExpressionValue(huge) == nil as ExpressionValue?)
        #expect(ExpressionValue(tiny) == nil as ExpressionValue?)
        let count = 12
        #expect(ExpressionValue(count) == .number(12))
    }

    @Test func typeNames() {
        let values: [ExpressionValue] = [nil, true, 1, "s", [], [:]]
        #expect(values.map(\.typeName) == ["null", "boolean", "number", "string", "list", "object"])
    }

    @Test func decodesJSON() throws {
        let json = #"{"amount": 6000.50, "dept": "办公室", "approved": true, "tags": ["请示", 1, 0.1], "none": null, "meta": {"n": -3}}"#
        let decoded = try JSONDecoder().decode([String: ExpressionValue].self, from: Data(json.utf8))
        let expected: [String: ExpressionValue] = [
            "amount": 6000.5, "dept": "办公室", "approved": true, "tags": ["请示", 1, 0.1], "none": nil, "meta": ["n": -3],
        ]
        #expect(decoded == expected)
        #expect(try ConditionExpression(parsing: "amount > 6000 and 0.1 in tags").evaluateCondition(decoded) == true)
    }

    @Test func jsonRoundTrip() throws {
        let value: ExpressionValue = ["a": [1, 2.5, "x", nil, true, ["b": []]]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(ExpressionValue.self, from: data) == value)
        #expect(try JSONDecoder().decode(ExpressionValue.self, from: Data("1".utf8)) == 1)
        #expect(try JSONDecoder().decode(ExpressionValue.self, from: Data("false".utf8)) == false)
        #expect(try JSONDecoder().decode(ExpressionValue.self, from: Data("\"1\"".utf8)) == "1")
    }

    @Test("a number too small for Decimal (1e-300, a subnormal) decodes as zero; one too large is still refused")
    func tinyNumbersUnderflowToZero() throws {
        let decoded = try JSONDecoder().decode([String: ExpressionValue].self, from: Data(#"{"a": 1e-300, "b": -2.225073858507203e-309}"#.utf8))
        #expect(decoded == ["a": 0, "b": 0])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ExpressionValue.self, from: Data("1e300".utf8)) }
    }
}
