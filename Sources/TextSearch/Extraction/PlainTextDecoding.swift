import Foundation

/// Decodes a `.txt` attachment: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.
enum PlainTextDecoding {
    static func decode(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(decoding: data.dropFirst(3), as: UTF8.self)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return String(data: data.dropFirst(2), encoding: .utf16LittleEndian)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return String(data: data.dropFirst(2), encoding: .utf16BigEndian)
        }
        // NUL bytes mean a binary file named .txt, or UTF-16 without BOM, which cannot be told from binary.
        guard !data.contains(0) else { return nil }
        guard let text = String(data: data, encoding: .utf8) ?? GB18030.decode(data) else {
            return nil
        }
        return looksLikeText(text) ? text : nil
    }

    /// Whether decoded text is mostly readable: GB18030 accepts many byte sequences, so binary can decode
    /// into a jumble of control characters and rare characters.
    private static func looksLikeText(_ text: String) -> Bool {
        var total = 0
        var unreadable = 0
        for scalar in text.unicodeScalars.prefix(65_536) {
            total += 1
            switch scalar.properties.generalCategory {
            case .control where !["\t", "\n", "\r", "\u{0C}"].contains(scalar),
                 .unassigned, .privateUse, .surrogate:
                unreadable += 1
            default:
                break
            }
        }
        return unreadable * 20 <= total
    }
}
