/// The shortest edit script between two sequences (Myers 1986, "An O(ND) difference algorithm"), in its
/// linear-space form: find the middle snake by searching from both ends, split there, recurse. Time is
/// O((N+M)·D) and memory O(N+M), so a 20,000-character paragraph never needs an N×M table.
enum Myers {
    /// Steps (diagonals visited plus characters matched) one comparison may take before the searches still
    /// to do give up and mark their ranges as replaced. Scattered edits in 20,000 characters take a few
    /// million; the budget only bites on near-total rewrites of long text, where the shortest script would
    /// not be readable anyway, and keeps them from taking quadratic time.
    static let budget = 30_000_000

    /// The runs turning `old` into `new`, neighbours of one kind joined.
    static func runs(_ old: ArraySlice<Int>, _ new: ArraySlice<Int>) -> [EditRun] {
        old.withUnsafeBufferPointer { old in
            new.withUnsafeBufferPointer { new in
                var search = Search(old: old, new: new)
                search.compare(0..<old.count, 0..<new.count)
                return search.runs
            }
        }
    }
}

private struct Search {
    let old: UnsafeBufferPointer<Int>
    let new: UnsafeBufferPointer<Int>
    var runs: [EditRun] = []
    var remainingWork = Myers.budget

    init(old: UnsafeBufferPointer<Int>, new: UnsafeBufferPointer<Int>) {
        self.old = old
        self.new = new
    }

    mutating func append(_ kind: DiffSegment.Kind, _ count: Int) {
        guard count > 0 else { return }
        if let last = runs.last, last.kind == kind {
            runs[runs.count - 1].count += count
        } else {
            runs.append(EditRun(kind: kind, count: count))
        }
    }

    mutating func compare(_ oldRange: Range<Int>, _ newRange: Range<Int>) {
        var prefix = 0
        while prefix < oldRange.count, prefix < newRange.count,
              old[oldRange.lowerBound + prefix] == new[newRange.lowerBound + prefix] { prefix += 1 }
        var suffix = 0
        while suffix < oldRange.count - prefix, suffix < newRange.count - prefix,
              old[oldRange.upperBound - 1 - suffix] == new[newRange.upperBound - 1 - suffix] { suffix += 1 }
        let x = oldRange.lowerBound + prefix ..< oldRange.upperBound - suffix
        let y = newRange.lowerBound + prefix ..< newRange.upperBound - suffix

        append(.same, prefix)
        if x.isEmpty || y.isEmpty {
            append(.deleted, x.count)
            append(.inserted, y.count)
        } else if let (splitX, splitY) = middleSnake(x, y),
                  (0...x.count).contains(splitX), (0...y.count).contains(splitY),
                  splitX + splitY > 0, splitX + splitY < x.count + y.count {
            compare(x.lowerBound ..< x.lowerBound + splitX, y.lowerBound ..< y.lowerBound + splitY)
            compare(x.lowerBound + splitX ..< x.upperBound, y.lowerBound + splitY ..< y.upperBound)
        } else {
            append(.deleted, x.count)
            append(.inserted, y.count)
        }
        append(.same, suffix)
    }

    /// Where an optimal path crosses the middle, relative to the ranges' starts; nil when the search runs
    /// past the remaining budget. The ranges must differ at both ends (the caller strips common prefix and suffix),
    /// which keeps the split away from the corners. Follows diff-match-patch's `diff_bisect`.
    mutating func middleSnake(_ x: Range<Int>, _ y: Range<Int>) -> (Int, Int)? {
        let n = x.count, m = y.count, oldStart = x.lowerBound, newStart = y.lowerBound
        let maxD = (n + m + 1) / 2
        let offset = maxD
        let length = 2 * maxD + 2
        // Furthest x reached on each diagonal, forwards from the start and backwards from the end; -1 is unvisited.
        var forward = [Int](repeating: -1, count: length)
        var backward = [Int](repeating: -1, count: length)
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        let delta = n - m
        // With an odd delta the paths meet on a forward step, with an even one on a backward step.
        let meetsForward = delta % 2 != 0
        var forwardStart = 0, forwardEnd = 0, backwardStart = 0, backwardEnd = 0

        for d in 0..<maxD {
            // Each step visits 2d + 2 diagonals; the snakes are counted as they are followed.
            remainingWork -= 2 * d + 2
            if remainingWork < 0 { return nil }
            var k = -d + forwardStart
            while k <= d - forwardEnd {
                let index = offset + k
                var x1 = (k == -d || (k != d && forward[index - 1] < forward[index + 1]))
                    ? forward[index + 1] : forward[index - 1] + 1
                var y1 = x1 - k
                while x1 >= 0, y1 >= 0, x1 < n, y1 < m, old[oldStart + x1] == new[newStart + y1] {
                    x1 += 1
                    y1 += 1
                    remainingWork -= 1
                }
                forward[index] = x1
                if x1 > n {
                    forwardEnd += 2
                } else if y1 > m {
                    forwardStart += 2
                } else if meetsForward {
                    let other = offset + delta - k
                    if other >= 0, other < length, backward[other] != -1, x1 >= n - backward[other] {
                        return (x1, y1)
                    }
                }
                k += 2
            }
            k = -d + backwardStart
            while k <= d - backwardEnd {
                let index = offset + k
                var x2 = (k == -d || (k != d && backward[index - 1] < backward[index + 1]))
                    ? backward[index + 1] : backward[index - 1] + 1
                var y2 = x2 - k
                while x2 >= 0, y2 >= 0, x2 < n, y2 < m, old[oldStart + n - 1 - x2] == new[newStart + m - 1 - y2] {
                    x2 += 1
                    y2 += 1
                    remainingWork -= 1
                }
                backward[index] = x2
                if x2 > n {
                    backwardEnd += 2
                } else if y2 > m {
                    backwardStart += 2
                } else if !meetsForward {
                    let other = offset + delta - k
                    if other >= 0, other < length, forward[other] != -1 {
                        let x1 = forward[other]
                        let y1 = offset + x1 - other
                        if x1 >= n - x2 { return (x1, y1) }
                    }
                }
                k += 2
            }
        }
        return nil
    }
}
