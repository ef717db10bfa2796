import Foundation

/// Text for the SVG: XML escaping, numbers, and estimated widths and line wrapping (no font metrics
/// are available, so widths are estimated: CJK and other wide characters one em, the rest 0.6 em).
enum DiagramText {
    /// Escapes `& < > " '` and drops characters XML 1.0 does not allow (C0 controls other than tab,
    /// newline and carriage return, U+FFFE and U+FFFF), so any user text gives well-formed XML.
    ///
    /// The engine's escaping for markup a browser shows (BPMN files go through `XMLWriter`); `Gongwen`'s
    /// `MarkupEscaping` does the same for the print view, but the engine does not depend on it.
    static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                if allowed { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// A coordinate: at most two decimals, no trailing zeros, never `nan` or exponent notation.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((min(max(value, -1e9), 1e9) * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Whether a character takes a full em (CJK ideographs and punctuation, kana, hangul, full-width forms, emoji).
    static func isWide(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value)
    }

    static func width(of character: Character, fontSize: Double) -> Double {
        if isWide(character) { return fontSize }
        if character.isWhitespace { return fontSize * 0.3 }
        return fontSize * 0.6
    }

    /// Estimated width of a line of text.
    static func width(of text: String, fontSize: Double) -> Double {
        text.reduce(0) { $0 + width(of: $1, fontSize: fontSize) }
    }

    /// Closing punctuation a line should not start with (it stays on the line before, even if that overflows a little).
    private static let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "”", "’", "】", ",", ".", ";", ":", "?", "!", ")"]

    /// Wraps text into lines at most `maxWidth` wide: Chinese text (no spaces) between any two characters,
    /// other text at spaces (a word longer than a line is broken anywhere). Runs of white space count as one.
    /// More than `maxLines` lines: the last kept line ends in `…`.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int) -> [String] {
        // Tokens: one per wide character, one per word of other characters; `nil` marks white space.
        var tokens: [String?] = []
        var word = ""
        for character in text {
            if character.isWhitespace || character.isNewline {
                if !word.isEmpty { tokens.append(word); word = "" }
                if tokens.last != .some(nil) { tokens.append(nil) }
            } else if isWide(character) {
                if !word.isEmpty { tokens.append(word); word = "" }
                tokens.append(String(character))
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word) }

        var lines: [String] = []
        var line = ""
        var lineWidth = 0.0
        var pendingSpace = false
        let spaceWidth = fontSize * 0.3
        func breakLine() {
            if !line.isEmpty { lines.append(line) }
            line = ""; lineWidth = 0; pendingSpace = false
        }
        for token in tokens {
            guard let token else { pendingSpace = !line.isEmpty; continue }
            let tokenWidth = width(of: token, fontSize: fontSize)
            let gap = pendingSpace ? spaceWidth : 0
            if lineWidth + gap + tokenWidth <= maxWidth || line.isEmpty && tokenWidth <= maxWidth
                || token.count == 1 && noLineStart.contains(token.first!) && !line.isEmpty {
                if pendingSpace { line += " "; lineWidth += spaceWidth }
                line += token; lineWidth += tokenWidth; pendingSpace = false
                continue
            }
            if tokenWidth <= maxWidth {
                breakLine()
                line = token; lineWidth = tokenWidth
                continue
            }
            // A word longer than a line: break it between characters.
            if pendingSpace && lineWidth + spaceWidth + width(of: token.first!, fontSize: fontSize) <= maxWidth {
                line += " "; lineWidth += spaceWidth
            } else if !line.isEmpty {
                breakLine()
            }
            pendingSpace = false
            for character in token {
                let characterWidth = width(of: character, fontSize: fontSize)
                if lineWidth + characterWidth > maxWidth && !line.isEmpty { breakLine() }
                line.append(character); lineWidth += characterWidth
            }
        }
        breakLine()

        guard lines.count > max(1, maxLines) else { return lines }
        var kept = Array(lines.prefix(max(1, maxLines)))
        var last = kept[kept.count - 1]
        let ellipsisWidth = width(of: "…", fontSize: fontSize)
        while !last.isEmpty && width(of: last, fontSize: fontSize) + ellipsisWidth > maxWidth { last.removeLast() }
        kept[kept.count - 1] = last.trimmingCharacters(in: .whitespaces) + "…"
        return kept
    }

    /// One line at most `maxWidth` wide, ending in `…` when cut.
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        guard width(of: flat, fontSize: fontSize) > maxWidth else { return flat }
        var cut = flat
        let ellipsisWidth = width(of: "…", fontSize: fontSize)
        while !cut.isEmpty && width(of: cut, fontSize: fontSize) + ellipsisWidth > maxWidth { cut.removeLast() }
        return cut + "…"
    }
}

/// Writes SVG elements, one per line, escaping every attribute value and text.
struct DiagramSVGWriter {
    private(set) var output = ""
    private var depth: Int

    /// `depth`: indentation of the first line (for content written inside an element opened elsewhere).
    init(depth: Int = 0) {
        self.depth = depth
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        line("<\(name)\(Self.attributes(attributes))/>")
    }

    mutating func element(_ name: String, _ attributes: [(String, String)], text: String) {
        line("<\(name)\(Self.attributes(attributes))>\(DiagramText.escape(text))</\(name)>")
    }

    /// Lines of text, each a `tspan` placed exactly (`x`, and `y` one line height apart).
    mutating func text(_ lines: [String], x: Double, firstBaseline: Double, lineHeight: Double, fontSize: Double,
                       anchor: String, fill: String, extra: [(String, String)] = []) {
        guard !lines.isEmpty else { return }
        var attributes: [(String, String)] = [("x", DiagramText.number(x)), ("y", DiagramText.number(firstBaseline)),
                                              ("font-size", DiagramText.number(fontSize)), ("text-anchor", anchor), ("fill", fill)]
        attributes += extra
        if lines.count == 1 {
            element("text", attributes, text: lines[0])
            return
        }
        open("text", attributes)
        for (index, text) in lines.enumerated() {
            element("tspan", [("x", DiagramText.number(x)), ("y", DiagramText.number(firstBaseline + Double(index) * lineHeight))], text: text)
        }
        close("text")
    }

    private mutating func line(_ text: String) {
        output += String(repeating: "  ", count: max(0, depth)) + text + "\n"
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(DiagramText.escape($0.1))\"" }.joined()
    }
}
