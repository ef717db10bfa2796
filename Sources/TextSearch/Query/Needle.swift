/// One Han run or word of a query, in the normalised form matched against a document's runs.
enum Needle: Sendable, Equatable {
    case han([Unicode.Scalar])
    case word(String)

    init(_ run: TextRun) {
        switch run {
        case .han(let characters): self = .han(characters.map(\.scalar))
        case .word(let word, _): self = .word(word)
        }
    }
}
