import Foundation
import WorkflowEngine

/// How a full export writes a value, one JSON object per line, and reads it back. The same value gives the same
/// bytes whichever database it came from: dates in UTC to the microsecond (PostgreSQL's precision), UUIDs in lower
/// case, keys in name order, JSON columns re-serialized with sorted keys. `schema.md` says the same in words.
enum ExportEncoding {
    /// A value as read from a row, before it is written.
    enum Value: Sendable, Equatable {
        case null
        case string(String)
        case integer(Int64)
        case real(Double)
        /// JSON text as it is to appear in the line.
        case json(String)
    }

    private static let utc = TimeZone(secondsFromGMT: 0)!

    /// `2026-12-07T02:23:52.123456Z`: rounded to the microsecond, which both databases keep exactly.
    static func datetime(_ date: Date) -> String {
        let micros = microseconds(date)
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let c = ISODateTime.components(Date(timeIntervalSince1970: Double(seconds)), in: utc)
        let year = String(c.year)
        let digits = String(fraction)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + ISODateTime.two(c.month) + "-" + ISODateTime.two(c.day)
            + "T" + ISODateTime.two(c.hour) + ":" + ISODateTime.two(c.minute) + ":" + ISODateTime.two(c.second)
            + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }

    /// The date a ``datetime(_:)`` text names, on the microsecond.
    static func date(_ text: String) -> Date? {
        ISODateTime.parse(text).map { Date(timeIntervalSince1970: Double(microseconds($0)) / 1_000_000) }
    }

    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// JSON text re-serialized with sorted keys, so SQLite's and PostgreSQL's spellings of one value agree.
    static func canonicalJSON(_ text: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]),
                      as: UTF8.self)
    }

    /// One line: `{"a":…,"b":…}` with the pairs in the order given (the schema's name order) and a newline.
    static func line(_ pairs: [(String, Value)], into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        for (index, (key, value)) in pairs.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            string(key, into: &buffer)
            buffer.append(UInt8(ascii: ":"))
            switch value {
            case .null: buffer.append(contentsOf: Array("null".utf8))
            case .string(let text): string(text, into: &buffer)
            case .integer(let number): buffer.append(contentsOf: Array(String(number).utf8))
            case .real(let number): buffer.append(contentsOf: Array((number.isFinite ? "\(number)" : "null").utf8))
            case .json(let text): buffer.append(contentsOf: Array(text.utf8))
            }
        }
        buffer.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    static func string(_ text: String, into buffer: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
