import Foundation
@testable import Gongwen
import OFDCheck
import Testing

/// An OFD written with a font library carries its fonts: every text object's font is a `FontFile` in the
/// package whose glyphs cover the object's characters, so a reader with none of the fonts shows the text.
@Suite("OFD 嵌入字体")
struct OFDEmbeddedFontTests {
    /// The embedded faces by font ID, and the package.
    static func embedded(_ data: Data) throws -> (fonts: [String: FontFace], reader: OFDPackageReader) {
        let reader = try OFDPackageReader(data)
        var fonts: [String: FontFace] = [:]
        for font in try reader.xml("Doc_0/PublicRes.xml").all("Font") {
            let id = try #require(font.attributes["ID"])
            let file = try #require(font.value("FontFile"), "font \(font.attributes["FontName"] ?? id) is not embedded")
            fonts[id] = try FontFace(data: reader.data("Doc_0/Res/\(file)"), path: file, index: 0)
        }
        return (fonts, reader)
    }

    /// Every visible character of every text object (pages and the seal) has a glyph in its object's font.
    static func uncovered(_ data: Data) throws -> [String] {
        let (fonts, reader) = try embedded(data)
        var problems: [String] = []
        for path in reader.xmlPaths where path.contains("/Pages/") || path.contains("/Annots/Page_") {
            for object in try reader.xml(path).all("TextObject") {
                let text = object.all("TextCode").map(\.text).joined()
                guard let face = object.attributes["Font"].flatMap({ fonts[$0] }) else {
                    problems.append("\(path): \(text) has no embedded font")
                    continue
                }
                for character in text where !character.isWhitespace && !face.covers(character) {
                    problems.append("\(path): \(face.familyName) lacks \(character) of \(text)")
                }
            }
        }
        return problems
    }

    static func sealedSample() throws -> Data {
        let sample = OFDFixtures.sample()
        return try OFDWriter.package(sample.layout, metadata: OFDFixtures.metadata(), seal: OFDFixtures.seal(), fonts: InstalledFonts.library)
    }

    @Test("盖章的通知：正文、标志、印章上的字都用包内的字体，结构检查通过")
    func sealedNoticeCarriesItsFonts() throws {
        // when
        let data = try Self.sealedSample()
        // then
        let (fonts, _) = try Self.embedded(data)
        #expect(fonts.values.contains { $0.familyName == "AR PL SungtiL GB" })
        #expect(try Self.uncovered(data) == [])
        #expect(OFDStructureCheck.problems(in: data).map(\.description) == [])
    }

    @Test("首选字体没有的字由另一个字体补上，各自成一个文字对象")
    func rareCharacterFallsBack() throws {
        // given: 堃 is not in GB 2312, so AR PL SungtiL GB lacks it; WenQuanYi Micro Hei has it
        let song = try InstalledFonts.song
        #expect(!song.covers(Character("堃")))
        let run = OFDFixtures.run("张堃同志", x: 28, y: 60)
        let layout = LaidOutDocument(pages: [LaidOutPage(items: [.text(run)])])
        // when
        let data = try OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seal: nil, fonts: InstalledFonts.library)
        // then
        let (fonts, reader) = try Self.embedded(data)
        let objects = try reader.xml("Doc_0/Pages/Page_0/Content.xml").all("TextObject")
        #expect(objects.map { $0.all("TextCode").map(\.text).joined() } == ["张", "堃", "同志"])
        #expect(objects.compactMap { $0.attributes["Font"].flatMap { fonts[$0]?.familyName } }
            == ["AR PL SungtiL GB", "WenQuanYi Micro Hei", "AR PL SungtiL GB"])
        let boxes = objects.map { ofdNumbers($0.attributes["Boundary"]) }
        let em = run.advances[0]
        #expect(abs(boxes[1][0] - (28 + em)) < 0.01 && abs(boxes[2][0] - (28 + 2 * em)) < 0.01)
        #expect(try Self.uncovered(data) == [])
    }

    @Test("三页通知带上字体后不到 1 MB；同样的输入得到同样的字节")
    func sizeAndDeterminism() throws {
        // given: the two-page sample and a third page of body text
        let sample = OFDFixtures.sample()
        var layout = sample.layout
        let lines = OFDFixtures.body.flatMap(OFDFixtures.bodyLines)
        layout.pages.append(LaidOutPage(items: lines.prefix(22).enumerated().map { index, line in
            .text(OFDFixtures.run(line, x: 28, y: 37 + Double(index + 1) * OFDFixtures.linePitch))
        }))
        // when
        let first = try OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seal: nil, fonts: InstalledFonts.library)
        let second = try OFDWriter.package(layout, metadata: OFDFixtures.metadata(), seal: nil, fonts: InstalledFonts.library)
        // then
        #expect(first.count < 1_000_000, "\(first.count) bytes")
        #expect(first == second)
        #expect(try Self.uncovered(first) == [])
    }

    @Test("没有字体库时只写字体名称（阅读器替换），不带字体文件")
    func withoutLibraryFontsAreNamed() throws {
        let sample = OFDFixtures.sample()
        let reader = try OFDPackageReader(OFDWriter.package(sample.layout, metadata: OFDFixtures.metadata(), seal: nil))
        let fonts = try reader.xml("Doc_0/PublicRes.xml").all("Font")
        #expect(fonts.map { $0.attributes["FontName"] } == ["仿宋", "方正小标宋简体", "黑体", "楷体", "宋体"].filter { name in
            fonts.contains { $0.attributes["FontName"] == name }
        })
        #expect(fonts.allSatisfy { $0.value("FontFile") == nil })
        #expect(!reader.paths.contains { $0.hasSuffix(".ttf") })
    }
}
