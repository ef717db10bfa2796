import Foundation

/// A paragraph of the 正文 and its heading level: GB/T 9704 sets 一、 in 黑体, （一） in 楷体, 1. and
/// （1） in 仿宋 like the text, so the level is what layout needs.
public struct BodyParagraph: Hashable, Sendable {
    public enum Level: Int, Hashable, Sendable, Codable {
        /// Plain text.
        case text = 0
        /// 一、
        case first = 1
        /// （一）
        case second = 2
        /// 1.
        case third = 3
        /// （1）
        case fourth = 4
    }

    public var level: Level
    /// The paragraph as typed, its number included.
    public var text: String

    public init(level: Level, text: String) {
        self.level = level
        self.text = text
    }

    /// Splits on blank lines (a single line break inside a paragraph is kept as a space-free join,
    /// as Chinese text has no spaces between lines) and finds each paragraph's heading level.
    public static func parse(_ body: String) -> [BodyParagraph] {
        var paragraphs: [BodyParagraph] = []
        var current: [String] = []
        func flush() {
            let text = current.joined().trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { paragraphs.append(BodyParagraph(level: level(of: text), text: text)) }
            current = []
        }
        for line in body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{3000}")))
            if trimmed.isEmpty { flush() } else { current.append(trimmed) }
        }
        flush()
        return paragraphs
    }

    /// The heading level a paragraph's opening announces.
    public static func level(of text: String) -> Level {
        let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零"]
        let open: Set<Character> = ["（", "("]
        let close: Set<Character> = ["）", ")"]
        let characters = Array(text.prefix(8))
        // 一、 二十一、
        if let index = characters.firstIndex(of: "、"), index > 0, characters[..<index].allSatisfy(chineseNumerals.contains) { return .first }
        if let first = characters.first, open.contains(first), let end = characters.firstIndex(where: close.contains), end > 1 {
            let inside = characters[1..<end]
            if inside.allSatisfy(chineseNumerals.contains) { return .second }
            if inside.allSatisfy({ $0.isASCII && $0.isNumber }) { return .fourth }
        }
        // 1. or 1．(full-width stop); a date such as 2026年 must not count.
        if let stop = characters.firstIndex(where: { $0 == "." || $0 == "．" }), stop > 0, stop <= 3,
           characters[..<stop].allSatisfy({ $0.isASCII && $0.isNumber }) { return .third }
        return .text
    }
}


