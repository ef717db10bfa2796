/// Character classes and string decoding from the PDF specification (ISO 32000-1, 7.2 and 7.9.2).
enum PDFSyntax {
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            true
        default:
            false
        }
    }

    /// Neither whitespace nor a delimiter: part of a name, number or operator.
    static func isRegular(_ byte: UInt8) -> Bool {
        !isWhitespace(byte) && !isDelimiter(byte)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A string shown on a page, taken as PDFDocEncoding (Latin-1 for the letters that matter), which is
    /// right for the standard fonts' encodings. Nil for strings with control bytes: those are glyph numbers
    /// of a composite font, not text, and would only put noise into the index.
    static func shownText(_ bytes: [UInt8]) -> String? {
        guard !bytes.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return nil }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// A text string outside page content (the document's title, say): UTF-16BE after a byte-order mark, as
    /// Chinese titles are written, or PDFDocEncoding.
    static func textString(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFE, 0xFF]) {
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(decoding: bytes.dropFirst(3), as: UTF8.self)
        }
        return shownText(bytes)
    }

    /// Strings are cut at this length; no line of text comes near.
    static let maximumStringLength = 65_536

    /// `( … )` with balanced parentheses and backslash escapes, `(` at `start`: the bytes and where the
    /// string ends.
    static func literalString(in bytes: [UInt8], at start: Int) -> (bytes: [UInt8], end: Int) {
        var result: [UInt8] = []
        var depth = 1
        var index = start + 1
        while index < bytes.count {
            var byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return (result, index) }
                byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "n"): byte = 0x0A
                case UInt8(ascii: "r"): byte = 0x0D
                case UInt8(ascii: "t"): byte = 0x09
                case UInt8(ascii: "b"): byte = 0x08
                case UInt8(ascii: "f"): byte = 0x0C
                case 0x0D, 0x0A:
                    // A backslash at the end of a line continues the string on the next.
                    if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
                    continue
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(byte - 0x30)
                    for _ in 0..<2 {
                        guard index < bytes.count, (0x30...0x37).contains(bytes[index]) else { break }
                        value = value * 8 + Int(bytes[index] - 0x30)
                        index += 1
                    }
                    byte = UInt8(truncatingIfNeeded: value)
                default:
                    break // \( \) \\ and unknown escapes stand for the character itself
                }
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return (result, index) }
            default:
                break
            }
            if result.count < maximumStringLength { result.append(byte) }
        }
        return (result, index)
    }

    /// `< … >` of hex digits (whitespace ignored, an odd last digit padded with 0), `<` at `start`: the bytes
    /// and where the string ends.
    static func hexString(in bytes: [UInt8], at start: Int) -> (bytes: [UInt8], end: Int) {
        var result: [UInt8] = []
        var high: UInt8?
        var index = start + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
            if let digit = hexValue(bytes[index]) {
                if let first = high {
                    if result.count < maximumStringLength { result.append(first << 4 | digit) }
                    high = nil
                } else {
                    high = digit
                }
            }
            index += 1
        }
        if let high { result.append(high << 4) }
        return (result, min(index + 1, bytes.count))
    }
}
