import Foundation

/// What a 刊物's issue prints: the 刊头 (the 刊物's name, its 期号, the 编印单位 and the date), the items (each with its
/// 按语 if any), and the 报/送/发 footer.
public struct BulletinContent: Hashable, Sendable {
    public struct Item: Hashable, Sendable {
        public var title: String
        /// 按语: set in 楷体 before the title; empty for none.
        public var note: String
        public var paragraphs: [String]
        /// The source unit, printed in brackets after the text; empty for none.
        public var source: String

        public init(title: String, note: String = "", paragraphs: [String], source: String = "") {
            self.title = title
            self.note = note
            self.paragraphs = paragraphs
            self.source = source
        }
    }

    /// 《江北政务信息》 without the brackets: `江北政务信息`.
    public var name: String
    /// `2026年第5期（总第37期）`, or a draft's mark.
    public var numberLine: String
    /// 编印单位, printed `江北市人民政府办公室编`.
    public var editor: String
    public var date: DocumentDate
    public var items: [Item]
    public var reportTo: String
    public var sendTo: String
    public var distributeTo: String
    /// （共印N份）, optional.
    public var copies: Int?

    public init(name: String, numberLine: String, editor: String, date: DocumentDate, items: [Item], reportTo: String = "", sendTo: String = "",
                distributeTo: String = "", copies: Int? = nil) {
        self.name = name
        self.numberLine = numberLine
        self.editor = editor
        self.date = date
        self.items = items
        self.reportTo = reportTo
        self.sendTo = sendTo
        self.distributeTo = distributeTo
        self.copies = copies
    }
}

/// The usual bulletin layout on the same A4 page and 22-line grid as 公文 (``DocumentLayout``), so ``PrintHTML`` and
/// ``OFDWriter`` draw it unchanged:
///
/// - 刊头 on page 1: the name centred in red 小标宋 (up to 初号, narrower for a long name), 期号 centred below it in
///   3号仿宋, then the 编印单位 flush left and the date flush right on one line, and a red rule across the text block;
/// - the items from the next grid line: a blank line between items, each item's 按语 (`按：…`) in 3号楷体, its title
///   centred in 2号小标宋, its paragraphs in 3号仿宋 indented two characters, and the source in brackets flush right;
/// - the footer at the foot of the last page (a page of its own when the text reaches it): `报：` `送：` `发：` lines in
///   4号仿宋 between thin rules, with `（共印N份）` flush right on the last line when given;
/// - page numbers `— N —` as in 公文.
public enum BulletinLayout {
    /// The name's top edge: 20 mm into the text block, as a 刊头 usually stands a little higher than a 文件's 标志.
    static let nameTop = DocumentLayout.PageGeometry.top + 12
    static let nameMaximumSize = 42.0
    /// The red rule's width: as heavy as a 文件's (0.5 mm … here 1 mm reads as a 刊头's bar).
    static let headRuleWidth = 1.0
    static let footerRuleWidth = 0.25

