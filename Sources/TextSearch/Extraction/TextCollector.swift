/// Gathers extracted text up to a size limit, joining pieces the way the text reads.
///
/// Layout formats (OFD, PDF) give text in pieces, one per line or run, with no sign of whether a line break
/// is real. A break between two Han characters is taken as layout only and dropped, because Chinese has no
/// spaces and a bigram split by a line wrap (安全生 | 产) would otherwise never be found; any other break
/// becomes a newline or space so Latin words stay apart.
struct TextCollector {
    /// Text is cut here, in UTF-8 bytes: the most a single attachment adds to the search index.
    let limit: Int
    private(set) var text = ""
    private(set) var isFull = false
    private var byteCount = 0
    private var lastScalar: Unicode.Scalar?
    private var pending: Separator?

    private enum Separator {
        /// Dropped between two Han characters.
        case soft(String)
        /// Always kept, e.g. a paragraph break.
        case hard(String)
    }

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ piece: some StringProtocol) {
        guard !isFull, let first = piece.unicodeScalars.first else { return }
        if let pending, let lastScalar {
            switch pending {
            case .hard(let separator):
                write(separator)
            case .soft(let separator) where !(lastScalar.isHan && first.isHan):
                write(separator)
            case .soft:
                break
            }
        }
        pending = nil
        write(piece)
    }

    /// A break that may only be layout (a line or run boundary): a newline or space unless it falls between Han.
    mutating func softBreak(_ separator: String = "\n") {
        switch pending {
        case .hard: return
        case .soft(let existing) where existing == "\n": return
        default: pending = .soft(separator)
        }
    }

    /// A break that is really there, such as the end of a paragraph or page.
    mutating func hardBreak(_ separator: String = "\n") {
        if case .hard("\n") = pending { return }
        pending = .hard(separator)
    }

    private mutating func write(_ piece: some StringProtocol) {
        let size = piece.utf8.count
        if byteCount + size <= limit {
            text.append(contentsOf: piece)
            byteCount += size
            lastScalar = piece.unicodeScalars.last ?? lastScalar
            return
        }
        for character in piece {
            let characterSize = character.utf8.count
            guard byteCount + characterSize <= limit else { break }
            text.append(character)
            byteCount += characterSize
        }
        isFull = true
    }
}
