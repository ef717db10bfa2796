/// Substring test in linear time, for the `in` operator on strings.
///
/// `String.contains` compares naively, which takes tens of seconds for adversarial inputs such as
/// `"aaa…ab" in "aaa…a"` at 100,000 characters; both operands can come from document fields, so `in` uses
/// Knuth–Morris–Pratt instead. It works on `Character`s, so matching follows the same canonical equivalence as
/// `==` and never matches half of a character (`"e"` is not in `"é"` written as e + U+0301).
enum SubstringSearch {
    /// True when `pattern` occurs in `text`; the empty pattern occurs in every text.
    static func contains(_ pattern: String, in text: String) -> Bool {
        let pattern = Array(pattern)
        guard !pattern.isEmpty else { return true }
        // border[i]: length of the longest proper prefix of pattern[0...i] that is also its suffix.
        var border = [Int](repeating: 0, count: pattern.count)
        var length = 0
        for index in pattern.indices.dropFirst() {
            while length > 0, pattern[index] != pattern[length] {
                length = border[length - 1]
            }
            if pattern[index] == pattern[length] {
                length += 1
            }
            border[index] = length
        }
        var matched = 0
        for character in text {
            while matched > 0, character != pattern[matched] {
                matched = border[matched - 1]
            }
            if character == pattern[matched] {
                matched += 1
                if matched == pattern.count { return true }
            }
        }
        return false
    }
}
