import Testing
import TextSearch

@Suite("查询")
struct SearchQueryTests {
    @Test("输入的几个词都必须出现")
    func allTypedTermsAreRequired() {
        let query = SearchQuery("安全 2026")
        #expect(query.terms == ["安全", "2026"])
        #expect(query.fts5MatchExpression == #""安全" AND "2026""#)
        #expect(query.tsqueryText == "'安全' & '2026'")
    }

    @Test("多字查询要求每两个相邻的字都出现")
    func longerHanQueryRequiresItsBigrams() {
        let query = SearchQuery("安全生产")
        #expect(query.terms == ["安全", "全生", "生产"])
        #expect(query.fts5MatchExpression == #""安全" AND "全生" AND "生产""#)
        #expect(query.tsqueryText == "'安全' & '全生' & '生产'")
    }

    @Test("只输入一个字也能查")
    func oneHanCharacterQueriesItsUnigram() {
        let query = SearchQuery("安")
        #expect(query.terms == ["安"])
        #expect(query.fts5MatchExpression == #""安""#)
        #expect(query.tsqueryText == "'安'")
        #expect(SearchQuery("安 2026").terms == ["安", "2026"])
    }

    @Test("输入的运算符和引号只当作普通文字")
    func typedOperatorsCannotChangeTheQuery() {
        let query = SearchQuery(#"安全 OR "生产" -2026 NOT:* a'b & !x | NEAR(y)"#)
        #expect(query.terms == ["安全", "or", "生产", "2026", "not", "a", "b", "x", "near", "y"])
        #expect(query.fts5MatchExpression
            == #""安全" AND "or" AND "生产" AND "2026" AND "not" AND "a" AND "b" AND "x" AND "near" AND "y""#)
        #expect(query.tsqueryText == "'安全' & 'or' & '生产' & '2026' & 'not' & 'a' & 'b' & 'x' & 'near' & 'y'")
    }

    @Test("只输入标点或空格时查询为空")
    func punctuationOnlyQueryIsEmpty() {
        let query = SearchQuery(" ，。《》 \u{3000}")
        #expect(query.isEmpty)
        #expect(query.fts5MatchExpression == "")
        #expect(query.tsqueryText == "")
        #expect(!SearchQuery("a").isEmpty)
    }

    @Test("全角输入和大小写不影响查询")
    func fullWidthAndCaseAreFolded() {
        #expect(SearchQuery("２０２６ ＯＦＤ").terms == ["2026", "ofd"])
        #expect(SearchQuery("OFD").terms == SearchQuery("ofd").terms)
    }

    @Test("重复的词只查一次")
    func repeatedTermsAreAskedOnce() {
        #expect(SearchQuery("安全 安全 2026 2026").terms == ["安全", "2026"])
    }

    @Test("粘贴很长的一段文字时词数有上限")
    func pastedParagraphIsCapped() {
        let typed = (0..<200).map { "w\($0)" }.joined(separator: " ")
        let query = SearchQuery(typed)
        #expect(query.terms.count == SearchQuery.maximumTermCount)
        #expect(query.terms.first == "w0")
    }

    @Test("文档里出现的文字，用它的任何一段去查都能查到")
    func anyStretchOfADocumentFindsIt() {
        let document = "关于江政办发〔２０２６〕12号文件中ISO标准与安全生产责任制落实情况的通报"
        let indexed = Set(SearchTokenizer.terms(in: document))
        let characters = Array(document)
        // Latin words and numbers are found whole, so stretches never start or end inside one.
        func isWordCharacter(_ character: Character) -> Bool {
            character.isNumber || (character.isLetter && character.unicodeScalars.allSatisfy { $0.value < 0x2E80 || $0.value >= 0xFF00 })
        }
        func cutsAWord(_ boundary: Int) -> Bool {
            boundary > 0 && boundary < characters.count
                && isWordCharacter(characters[boundary - 1]) && isWordCharacter(characters[boundary])
        }
        for start in characters.indices where !cutsAWord(start) {
            for end in (start + 1)...min(characters.count, start + 6) where !cutsAWord(end) {
                let typed = String(characters[start..<end])
                let missing = SearchQuery(typed).terms.filter { !indexed.contains($0) }
                #expect(missing.isEmpty, "query \(typed) misses \(missing)")
            }
        }
    }
}
