import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("字符串表")
struct StringTableTests {
    /// A template split into what is shown as written (markup) and what Leaf evaluates (tag parameters).
    struct SplitTemplate {
        /// The markup with the parameters of every `#name(...)` tag removed; newlines inside tags are kept.
        var markup: String
        /// The parameters of every tag, e.g. `t.nav_home` for `#(t.nav_home)`, `!isFirst` for `#if(!isFirst)`.
        var expressions: [String]
        /// True when a tag's parentheses never close.
        var unterminated: Bool
    }

    static func split(_ template: String) -> SplitTemplate {
        let scalars = Array(template.unicodeScalars)
        var markup = String.UnicodeScalarView()
        var expressions: [String] = []
        var unterminated = false
        var index = 0
        while index < scalars.count {
            if scalars[index] == "#" {
                var open = index + 1
                while open < scalars.count, isIdentifier(scalars[open]) { open += 1 }
                if open < scalars.count, scalars[open] == "(" {
                    var depth = 0
                    var inString = false
                    var close = open
                    scan: while close < scalars.count {
                        let scalar = scalars[close]
                        if inString {
                            if scalar == "\\" { close += 1 } else if scalar == "\"" { inString = false }
                        } else if scalar == "\"" {
                            inString = true
                        } else if scalar == "(" {
                            depth += 1
                        } else if scalar == ")" {
                            depth -= 1
                            if depth == 0 { break scan }
                        }
                        close += 1
                    }
                    if close >= scalars.count { unterminated = true }
                    let body = scalars[(open + 1)..<min(close, scalars.count)]
                    expressions.append(String(String.UnicodeScalarView(body)))
                    markup.append(contentsOf: body.filter { $0 == "\n" })
                    index = close + 1
                    continue
                }
            }
            markup.append(scalars[index])
            index += 1
        }
        return SplitTemplate(markup: String(markup), expressions: expressions, unterminated: unterminated)
    }

    static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Keys read from the string table: every `t.<key>` in an expression.
    static func tableKeys(in expression: String) -> [String] {
        let scalars = Array(expression.unicodeScalars)
        var keys: [String] = []
        var index = 0
        while index + 1 < scalars.count {
            let startsName = index == 0 || !(isIdentifier(scalars[index - 1]) || scalars[index - 1] == ".")
            if startsName, scalars[index] == "t", scalars[index + 1] == "." {
                var end = index + 2
                while end < scalars.count, isIdentifier(scalars[end]) { end += 1 }
                keys.append(String(String.UnicodeScalarView(scalars[(index + 2)..<end])))
                index = end
            } else {
                index += 1
            }
        }
        return keys
    }

    /// Han characters and the full-width punctuation of Chinese text.
    static func isChineseText(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: true  // CJK Unified Ideographs (and Extension A)
        case 0x3000...0x303F: true  // CJK symbols and punctuation: 、。《》「」 and the ideographic space
        case 0xFF00...0xFFEF: true  // full-width forms: ，：；（）？！
        case 0x201C, 0x201D: true  // “ ” as used in Chinese text
        default: false
        }
    }

    /// Each line of `text` that holds Chinese text, as `line: characters`.
    static func chineseText(in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
            let found = String(String.UnicodeScalarView(line.unicodeScalars.filter(isChineseText)))
            return found.isEmpty ? nil : "\(number + 1): \(found)"
        }
    }

    static func templates() throws -> [(name: String, text: String)] {
        let root = BundledResources.viewsDirectory
        let names = try #require(FileManager.default.enumerator(atPath: root)?.allObjects as? [String])
        return try names.filter { $0.hasSuffix(".leaf") }.sorted().map { name in
            (name, try String(contentsOfFile: (root as NSString).appendingPathComponent(name), encoding: .utf8))
        }
    }

    @Test("检查本身有效：能识别标记中的中文和字符串表引用")
    func checkerSeesWhatItShould() {
        let inline = Self.split(#"<p class="hint">共 #(page.total) 人</p><button data-confirm="确定停用？">"#)
        #expect(Self.chineseText(in: inline.markup) == ["1: 共人确定停用？"])

        let clean = Self.split(#"<h1>#(t.home_welcome)#(t.comma)#(page.person.name)</h1>#if(!isFirst):#(t.list_separator)#endif"#)
        #expect(Self.chineseText(in: clean.markup).isEmpty)
        #expect(clean.expressions.flatMap(Self.tableKeys) == ["home_welcome", "comma", "list_separator"])
        #expect(!clean.unterminated)

        let nested = Self.split(#"a#if(count(page.rows) == 0 && page.q != ")"):（#(t.x)"#)
        #expect(nested.expressions == [#"count(page.rows) == 0 && page.q != ")""#, "t.x"])
        #expect(Self.chineseText(in: nested.markup) == ["1: （"])
        #expect(Self.tableKeys(in: "page.t.x || t.y") == ["y"])
        #expect(Self.split("#(t.open").unterminated)
        #expect(Self.chineseText(in: Strings.page["nav_home"]!).count == 1)
    }

    @Test("模板中的文字都来自字符串表")
    func templatesUseTheStringTable() throws {
        let templates = try Self.templates()
        #expect(templates.count >= 15, "only \(templates.count) templates found under \(BundledResources.viewsDirectory)")
        for expected in ["layout.leaf", "pager.leaf", "password.leaf", "admin/users.leaf", "admin/audit.leaf"] {
            #expect(templates.contains { $0.name == expected }, "\(expected) not found")
        }

        var references = 0
        for template in templates {
            let split = Self.split(template.text)
            #expect(!split.unterminated, "\(template.name): a tag's parentheses never close")

            let keys = split.expressions.flatMap(Self.tableKeys)
            references += keys.count
            for key in Set(keys).sorted() {
                #expect(Strings.page[key] != nil, "\(template.name): t.\(key) is not in Strings.page")
            }

            let inlineText = Self.chineseText(in: split.markup)
            #expect(inlineText.isEmpty, "\(template.name): Chinese text written in the markup, move it into Strings.page: \(inlineText)")
            let literalText = split.expressions.filter { !Self.chineseText(in: $0).isEmpty }
            #expect(literalText.isEmpty, "\(template.name): Chinese text in a tag's string literal: \(literalText)")
        }
        #expect(references >= 100, "only \(references) references to t found")
    }
}
