import Foundation
import Gongwen
import OFDCheck
import Testing

@Suite("归档章（DA/T 22）")
struct ArchiveStampTests {
    static let stamp = ArchiveStamp(fondsCode: "J012", year: 2026, itemNumber: 7, classLabel: "办公室", retention: "永久", pages: 3)

    @Test("首页右上角 45×16 mm 六格，红色：全宗号、年度、件号（四位补零）/ 机构、保管期限、页数；不压版头和正文")
    func firstPage() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice(body: LayoutFixtures.longBody(paragraphs: 12))).stamped(Self.stamp)
        #expect(layout.pages.count >= 2)
        let texts = LayoutFixtures.runs(layout.pages[0]).filter { $0.color == .red && $0.size == 10.5 }
        #expect(texts.map(\.text) == ["J012", "2026", "0007", "办公室", "永久", "3"])
        let frame = LayoutFixtures.rules(layout.pages[0]).filter { $0.width == 0.3 }
        #expect(frame.count == 7 && frame.allSatisfy { $0.color == .red })
        let xs = frame.flatMap { [$0.x1, $0.x2] }
        let ys = frame.flatMap { [$0.y1, $0.y2] }
        #expect(GBT9704.near(xs.max()!, GBT9704.right) && GBT9704.near(xs.max()! - xs.min()!, 45))
        #expect(GBT9704.near(ys.max()! - ys.min()!, 16) && ys.max()! < GBT9704.top)
        // Each value stays inside its 15 mm cell, long ones narrowed.
        let long = DocumentLayout.layout(LayoutFixtures.notice()).stamped(ArchiveStamp(fondsCode: "J012", year: 2026, itemNumber: 12,
                                                                                       classLabel: "综合协调与督查科", retention: "30年", pages: 1))
        let cell = try #require(LayoutFixtures.runs(long.pages[0]).first { $0.text == "综合协调与督查科" })
        #expect(cell.width <= 15)
        #expect(LayoutFixtures.runs(layout.pages[1]).allSatisfy { $0.color != .red || $0.size != 10.5 })
    }

    @Test("盖章后的版面照样生成 OFD，章中文字可读回")
    func ofd() throws {
        let layout = DocumentLayout.layout(LayoutFixtures.notice()).stamped(Self.stamp)
        let package = try OFDPackageReader(OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seal: nil))
        let codes = try package.xml("Doc_0/Pages/Page_0/Content.xml").all("TextCode").map(\.text)
        #expect(codes.contains("0007") && codes.contains("J012") && codes.contains("永久"))
    }
}
