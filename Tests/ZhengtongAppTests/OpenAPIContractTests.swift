import Foundation
import Testing
@testable import ZhengtongApp

/// The checker every API test runs through: if it could not fail, the contract tests would prove nothing.
@Suite("OpenAPI 契约校验器")
struct OpenAPIContractTests {
    static let document = try! JSONValue.parse(Data(#"""
    {"components": {"schemas": {
      "Person": {"type": "object", "required": ["id", "name"], "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string", "maxLength": 4},
        "phone": {"type": ["string", "null"]},
        "state": {"type": "string", "enum": ["open", "closed"]},
        "at": {"type": "string", "format": "date-time"},
        "age": {"type": "integer", "minimum": 0}}},
      "People": {"type": "array", "items": {"$ref": "#/components/schemas/Person"}},
      "Bag": {"type": "object", "additionalProperties": {"type": "integer"}},
      "Odd": {"type": "string", "minLength": 1, "unevaluatedProperties": false},
      "Text": {"type": "string", "pattern": "\\S"}
    }}}
    """#.utf8))

    static let validator = JSONSchemaValidator(root: document)

    func schema(_ name: String) -> JSONValue { Self.document["components"]!["schemas"]![name]! }

    func value(_ json: String) throws -> JSONValue { try JSONValue.parse(Data(json.utf8)) }

    @Test("缺少必填字段、多出文档未写的字段、类型不符，都被指出并说明位置")
    func objects() throws {
        let person = schema("Person")
        let good = try value(#"{"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90", "name": "赵敏", "age": 3}"#)
        #expect(Self.validator.problems(good, person).isEmpty)
        let missing = Self.validator.problems(try value(#"{"name": "赵敏"}"#), person)
        #expect(missing == ["$: required property id is missing"])
        let extra = Self.validator.problems(try value(#"{"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90", "name": "赵敏", "nickname": "敏"}"#), person)
        #expect(extra == ["$: property nickname is not in the schema"])
        let wrongType = Self.validator.problems(try value(#"{"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90", "name": "赵敏", "age": "3"}"#), person)
        #expect(wrongType.count == 1 && wrongType[0].hasPrefix("$.age: expected integer, found string"))
        let fraction = Self.validator.problems(try value(#"{"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90", "name": "赵敏", "age": 1.5}"#), person)
        #expect(fraction.count == 1)
        let boolean = Self.validator.problems(try value(#"{"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90", "name": "赵敏", "age": true}"#), person)
        #expect(boolean.count == 1)
    }

    @Test("null 只在类型列表含 null 时允许；枚举、uuid、date-time、长度和下限都被检查")
    func scalars() throws {
        let person = schema("Person")
        let id = "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90"
        #expect(Self.validator.problems(try value(#"{"id": "\#(id)", "name": "赵敏", "phone": null}"#), person).isEmpty)
        #expect(Self.validator.problems(try value(#"{"id": null, "name": "赵敏"}"#), person).count == 1)
        #expect(Self.validator.problems(try value(#"{"id": "\#(id)", "name": "赵敏", "state": "lost"}"#), person).count == 1)
        #expect(Self.validator.problems(try value(#"{"id": "not-a-uuid", "name": "赵敏"}"#), person) == [#"$.id: "not-a-uuid" is not a uuid"#])
        #expect(Self.validator.problems(try value(#"{"id": "\#(id)", "name": "赵敏", "at": "2026-01-05T08:00:00Z"}"#), person).isEmpty)
        #expect(Self.validator.problems(try value(#"{"id": "\#(id)", "name": "赵敏", "at": "2026-01-05 08:00"}"#), person).count == 1)
        #expect(Self.validator.problems(try value(#"{"id": "\#(id)", "name": "赵敏敏敏敏"}"#), person).count == 1)
        #expect(Self.validator.problems(try value(#"{"id": "\#(id)", "name": "赵敏", "age": -1}"#), person).count == 1)
    }

    @Test("$ref 指向组件，数组逐项检查；additionalProperties 给出模式时逐个检查")
    func referencesAndItems() throws {
        let people = Self.validator.problems(try value(#"[{"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90", "name": "赵敏"}, {"name": "张伟"}]"#), schema("People"))
        #expect(people == ["$[1]: required property id is missing"])
        #expect(Self.validator.problems(try value(#"{"a": 1, "b": 2}"#), schema("Bag")).isEmpty)
        #expect(Self.validator.problems(try value(#"{"a": 1, "b": "2"}"#), schema("Bag")).count == 1)
    }

    @Test("校验器不认识的关键字不会被悄悄放过")
    func unknownKeywords() throws {
        #expect(Self.validator.problems(.string("abc"), schema("Odd")).count == 1)
        #expect(JSONSchemaValidator.uncheckedKeywords(in: schema("Odd")) == ["$: unevaluatedProperties"])
        // A pattern is searched for anywhere in the text.
        #expect(Self.validator.problems(.string("  公文 "), schema("Text")).isEmpty)
        #expect(Self.validator.problems(.string("   "), schema("Text")).count == 1)
    }

    @Test("未写明的状态码、不符的响应体、未写明的查询参数和请求体，都判为违约")
    func exchanges() throws {
        let contract = OpenAPIContract.shipped
        func me(status: Int, body: String, target: String = "/api/v1/me", requestBody: String? = nil) -> [String] {
            contract.problems(.init(method: "GET", target: target, requestContentType: requestBody == nil ? nil : "application/json",
                                    requestBody: requestBody.map { Data($0.utf8) }, status: status,
                                    responseContentType: "application/json; charset=utf-8", responseBody: Data(body.utf8)))
        }
        let person = #"{"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90", "username": "zhaom", "name": "赵敏", "unit": {"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E91", "name": "市政府办公室"}, "departments": [], "positions": [], "roles": [], "disabled": false}"#
        #expect(me(status: 200, body: person).isEmpty)
        #expect(me(status: 418, body: person).count == 1)
        #expect(me(status: 200, body: #"{"id": "6F1D2C0E-8A4B-4B8E-9F0E-2D7C5B1A3E90"}"#).count > 1)
        #expect(me(status: 200, body: person, target: "/api/v1/me?debug=1") == ["GET /api/v1/me → 200: query parameter debug is not documented"])
        #expect(me(status: 200, body: person, requestBody: "{}").count == 1)
        #expect(me(status: 401, body: #"{"error": {"code": "unauthorized", "message": "请先登录。"}}"#).isEmpty)
        // Unknown paths answered 404 need no documentation; anything else on them does.
        #expect(me(status: 404, body: "{}", target: "/api/v1/nothing-here").isEmpty)
        #expect(me(status: 200, body: "{}", target: "/api/v1/nothing-here").count == 1)
        #expect(contract.template(for: "/api/v1/exchange/inbox") == "/api/v1/exchange/inbox")
    }
}
