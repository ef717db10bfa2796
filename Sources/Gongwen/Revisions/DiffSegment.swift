/// A run of text in the comparison of two versions: in both, only in the new one, or only in the old one.
public struct DiffSegment: Hashable, Sendable, Codable {
    /// What happened to the text between the two versions; the raw values are what templates test.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// In both versions.
        case same
        /// Only in the new version (underlined in the 花脸稿).
        case inserted
        /// Only in the old version (struck through in the 花脸稿).
        case deleted
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

extension [DiffSegment] {
    /// Joins neighbours of the same kind and drops empty segments, so every change reads as one piece.
    func merged() -> [DiffSegment] {
        var result: [DiffSegment] = []
        for segment in self where !segment.text.isEmpty {
            if let last = result.last, last.kind == segment.kind {
                result[result.count - 1].text += segment.text
            } else {
                result.append(segment)
            }
        }
        return result
    }
}
