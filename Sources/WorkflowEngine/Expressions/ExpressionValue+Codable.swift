import Foundation

// Process variables are stored and exchanged as JSON, so values map one-to-one onto JSON:
// null, true/false, numbers, strings, arrays and objects.

extension ExpressionValue: Codable {
    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Bool before number: JSONDecoder would not turn `true` into a number, but other decoders might.
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Decimal.self) {
            self = .number(number)
        } else if let tiny = try? container.decode(Double.self), tiny.magnitude < 1e-100 {
            // Below Decimal's range (its exponent stops at -128): a number that small is zero, as a Double's
            // underflow would make it, not a refusal of the whole document (1e-300 was "not a JSON value").
            self = .number(0)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([ExpressionValue].self) {
            self = .list(items)
        } else if let fields = try? container.decode([String: ExpressionValue].self) {
            self = .object(fields)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    /// Encodes as the matching JSON value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .list(let items): try container.encode(items)
        case .object(let fields): try container.encode(fields)
        }
    }
}
