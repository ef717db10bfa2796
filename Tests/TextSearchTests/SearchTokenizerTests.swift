import Testing
import TextSearch

@Suite("切词")
struct SearchTokenizerTests {
    @Test("连续汉字切成相邻两字，每个字也单独成词")
    func hanRunBecomesBigramsAndUnigrams() {
        #expect(SearchTokenizer.terms(in: "安全生产") == ["安", "安全", "全", "全生", "生", "生产", "产"])
    }

    @Test("前后都不是汉字的单个汉字只算一个词")
    func lonelyHanCharacterIsOneUnigram() {
        #expect(SearchTokenizer.terms(in: "第 号") == ["第", "号"])
        #expect(SearchTokenizer.terms(in: "(号)") == ["号"])
    }

    @Test("汉字、英文和数字混排时各自成词，英文转小写")
    func mixedScriptsSplitIntoTheirOwnTerms() {
        #expect(SearchTokenizer.terms(in: "Vapor版本4.122发布") == ["vapor", "版", "版本", "本", "4", "122", "发", "发布", "布"])
        #expect(SearchTokenizer.terms(in: "ISO9001认证") == ["iso9001", "认", "认证", "证"])
    }

    @Test("全角字母数字与半角一样")
    func fullWidthFormsEqualHalfWidth() {
        #expect(SearchTokenizer.terms(in: "ＡＢＣ１２３") == ["abc123"])
        #expect(SearchTokenizer.terms(in: "ＡＢＣ１２３") == SearchTokenizer.terms(in: "abc123"))
        #expect(SearchTokenizer.terms(in: "第２０２６号") == ["第", "2026", "号"])
    }

    @Test("文号里的年份和序号能单独查到")
    func documentNumberYieldsYearAndSerial() {
        let terms = SearchTokenizer.terms(in: "江政办发〔2026〕12号")
        #expect(terms == ["江", "江政", "政", "政办", "办", "办发", "发", "2026", "12", "号"])
        #expect(Set(SearchQuery("2026 12").terms).isSubset(of: terms))
    }

    @Test("只有标点和空白时没有任何词")
    func punctuationOnlyGivesNoTerms() {
        #expect(SearchTokenizer.terms(in: "〔〕（）《》、，。！？：；“”‘’ …—\n\t\u{3000}").isEmpty)
        #expect(SearchTokenizer.terms(in: "").isEmpty)
    }

    @Test("同一个词出现几次就记几次，去重版本保留首次出现的顺序")
    func duplicatesKeptForFrequencyAndDroppedWhenUnique() {
        #expect(SearchTokenizer.terms(in: "安全，安全").filter { $0 == "安全" }.count == 2)
        #expect(SearchTokenizer.uniqueTerms(in: "安全，安全 ok OK") == ["安", "安全", "全", "ok"])
    }

    @Test("日期里的〇和叠字符号々不会把汉字断开")
    func ideographicZeroAndIterationMarkStayInsideTheRun() {
        #expect(SearchTokenizer.queryTerms(in: "二〇二六年") == ["二〇", "〇二", "二六", "六年"])
        #expect(SearchTokenizer.queryTerms(in: "人々") == ["人々"])
    }

    @Test("异体字选择符不会把姓名断开")
    func variationSelectorDoesNotSplitAName() {
        #expect(SearchTokenizer.queryTerms(in: "葛\u{E0100}优") == ["葛优"])
    }

    @Test("兼容汉字和扩展区汉字也按汉字切词")
    func compatibilityAndExtensionIdeographsAreHan() {
        // U+3400 (Extension A), U+20BB7 𠮷 (Extension B), U+FA11 﨑 (a compatibility-block ideograph NFKC keeps).
        #expect(SearchTokenizer.queryTerms(in: "\u{3400}𠮷\u{FA11}") == ["\u{3400}𠮷", "𠮷\u{FA11}"])
    }

    @Test("词里只有字母、数字和汉字，放进查询语句也安全")
    func termsNeverCarryQuotesOrOperators() {
        let nasty = "a'b\"c\\d OR 1=1; -- DROP TABLE x; 安全\"' * : ^ & | ! ( ) \u{0}"
        let terms = SearchTokenizer.terms(in: nasty)
        #expect(terms == ["a", "b", "c", "d", "or", "1", "1", "drop", "table", "x", "安", "安全", "全"])
        for term in terms {
            #expect(!term.contains { "\"'\\*:^&|!() ".contains($0) })
        }
    }

    @Test("很长的文本也完整切词")
    func longTextIsTokenizedCompletely() {
        let text = String(repeating: "安全生产2026年，", count: 10_000)
        let terms = SearchTokenizer.terms(in: text)
        // Per repetition: 安全生产 gives 4 unigrams + 3 bigrams, then 2026, then 年 as a unigram.
        #expect(terms.count == 9 * 10_000)
        #expect(terms.suffix(2) == ["2026", "年"])
    }

    @Test("索引列是用空格连接的词")
    func indexTextJoinsTermsWithSpaces() {
        #expect(SearchTokenizer.indexText("安全 OK，〔2026〕") == "安 安全 全 ok 2026")
    }

    @Test("过长的词截短，文档和查询截得一样所以仍能查到")
    func overlongWordsAreCutTheSameWayEverywhere() {
        let blob = String(repeating: "ab", count: 100)
        let term = SearchTokenizer.terms(in: blob)
        #expect(term == [String(repeating: "ab", count: 32)])
        #expect(SearchQuery(blob).terms == term)
    }
}
