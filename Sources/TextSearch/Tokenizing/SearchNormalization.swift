import Foundation

/// Folds the forms of a character that a person means as the same thing, so that `ＡＢＣ１２３` finds `abc123`.
///
/// Compatibility normalisation (NFKC) does this for every script, but it goes through Foundation and costs
/// far more than the text needs: nearly every scalar in a Chinese document is ASCII, a Han character or
/// common CJK punctuation, which NFKC leaves alone, and full-width ASCII (U+FF01–FF5E), the one form office
/// text is full of, is a fixed offset away. Only the rest pays for NFKC.
enum SearchNormalization {
    /// The scalars `scalar` stands for in search; usually the scalar itself.
    static func normalize(_ scalar: Unicode.Scalar, into output: inout [Unicode.Scalar]) {
        let value = scalar.value
        switch value {
        case 0..<0x80, 0x3001...0x3035, 0x3400...0x4DBF, 0x4E00...0x9FFF:
            // ASCII, CJK punctuation (less 〶 and the Hangzhou numerals, which NFKC maps) and the common Han
            // blocks: NFKC keeps them as they are.
            output.append(scalar)
        case 0xFF01...0xFF5E:
            // Full-width ASCII: ＡＢＣ１２３ → ABC123.
            output.append(Unicode.Scalar(value - 0xFEE0) ?? scalar)
        case 0x3000:
            // The ideographic space (全角空格) indenting every paragraph of an official document.
            output.append(" ")
        default:
            output.append(contentsOf: String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars)
        }
    }
}
