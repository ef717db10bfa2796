import Foundation
import Testing
import Gongwen

@Suite("署名、成文日期、印章、附注、版记与页码")
struct LayoutSignatureTests {
    @Test("加盖印章：成文日期右空四字，署名以日期为准居中，印章居中压署名和日期，顶端距正文一行之内")
    func sealedSignature() throws {
        let document = LayoutFixtures.notice(body: "请认真贯彻执行。")
        let layout = DocumentLayout.layout(document)
        let body = try #require(LayoutFixtures.run("请认真贯彻执行。", in: layout))
        let name = try #require(LayoutFixtures.run("江北市人民政府办公室", in: layout)?.run)
        let date = try #require(LayoutFixtures.run("2026年1月5日", in: layout)?.run)
        let seal = try #require(LayoutFixtures.seals(layout.pages[body.page]).first)
        #expect(GBT9704.near(date.x + date.width, GBT9704.right - 4 * GBT9704.character))
        let dateCentre = date.x + date.width / 2
        #expect(GBT9704.near(name.x + name.width / 2, dateCentre))
        #expect(GBT9704.near(seal.centerX, dateCentre))
        #expect(seal.diameter == 42)
        #expect(GBT9704.gridLine(date) == GBT9704.gridLine(name)! + 1)
        // The seal covers both lines, the 署名 and date below its centre ("居印章中心偏下").
        let top = seal.centerY - seal.diameter / 2
        #expect(top < GBT9704.topEdge(name) && seal.centerY + seal.diameter / 2 > GBT9704.bottomEdge(date))
        #expect(GBT9704.topEdge(name) + GBT9704.em(16) / 2 >= seal.centerY - 0.01)
        // Its top lies below the last line of text, within one line of it.
        let bodyLineBottom = GBT9704.top + Double(GBT9704.gridLine(body.run)!) * GBT9704.line
        #expect(top >= bodyLineBottom && top <= bodyLineBottom + GBT9704.line)
    }

