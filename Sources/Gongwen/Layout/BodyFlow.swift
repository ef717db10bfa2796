import Foundation
extension DocumentLayout {
    /// The 主体 from the 标题 to the 附件说明, as lines for the grid.
    enum BodyFlow {
        /// The title's line capacity: 156 mm at 22 pt (7.661 mm a character) holds 20 full-width characters.
        static let titleCapacity = (PageGeometry.textWidth / PageGeometry.fullWidth(size: PageGeometry.titleSize)).rounded(.down)

        static func lines(_ document: OfficialDocument) -> [FlowLine] {
            let size = PageGeometry.bodySize
            let left = PageGeometry.left
            let indent = 2 * PageGeometry.characterPitch
            var flow: [FlowLine] = []

            // 标题: 2号小标宋, centred, broken into a trapezoid when long.
            let title = document.title.trimmingCharacters(in: .whitespacesAndNewlines)
            for line in TitleBreaker.lines(title, capacity: titleCapacity) {
                let width = TextRun.gridWidth(line, size: PageGeometry.titleSize)
                flow.append(FlowLine(runs: [.grid(line, x: left + (PageGeometry.textWidth - width) / 2,
                                                  baseline: PageGeometry.baselineOffset(size: PageGeometry.titleSize),
                                                  font: .xiaobiaosong, size: PageGeometry.titleSize)]))
            }

            // 主送机关: "编排于标题下空一行位置，居左顶格，回行时仍顶格，最后一个机关名称后标全角冒号".
            let recipients = document.mainRecipients.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if !recipients.isEmpty {
                if !flow.isEmpty { flow.append(.spacer()) }
                let (text, names) = list(recipients, separator: "、", end: "：")
                flow += set(Glyph.glyphs(text, font: .fangsong, size: size), firstX: left, restX: left, justify: false, keepTogether: names)
            }

            // 正文: each paragraph indented two characters, later lines flush left. It follows the 主送机关 on the
            // next line; without one, it keeps a blank line below the title.
            let paragraphs = document.paragraphs
            if !paragraphs.isEmpty && recipients.isEmpty && !flow.isEmpty { flow.append(.spacer()) }
            flow += Self.paragraphs(paragraphs)

            // 附件说明: "在正文下空一行左空二字编排'附件'二字，后标全角冒号和附件名称。如有多个附件，使用阿拉伯数字标注
            // 附件顺序号（如'附件：1.××××'）…附件名称较长需回行时，应当与上一行附件名称的首字对齐". A single attachment has
            // no number; the second and later ones stand under the first one's number.
            let attachments = document.attachmentNames
            if !attachments.isEmpty {
                // The list stays whole and on the page of the body's last line (and, through the signature's
                // own rule, of the 署名 and seal).
                if !flow.isEmpty {
                    flow[flow.count - 1].keepWithNext = true
                    flow.append(.spacer(keepWithNext: true))
                }
                let listStart = flow.count
                let label = "附件："
                let labelX = left + indent
                let listX = labelX + TextRun.gridWidth(label, size: size)
                for (index, name) in attachments.enumerated() {
                    let number = attachments.count == 1 ? "" : "\(index + 1)."
                    let nameX = listX + TextRun.gridWidth(number, size: size)
                    let text = (index == 0 ? label : "") + number + name
                    flow += set(Glyph.glyphs(text, font: .fangsong, size: size), firstX: index == 0 ? labelX : listX, restX: nameX)
                }
                for index in flow.indices.dropLast() where index >= listStart { flow[index].keepWithNext = true }
            }

            // 纪要's attendance (10.3.3): "在正文或附件说明下空一行左空二字编排'出席'二字，后标全角冒号，冒号后用3号仿宋体字
            // 标注出席人单位、姓名，回行时与冒号后的首字对齐"; 请假 and 列席 likewise, each from a new line. The label in
            // 3号黑体; a name is not split between lines.
            let attendance = document.attendance
            if !attendance.isEmpty {
                if !flow.isEmpty { flow.append(.spacer()) }
                let labelX = left + indent
                for (label, names) in attendance {
                    let prefix = label + "："
                    let (text, ranges) = list(names, separator: "、", end: nil, prefix: prefix)
                    let glyphs = Glyph.glyphs(prefix, font: .heiti, size: size) + Glyph.glyphs(String(text.dropFirst(prefix.count)), font: .fangsong, size: size)
                    flow += set(glyphs, firstX: labelX, restX: labelX + TextRun.gridWidth(prefix, size: size), justify: false, keepTogether: ranges)
                }
            }
            return flow
        }

        /// Paragraphs as the body sets them (an attachment's text too): each indented two characters, later
        /// lines flush left.
        static func paragraphs(_ paragraphs: [BodyParagraph]) -> [FlowLine] {
            var flow: [FlowLine] = []
            for paragraph in paragraphs {
                var lines = set(glyphs(paragraph), firstX: PageGeometry.left + 2 * PageGeometry.characterPitch, restX: PageGeometry.left)
                // A heading standing alone on its line stays on the page of the text it heads.
                if paragraph.level != .text && lines.count == 1 { lines[0].keepWithNext = true }
                flow += lines
            }
            return flow
        }

        /// A paragraph's glyphs in its heading level's font. GB/T 9704 sets the level's number and heading in
        /// 黑体 (一、), 楷体 (（一）) or 仿宋 (1. and （1）); when the heading runs on into text in the same
        /// paragraph (`（一）加强领导。各地要……`), only the heading up to its 。 takes the heading font.
        static func glyphs(_ paragraph: BodyParagraph) -> [Glyph] {
            let size = PageGeometry.bodySize
            let font: FontRole = switch paragraph.level {
            case .first: .heiti
            case .second: .kaiti
            case .text, .third, .fourth: .fangsong
            }
            let text = paragraph.text
            guard font != .fangsong else { return Glyph.glyphs(text, font: .fangsong, size: size) }
            guard let stop = text.firstIndex(of: "。"), text.index(after: stop) != text.endIndex else {
                return Glyph.glyphs(text, font: font, size: size)
            }
            let heading = String(text[...stop])
            let rest = String(text[text.index(after: stop)...])
            return Glyph.glyphs(heading, font: font, size: size) + Glyph.glyphs(rest, font: .fangsong, size: size)
        }

        /// Glyphs broken into lines ending at the text block's right edge (justified unless told otherwise).
        static func set(_ glyphs: [Glyph], firstX: Double, restX: Double, right: Double = PageGeometry.right,
                        justify: Bool = true, keepTogether: [Range<Int>] = []) -> [FlowLine] {
            let baseline = PageGeometry.baselineOffset(size: glyphs.map(\.size).max() ?? PageGeometry.bodySize)
            return LineBreaker.lines(glyphs, firstX: firstX, restX: restX, right: right, justify: justify, keepTogether: keepTogether)
                .map { FlowLine(runs: $0.runs(baseline: baseline)) }
        }

        /// Organs' names as one list (`甲、乙：`, `甲，乙。`, without an `end`: `甲、乙`) and the character range of each
        /// name, after `prefix`.
        /// A list wraps between names, not inside one, and is left ragged: a name is not letter-spaced to fill.
        static func list(_ names: [String], separator: Character, end: Character?, prefix: String = "") -> (String, [Range<Int>]) {
            var text = prefix
            var ranges: [Range<Int>] = []
            var offset = prefix.count
            for (index, name) in names.enumerated() {
                ranges.append(offset..<(offset + name.count))
                text += name
                if index < names.count - 1 { text.append(separator) } else if let end { text.append(end) }
                offset += name.count + 1
            }
            return (text, ranges)
        }
    }
}
