/// A short excerpt of a document around the first place the query matches, for a result list.
///
/// The excerpt is plain text split into segments, highlighted or not; the page escapes the text and marks
/// the highlighted segments, so no HTML comes out of this library. Runs of whitespace (paragraph breaks, the
/// 全角空格 of an indent) show as one space, and ``isCutAtStart`` / ``isCutAtEnd`` tell the page where to
/// put an ellipsis.
public struct Snippet: Sendable, Equatable {
    /// One stretch of the excerpt, highlighted where it matched the query.
    public struct Segment: Sendable, Equatable {
        public let text: String
        public let isHighlighted: Bool

        public init(text: String, isHighlighted: Bool) {
            self.text = text
            self.isHighlighted = isHighlighted
        }
    }

    /// How many characters of the document an excerpt covers unless told otherwise.
    public static let defaultLength = 80

    public let segments: [Segment]
    /// Whether the document has text before the excerpt.
    public let isCutAtStart: Bool
    /// Whether the document has text after the excerpt.
    public let isCutAtEnd: Bool

    /// The excerpt of about `length` characters of `text` centred on the first match of `query`, or the
    /// beginning of `text` when nothing matches.
    public init(text: String, query: SearchQuery, length: Int = Snippet.defaultLength) {
        let matches = SnippetMatcher.matches(of: query.needles, in: text)
        let window = Self.window(in: text, around: matches.first, length: max(length, 1))
        segments = Self.segments(of: text, in: window, highlighting: matches)
        isCutAtStart = text[..<window.lowerBound].contains { !$0.isWhitespace }
        isCutAtEnd = text[window.upperBound...].contains { !$0.isWhitespace }
    }

    /// The excerpt without its highlighting.
    public var plainText: String { segments.map(\.text).joined() }

    /// `length` characters with the match in the middle; pushed inwards when the match is near either end,
    /// so a match in the first or last words still gets a full excerpt.
    private static func window(
        in text: String, around match: Range<String.Index>?, length: Int
    ) -> Range<String.Index> {
        guard let match else {
            return text.startIndex..<(text.index(text.startIndex, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex)
        }
        let matchLength = text.distance(from: match.lowerBound, to: match.upperBound)
        guard matchLength < length else {
            return match.lowerBound..<text.index(match.lowerBound, offsetBy: length)
        }
        let spare = length - matchLength
        var start = match.lowerBound
        var end = match.upperBound
        var before = spare / 2
        while before > 0, start > text.startIndex {
            start = text.index(before: start)
            before -= 1
        }
        var after = spare - spare / 2 + before
        while after > 0, end < text.endIndex {
            end = text.index(after: end)
            after -= 1
        }
        while after > 0, start > text.startIndex {
            start = text.index(before: start)
            after -= 1
        }
        return start..<end
    }

    private static func segments(
        of text: String, in window: Range<String.Index>, highlighting matches: [Range<String.Index>]
    ) -> [Segment] {
        var segments: [Segment] = []
        var current = ""
        var currentHighlighted = false
        var pendingSpace = false
        var pendingSpaceHighlighted = false
        var nextMatch = matches.startIndex

        func emit(_ character: Character, highlighted: Bool) {
            if highlighted != currentHighlighted, !current.isEmpty {
                segments.append(Segment(text: current, isHighlighted: currentHighlighted))
                current = ""
            }
            currentHighlighted = highlighted
            current.append(character)
        }

        var index = window.lowerBound
        while index < window.upperBound {
            let character = text[index]
            while nextMatch < matches.endIndex, matches[nextMatch].upperBound <= index {
                nextMatch += 1
            }
            let highlighted = nextMatch < matches.endIndex && matches[nextMatch].contains(index)
            if character.isWhitespace {
                // Part of the highlight only when the whitespace itself was matched.
                pendingSpaceHighlighted = pendingSpace ? pendingSpaceHighlighted && highlighted : highlighted
                pendingSpace = true
            } else {
                if pendingSpace, !(segments.isEmpty && current.isEmpty) {
                    emit(" ", highlighted: pendingSpaceHighlighted)
                }
                pendingSpace = false
                emit(character, highlighted: highlighted)
            }
            index = text.index(after: index)
        }
        if !current.isEmpty {
            segments.append(Segment(text: current, isHighlighted: currentHighlighted))
        }
        return segments
    }
}
