/// The 密级和保密期限 element of a document's head, e.g. `机密★1年`.
public struct SecurityMarking: Hashable, Sendable {
    /// The classification level.
    public var classification: Classification
    /// The secrecy period, or `nil` when the document states none.
    public var period: SecrecyPeriod?

    /// A marking with an optional secrecy period.
    public init(classification: Classification, period: SecrecyPeriod? = nil) {
        self.classification = classification
        self.period = period
    }

    /// The mark as printed: `机密★1年`, or just `机密` without a period.
    public var formatted: String {
        guard let period else { return classification.title }
        // GB/T 9704 separates level and period with a black star (U+2605), not an asterisk or a white star.
        return "\(classification.title)\u{2605}\(period.title)"
    }
}
