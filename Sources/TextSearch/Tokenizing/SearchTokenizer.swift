/// Turns text into the terms full-text search indexes and looks up: Chinese without a word list.
///
/// - Han characters become overlapping bigrams within each run (安全生产 → 安全 全生 生产), and every Han
///   character is also a unigram term of its own. The unigrams let a one-character query (安) match; without
///   them it could only be answered by scanning. They roughly double the Han part of the index, which is
///   the price of never missing a one-character search. A query of two or more Han characters asks for its
///   bigrams only (see ``queryTerms(in:)``), so the unigrams do not make longer queries looser.
/// - Letters and digits form words (maximal runs), lowercased, with full-width forms folded to half-width:
///   `江政办发〔2026〕12号` gives 江 江政 政 政办 办 办发 发, 2026, 12 and 号.
/// - Punctuation, brackets and spaces separate terms and are never part of one.
///
/// Every term consists of letters, digits, combining marks and Han characters only, so it can be quoted in
/// an FTS5 or tsquery expression without escaping (see ``SearchQuery``).
public enum SearchTokenizer {
    /// The terms to index for `text`, in document order, repeated as often as they occur (for ranking).
    public static func terms(in text: String) -> [String] {
        var terms: [String] = []
        for run in TextSegmenter.runs(in: text) {
            switch run {
            case .han(let characters):
                for index in characters.indices {
                    terms.append(String(characters[index].scalar))
                    if index + 1 < characters.endIndex {
                        terms.append(bigram(characters[index], characters[index + 1]))
                    }
                }
            case .word(let word, _):
                terms.append(word)
            }
        }
        return terms
    }

    /// The distinct terms of `text`, each where it first occurs.
    public static func uniqueTerms(in text: String) -> [String] {
        unique(terms(in: text))
    }

    /// The terms a document must contain to match what a person typed, distinct, in the order typed.
    ///
    /// A run of one Han character asks for its unigram; a longer run asks for all its bigrams, which every
    /// document containing the run has (an AND of overlapping bigrams is nearly a phrase search).
    public static func queryTerms(in typed: String) -> [String] {
        var terms: [String] = []
        for run in TextSegmenter.runs(in: typed) {
            switch run {
            case .han(let characters) where characters.count == 1:
                terms.append(String(characters[0].scalar))
            case .han(let characters):
                for index in characters.indices.dropLast() {
                    terms.append(bigram(characters[index], characters[index + 1]))
                }
            case .word(let word, _):
                terms.append(word)
            }
        }
        return unique(terms)
    }

    /// What the app stores in a document's search column: its terms joined by single spaces.
    ///
    /// SQLite's FTS5 (default `unicode61` tokenizer) and PostgreSQL's `to_tsvector('simple', …)` both split
    /// this text at the spaces and nowhere else, because terms hold only letters, digits and Han, so both
    /// databases index exactly the terms this tokenizer made (checked with SQLite 3.40 and PostgreSQL 15
    /// under the C and C.UTF-8 locales, Extension B characters included).
    ///
    /// PostgreSQL refuses a tsvector whose distinct terms and positions pass 1 MB ("string is too long for
    /// tsvector"). Text where every bigram differs reaches that between 100,000 and 130,000 Han characters
    /// (measured on PostgreSQL 15); real prose has far fewer distinct bigrams, but an attachment near the
    /// 2 MB extraction cap can still reach it, so the caller caps what it indexes there.
    public static func indexText(_ text: String) -> String {
        terms(in: text).joined(separator: " ")
    }

    private static func bigram(_ first: HanCharacter, _ second: HanCharacter) -> String {
        var view = String.UnicodeScalarView()
        view.append(first.scalar)
        view.append(second.scalar)
        return String(view)
    }

    private static func unique(_ terms: [String]) -> [String] {
        var seen = Set<String>()
        return terms.filter { seen.insert($0).inserted }
    }
}
