/// Searching raw bytes for keywords, as PDF reading needs: `stream`, `endstream`, `obj`, `/Title`.
extension [UInt8] {
    /// The first occurrence of `pattern` at or after `start`.
    func firstRange(of pattern: [UInt8], from start: Int) -> Range<Int>? {
        guard start < count else { return nil }
        return self[start...].firstRange(of: pattern)
    }
}

extension ArraySlice<UInt8> {
    /// Whether the bytes end with the ASCII `suffix`.
    func hasSuffix(_ suffix: String) -> Bool {
        let suffix = Array(suffix.utf8)
        return count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
    }

    /// The last occurrence of `pattern`.
    func lastRange(of pattern: [UInt8]) -> Range<Int>? {
        guard count >= pattern.count else { return nil }
        var start = endIndex - pattern.count
        while start >= startIndex {
            if self[start..<(start + pattern.count)].elementsEqual(pattern) { return start..<(start + pattern.count) }
            start -= 1
        }
        return nil
    }
}
