/// Splits text into Han runs and words; everything else (punctuation, brackets, spaces) only separates them.
enum TextSegmenter {
    /// Longer words are cut to this many scalars, the same way in documents and queries so they still match:
    /// a pasted hash or Base64 blob should not make a term PostgreSQL refuses to index (its limit is 2 KB).
    static let maximumWordLength = 64

    static func runs(in text: String) -> [TextRun] {
        var builder = RunBuilder()
        var normalized: [Unicode.Scalar] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            normalized.removeAll(keepingCapacity: true)
            SearchNormalization.normalize(scalars[index], into: &normalized)
            for scalar in normalized {
                builder.add(scalar, source: index..<next)
            }
            index = next
        }
        builder.finishRun()
        return builder.runs
    }
}

/// The state of one pass over the text: at most one run is open at a time.
private struct RunBuilder {
    var runs: [TextRun] = []
    private var han: [HanCharacter] = []
    private var word = String.UnicodeScalarView()
    private var wordLength = 0
    private var wordSource: Range<String.Index>?

    mutating func add(_ scalar: Unicode.Scalar, source: Range<String.Index>) {
        if scalar.isHan {
            finishWord()
            han.append(HanCharacter(scalar: scalar, source: source))
        } else if scalar.isWordCharacter || (scalar.isCombining && wordSource != nil) {
            finishHan()
            if wordLength < TextSegmenter.maximumWordLength {
                word.append(scalar)
                wordLength += 1
            }
            wordSource = (wordSource?.lowerBound ?? source.lowerBound)..<source.upperBound
        } else if scalar.isCombining {
            // A variation selector after a Han character: it belongs to that character's source and
            // neither ends the run nor becomes part of a term.
            if let last = han.indices.last {
                han[last].source = han[last].source.lowerBound..<source.upperBound
            }
        } else {
            finishRun()
        }
    }

    mutating func finishRun() {
        finishHan()
        finishWord()
    }

    private mutating func finishHan() {
        guard !han.isEmpty else { return }
        runs.append(.han(han))
        han.removeAll()
    }

    private mutating func finishWord() {
        guard let source = wordSource else { return }
        runs.append(.word(String(word).lowercased(), source: source))
        word = String.UnicodeScalarView()
        wordLength = 0
        wordSource = nil
    }
}
