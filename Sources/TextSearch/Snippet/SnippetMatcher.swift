/// Finds where a query's Han runs and words occur in a document, as ranges of the original text.
///
/// Matching compares normalised runs, so 〔２０２６〕 highlights for a query of 2026 and ABC for abc, while the
/// ranges point at the characters as they stand in the document.
enum SnippetMatcher {
    /// Sorted, non-overlapping ranges on character boundaries.
    static func matches(of needles: [Needle], in text: String) -> [Range<String.Index>] {
        guard !needles.isEmpty, !text.isEmpty else { return [] }
        let runs = TextSegmenter.runs(in: text)
        var found: [Range<String.Index>] = []
        for needle in needles {
            switch needle {
            case .word(let word):
                for case .word(let candidate, let source) in runs where candidate == word {
                    found.append(source)
                }
            case .han(let characters):
                let whole = occurrences(of: characters[...], in: runs)
                if whole.isEmpty, characters.count > 2 {
                    // The document matched through bigrams that are not side by side (the run is split by a
                    // line break, say): highlight the bigrams rather than nothing.
                    for start in characters.indices.dropLast() {
                        found.append(contentsOf: occurrences(of: characters[start...(start + 1)], in: runs))
                    }
                } else {
                    found.append(contentsOf: whole)
                }
            }
        }
        return merged(found.map { aligned($0, in: text) })
    }

    private static func occurrences(
        of needle: ArraySlice<Unicode.Scalar>, in runs: [TextRun]
    ) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        for case .han(let characters) in runs where characters.count >= needle.count {
            for start in 0...(characters.count - needle.count)
            where zip(characters[start...], needle).allSatisfy({ $0.scalar == $1 }) {
                ranges.append(characters[start].source.lowerBound..<characters[start + needle.count - 1].source.upperBound)
            }
        }
        return ranges
    }

    /// Widens a range of scalars to whole characters, so a highlight never splits a character in two.
    private static func aligned(_ range: Range<String.Index>, in text: String) -> Range<String.Index> {
        var lower = range.lowerBound
        while lower > text.startIndex, lower.samePosition(in: text) == nil {
            lower = text.unicodeScalars.index(before: lower)
        }
        var upper = range.upperBound
        while upper < text.endIndex, upper.samePosition(in: text) == nil {
            upper = text.unicodeScalars.index(after: upper)
        }
        return lower..<upper
    }

    private static func merged(_ ranges: [Range<String.Index>]) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