    @Test("不加盖印章：署名在正文下空一行右空二字，成文日期在下一行首字右移二字")
    func unsealedSignature() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: "请认真贯彻执行。", sealed: false))
        let body = try #require(LayoutFixtures.run("请认真贯彻执行。", in: layout)?.run)
        let name = try #require(LayoutFixtures.run("江北市人民政府办公室", in: layout)?.run)
        let date = try #require(LayoutFixtures.run("2026年1月5日", in: layout)?.run)
        #expect(LayoutFixtures.seals(layout.pages[0]).isEmpty)
        #expect(GBT9704.gridLine(name) == GBT9704.gridLine(body)! + 2)
        #expect(GBT9704.gridLine(date) == GBT9704.gridLine(name)! + 1)
        #expect(GBT9704.near(name.x + name.width, GBT9704.right - 2 * GBT9704.character))
        #expect(GBT9704.near(date.x, name.x + 2 * GBT9704.character))
    }

    @Test("不加盖印章且成文日期长于署名：日期右空二字，署名首字在日期首字左侧二字")
    func unsealedShortName() throws {
        var document = LayoutFixtures.notice(body: "请认真贯彻执行。", sealed: false)
        document.signatureName = "市政府"
        let layout = DocumentLayout.layout(document)
        let name = try #require(LayoutFixtures.run("市政府", in: layout)?.run)
        let date = try #require(LayoutFixtures.run("2026年1月5日", in: layout)?.run)
        #expect(GBT9704.near(date.x + date.width, GBT9704.right - 2 * GBT9704.character))
        #expect(GBT9704.near(name.x, date.x - 2 * GBT9704.character))
    }

    @Test("附注加圆括号，左空二字，在成文日期下一行")
    func note() throws {
        var document = LayoutFixtures.notice(body: "请认真贯彻执行。")
        document.note = "此件公开发布"
        let layout = DocumentLayout.layout(document)
        let date = try #require(LayoutFixtures.run("2026年1月5日", in: layout)?.run)
        let note = try #require(LayoutFixtures.run("（此件公开发布）", in: layout)?.run)
        #expect(GBT9704.gridLine(note) == GBT9704.gridLine(date)! + 1)
        #expect(GBT9704.near(note.x, GBT9704.left + 2 * GBT9704.character))
    }

    @Test("印章所在页必有正文：署名和日期放不下时，正文最后一行随之转页")
    func sealNeverAlone() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: 5)))
        for page in layout.pages where !LayoutFixtures.seals(page).isEmpty {
            let seal = LayoutFixtures.seals(page)[0]
            #expect(LayoutFixtures.bodyRuns(page).contains { $0.y < seal.centerY - seal.diameter / 2 })
            #expect(seal.centerY + seal.diameter / 2 <= GBT9704.bottom)
        }
    }

    @Test("差一两行放不下署名和印章时调整行距：正文和印章留在同一页，各行等距收紧；差三行以上仍转页")
    func tightenedLineSpacing() throws {
        // given: the sample notice, whose signature block is two lines too long for page 1
        let tight = DocumentLayout.layout(LayoutFixtures.notice())
        let loose = DocumentLayout.layout(LayoutFixtures.notice(sealed: false))
        #expect(loose.pages[0].items.contains { if case .text(let run) = $0 { run.text == "1.明确分工。" } else { false } })
        // then: the last line of text, the seal, the 署名 and the date all on page 1
        let body = try #require(LayoutFixtures.run("1.明确分工。", in: tight))
        let name = try #require(LayoutFixtures.run("江北市人民政府办公室", in: tight))
        let seal = try #require(LayoutFixtures.seals(tight.pages[0]).first)
        #expect(body.page == 0 && name.page == 0)
        #expect(seal.centerY + seal.diameter / 2 <= GBT9704.bottom + 0.01)
        // Lines evenly spaced at more than 225/24 mm and less than the standard 225/22.
        let baselines = LayoutFixtures.lines(tight.pages[0], below: GBT9704.top + 80).map(\.y)
        let gaps = zip(baselines, baselines.dropFirst()).map { $1 - $0 }
        let pitch = try #require(gaps.min())
        #expect(pitch >= 225.0 / 24 - 0.01 && pitch < GBT9704.line - 0.1)
        #expect(gaps.allSatisfy { ($0 / pitch - ($0 / pitch).rounded()).magnitude < 0.01 }, "lines off the tightened grid: \(gaps)")
        // The seal's top still within one (tightened) line below the text.
        let bodyBottom = body.run.y - 0.88 * GBT9704.em(16) + GBT9704.em(16) + (pitch - GBT9704.em(16)) / 2
        let top = seal.centerY - seal.diameter / 2
        #expect(top >= bodyBottom - 0.01 && top <= bodyBottom + pitch)
        // Three lines too many: no tightening, the last line of text moves on with the signature.
        var longer = LayoutFixtures.notice()
        longer.title = "江北市人民政府办公室关于做好安全生产工作和防汛抗旱工作以及森林防火工作的通知"
        longer.mainRecipients += ["各直属机构", "各人民团体", "各大专院校", "各国有企业", "驻市各单位", "各乡镇人民政府"]
        let moved = DocumentLayout.layout(longer)
        let movedName = try #require(LayoutFixtures.run("江北市人民政府办公室", in: moved))
        #expect(movedName.page == 1)
        let rule = try #require(LayoutFixtures.rules(moved.pages[0]).first { $0.color == .red })
        let movedLines = LayoutFixtures.bodyRuns(moved.pages[0], below: rule.y1)
        #expect(!movedLines.isEmpty && movedLines.allSatisfy { GBT9704.gridLine($0) != nil }, "page 1 kept the standard grid")
    }

    @Test("版记在最后一页：首末条粗线 0.35 mm、中间细线 0.25 mm，末条与版心下边缘重合；抄送、印发机关和日期各空一字")
    func footer() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice())
        let last = try #require(layout.pages.last)
        let rules = LayoutFixtures.rules(last).filter { $0.color == .black }.sorted { $0.y1 < $1.y1 }
        #expect(rules.map(\.width) == [0.35, 0.25, 0.35])
        #expect(GBT9704.near(rules[2].y1, 37 + 225))
        #expect(rules.allSatisfy { GBT9704.near($0.x1, GBT9704.left) && GBT9704.near($0.x2, GBT9704.right) })
        let copies = try #require(LayoutFixtures.runs(last).first { $0.text == "抄送：市委办公室，市人大常委会办公室。" })
        let printer = try #require(LayoutFixtures.runs(last).first { $0.text == "江北市人民政府办公室" && $0.size == 14 })
        let printed = try #require(LayoutFixtures.runs(last).first { $0.text == "2026年1月5日印发" })
        #expect(copies.size == 14 && copies.font == .fangsong)
        #expect(GBT9704.near(copies.x, GBT9704.left + GBT9704.footerCharacter))
        #expect(GBT9704.near(printer.x, GBT9704.left + GBT9704.footerCharacter))
        #expect(GBT9704.near(printed.x + printed.width, GBT9704.right - GBT9704.footerCharacter))
        #expect(printer.y == printed.y)
        // 抄送 between the first and the middle rule, 印发 between the middle and the last.
        #expect(copies.y > rules[0].y1 && copies.y < rules[1].y1)
        #expect(printed.y > rules[1].y1 && printed.y < rules[2].y1)
    }

    @Test("最后一页放不下版记时另起一页")
    func footerOnItsOwnPage() throws {
        // Enough text that the signature ends near the bottom of page 1 or 2.
        for count in 1...8 {
            let layout = DocumentLayout.layout(LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: count)))
            let last = try #require(layout.pages.last)
            let firstRule = try #require(LayoutFixtures.rules(last).filter { $0.color == .black }.map(\.y1).min())
            // Nothing but the 版记 and the page number below the 版记's first rule; no text of the body overlaps it.
            let above = LayoutFixtures.runs(last).filter { $0.size == 16 && $0.color == .black }
            #expect(above.allSatisfy { GBT9704.bottomEdge($0) < firstRule }, "\(count) paragraphs")
            #expect(LayoutFixtures.seals(last).allSatisfy { $0.centerY + $0.diameter / 2 <= firstRule }, "\(count) paragraphs")
        }
    }

    /// The page (0-based) with the 版记's black rules.
    static func footerPage(_ layout: LaidOutDocument) -> Int? {
        layout.pages.indices.filter { !LayoutFixtures.rules(layout.pages[$0]).filter { $0.color == .black }.isEmpty }.last
    }

    static func numbered(_ page: LaidOutPage) -> Bool {
        LayoutFixtures.runs(page).contains { $0.text.hasPrefix("\u{2014} ") }
    }

    @Test("双面印刷：版记总在偶数页；一页的通知版记移到第二页")
    func footerOnAnEvenPage() throws {
        // given a notice whose text and signature fit on page 1 with room for the 版记
        let short = DocumentLayout.layout(LayoutFixtures.notice(body: "请认真贯彻执行。"))
        #expect(LayoutFixtures.runs(short.pages[0]).contains { $0.text == "2026年1月5日" && $0.size == 16 })
        // then the 版记 stands alone on page 2, numbered, and page 1 has the text and no 版记
        #expect(short.pages.count == 2)
        #expect(Self.footerPage(short) == 1)
        #expect(LayoutFixtures.runs(short.pages[1]).allSatisfy { $0.size == 14 }, "\(LayoutFixtures.runs(short.pages[1]).map { ($0.text, $0.size) })")
        #expect(Self.numbered(short.pages[0]) && Self.numbered(short.pages[1]))
        // and for every length, the 版记 is on the last page, an even one, below all the text
        for count in 1...16 {
            let layout = DocumentLayout.layout(LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: count)))
            let page = try #require(Self.footerPage(layout), "\(count) paragraphs")
            #expect(page == layout.pages.count - 1 && (page + 1) % 2 == 0, "\(count) paragraphs: 版记 on page \(page + 1) of \(layout.pages.count)")
        }
    }

    @Test("正文结束于偶数页且放不下版记：其后空白一页，版记在下一个偶数页，空白页和版记页都不编页码")
    func blankPageBeforeTheFooter() throws {
        // given the lengths whose text ends on an even page too full for the 版记
        var found = false
        for count in 1...24 {
            let layout = DocumentLayout.layout(LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: count)))
            let pages = layout.pages
            guard let footer = Self.footerPage(layout), footer >= 2, LayoutFixtures.runs(pages[footer - 1]).isEmpty else { continue }
            found = true
            // then the page before the 版记 page is blank, and neither it nor the 版记 page has a number
            #expect(pages[footer - 1].items.isEmpty, "\(count) paragraphs")
            #expect(!Self.numbered(pages[footer]), "\(count) paragraphs")
            #expect(Self.numbered(pages[footer - 2]), "\(count) paragraphs")
            // and every page before them is numbered in order
            for index in 0..<(footer - 1) {
                #expect(LayoutFixtures.runs(pages[index]).contains { $0.text == "\u{2014} \(index + 1) \u{2014}" }, "\(count) paragraphs, page \(index + 1)")
            }
        }
        #expect(found, "no length between 1 and 24 paragraphs ends on a full even page")
    }

    @Test("页码“— 1 —”4号，上边缘在版心下 7 mm；单页居右空一字，双页居左空一字")
    func pageNumbers() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: 12)))
        try #require(layout.pages.count >= 2)
        let one = try #require(LayoutFixtures.runs(layout.pages[0]).first { $0.text == "\u{2014} 1 \u{2014}" })
        let two = try #require(LayoutFixtures.runs(layout.pages[1]).first { $0.text == "\u{2014} 2 \u{2014}" })
        #expect(one.size == 14 && two.size == 14)
        #expect(GBT9704.near(GBT9704.topEdge(one), 37 + 225 + 7))
        #expect(GBT9704.near(one.x + one.width, GBT9704.right - GBT9704.footerCharacter))
        #expect(GBT9704.near(two.x, GBT9704.left + GBT9704.footerCharacter))
        // Dashes full-width, the spaces and digits half-width.
        #expect(GBT9704.near(one.width, 2 * GBT9704.footerCharacter + 3 * GBT9704.footerCharacter / 2))
        for (index, page) in layout.pages.enumerated() {
            #expect(LayoutFixtures.runs(page).contains { $0.text == "\u{2014} \(index + 1) \u{2014}" })
        }
    }
}
