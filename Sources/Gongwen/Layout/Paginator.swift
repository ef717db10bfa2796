extension DocumentLayout {
    /// Puts flow lines on the 22-line grid, page after page.
    enum Paginator {
        struct Placed: Hashable, Sendable {
            /// 1…22.
            var line: Int
            var content: FlowLine
        }

        /// The flow on pages: the first page from line `firstLine`, the others from line 1. A group of lines
        /// tied by `keepWithNext` that does not fit the rest of a page starts the next one (unless it is longer
        /// than a page); spacers at the top of a page are dropped.
        static func paginate(_ flow: [FlowLine], firstLine: Int) -> [[Placed]] {
            let lastLine = PageGeometry.linesPerPage
            var pages: [[Placed]] = [[]]
            var line = firstLine
            func newPage() {
                pages.append([])
                line = 1
            }
            var index = 0
            while index < flow.count {
                var end = index
                while flow[end].keepWithNext && end + 1 < flow.count { end += 1 }
                let length = end - index + 1
                if line > lastLine || (line + length - 1 > lastLine && length <= lastLine && line > 1) { newPage() }
                for content in flow[index...end] {
                    if line > lastLine { newPage() }
                    if content.isSpacer && line == 1 && pages.count > 1 && pages[pages.count - 1].isEmpty { continue }
                    pages[pages.count - 1].append(Placed(line: line, content: content))
                    line += 1
                }
                index = end + 1
            }
            return pages
        }
    }
}
