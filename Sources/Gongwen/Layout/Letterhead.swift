import Foundation
extension DocumentLayout {
    /// The 版头 on page 1 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人, red rules) in the document's
    /// `LetterheadStyle`, and the grid line where the 标题 starts below it.
    struct Letterhead: Hashable, Sendable {
        var items: [LayoutItem]
        /// The grid line (1…22) of the title's first line: the flowing part of page 1 starts there.
        var firstFlowLine: Int

        // MARK: The numbers

        /// The 标志's top edge for `.file` and `.minutes`: "上边缘至版心上边缘为35mm", so 37 + 35 = 72 mm.
        static let fileMarkTop = PageGeometry.top + 35
        /// The 标志's top edge for `.letter`: "上边缘至上页边为30mm".
        static let letterMarkTop = 30.0
        /// The 标志's top edge for `.order`: "上边缘至版心上边缘为20mm", so 37 + 20 = 57 mm.
        static let orderMarkTop = PageGeometry.top + 20
        /// The 标志's largest size. GB/T 9704-2012 fixes none ("以醒目、美观、庄重为原则"); 初号 (42 pt, 14.8 mm) is
        /// what 机关 templates use and keeps within the 1999 edition's 15 mm per character. A name that is
        /// wider than the 156 mm text block at 42 pt shrinks until it fits (12 characters: 37.3 pt, 13.2 mm).
        static let markMaximumSize = 42.0
        /// The red rule under the 发文字号: GB/T 9704 gives no width; 0.5 mm is the heavy end of the 0.35–0.5 mm
        /// that templates use, so it reads as the head's rule and not as one of the 版记's (0.35 / 0.25).
        static let fileRuleWidth = 0.5
        /// The 发文字号's bottom edge to the red rule's centre line: "发文字号之下4mm".
        static let ruleGap = 4.0
        /// 信函格式 double rules: 170 mm long and centred on the page ("线长均为170mm，居中排布"), so from 20 to 190 mm.
        static let letterRuleLeft = (PageGeometry.pageWidth - 170) / 2
        static let letterRuleRight = letterRuleLeft + 170
        /// Their widths, which the standard leaves open: 1.5 pt (0.53 mm) and 0.75 pt (0.26 mm), the values
        /// 公文 templates use, 0.5 mm apart (clear space, so the pair still reads as two lines in print).
        static let letterThickWidth = 0.53
        static let letterThinWidth = 0.26
        static let letterRuleSpace = 0.5
        /// Centre line to centre line of the pair: 0.53/2 + 0.5 + 0.26/2 = 0.895 mm.
        static let letterRulePitch = letterThickWidth / 2 + letterRuleSpace + letterThinWidth / 2
        /// The lower pair: "距下页边20mm处"; its thick (lower) line's bottom edge lies 20 mm above the page's
        /// bottom edge, at 277 mm.
        static let letterBottomRuleEdge = PageGeometry.pageHeight - 20
        /// 信函格式 puts 份号, 密级 and 发文字号 below the upper pair at "3号汉字高度的7/8": 7/8 × 16 pt = 14 pt ≈ 4.94 mm
        /// from the thin line's bottom edge to the elements' top edge.
        static let letterElementGap = PageGeometry.millimetres(points: PageGeometry.bodySize * 7 / 8)

        // MARK: Layout

        static func make(_ document: OfficialDocument) -> Letterhead {
            switch document.style {
            case .file: file(document, showsNumberRule: true)
            case .minutes: file(document, showsNumberRule: false)
            case .letter: letter(document)
            case .order: order(document)
            }
        }

        /// 命令（令）格式 (10.2): "发文机关标志下空二行居中编排令号，令号下空二行编排正文"; no red rule.
        private static func order(_ document: OfficialDocument) -> Letterhead {
            let pitch = PageGeometry.linePitch
            let size = PageGeometry.bodySize
            var items = cornerMarks(document, firstLineTop: PageGeometry.top)
            let (mark, markBottom) = issuerMark(document.issuerMark, top: orderMarkTop)
            items += mark
            let numberLineTop = markBottom + 2 * pitch
            if let number = document.number {
                let width = TextRun.gridWidth(number, size: size)
                items.append(.text(.grid(number, x: PageGeometry.left + (PageGeometry.textWidth - width) / 2,
                                         baseline: numberLineTop + PageGeometry.baselineOffset(size: size), font: .fangsong, size: size)))
            }
            // Two blank lines below the 令号's line (kept for a draft not yet numbered, so its head looks final).
            return Letterhead(items: items, firstFlowLine: PageGeometry.nearestLine(to: numberLineTop + 3 * pitch))
        }

