extension DocumentLayout {
    /// A line of the flowing part of a document (标题 down to 附注) before it is given a page: its runs'
    /// baselines are measured from the top of whatever grid line it lands on.
    struct FlowLine: Hashable, Sendable {
        var runs: [TextRun]
        /// The seals stamped over this line (the 署名's line: one, or a row of a 联合行文's), centres measured
        /// from the line's top.
        var seals: [SealPlacement]
        /// A picture whose top edge is this line's top (an attachment's picture; the lines below it are reserved).
        var image: PlacedImage?
        /// Keep on the same page as the next line (a heading with its text; the last line of the body with
        /// the 署名 and 成文日期, so the seal never stands on a page without text).
        var keepWithNext: Bool
        /// An empty line that only separates (空一行); a page does not start with one.
        var isSpacer: Bool

        init(runs: [TextRun], seals: [SealPlacement] = [], keepWithNext: Bool = false) {
            self.runs = runs
            self.seals = seals
            self.keepWithNext = keepWithNext
            isSpacer = false
        }

        /// A blank line that separates elements.
        static func spacer(keepWithNext: Bool = false) -> FlowLine {
            var line = FlowLine(runs: [], keepWithNext: keepWithNext)
            line.isSpacer = true
            return line
        }

        /// A blank line that holds space which must stay on the page (the bottom of the seal below the date).
        static func reserved() -> FlowLine {
            FlowLine(runs: [])
        }

        /// The line's contents moved onto grid line `line`.
        func items(onLine line: Int) -> [LayoutItem] {
            let top = PageGeometry.lineTop(line)
            var items = runs.map { run -> LayoutItem in
                var run = run
                run.y += top
                return .text(run)
            }
            for var seal in seals {
                seal.centerY += top
                items.append(.seal(seal))
            }
            if var image {
                image.y += top
                items.append(.image(image))
            }
            return items
        }
    }
}
