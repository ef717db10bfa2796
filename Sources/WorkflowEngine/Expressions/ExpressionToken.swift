import Foundation

/// One lexical token of an expression, with the character offset where it starts.
struct ExpressionToken: Sendable, Equatable {
    /// What kind of token this is; literals carry their value.
    enum Kind: Sendable, Equatable {
        case number(Decimal)
        case string(String)
        /// An identifier or keyword; the parser decides which, because `in` or `lt` are keywords
        /// only in operator position and any word may follow a `.` as a member name.
        case word(String)
        /// An operator or punctuation mark, spelled as in the source (`==`, `&&`, `(`, `${` …).
        case symbol(String)
        case end
    }

    let kind: Kind
    /// Character offset of the token's first character.
    let position: Int

    /// How the token is named in "unexpected …" messages.
    var displayName: String {
        switch kind {
        case .number(let value): "number \(value)"
        case .string(let value): "string \"\(value)\""
        case .word(let word): "'\(word)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "end of expression"
        }
    }

    /// True when this is the given symbol.
    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol(symbol)
    }

    /// True when this is the given word (keywords are case-sensitive: `True` and `true` are listed separately).
    func isWord(_ word: String) -> Bool {
        kind == .word(word)
    }
}
