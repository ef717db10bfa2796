import Foundation
extension DocumentLayout {
    /// 附件 (GB/T 9704-2012 8.1): "附件应当另面编排，并在版记之前… '附件'二字及附件顺序号用3号黑体字顶格编排在版心左上角
    /// 第一行。附件标题居中编排在版心第三行。附件格式要求同正文。" Each attachment is a flow that starts a new page:
    /// `附件N` on line 1 (no number when there is only one, as in the 附件说明), its title on line 3, a blank line,
    /// then its content.
    enum AttachmentPages {
        /// The flow of attachment `number` (nil when it is the only one) titled `title`.
        static func lines(number: Int?, title: String, content: AttachmentContent) -> [FlowLine] {
            let size = PageGeometry.bodySize
            let left = PageGeometry.left
            var flow = [FlowLine(runs: [.grid("附件\(number.map(String.init) ?? "")", x: left, baseline: PageGeometry.baselineOffset(size: size),
                                              font: .heiti, size: size), ], keepWithNext: true)]
            flow.append(.spacer(keepWithNext: true))
            for line in TitleBreaker.lines(title.trimmingCharacters(in: .whitespacesAndNewlines), capacity: BodyFlow.titleCapacity) {
                let width = TextRun.gridWidth(line, size: PageGeometry.titleSize)
                flow.append(FlowLine(runs: [.grid(line, x: left + (PageGeometry.textWidth - width) / 2,
                                                  baseline: PageGeometry.baselineOffset(size: PageGeometry.titleSize),
                                                  font: .xiaobiaosong, size: PageGeometry.titleSize)], keepWithNext: true))
            }
            flow.append(.spacer(keepWithNext: true))
            let headLines = flow.count

            switch content {
            case .text(let text):
                flow += BodyFlow.paragraphs(BodyParagraph.parse(text))
            case .file(let name):
                flow += BodyFlow.set(Glyph.glyphs("（本附件为电子文件“\(name)”，随公文一并发送。）", font: .fangsong, size: size),
                                     firstX: left + 2 * PageGeometry.characterPitch, restX: left)
            case .image(let image):
                flow += picture(image, linesAvailable: PageGeometry.linesPerPage - headLines)
            }
            if flow.count == headLines { flow[flow.count - 1].keepWithNext = false }
            return flow
        }

        /// A picture on whole grid lines below the title: as wide as the text block allows and no taller than
        /// the lines left on the attachment's first page, centred; the lines it covers are reserved so the
        /// paginator keeps it on one page.
        static func picture(_ image: LayoutImage, linesAvailable: Int) -> [FlowLine] {
            let available = max(1, linesAvailable)
            let maxHeight = Double(available) * PageGeometry.linePitch
            let aspect = Double(image.pixelHeight) / Double(image.pixelWidth)
            var width = PageGeometry.textWidth
            var height = width * aspect
            if height > maxHeight {
                height = maxHeight
                width = height / aspect
            }
            let lines = max(1, Int((height / PageGeometry.linePitch).rounded(.up)))
            var first = FlowLine(runs: [])
            first.image = PlacedImage(x: PageGeometry.left + (PageGeometry.textWidth - width) / 2, y: 0, width: width, height: height, image: image)
            var flow = [first] + Array(repeating: FlowLine.reserved(), count: lines - 1)
            for index in flow.indices.dropLast() { flow[index].keepWithNext = true }
            return flow
        }
    }
}