        /// 文件格式, and 纪要格式 (the same head with `××××纪要` as the 标志 and no red rule).
        private static func file(_ document: OfficialDocument, showsNumberRule: Bool) -> Letterhead {
            let pitch = PageGeometry.linePitch
            let size = PageGeometry.bodySize
            let em = PageGeometry.emHeight(size: size)
            let character = PageGeometry.characterPitch
            var items = cornerMarks(document, firstLineTop: PageGeometry.top)

            let (mark, markBottom) = document.isJoint
                ? jointMark(document.issuerMark, coIssuers: document.coIssuerNames, top: fileMarkTop)
                : issuerMark(document.issuerMark, top: fileMarkTop)
            items += mark

            // 发文字号 "编排在发文机关标志下空二行位置": its line starts two line pitches below the 标志's bottom edge.
            // The head is measured in millimetres, not on the grid, as the 标志 is.
            var numberLineTop = markBottom + 2 * pitch
            let signers = document.kind.requiresSigner && document.style == .file ? document.signers : []
            if !signers.isEmpty {
                // "签发人居右空一字": `签发人：` (仿宋) and the names (楷体), two to a line, separated by a full-width
                // space; the block ends one character from the right edge and later lines align under the first name.
                let rows = stride(from: 0, to: signers.count, by: 2).map { signers[$0..<min($0 + 2, signers.count)].joined(separator: "\u{3000}") }
                let label = "签发人："
                let labelWidth = TextRun.gridWidth(label, size: size)
                let namesWidth = rows.map { TextRun.gridWidth($0, size: size) }.max() ?? 0
                let blockX = PageGeometry.right - character - labelWidth - namesWidth
                for (row, names) in rows.enumerated() {
                    let baseline = numberLineTop + Double(row) * pitch + PageGeometry.baselineOffset(size: size)
                    if row == 0 { items.append(.text(.grid(label, x: blockX, baseline: baseline, font: .fangsong, size: size))) }
                    items.append(.text(.grid(names, x: blockX + labelWidth, baseline: baseline, font: .kaiti, size: size)))
                }
                // "发文字号与最后一个签发人姓名处在同一行".
                numberLineTop += Double(rows.count - 1) * pitch
            }
            if let number = document.number {
                let width = TextRun.gridWidth(number, size: size)
                // 上行文: "发文字号居左空一字"; otherwise centred.
                let x = document.kind.requiresSigner && document.style == .file
                    ? PageGeometry.left + character
                    : PageGeometry.left + (PageGeometry.textWidth - width) / 2
                items.append(.text(.grid(number, x: x, baseline: numberLineTop + PageGeometry.baselineOffset(size: size),
                                         font: .fangsong, size: size)))
            }
            // The number's bottom edge (where it is, or would be once numbered, so a draft's head looks like the
            // final one): its em box is centred in its line.
            let numberBottom = numberLineTop + (pitch + em) / 2
            let above: Double
            if showsNumberRule {
                let y = numberBottom + ruleGap
                items.append(.rule(Rule(x1: PageGeometry.left, y1: y, x2: PageGeometry.right, y2: y, width: fileRuleWidth, color: .red)))
                above = y
            } else {
                // 纪要格式 has no rule: the title keeps two lines from the 发文字号's line (or the 标志), as the
                // 发文字号 keeps from the 标志.
                above = document.number == nil ? markBottom : numberLineTop + pitch
            }
            // 标题 "编排于红色分隔线下空二行位置": the grid line nearest to two line pitches below the rule.
            return Letterhead(items: items, firstFlowLine: PageGeometry.nearestLine(to: above + 2 * pitch))
        }

