/// A run of an edit script: `count` characters kept (in both versions), deleted (from the old one) or
/// inserted (from the new one). Scripts are counts, not text, so cleaning them up is arithmetic.
struct EditRun: Hashable, Sendable {
    var kind: DiffSegment.Kind
    var count: Int
}
