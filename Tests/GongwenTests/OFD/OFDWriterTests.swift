import Foundation
import Testing
import Gongwen
import OFDCheck
import ZIPFoundation

@Suite("OFD 版式文件")
struct OFDWriterTests {
    static let namespace = "http://www.ofdspec.org/2016"

    static func package(sealed: Bool = false) throws -> OFDPackageReader {
        let data = try OFDWriter.package(OFDFixtures.sampleLayout(), metadata: OFDFixtures.metadata(),
                                         seal: sealed ? OFDFixtures.seal() : nil)
        return try OFDPackageReader(data)
    }

    @Test("生成的 OFD 含阅读器需要的全部文件，OFD.xml 在最前")
    func requiredFiles() throws {
        // given
        let layout = OFDFixtures.sampleLayout()
        // when
        let data = try OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seal: nil)
        let package = try OFDPackageReader(data)
        // then
        #expect(package.paths == [
            "OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml",
            "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Pages/Page_1/Content.xml",
        ])
        let archive = try Archive(data: data, accessMode: .read)
        #expect(archive.makeIterator().next()?.path == "OFD.xml")
    }

    @Test("每个元素都在 OFD 命名空间、带 ofd 前缀，属性不带前缀", arguments: [false, true])
    func namespace(sealed: Bool) throws {
        // given
        let package = try Self.package(sealed: sealed)
        // then
        for path in package.xmlPaths {
            let text = try package.text(path)
            #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "\(path)")
            #expect(text.contains("xmlns:ofd=\"\(Self.namespace)\""), "\(path)")
            for element in try package.xml(path).allElements {
                #expect(element.namespaceURI == Self.namespace, "\(path): \(element.qualifiedName)")
                #expect(element.qualifiedName == "ofd:" + element.localName, "\(path): \(element.qualifiedName)")
                let prefixed = element.attributes.keys.filter { $0.contains(":") && !$0.hasPrefix("xmlns") }
                #expect(prefixed.isEmpty, "\(path): \(element.localName) has \(prefixed)")
            }
        }
    }

    @Test("文档信息：32 位十六进制 DocID、标题、发文机关、日期、发文字号和文种")
    func docInfo() throws {
        // given
        let package = try Self.package()
        // when
        let ofd = try package.xml("OFD.xml")
        // then
        #expect(ofd.localName == "OFD")
        #expect(ofd.attributes["Version"] == "1.0")
        #expect(ofd.attributes["DocType"] == "OFD")
        let info = try #require(ofd.all("DocInfo").first)
        let docID = try #require(info.child("DocID")?.text)
        #expect(docID.count == 32)
        #expect(docID.allSatisfy { $0.isHexDigit })
        #expect(docID == "6f1c2b3a4d5e4f60817293a4b5c6d7e8")
        #expect(info.child("Title")?.text == "江北市人民政府办公室关于做好2026年春节期间安全生产工作的通知")
        #expect(info.child("Author")?.text == "江北市人民政府办公室")
        #expect(info.child("CreationDate")?.text == "2026-01-05")
        #expect(info.child("ModDate")?.text == "2026-01-05")
        let custom = Dictionary(uniqueKeysWithValues: info.all("CustomData").map { ($0.attributes["Name"] ?? "", $0.text) })
        #expect(custom == ["发文字号": "江政办发〔2026〕12号", "文种": "通知"])
        #expect(ofd.all("DocRoot").first?.text == "Doc_0/Document.xml")
        #expect(ofd.all("Signatures").isEmpty)
    }

    @Test("版面每一页对应一个 Page，A4 页面")
    func onePagePerLayoutPage() throws {
        // given
        let layout = OFDFixtures.sampleLayout()
        let package = try Self.package()
        // when
        let document = try package.xml("Doc_0/Document.xml")
        // then
        let pages = document.all("Page")
        #expect(pages.count == layout.pages.count)
        for (index, page) in pages.enumerated() {
            #expect(page.attributes["BaseLoc"] == "Pages/Page_\(index)/Content.xml")
            #expect(package.paths.contains("Doc_0/Pages/Page_\(index)/Content.xml"))
        }
        #expect(document.all("PhysicalBox").first?.text == "0 0 210 297")
        #expect(document.all("PublicRes").first?.text == "PublicRes.xml")
    }

    @Test("对象标识全文唯一，MaxUnitID 等于最大标识", arguments: [false, true])
    func uniqueIDs(sealed: Bool) throws {
        // given
        let package = try Self.package(sealed: sealed)
        // when
        var ids: [Int] = []
        for path in package.xmlPaths where path.hasPrefix("Doc_0/") && !path.hasPrefix("Doc_0/Signs/") {
            for element in try package.xml(path).allElements {
                if let id = element.attributes["ID"] { ids.append(try #require(Int(id), "\(path): ID \(id)")) }
            }
        }
        let maxUnitID = try #require(Int(package.xml("Doc_0/Document.xml").all("MaxUnitID").first?.text ?? ""))
        // then
        #expect(Set(ids).count == ids.count)
        #expect(ids.max() == maxUnitID)
        #expect(ids.min() == 1)
    }

    @Test("文字对象保存原文、毫米字号、字体引用和红色，逐字位置与版面一致")
    func textObjects() throws {
        // given
        let layout = OFDFixtures.sampleLayout()
        let package = try Self.package()
        let fonts = Dictionary(uniqueKeysWithValues: try package.xml("Doc_0/PublicRes.xml").all("Font").map {
            ($0.attributes["ID"] ?? "", $0.attributes["FontName"] ?? "")
        })
        let expectedFont: [FontRole: String] = [.fangsong: "仿宋", .xiaobiaosong: "方正小标宋简体", .songti: "宋体"]
        for (index, page) in layout.pages.enumerated() {
            // when
            let objects = try package.xml("Doc_0/Pages/Page_\(index)/Content.xml").all("TextObject")
            let runs = page.items.compactMap { item -> TextRun? in
                if case let .text(run) = item { return run } else { return nil }
            }
            // then
            #expect(objects.count == runs.count)
            for (run, object) in zip(runs, objects) {
                let visible = run.text.trimmingCharacters(in: .whitespaces)
                let code = try #require(object.child("TextCode"))
                #expect(code.text == visible)
                #expect(object.attributes["Size"] == String(format: "%g", (run.size * 25.4 / 72 * 1000).rounded() / 1000))
                #expect(fonts[object.attributes["Font"] ?? ""] == expectedFont[run.font])
                let fill = object.child("FillColor")?.attributes["Value"]
                #expect(fill == (run.color == .red ? "230 0 18" : "0 0 0"))

                // The characters land where the layout put them: Boundary x + TextCode X + running DeltaX.
                let leading = run.text.prefix { $0.isWhitespace }.count
                var expected: [Double] = []
                var position = run.x + run.advances.prefix(leading).reduce(0, +)
                for advance in run.advances.dropFirst(leading).prefix(visible.count) {
                    expected.append(position)
                    position += advance
                }
                let boundary = ofdNumbers(object.attributes["Boundary"])
                var actual = [boundary[0] + (Double(code.attributes["X"] ?? "") ?? .nan)]
                for delta in expandDeltaX(code.attributes["DeltaX"] ?? "") { actual.append(actual[actual.count - 1] + delta) }
                #expect(actual.count == expected.count, "\(visible)")
                for (a, e) in zip(actual, expected) { #expect(abs(a - e) < 0.002, "\(visible): \(a) vs \(e)") }

                // The baseline is the run's y, and the Boundary encloses the characters.
                let baseline = boundary[1] + (Double(code.attributes["Y"] ?? "") ?? .nan)
                #expect(abs(baseline - run.y) < 0.002)
                #expect(boundary[1] < run.y && boundary[1] + boundary[3] > run.y)
                #expect(abs(boundary[2] - run.advances.dropFirst(leading).prefix(visible.count).reduce(0, +)) < 0.002)
            }
        }
    }

    @Test("一行等宽正文的字距压缩为 g 形式")
    func deltaXCompression() throws {
        // given
        let line = String(repeating: "政", count: 28)
        let run = OFDFixtures.run(line, x: 28, y: 50, advance: 156.0 / 28)
        let layout = LaidOutDocument(pages: [LaidOutPage(items: [.text(run)])])
        // when
        let package = try OFDPackageReader(OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seal: nil))
        // then
        let code = try #require(package.xml("Doc_0/Pages/Page_0/Content.xml").all("TextCode").first)
        #expect(code.attributes["DeltaX"] == "g 27 5.5714")
        #expect(code.attributes["X"] == "0")
    }

    @Test("首尾空白不写入文字，可见字符的位置不变")
    func trimsWhitespace() throws {
        // given
        let run = TextRun(text: "\u{3000}\u{3000}特此通知。 ", x: 28, y: 100, font: .fangsong, size: 16,
                          advances: [5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 2.8])
        let blank = TextRun(text: "\u{3000} ", x: 28, y: 110, font: .fangsong, size: 16, advances: [5.5, 2.8])
        let layout = LaidOutDocument(pages: [LaidOutPage(items: [.text(run), .text(blank)])])
        // when
        let package = try OFDPackageReader(OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seal: nil))
        // then
        let objects = try package.xml("Doc_0/Pages/Page_0/Content.xml").all("TextObject")
        #expect(objects.count == 1)
        #expect(objects.first?.child("TextCode")?.text == "特此通知。")
        #expect(ofdNumbers(objects.first?.attributes["Boundary"]).first == 39)
        #expect(objects.first?.child("TextCode")?.attributes["DeltaX"] == "g 4 5.5")
    }

    @Test("XML 特殊字符照原样读回")
    func escapesText() throws {
        // given
        let text = "A&B<C>\"D\"'E'"
        let run = TextRun(text: text, x: 28, y: 100, font: .heiti, size: 16, advances: Array(repeating: 2.8, count: text.count))
        let layout = LaidOutDocument(pages: [LaidOutPage(items: [.text(run)])])
        var metadata = OFDFixtures.metadata()
        metadata.title = "关于<测试>&\"转义\"的通知"
        // when
        let package = try OFDPackageReader(OFDWriter.package(layout, metadata: metadata, seal: nil))
        // then
        #expect(try package.xml("Doc_0/Pages/Page_0/Content.xml").all("TextCode").first?.text == text)
        #expect(try package.xml("OFD.xml").all("Title").first?.text == metadata.title)
        #expect(try package.xml("Doc_0/PublicRes.xml").all("Font").map { $0.attributes["FontName"] } == ["黑体"])
    }

    @Test("分隔线是路径对象：起止点、线宽和红色与版面一致")
    func rules() throws {
        // given
        let package = try Self.package()
        // when
        let paths = try package.xml("Doc_0/Pages/Page_0/Content.xml").all("PathObject")
        // then
        let red = try #require(paths.first)
        #expect(red.attributes["LineWidth"] == "0.5")
        #expect(red.child("StrokeColor")?.attributes["Value"] == "230 0 18")
        let boundary = ofdNumbers(red.attributes["Boundary"])
        let data = try #require(red.child("AbbreviatedData")?.text).split(separator: " ").map(String.init)
        #expect(data.count == 6 && data[0] == "M" && data[3] == "L")
        let points = [data[1], data[2], data[4], data[5]].compactMap(Double.init)
        #expect(abs(boundary[0] + points[0] - 28) < 0.001 && abs(boundary[1] + points[1] - 94) < 0.001)
        #expect(abs(boundary[0] + points[2] - 184) < 0.001 && abs(boundary[1] + points[3] - 94) < 0.001)
        #expect(boundary[1] <= 94 - 0.25 && boundary[1] + boundary[3] >= 94 + 0.25)
    }

    @Test("字体表只列用到的字体，用中文阅读器认识的名称")
    func fonts() throws {
        // given
        let package = try Self.package()
        // when
        let fonts = try package.xml("Doc_0/PublicRes.xml").all("Font")
        // then
        #expect(fonts.map { $0.attributes["FontName"] } == ["仿宋", "方正小标宋简体", "宋体"])
        #expect(fonts.map { $0.attributes["FamilyName"] } == ["仿宋", "方正小标宋简体", "宋体"])
    }

    @Test("同样的输入得到同样的字节")
    func deterministic() throws {
        let first = try OFDWriter.package(OFDFixtures.sampleLayout(), metadata: OFDFixtures.metadata(), seal: OFDFixtures.seal())
        let second = try OFDWriter.package(OFDFixtures.sampleLayout(), metadata: OFDFixtures.metadata(), seal: OFDFixtures.seal())
        #expect(first == second)
    }

    @Test("版面有误时拒绝生成，并说明原因")
    func rejectsBadInput() {
        let metadata = OFDFixtures.metadata()
        #expect(throws: OFDWriterError.noPages) {
            try OFDWriter.package(LaidOutDocument(pages: []), metadata: metadata, seal: nil)
        }
        let broken = TextRun(text: "通知", x: 28, y: 50, font: .fangsong, size: 16, advances: [5.6])
        #expect(throws: OFDWriterError.advancesMismatch(text: "通知", characters: 2, advances: 1)) {
            try OFDWriter.package(LaidOutDocument(pages: [LaidOutPage(items: [.text(broken)])]), metadata: metadata, seal: nil)
        }
        #expect(throws: OFDWriterError.sealPageOutOfRange(pageIndex: 2, pageCount: 2)) {
            try OFDWriter.package(OFDFixtures.sampleLayout(), metadata: metadata, seal: OFDFixtures.seal(pageIndex: 2))
        }
        #expect(OFDWriterError.sealPageOutOfRange(pageIndex: 2, pageCount: 2).description.contains("第 3 页"))
    }
}

@Suite("OFD 文档信息")
struct OFDMetadataTests {
    @Test("公文的标题、署名、发文字号和文种写入文档信息")
    func fromOfficialDocument() {
        // given
        let document = OfficialDocument(kind: .request, issuerMark: "江北市财政局文件", number: "江财发〔2026〕3号",
                                        title: "江北市财政局关于追加预算的请示", signatureName: "江北市财政局")
        // when
        let metadata = OFDMetadata(document: document, creationDate: OFDFixtures.issued)
        // then
        #expect(metadata.title == "江北市财政局关于追加预算的请示")
        #expect(metadata.author == "江北市财政局")
        #expect(metadata.customData == [OFDCustomData(name: "发文字号", value: "江财发〔2026〕3号"), OFDCustomData(name: "文种", value: "请示")])
        #expect(metadata.modificationDate == OFDFixtures.issued)
    }
}