        /// 信函格式.
        private static func letter(_ document: OfficialDocument) -> Letterhead {
            let pitch = PageGeometry.linePitch
            let size = PageGeometry.bodySize
            let em = PageGeometry.emHeight(size: size)
            let (mark, markBottom) = document.isJoint
                ? jointMark(document.issuerMark, coIssuers: document.coIssuerNames, top: letterMarkTop)
                : issuerMark(document.issuerMark, top: letterMarkTop)
            var items = mark

            // "发文机关标志下4mm处印一条红色双线(上粗下细)", measured to the thick line's centre as the 文件格式 rule is.
            let thickY = markBottom + ruleGap
            let thinY = thickY + letterRulePitch
            items.append(.rule(Rule(x1: letterRuleLeft, y1: thickY, x2: letterRuleRight, y2: thickY, width: letterThickWidth, color: .red)))
            items.append(.rule(Rule(x1: letterRuleLeft, y1: thinY, x2: letterRuleRight, y2: thinY, width: letterThinWidth, color: .red)))
            // "距下页边20mm处印一条红色双线(上细下粗)".
            let lowerThickY = letterBottomRuleEdge - letterThickWidth / 2
            let lowerThinY = lowerThickY - letterRulePitch
            items.append(.rule(Rule(x1: letterRuleLeft, y1: lowerThinY, x2: letterRuleRight, y2: lowerThinY, width: letterThinWidth, color: .red)))
            items.append(.rule(Rule(x1: letterRuleLeft, y1: lowerThickY, x2: letterRuleRight, y2: lowerThickY, width: letterThickWidth, color: .red)))

            // 份号, 密级, 紧急程度 flush left and 发文字号 flush right below the pair, the first 7/8 of a 3号
            // character below the thin line.
            let firstTop = thinY + letterThinWidth / 2 + letterElementGap
            let firstLineTop = firstTop - (pitch - em) / 2
            let corner = cornerMarks(document, firstLineTop: firstLineTop)
            items += corner
            var rows = corner.count
            if let number = document.number {
                let width = TextRun.gridWidth(number, size: size)
                items.append(.text(.grid(number, x: PageGeometry.right - width, baseline: firstLineTop + PageGeometry.baselineOffset(size: size),
                                         font: .fangsong, size: size)))
                rows = max(rows, 1)
            }
            // 标题 "与其上最后一个要素相距二行"; with no element below the rules, two lines below the thin line.
            let above = rows == 0 ? thinY + letterThinWidth / 2 : firstLineTop + Double(rows) * pitch
            return Letterhead(items: items, firstFlowLine: PageGeometry.nearestLine(to: above + 2 * pitch))
        }

        /// 份号 (6 digits), 密级和保密期限 (黑体) and 紧急程度 (黑体), flush left, one per line in that order
        /// from the line starting at `firstLineTop` ("按照份号、密级和保密期限、紧急程度的顺序自上而下分行排列").
        private static func cornerMarks(_ document: OfficialDocument, firstLineTop: Double) -> [LayoutItem] {
            let size = PageGeometry.bodySize
            let lines: [(String, FontRole)] = [
                document.copyNumber.map { ($0, FontRole.fangsong) },
                document.securityMarking.map { ($0, FontRole.heiti) },
                document.urgency.map { ($0.title, FontRole.heiti) },
            ].compactMap { $0 }
            return lines.enumerated().map { row, line in
                let baseline = firstLineTop + Double(row) * PageGeometry.linePitch + PageGeometry.baselineOffset(size: size)
                return .text(.grid(line.0, x: PageGeometry.left, baseline: baseline, font: line.1, size: size))
            }
        }

        /// The red 发文机关标志 in 小标宋, centred, its top edge at `top`; returns it with its bottom edge.
        private static func issuerMark(_ text: String, top: Double) -> ([LayoutItem], Double) {
            let text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return ([], top) }
            let size = markSize(text)
            let em = PageGeometry.emHeight(size: size)
            let width = TextRun.gridWidth(text, size: size)
            let run = TextRun.grid(text, x: PageGeometry.left + (PageGeometry.textWidth - width) / 2,
                                   baseline: top + PageGeometry.ascent * em, font: .xiaobiaosong, size: size, color: .red)
            return ([.text(run)], top + em)
        }

