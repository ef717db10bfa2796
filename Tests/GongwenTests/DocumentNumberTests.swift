import Testing
import Gongwen

@Suite("发文字号")
struct DocumentNumberTests {
    @Test func formatsWithHexagonalBracketsAndNoPadding() {
        let number = DocumentNumber(issuerCode: "X政办发", year: 2026, sequence: 12)
        #expect(number.formatted == "X政办发〔2026〕12号")
        #expect(number.formatted == "X政办发\u{3014}2026\u{3015}12号")
        #expect(DocumentNumber(issuerCode: "国办函", year: 2025, sequence: 1).formatted == "国办函〔2025〕1号")
        #expect(DocumentNumber(issuerCode: "X政发", year: 2026, sequence: 105).description == "X政发〔2026〕105号")
    }

    @Test(arguments: [
        "X政办发〔2026〕12号",
        "X政办发[2026]12号",
        "X政办发(2026)12号",
        "X政办发（2026）12号",
        "X政办发【2026】12号",
        "X政办发〔2026〕012号",
        "X政办发[2026]0012号",
        "  X政办发〔2026〕12号\n",
    ])
    func acceptsAndNormalises(text: String) throws {
        let number = try #require(DocumentNumber(parsing: text))
        #expect(number == DocumentNumber(issuerCode: "X政办发", year: 2026, sequence: 12))
        #expect(number.formatted == "X政办发〔2026〕12号")
    }

    @Test(arguments: [
        "",
        "X政办发12号", // no year
        "X政办发〔〕12号", // empty year
        "X政办发〔26〕12号", // two-digit year
        "X政办发〔20260〕12号", // five-digit year
        "X政办发〔0226〕12号", // leading zero is not a four-digit year
        "X政办发〔二〇二六〕12号", // year in Chinese numerals
        "X政办发〔２０２６〕12号", // full-width digits
        "X政办发〔2026〕第12号", // 第 before the number
        "X政办发〔2026〕0号", // zero
        "X政办发〔2026〕000号", // zero, padded
        "X政办发〔2026〕-3号", // negative
        "X政办发〔2026〕号", // no sequence
        "X政办发〔2026〕12", // no 号
        "X政办发〔2026〕12号附", // trailing text
        "X政办发〔2026〕1 2号", // space in the sequence
        "X政办发〔2026〕99999999999999999999号", // too large to be real
        "〔2026〕12号", // empty issuer code
        "X政办发〔2026]12号", // mismatched brackets
        "X政办发〔2026〕〔2026〕12号", // year twice
        "X政办发2026〔2026〕12号", // issuer code ends with a digit
        "X政 办发〔2026〕12号", // whitespace in the issuer code
        "一二三四五六七八九十一二三四五六七八九十一〔2026〕12号", // 21-character issuer code
    ])
    func rejects(text: String) {
        #expect(DocumentNumber(parsing: text) == nil)
    }

    @Test func issuerCodeRules() {
        #expect(DocumentNumber.isValidIssuerCode("X政办发"))
        #expect(DocumentNumber.isValidIssuerCode("国办函"))
        #expect(DocumentNumber.isValidIssuerCode("X2政发")) // a digit inside is allowed, only not at the end
        #expect(DocumentNumber.isValidIssuerCode(String(repeating: "政", count: 20)))
        #expect(!DocumentNumber.isValidIssuerCode(String(repeating: "政", count: 21)))
        #expect(!DocumentNumber.isValidIssuerCode(""))
        #expect(!DocumentNumber.isValidIssuerCode("X政办发2026"))
        #expect(!DocumentNumber.isValidIssuerCode("X政办发２")) // full-width digit
        #expect(!DocumentNumber.isValidIssuerCode("X政办发〔"))
        #expect(!DocumentNumber.isValidIssuerCode("X政(办)发"))
        #expect(!DocumentNumber.isValidIssuerCode("X政办发\u{3000}")) // ideographic space
    }

    @Test func validity() {
        #expect(DocumentNumber(issuerCode: "X政办发", year: 2026, sequence: 1).isValid)
        #expect(!DocumentNumber(issuerCode: "X政办发", year: 2026, sequence: 0).isValid)
        #expect(!DocumentNumber(issuerCode: "X政办发", year: 2026, sequence: -1).isValid)
        #expect(!DocumentNumber(issuerCode: "X政办发", year: 26, sequence: 1).isValid)
        #expect(!DocumentNumber(issuerCode: "X政办发", year: 10_000, sequence: 1).isValid)
        #expect(!DocumentNumber(issuerCode: "", year: 2026, sequence: 1).isValid)
    }

    @Test func everyValidNumberSurvivesFormattingAndParsing() {
        for number in [
            DocumentNumber(issuerCode: "X政办发", year: 2026, sequence: 1),
            DocumentNumber(issuerCode: "国办函", year: 1999, sequence: 1024),
            DocumentNumber(issuerCode: "X2政发", year: 2030, sequence: 7),
        ] {
            #expect(number.isValid)
            #expect(DocumentNumber(parsing: number.formatted) == number)
        }
    }
}
