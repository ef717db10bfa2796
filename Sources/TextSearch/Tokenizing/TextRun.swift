/// A stretch of text search treats as one unit: a run of Han characters, or one word of letters and digits.
///
/// Runs keep where each piece came from in the original text, so a snippet can highlight the original
/// characters (full-width, upper-case) that a normalised query matched.
enum TextRun: Equatable {
    /// Consecutive Han characters, normalised, each with its place in the source.
    case han([HanCharacter])
    /// A lowercased, half-width word and the source range it was read from.
    case word(String, source: Range<String.Index>)
}

/// One Han character of a run and the source range it came from (including any variation selector after it).
struct HanCharacter: Equatable {
    var scalar: Unicode.Scalar
    var source: Range<String.Index>
}