        /// 联合行文's 标志 (7.2.3): "如需同时标注联署发文机关名称，一般应当将主办机关名称排列在前；如有“文件”二字，应当置于
        /// 发文机关名称右侧，以联署发文机关名称为准上下居中排布".
        ///
        /// The names stand one under another, the 主办机关 (the document's own mark without its `文件`) first,
        /// each spread to the longest one's width as 机关 templates set them; `文件`, when the mark has it, stands
        /// half a character to their right, centred on the stack. The whole is centred in the text block.
        /// GB/T 9704 fixes no size: the largest up to 42 pt that fits the 156 mm width, and no larger than keeps
        /// the stack within `jointMarkMaximumHeight`, with `jointMarkLineSpacing` em between name lines.
        private static func jointMark(_ leadMark: String, coIssuers: [String], top: Double) -> ([LayoutItem], Double) {
            let mark = leadMark.trimmingCharacters(in: .whitespaces)
            let suffix = mark.hasSuffix("文件") && mark.count > 2 ? "文件" : nil
            let lead = suffix == nil ? mark : String(mark.dropLast(2))
            let names = ([lead] + coIssuers).filter { !$0.isEmpty }
            guard let longest = names.max(by: { TextRun.gridWidth($0, size: PageGeometry.bodySize) < TextRun.gridWidth($1, size: PageGeometry.bodySize) })
            else { return ([], top) }

            // Width in characters of the widest line: the longest name, the gap and 文件.
            let gap = 0.5
            let units = TextRun.gridWidth(longest, size: PageGeometry.bodySize) / PageGeometry.characterPitch + (suffix == nil ? 0 : gap + 2)
            let lineCount = Double(names.count)
            let heightLimited = jointMarkMaximumHeight / (1 + jointMarkLineSpacing * (lineCount - 1)) / PageGeometry.emHeight(size: 1)
            let size = (min(markMaximumSize, PageGeometry.bodySize * Double(PageGeometry.charactersPerLine) / units, heightLimited) * 10).rounded(.down) / 10
            let em = PageGeometry.emHeight(size: size)
            let namesWidth = TextRun.gridWidth(longest, size: size)
            let suffixWidth = suffix.map { TextRun.gridWidth($0, size: size) + gap * PageGeometry.characterPitch * size / PageGeometry.bodySize } ?? 0
            let left = PageGeometry.left + (PageGeometry.textWidth - namesWidth - suffixWidth) / 2
            let pitch = em * jointMarkLineSpacing

            var items: [LayoutItem] = []
            for (row, name) in names.enumerated() {
                var run = TextRun.grid(name, x: left, baseline: top + Double(row) * pitch + PageGeometry.ascent * em,
                                       font: .xiaobiaosong, size: size, color: .red)
                // Spread across the longest name's width: the extra space goes between the characters.
                let extra = namesWidth - run.width
                if extra > 0, run.advances.count > 1 {
                    let share = extra / Double(run.advances.count - 1)
                    for index in run.advances.indices.dropLast() { run.advances[index] += share }
                }
                items.append(.text(run))
            }
            let bottom = top + Double(names.count - 1) * pitch + em
            if let suffix {
                let middle = (top + bottom) / 2
                items.append(.text(.grid(suffix, x: left + namesWidth + gap * PageGeometry.characterPitch * size / PageGeometry.bodySize,
                                         baseline: middle - em / 2 + PageGeometry.ascent * em, font: .xiaobiaosong, size: size, color: .red)))
            }
            return (items, bottom)
        }

        /// The tallest a 联合行文's stacked 标志 may be: two or three names at 42 pt (14.8 mm each, 1.2 em apart: 32.6
        /// and 50.4 mm) fit; more shrink (six names to 24 pt) so page 1 keeps room for the title and the body's
        /// first lines.
        static let jointMarkMaximumHeight = 60.0
        /// Name line to name line, in ems of the 标志's size.
        static let jointMarkLineSpacing = 1.2

        /// The 标志's size in points: 42 pt, or less (to 0.1 pt) so the name fits the 156 mm width. A full-width
        /// character advances 156/28 × size/16 mm, so `n` characters fit at up to 16 × 28 / n pt.
        static func markSize(_ text: String) -> Double {
            let units = TextRun.gridWidth(text, size: PageGeometry.bodySize) / PageGeometry.characterPitch
            guard units > 0 else { return markMaximumSize }
            let fitting = PageGeometry.bodySize * Double(PageGeometry.charactersPerLine) / units
            return min(markMaximumSize, (fitting * 10).rounded(.down) / 10)
        }
    }
}
