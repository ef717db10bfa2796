/// GB/T 9704-2012 layout: an `OfficialDocument` on A4 pages as positioned text, rules and seals.
///
/// The page is the standard's: 天头 37 mm, 订口 28 mm, a 156 × 225 mm text block of 22 lines × 28 characters
/// (line pitch 225/22 ≈ 10.227 mm, character pitch 156/28 ≈ 5.571 mm at 3号 = 16 pt). `PageGeometry` holds
/// those numbers; each part of the document has its own type with the numbers it derives:
///
/// - `Letterhead`: the 版头 on page 1 in the document's style (文件式, 信函式, 纪要式).
/// - `BodyFlow`: 标题 (`TitleBreaker` shapes long ones), 主送机关, 正文, 附件说明, set by `LineBreaker`.
/// - `SignatureBlock`: 署名, 成文日期, the seal's placement, 附注.
/// - `Paginator`: the flowing part on the grid, page after page (the body begins on page 1 below the head).
/// - `AttachmentPages`: each attachment whose content is given, from a new page (附件N, its title, its content).
/// - `FooterBlock`: the 版记 at the bottom of the last page, after the attachments; `PageNumber`: `— N —`
///   below each page, numbered on through the attachments.
///
/// Text is positioned by its baseline; every line's em box is centred in its 10.227 mm grid line.
public enum DocumentLayout {
    /// `attachments[i]` is the content of `document.attachments[i]` (the 附件说明's names); attachments without
    /// content (a shorter list) are named in the 附件说明 only.
    public static func layout(_ document: OfficialDocument, attachments: [AttachmentContent] = []) -> LaidOutDocument {
        let head = Letterhead.make(document)
        var flow = BodyFlow.lines(document)
        let signature = SignatureBlock.lines(document)
        // The seal must not stand on a page without text: the last line of text goes with the signature.
        if !signature.isEmpty && !flow.isEmpty { flow[flow.count - 1].keepWithNext = true }
        flow += signature

        var placed = Paginator.paginate(flow, firstLine: head.firstFlowLine, tightensLastGroup: !signature.isEmpty)
        var pages = placed.enumerated().map { index, lines in
            LaidOutPage(items: Paginator.items(lines, firstLine: index == 0 ? head.firstFlowLine : 1))
        }
        pages[0].items = head.items + pages[0].items

        // 附件 "另面编排，并在版记之前".
        let titles = document.attachmentNames
        for (index, content) in zip(titles.indices, attachments) {
            let attachment = Paginator.paginate(AttachmentPages.lines(number: titles.count == 1 ? nil : index + 1, title: titles[index], content: content),
                                                firstLine: 1)
            placed += attachment
            pages += attachment.map { lines in LaidOutPage(items: lines.flatMap { $0.content.items(onLine: $0.line) }) }
        }

        // 版记 "置于公文最后一面": on the last page when the text there ends above it, else on a page of its own. A
        // 公文 is printed on both sides (GB/T 9704 6.1), so its last face is the back of the last sheet: the 版记
        // stands on an even page, and moves on to the next page from an odd one even when it would fit there.
        let footer = FooterBlock.make(document)
        var unnumbered: Set<Int> = []
        if !footer.items.isEmpty {
            let used = placed[placed.count - 1].filter { !$0.content.isSpacer }.map(\.line)
            let lastUsed = max(used.max() ?? 0, placed.count == 1 ? head.firstFlowLine - 1 : 0)
            let textPages = pages.count
            var footerPage = lastUsed >= footer.firstLine ? textPages + 1 : textPages
            if footerPage % 2 == 1 { footerPage += 1 }
            while pages.count < footerPage { pages.append(LaidOutPage()) }
            pages[footerPage - 1].items += footer.items
            // "版记页前有空白页的，空白页和版记页均不编排页码" (7.5).
            if footerPage - textPages == 2 { unnumbered = [footerPage - 2, footerPage - 1] }
        }

        // 页码 on every page; 信函格式 "首页不显示页码".
        for index in pages.indices where !(document.style == .letter && index == 0) && !unnumbered.contains(index) {
            pages[index].items.append(.text(PageNumber.run(index + 1)))
        }
        return LaidOutDocument(pages: pages)
    }
}
