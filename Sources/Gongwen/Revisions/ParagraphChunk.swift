/// A paragraph as the diff aligns it: its text (`body`), then the whitespace up to the next paragraph's
/// text (`separator`: the blank lines and the next paragraph's indentation). Paragraphs are split on
/// blank lines, as `BodyParagraph.parse` does; the chunks of a range cover it exactly, so no character
/// is lost when the diff is put back together.
struct ParagraphChunk: Hashable, Sendable {
    var body: Range<Int>
    var separator: Range<Int>

    var whole: Range<Int> { body.lowerBound ..< separator.upperBound }

    static func split(_ characters: [Character], in range: Range<Int>) -> [ParagraphChunk] {
        var chunks: [ParagraphChunk] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            guard characters[index].isWhitespace else {
                index += 1
                continue
            }
            let runStart = index
            var lineBreaks = 0
            while index < range.upperBound, characters[index].isWhitespace {
                if characters[index].isNewline { lineBreaks += 1 }
                index += 1
            }
            // A blank line ends a paragraph; whitespace at either end of the range is a separator of its own
            // (leading indentation becomes a paragraph with an empty body).
            if lineBreaks >= 2 || runStart == range.lowerBound || index == range.upperBound {
                chunks.append(ParagraphChunk(body: start ..< runStart, separator: runStart ..< index))
                start = index
            }
        }
        if start < range.upperBound {
            chunks.append(ParagraphChunk(body: start ..< range.upperBound, separator: range.upperBound ..< range.upperBound))
        }
        return chunks
    }
}
