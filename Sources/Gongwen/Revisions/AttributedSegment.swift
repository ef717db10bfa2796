/// A run of the 花脸稿 over a whole chain of revisions, with the revision that inserted or deleted it.
public struct AttributedSegment: Hashable, Sendable, Codable {
    public var kind: DiffSegment.Kind
    public var text: String
    /// Index (into the revisions given) of the revision that inserted the text (`inserted`) or deleted it
    /// (`deleted`, even when an earlier revision had inserted it); nil for text of the first revision still there.
    public var revision: Int?

    public init(kind: DiffSegment.Kind, text: String, revision: Int?) {
        self.kind = kind
        self.text = text
        self.revision = revision
    }
}
