import Foundation
import Testing
import TextSearch

@Suite("ZIP 读取：条目越界、互相重叠、与本地文件头不符的包一律拒绝")
struct ZipContainerTests {
    static let page = Data("<ofd:Page xmlns:ofd=\"x\"><ofd:Content><ofd:Layer><ofd:TextObject><ofd:TextCode>安全生产</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>".utf8)

    static func problem(_ data: Data) -> ZipContainer.Problem? {
        do throws(ZipContainer.Problem) {
            _ = try ZipContainer(data: data)
            return nil
        } catch {
            return error
        }
    }

    @Test("正常的包照常读取")
    func wellFormedPackageIsRead() throws {
        var zip = RawZip()
        zip.add("Doc_0/Pages/Page_0/Content.xml", payload: try RawZip.deflated(Self.page), uncompressedSize: Self.page.count)
        zip.add("Doc_0/Pages/Page_1/Content.xml", payload: Self.page, uncompressedSize: Self.page.count, method: 0)
        let data = zip.finished()
        #expect(Self.problem(data) == nil)
        #expect(TextExtraction.extract(fileName: "a.ofd", data: data) == .text("安全生产\n安全生产"))
    }

    @Test("一两百 KB 的 OFD 里三十个目录条目指向同一段 64 MB 的数据：拒绝，不解压")
    func entriesSharingOneStreamAreRefused() throws {
        // given: the issue's file — one 64 MB page stream, listed thirty times under different page names
        let stream = try RawZip.deflated(repeating: "<ofd:TextCode>安全</ofd:TextCode>", count: 64 * 1024 * 1024)
        var zip = RawZip()
        let shared = zip.add("Doc_0/Pages/Page_0/Content.xml", payload: stream, uncompressedSize: 64 * 1024 * 1024)
        for page in 1..<30 {
            var alias = shared
            alias.name = "Doc_0/Pages/Page_\(page)/Content.xml"
            zip.list(alias)
        }
        let data = zip.finished()
        #expect(data.count < 256 * 1024)
        // when
        let result = TextExtraction.extract(fileName: "overlap.ofd", data: data)
        // then: refused as a hostile container, whichever check trips first
        guard case .refused(.container(let problem)) = result else {
            Issue.record("expected a refused container, got \(result)")
            return
        }
        #expect([.overlappingEntries, .localHeaderMismatch].contains(problem))
    }

    @Test("两个同名条目共用同一段数据：按重叠拒绝")
    func sameEntryListedTwiceOverlaps() throws {
        var zip = RawZip()
        let record = zip.add("word/document.xml", payload: try RawZip.deflated(Self.page), uncompressedSize: Self.page.count)
        zip.list(record)
        #expect(Self.problem(zip.finished()) == .overlappingEntries)
    }

    @Test("一个条目的本地文件头藏在另一个条目的数据里：按重叠拒绝")
    func headerInsideAnotherEntrysDataOverlaps() throws {
        // given: the outer entry's stored bytes are a whole local entry, which the directory lists too
        var inner = RawZip()
        inner.add("Doc_0/Pages/Page_1/Content.xml", payload: Self.page, uncompressedSize: Self.page.count, method: 0)
        let innerBytes = inner.finished().prefix(30 + "Doc_0/Pages/Page_1/Content.xml".utf8.count + Self.page.count)
        var zip = RawZip()
        let outer = zip.add("Doc_0/Pages/Page_0/Content.xml", payload: Data(innerBytes), uncompressedSize: innerBytes.count, method: 0)
        zip.list(RawZip.Record(name: "Doc_0/Pages/Page_1/Content.xml", localHeaderOffset: outer.localHeaderOffset + 30 + outer.name.utf8.count,
                               compressedSize: Self.page.count, uncompressedSize: Self.page.count, method: 0))
        #expect(Self.problem(zip.finished()) == .overlappingEntries)
    }

    @Test("条目的数据伸进中央目录：按重叠拒绝；伸出文件末尾或本地文件头在文件之外：按越界拒绝")
    func entriesOutsideTheirPlace() throws {
        let longer = Self.page.count + 10
        var zip = RawZip()
        zip.add("word/document.xml", payload: Self.page, uncompressedSize: Self.page.count, method: 0)
        var data = zip.finished()
        // The directory's size field of the one entry, rewritten to reach ten bytes into the directory itself.
        let directoryStart = 30 + "word/document.xml".utf8.count + Self.page.count
        data.replaceSubrange((directoryStart + 20)..<(directoryStart + 24), with: le32(longer))
        // The local header must agree for the size to be believed, so it says the same.
        data.replaceSubrange(18..<22, with: le32(longer))
        #expect(Self.problem(data) == .overlappingEntries)

        var pastEnd = RawZip()
        pastEnd.add("word/document.xml", payload: Self.page, uncompressedSize: Self.page.count, method: 0)
        pastEnd.list(RawZip.Record(name: "word/other.xml", localHeaderOffset: 1_000_000, compressedSize: 10, uncompressedSize: 10, method: 0))
        #expect(Self.problem(pastEnd.finished()) == .outOfBounds)
    }

    @Test("本地文件头与中央目录记载的文件名、压缩方式或大小不一致：拒绝")
    func localHeaderMustAgree() throws {
        var renamed = RawZip()
        renamed.add("word/document.xml", payload: Self.page, uncompressedSize: Self.page.count, method: 0, localName: "word/documenx.xml")
        #expect(Self.problem(renamed.finished()) == .localHeaderMismatch)

        var zip = RawZip()
        zip.add("word/document.xml", payload: Self.page, uncompressedSize: Self.page.count, method: 0)
        var otherMethod = zip.finished()
        otherMethod[8] = 8 // the local header says deflated, the directory says stored
        #expect(Self.problem(otherMethod) == .localHeaderMismatch)
    }

    @Test("条目数超过上限的包不读：文字提取报告超出条目上限")
    func entryCountIsBounded() throws {
        var zip = RawZip()
        for index in 0..<12 {
            zip.add("Doc_0/Pages/Page_\(index)/Content.xml", payload: Self.page, uncompressedSize: Self.page.count, method: 0)
        }
        let data = zip.finished()
        #expect(TextExtraction.extract(fileName: "a.ofd", data: data, limits: ExtractionLimits(entries: 10)) == .refused(.entries(limit: 10)))
        #expect(TextExtraction.extract(fileName: "a.ofd", data: data, limits: ExtractionLimits(entries: 12)).text?.hasPrefix("安全生产") == true)
    }

    private func le32(_ value: Int) -> Data { Data((0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }) }
}
