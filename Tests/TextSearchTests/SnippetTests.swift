import Testing
import TextSearch

@Suite("搜索结果摘要")
struct SnippetTests {
    /// Filler text without any of the words the tests search for.
    private static func filler(_ count: Int) -> String {
        String(String(repeating: "各单位要认真组织学习并结合实际抓好贯彻落实。", count: count / 10 + 1).prefix(count))
    }

    private static func highlighted(_ snippet: Snippet) -> [String] {
        snippet.segments.filter(\.isHighlighted).map(\.text)
    }

    @Test("摘要以第一处匹配为中心，前后都省略")
    func excerptIsCentredOnTheFirstMatch() throws {
        // given
        let text = Self.filler(300) + "安全生产" + Self.filler(300) + "安全生产"
        // when
        let snippet = Snippet(text: text, query: SearchQuery("安全生产"))
        // then
        #expect(Self.highlighted(snippet) == ["安全生产"])
        #expect(snippet.plainText.count == Snippet.defaultLength)
        let excerpt = snippet.plainText
        let match = try #require(excerpt.firstRange(of: "安全生产"))
        let before = excerpt.distance(from: excerpt.startIndex, to: match.lowerBound)
        let after = snippet.plainText.count - before - 4
        #expect(abs(before - after) <= 1)
        #expect(snippet.isCutAtStart)
        #expect(snippet.isCutAtEnd)
    }

    @Test("匹配在开头时摘要从开头开始，长度不变")
    func matchNearTheStartKeepsTheStart() {
        let text = "关于安全生产的通知" + Self.filler(300)
        let snippet = Snippet(text: text, query: SearchQuery("安全生产"))
        #expect(!snippet.isCutAtStart)
        #expect(snippet.isCutAtEnd)
        #expect(snippet.plainText == String(text.prefix(Snippet.defaultLength)))
        #expect(snippet.segments.first == Snippet.Segment(text: "关于", isHighlighted: false))
        #expect(Self.highlighted(snippet) == ["安全生产"])
    }

    @Test("匹配在结尾时摘要到结尾为止，长度不变")
    func matchNearTheEndKeepsTheEnd() {
        let text = Self.filler(300) + "特此通知安全生产"
        let snippet = Snippet(text: text, query: SearchQuery("安全生产"))
        #expect(snippet.isCutAtStart)
        #expect(!snippet.isCutAtEnd)
        #expect(snippet.plainText == String(text.suffix(Snippet.defaultLength)))
        #expect(snippet.segments.last == Snippet.Segment(text: "安全生产", isHighlighted: true))
    }

    @Test("没有匹配时显示正文开头")
    func noMatchShowsTheBeginning() {
        let text = Self.filler(300)
        let snippet = Snippet(text: text, query: SearchQuery("预算"))
        #expect(snippet.segments == [Snippet.Segment(text: String(text.prefix(80)), isHighlighted: false)])
        #expect(!snippet.isCutAtStart)
        #expect(snippet.isCutAtEnd)
    }

    @Test("短文本整段显示，不加省略号")
    func shortTextIsShownWhole() {
        let snippet = Snippet(text: "会议纪要", query: SearchQuery("纪要"))
        #expect(snippet.segments == [
            Snippet.Segment(text: "会议", isHighlighted: false),
            Snippet.Segment(text: "纪要", isHighlighted: true),
        ])
        #expect(!snippet.isCutAtStart)
        #expect(!snippet.isCutAtEnd)
    }

    @Test("高亮原文的写法，不论大小写和全角半角")
    func highlightsTheOriginalFormsOfAFoldedMatch() {
        let snippet = Snippet(text: "关于ＯＦＤ版式和Ofd签章的说明", query: SearchQuery("ofd"))
        #expect(Self.highlighted(snippet) == ["ＯＦＤ", "Ofd"])
        #expect(snippet.plainText == "关于ＯＦＤ版式和Ofd签章的说明")
    }

    @Test("几个关键词都高亮，文号里的数字也高亮")
    func everyQueryWordIsHighlighted() {
        let snippet = Snippet(text: "江政办发〔２０２６〕12号：关于安全检查的通知", query: SearchQuery("安全 2026"))
        #expect(Self.highlighted(snippet) == ["２０２６", "安全"])
    }

    @Test("英文只高亮整个单词")
    func latinWordsHighlightWhole() {
        let snippet = Snippet(text: "ISO and isotope", query: SearchQuery("iso"))
        #expect(Self.highlighted(snippet) == ["ISO"])
    }

    @Test("换行和全角空格显示为一个空格")
    func whitespaceShowsAsOneSpace() {
        let snippet = Snippet(text: "\u{3000}\u{3000}第一段。\n\n\u{3000}\u{3000}第二段安全。", query: SearchQuery("安全"))
        #expect(snippet.plainText == "第一段。 第二段安全。")
    }

    @Test("多字查询在正文里被换行隔开时，高亮各段")
    func bigramsAreHighlightedWhenTheRunIsSplit() {
        let snippet = Snippet(text: "做好安全\n生产工作", query: SearchQuery("安全生产"))
        #expect(Self.highlighted(snippet) == ["安全", "生产"])
    }

    @Test("摘要长度可以指定")
    func lengthCanBeChosen() {
        let snippet = Snippet(text: Self.filler(100) + "预算" + Self.filler(100), query: SearchQuery("预算"), length: 10)
        #expect(snippet.plainText.count == 10)
        #expect(snippet.plainText.contains("预算"))
    }
}
