import Foundation

/// The one check for "back to" addresses taken from a client (`/login?next=`, `returnTo` on forms, a
/// notification's link): only a path on this site is followed. A browser reads `//host`, `/\host`, and
/// `/<tab>/host` (it drops tabs and newlines from URLs) as another site, so the path must start with a
/// single `/` followed by something that is not a separator, hold no backslash, control character or
/// whitespace, and stay so once percent-decoded (`/%2F/host`, `/%09/host`).
enum LocalPath {
    /// `raw` when it is a safe local path, else nil.
    static func validated(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty, raw.utf8.count <= 2048, isSafe(raw),
              let decoded = raw.removingPercentEncoding, isSafe(decoded) else { return nil }
        return raw
    }

    /// `raw` when safe, else `fallback`.
    static func validated(_ raw: String?, or fallback: String) -> String {
        validated(raw) ?? fallback
    }

    private static func isSafe(_ path: String) -> Bool {
        var scalars = path.unicodeScalars.makeIterator()
        guard scalars.next() == "/" else { return false }
        if let second = scalars.next(), second == "/" || second == "\\" { return false }
        return !path.unicodeScalars.contains { scalar in
            scalar == "\\" || scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .format
        }
    }
}
