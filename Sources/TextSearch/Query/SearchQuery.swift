/// What a person typed into a search box, as the terms every result must contain.
///
/// All terms are required (AND): `安全 2026` needs 安全 and 2026; `安全生产` needs 安全, 全生 and 生产; `安`
/// needs the unigram 安. Operators people might type (OR, -, quotes) are just text here: they are split
/// off as punctuation or become ordinary quoted terms, so input can never change the shape of the query.
///
/// The app stores ``SearchTokenizer/indexText(_:)`` of each document in a column and indexes it with FTS5
/// on SQLite and with `to_tsvector('simple', that_column)` (GIN) on PostgreSQL, so both databases hold the
/// very same terms this query asks for.
public struct SearchQuery: Sendable, Equatable {
    /// More terms than this are dropped: a pasted paragraph still finds its document, without sending the
    /// database an expression hundreds of terms long.
    public static let maximumTermCount = 64

    /// The text as typed.
    public let typed: String
    /// The required terms, distinct, in the order typed.
    public let terms: [String]
    /// What to look for when highlighting: each Han run and word of the query, normalised.
    let needles: [Needle]

    public init(_ typed: String) {
        self.typed = typed
        self.terms = Array(SearchTokenizer.queryTerms(in: typed).prefix(Self.maximumTermCount))
        self.needles = TextSegmenter.runs(in: typed).map(Needle.init)
    }

    /// Whether nothing searchable was typed (only spaces or punctuation): show no results rather than all.
    public var isEmpty: Bool { terms.isEmpty }

    /// The right-hand side of an FTS5 `MATCH`: `"安全" AND "全生" AND "生产"`; empty when ``isEmpty``.
    ///
    /// Each term is a double-quoted FTS5 string, so AND, OR, NOT, NEAR, `*` or `:` typed by a person are
    /// searched for, not obeyed. Terms never contain a double quote, so no escaping is needed.
    public var fts5MatchExpression: String {
        terms.map { "\"\($0)\"" }.joined(separator: " AND ")
    }

    /// The argument of `to_tsquery('simple', $1)`: `'安全' & '2026'`; empty when ``isEmpty``.
    ///
    /// Each term is a quoted tsquery lexeme, so `&`, `|`, `!` or `:*` typed by a person are searched for,
    /// not obeyed. Terms never contain a single quote or backslash, so no escaping is needed.
    public var tsqueryText: String {
        terms.map { "'\($0)'" }.joined(separator: " & ")
    }
}
