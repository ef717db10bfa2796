import Foundation

/// The `DeltaX` attribute of a `TextCode`: the distance from each character to the next, in millimetres.
enum OFDDeltaX {
    /// The spelling of `deltas`, or nil for a single character (no attribute). A run of three or more equal
    /// values is compressed as `g COUNT VALUE` (GB/T 33190 §11.3), which is how a line of evenly set
    /// Chinese text is usually written: a 28-character line becomes `g 27 5.5714`.
    ///
    /// Four decimals rather than three: the deltas add up along the line, and a 28-character line drifts by
    /// at most 1.4 µm this way instead of 14 µm.
    static func encode(_ deltas: [Double]) -> String? {
        guard !deltas.isEmpty else { return nil }
        let values = deltas.map { OFDFormat.number($0, decimals: 4) }
        var parts: [String] = []
        var index = 0
        while index < values.count {
            var end = index + 1
            while end < values.count, values[end] == values[index] { end += 1 }
            let count = end - index
            if count >= 3 {
                parts.append("g \(count) \(values[index])")
            } else {
                parts.append(contentsOf: values[index..<end])
            }
            index = end
        }
        return parts.joined(separator: " ")
    }
}
