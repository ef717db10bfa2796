import Foundation
extension DocumentLayout {
    /// The 版记 (GB/T 9704-2012 7.4) on the last page: 抄送机关, 印发机关 and 印发日期 between rules, its last
    /// rule on the text block's bottom edge.
    struct FooterBlock: Hashable, Sendable {
        var items: [LayoutItem]
        /// The first grid line it takes (23 when there is no 版记): the page's text must end above it.
        var firstLine: Int

        /// "首条分隔线和末条分隔线用粗线(推荐高度为0.35mm)，中间的分隔线用细线(推荐高度为0.25mm)".
        static let thickRule = 0.35
        static let thinRule = 0.25

        /// The 版记 for `document`, bottom-aligned: each element on the grid's lines (the standard keeps the
        /// body's line pitch), from the bottom:
        ///
        /// - line 22: 印发机关 one 4号 character (4.875 mm) in from the left, `2026年1月5日印发` one in from the right;
        /// - the lines above it: `抄送：甲，乙。` one character in from both sides, later lines aligned after the
        ///   colon ("回行时与冒号后的首字对齐");
        /// - rules on the lines' boundaries: a thick one above the first element, a thin one between 抄送 and
        ///   印发, and a thick one at 262 mm ("末条分隔线与公文最后一面的版心下边缘重合").
        ///
        /// 信函格式 has no 印发机关, 印发日期 or rules ("版记不加印发机关和印发日期、分隔线"): only 抄送, on the last lines.
        static func make(_ document: OfficialDocument) -> FooterBlock {
            let size = PageGeometry.footerSize
            let character = PageGeometry.fullWidth(size: size)
            let left = PageGeometry.left + character
            let right = PageGeometry.right - character
            let isLetter = document.style == .letter

            var rows: [[TextRun]] = []
            let copies = document.ccRecipients.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let baseline = PageGeometry.baselineOffset(size: size)
            if !copies.isEmpty {
                let label = "抄送："
                let (text, names) = BodyFlow.list(copies, separator: "，", end: "。", prefix: label)
                let lines = LineBreaker.lines(Glyph.glyphs(text, font: .fangsong, size: size), firstX: left,
                                              restX: left + TextRun.gridWidth(label, size: size), right: right, justify: false, keepTogether: names)
                rows += lines.map { $0.runs(baseline: baseline) }
            }
            let ccRows = rows.count
            if !isLetter && (document.printedBy != nil || document.printedDate != nil) {
                var row: [TextRun] = []
                if let printer = document.printedBy {
                    row.append(.grid(printer, x: left, baseline: baseline, font: .fangsong, size: size))
                }
                if let date = document.printedDate {
                    let text = "\(date.formatted)印发"
                    row.append(.grid(text, x: right - TextRun.gridWidth(text, size: size), baseline: baseline, font: .fangsong, size: size))
                }
                rows.append(row)
            }
            guard !rows.isEmpty else { return FooterBlock(items: [], firstLine: PageGeometry.linesPerPage + 1) }

            let firstLine = PageGeometry.linesPerPage + 1 - rows.count
            var items: [LayoutItem] = []
            for (offset, row) in rows.enumerated() {
                let top = PageGeometry.lineTop(firstLine + offset)
                items += row.map { run in
                    var run = run
                    run.y += top
                    return .text(run)
                }
            }
            if !isLetter {
                func rule(atLine line: Int, width: Double) -> LayoutItem {
                    let y = PageGeometry.lineTop(line)
                    return .rule(Rule(x1: PageGeometry.left, y1: y, x2: PageGeometry.right, y2: y, width: width))
                }
                items.append(rule(atLine: firstLine, width: thickRule))
                if ccRows > 0 && ccRows < rows.count { items.append(rule(atLine: firstLine + ccRows, width: thinRule)) }
                items.append(rule(atLine: PageGeometry.linesPerPage + 1, width: thickRule))
            }
            return FooterBlock(items: items, firstLine: firstLine)
        }
    }
}
