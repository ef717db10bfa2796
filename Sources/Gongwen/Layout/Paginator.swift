extension DocumentLayout {
    /// Puts flow lines on the 22-line grid, page after page.
    enum Paginator {
        struct Placed: Hashable, Sendable {
            /// 1…22.
            var line: Int
            var content: FlowLine
        }

        /// How many lines a page may gain by tightening its line spacing: two (24 lines in the 225 mm block, a
        /// pitch of 9.375 mm instead of 10.227, still well over the 5.644 mm em of 3号 text). GB/T 9704 sets no
        /// limit; two keeps the page's look while saving most signature blocks from moving on.
        static let maximumTightening = 2

        /// The flow on pages: the first page from line `firstLine`, the others from line 1. A group of lines
        /// tied by `keepWithNext` that does not fit the rest of a page starts the next one (unless it is longer
        /// than a page); spacers at the top of a page are dropped.
        ///
        /// With `tightensLastGroup`, the last group (the last lines of text with the 署名, seal and date) that
        /// would not fit stays on its page when `maximumTightening` more lines would hold it: "当公文排版后所剩
        /// 空白处不能容下印章或签发人签名章、成文日期时，可以采取调整行距、字距的措施解决" (7.3.5.1), rather than
        /// carrying text over to the next page. Its lines are numbered past 22; `items(_:firstLine:)` sets such
        /// a page on a tighter pitch.
        static func paginate(_ flow: [FlowLine], firstLine: Int, tightensLastGroup: Bool = false) -> [[Placed]] {
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
                let tightened = tightensLastGroup && end == flow.count - 1 && line > 1 && line <= lastLine
                    && line + length - 1 > lastLine && line + length - 1 <= lastLine + maximumTightening
                if !tightened && (line > lastLine || (line + length - 1 > lastLine && length <= lastLine && line > 1)) { newPage() }
                for content in flow[index...end] {
                    if line > lastLine && !tightened { newPage() }
                    if content.isSpacer && line == 1 && pages.count > 1 && pages[pages.count - 1].isEmpty { continue }
                    pages[pages.count - 1].append(Placed(line: line, content: content))
                    line += 1
                }
                index = end + 1
            }
            return pages
        }

        /// A page's placed lines as layout items. Lines 1…22 sit on the standard grid; a page with lines past 22
        /// (tightened) spreads its lines from `firstLine` down evenly over the same space, each line's content
        /// kept centred in its narrower band.
        static func items(_ placed: [Placed], firstLine: Int) -> [LayoutItem] {
            let last = placed.map(\.line).max() ?? 0
            guard last > PageGeometry.linesPerPage else { return placed.flatMap { $0.content.items(onLine: $0.line) } }
            let top = PageGeometry.lineTop(firstLine)
            let pitch = (PageGeometry.top + PageGeometry.textHeight - top) / Double(last - firstLine + 1)
            let shift = (PageGeometry.linePitch - pitch) / 2
            return placed.flatMap { placed in
                placed.content.items(onLine: placed.line).map { item -> LayoutItem in
                    // Moved from the standard line's top to the tightened one's, and up by half the lost height.
                    let dy = top + Double(placed.line - firstLine) * pitch - PageGeometry.lineTop(placed.line) - shift
                    return item.moved(dy: dy)
                }
            }
        }
    }
}

extension LayoutItem {
    /// The item `dy` millimetres lower on the page.
    func moved(dy: Double) -> LayoutItem {
        switch self {
        case var .text(run):
            run.y += dy
            return .text(run)
        case var .rule(rule):
            rule.y1 += dy
            rule.y2 += dy
            return .rule(rule)
        case var .seal(seal):
            seal.centerY += dy
            return .seal(seal)
        case var .image(image):
            image.y += dy
            return .image(image)
        }
    }
}
