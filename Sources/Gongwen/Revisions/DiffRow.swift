/// One row of the side-by-side view: a paragraph of the old version beside the paragraph it became.
public struct DiffRow: Hashable, Sendable, Codable {
    /// The old paragraph as `same` and `deleted` segments, or nil when the new version added the paragraph.
    public var left: [DiffSegment]?
    /// The new paragraph as `same` and `inserted` segments, or nil when the new version removed it.
    public var right: [DiffSegment]?

    public init(left: [DiffSegment]?, right: [DiffSegment]?) {
        self.left = left
        self.right = right
    }
}
