/// The difference between two versions of a document's text, for the revision view (痕迹保留).
///
/// Character-granular, as Chinese has no spaces between words: unchanged paragraphs are matched first, then
/// characters inside the edited ones (Myers' O((N+M)·D) algorithm, linear memory), then the script is cleaned
/// up to read as whole changes.
public enum TextDiff {
    /// The 花脸稿 of two versions: joining the `same` and `inserted` segments gives `new`, the `same` and
    /// `deleted` segments give `old`. Neighbouring segments differ in kind; a deletion comes before the
    /// insertion that replaces it.
    public static func diff(_ old: String, _ new: String) -> [DiffSegment] {
        if old == new { return old.isEmpty ? [] : [DiffSegment(kind: .same, text: old)] }
        let pair = TextPair(old: Array(old), new: Array(new))
        return pair.segments(pair.inlineRuns(), oldStart: 0, newStart: 0)
    }

    /// The side-by-side view: one row per paragraph, an unchanged paragraph as the same `same` segment on both
    /// sides, an edited one with its deletions on the left and insertions on the right, an added or removed
    /// one on its side only. Paragraphs are split on blank lines; the blank lines themselves are not shown.
    public static func sideBySide(_ old: String, _ new: String) -> [DiffRow] {
        let pair = TextPair(old: Array(old), new: Array(new))
        return pair.paragraphRows().compactMap(pair.diffRow)
    }
}
