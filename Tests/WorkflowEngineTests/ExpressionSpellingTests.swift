import Testing
@testable import WorkflowEngine

/// The dialects found in BPMN files exported by other tools all parse to the same meaning.
@Suite("Expression spellings")
struct ExpressionSpellingTests {
    let document: [String: ExpressionValue] = ["amount": 6000, "dept": "办公室", "approved": true, "rejected": false]

    @Test func juelDollarWrapper() throws {
        #expect(try condition("${amount > 5000}", document) == true)
        #expect(try condition("${amount > 5000}", ["amount": 5000]) == false)
        #expect(try condition("${ amount>5000 && dept=='办公室' }", document) == true)
    }

    @Test func juelHashWrapper() throws {
        #expect(try condition("#{approved}", document) == true)
        #expect(try condition("#{rejected}", document) == false)
    }

    @Test func juelWordOperators() throws {
        #expect(try condition("${amount gt 5000 and dept eq \"办公室\"}", document) == true)
        #expect(try condition("${amount ge 6000 and amount le 6000}", document) == true)
        #expect(try condition("${amount lt 6000 or dept ne '办公室'}", document) == false)
        #expect(try evaluate("${amount div 4 + amount mod 7}", document) == 1501)
    }

    @Test func feelLeadingEquals() throws {
        #expect(try condition("= approved", document) == true)
        #expect(try condition("=approved = true", document) == true)
        #expect(try condition("= dept = \"办公室\" and not(rejected)", document) == true)
        #expect(try condition("= amount >= 10000 or dept != \"办公室\"", document) == false)
    }

    @Test func pythonStyle() throws {
        #expect(try condition("approved == True", document) == true)
        #expect(try condition("not rejected", document) == true)
        #expect(try condition("not approved", document) == false)
        #expect(try condition("x is None", ["x": nil]) == true)
        #expect(try condition("x is not None", ["x": nil]) == false)
        #expect(try condition("x is not None and x > 1", ["x": 2]) == true)
        #expect(try condition("approved and not rejected", document) == true)
        #expect(try condition("False or None == None") == true)
    }

    @Test func plainInfix() throws {
        #expect(try condition("amount > 5000 && dept == \"办公室\"", document) == true)
        #expect(try condition("amount > 5000 && dept == \"财务处\"", document) == false)
        #expect(try condition("!rejected || amount < 0", document) == true)
        #expect(try condition("!approved || amount < 0", document) == false)
    }

    @Test func nullSpellings() throws {
        #expect(try evaluate("null") == .null)
        #expect(try evaluate("None") == .null)
        #expect(try evaluate("nil") == .null)
        #expect(try condition("null == None and None == nil") == true)
    }

    @Test func whitespaceFromXML() throws {
        // Conditions in BPMN XML often sit in CDATA on their own lines, and Chinese input adds U+3000 spaces.
        #expect(try condition("\n    ${amount > 5000}\n  ", document) == true)
        #expect(try condition("amount\t>\n5000", document) == true)
        #expect(try condition("amount\u{3000}>\u{3000}5000", document) == true)
    }

    @Test func chineseIdentifiersAndStrings() throws {
        let variables: [String: ExpressionValue] = ["金额": 8000, "公文": ["密级": "机密", "文种": "请示"]]
        #expect(try condition("金额 > 5000 and 公文.密级 == \"机密\"", variables) == true)
        #expect(try condition("公文.文种 in ['请示', '报告']", variables) == true)
        #expect(try evaluate("公文.文种 + '件'", variables) == "请示件")
    }
}
