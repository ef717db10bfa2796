import Testing
@testable import WorkflowEngine

@Suite("Substring search")
struct SubstringSearchTests {
    @Test(arguments: [
        ("", "", true),
        ("", "abc", true),
        ("abc", "", false),
        ("abc", "abc", true),
        ("abcd", "abc", false),
        ("abab", "abaabab", true), // needs the fallback after a partial match
        ("aab", "aaab", true),
        ("abac", "ababac", true),
        ("abx", "ababab", false),
        ("办公", "综合办公室", true),
        ("公办", "综合办公室", false),
    ])
    func matches(pattern: String, text: String, expected: Bool) {
        #expect(SubstringSearch.contains(pattern, in: text) == expected)
    }

    @Test func followsCharacterEquivalence() throws {
        // "é" precomposed matches "e" + combining acute, but a bare "e" is not half of that character.
        #expect(SubstringSearch.contains("\u{E9}", in: "cafe\u{301}") == true)
        #expect(SubstringSearch.contains("e", in: "cafe\u{301}") == false)
        #expect(try condition("a in b", ["a": "e", "b": "cafe\u{301}"]) == false)
    }

    @Test func adversarialInputStaysLinear() throws {
        // A naive search needs about 2.5 billion character comparisons here (tens of seconds); this takes milliseconds.
        let text = String(repeating: "a", count: 100_000)
        let pattern = String(repeating: "a", count: 50_000) + "b"
        #expect(try condition("p in t", ["p": .string(pattern), "t": .string(text)]) == false)
        #expect(try condition("p in t", ["p": .string(pattern), "t": .string(text + "b")]) == true)
    }
}