    public static func layout(_ content: BulletinContent) -> LaidOutDocument {
        typealias G = DocumentLayout.PageGeometry
        let size = G.bodySize
        var head: [LayoutItem] = []

        // 刊头: the name, as large as fits the text block, up to 初号.
        let name = content.name.trimmingCharacters(in: .whitespaces)
        let nameSize = min(nameMaximumSize, G.textWidth / max(1, TextRun.gridWidth(name, size: 1)) * 0.98)
        let nameWidth = TextRun.gridWidth(name, size: nameSize)
        let nameEm = G.emHeight(size: nameSize)
        head.append(.text(.grid(name, x: G.left + (G.textWidth - nameWidth) / 2, baseline: nameTop + G.ascent * nameEm,
                                font: .xiaobiaosong, size: nameSize, color: .red)))
        var y = nameTop + nameEm + 6
        let em = G.emHeight(size: size)
        let numberWidth = TextRun.gridWidth(content.numberLine, size: size)
        head.append(.text(.grid(content.numberLine, x: G.left + (G.textWidth - numberWidth) / 2, baseline: y + G.ascent * em, font: .fangsong, size: size)))
        y += em + 5
        let editor = content.editor.isEmpty ? "" : content.editor + "编"
        if !editor.isEmpty { head.append(.text(.grid(editor, x: G.left, baseline: y + G.ascent * em, font: .fangsong, size: size))) }
        let date = content.date.formatted
        head.append(.text(.grid(date, x: G.right - TextRun.gridWidth(date, size: size), baseline: y + G.ascent * em, font: .fangsong, size: size)))
        y += em + 3
        head.append(.rule(Rule(x1: G.left, y1: y, x2: G.right, y2: y, width: headRuleWidth, color: .red)))
        // The items start on the first grid line wholly below the rule and a little space.
        var firstLine = 1
        while G.lineTop(firstLine) < y + 2 { firstLine += 1 }

        // The items.
        var flow: [DocumentLayout.FlowLine] = []
        let capacity = DocumentLayout.BodyFlow.titleCapacity
        for item in content.items {
            if !flow.isEmpty { flow.append(.spacer()) }
            let note = item.note.trimmingCharacters(in: .whitespacesAndNewlines)
            if !note.isEmpty {
                for (index, paragraph) in note.split(separator: "\n").map(String.init).enumerated() {
                    let text = (index == 0 ? "按：" : "") + paragraph.trimmingCharacters(in: .whitespaces)
                    var lines = DocumentLayout.BodyFlow.set(DocumentLayout.Glyph.glyphs(text, font: .kaiti, size: size),
                                                            firstX: G.left + 2 * G.characterPitch, restX: G.left)
                    // The 按语 stays with the title it introduces.
                    for index in lines.indices { lines[index].keepWithNext = true }
                    flow += lines
                }
            }
            let titleLines = DocumentLayout.TitleBreaker.lines(item.title.trimmingCharacters(in: .whitespacesAndNewlines), capacity: capacity)
            for line in titleLines {
                let width = TextRun.gridWidth(line, size: G.titleSize)
                flow.append(DocumentLayout.FlowLine(runs: [.grid(line, x: G.left + (G.textWidth - width) / 2, baseline: G.baselineOffset(size: G.titleSize),
                                                                  font: .xiaobiaosong, size: G.titleSize)], keepWithNext: true))
            }
            flow += DocumentLayout.BodyFlow.paragraphs(item.paragraphs.map { BodyParagraph(level: BodyParagraph.level(of: $0), text: $0) })
            let source = item.source.trimmingCharacters(in: .whitespaces)
            if !source.isEmpty {
                let text = "（\(source)）"
                flow.append(DocumentLayout.FlowLine(runs: [.grid(text, x: G.right - TextRun.gridWidth(text, size: size), baseline: G.baselineOffset(size: size),
                                                                  font: .kaiti, size: size)]))
            }
        }

        let placed = DocumentLayout.Paginator.paginate(flow, firstLine: firstLine)
        var pages = placed.enumerated().map { index, lines in
            LaidOutPage(items: DocumentLayout.Paginator.items(lines, firstLine: index == 0 ? firstLine : 1))
        }
        if pages.isEmpty { pages = [LaidOutPage()] }
        pages[0].items = head + pages[0].items

        // The footer, bottom-aligned on the last page, or on a page of its own when the text reaches its lines.
        let footer = footerRows(content)
        if !footer.isEmpty {
            let first = G.linesPerPage + 1 - footer.count
            let used = (placed.last ?? []).filter { !$0.content.isSpacer }.map(\.line).max() ?? (placed.count <= 1 ? firstLine - 1 : 0)
            if used >= first || (placed.count <= 1 && firstLine > first) { pages.append(LaidOutPage()) }
            var items: [LayoutItem] = []
            for (offset, row) in footer.enumerated() {
                let top = G.lineTop(first + offset)
                items += row.map { run in
                    var run = run
                    run.y += top
                    return .text(run)
                }
            }
            for line in [first, G.linesPerPage + 1] {
                let ruleY = G.lineTop(line)
                items.append(.rule(Rule(x1: G.left, y1: ruleY, x2: G.right, y2: ruleY, width: footerRuleWidth)))
            }
            pages[pages.count - 1].items += items
        }
        for index in pages.indices { pages[index].items.append(.text(DocumentLayout.PageNumber.run(index + 1))) }
        return LaidOutDocument(pages: pages)
    }

    /// `报：…` `送：…` `发：…` in 4号仿宋, one character in from both sides, later lines aligned after the colon; the
    /// number of copies flush right on the last line (or a line of its own when that line is full).
    static func footerRows(_ content: BulletinContent) -> [[TextRun]] {
        typealias G = DocumentLayout.PageGeometry
        let size = G.footerSize
        let character = G.fullWidth(size: size)
        let left = G.left + character
        let right = G.right - character
        let baseline = G.baselineOffset(size: size)
        var rows: [[TextRun]] = []
        for (label, text) in [("报：", content.reportTo), ("送：", content.sendTo), ("发：", content.distributeTo)] {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { continue }
            let lines = DocumentLayout.LineBreaker.lines(DocumentLayout.Glyph.glyphs(label + value, font: .fangsong, size: size), firstX: left,
                                                         restX: left + TextRun.gridWidth(label, size: size), right: right, justify: false)
            rows += lines.map { $0.runs(baseline: baseline) }
        }
        if let copies = content.copies {
            let text = "（共印\(copies)份）"
            let width = TextRun.gridWidth(text, size: size)
            let run = TextRun.grid(text, x: right - width, baseline: baseline, font: .fangsong, size: size)
            if let last = rows.last, let end = last.map({ $0.x + $0.width }).max(), end + character < right - width {
                rows[rows.count - 1].append(run)
            } else {
                rows.append([run])
            }
        }
        return rows
    }
}
