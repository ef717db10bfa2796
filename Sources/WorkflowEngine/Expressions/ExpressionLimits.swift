/// Bounds that keep parsing and evaluation of untrusted expressions cheap.
///
/// The language has no loops, calls or assignment, so evaluation work is already bounded by the size of
/// the parsed tree; these limits bound that size, the recursion depth, and the memory a result may take.
public struct ExpressionLimits: Sendable, Equatable {
    /// Longest accepted source text, in characters.
    public var maximumSourceLength: Int
    /// Deepest nesting of parentheses, list literals and prefix operators.
    public var maximumNestingDepth: Int
    /// Longest string a concatenation may produce, in characters.
    public var maximumStringLength: Int

    /// Creates limits; the defaults are the standard limits.
    public init(maximumSourceLength: Int = 4_000, maximumNestingDepth: Int = 64, maximumStringLength: Int = 100_000) {
        self.maximumSourceLength = maximumSourceLength
        self.maximumNestingDepth = maximumNestingDepth
        self.maximumStringLength = maximumStringLength
    }

    /// The limits used unless a caller asks for others: 4,000 characters, depth 64, 100,000-character strings.
    public static let standard = ExpressionLimits()
}
