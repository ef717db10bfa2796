import Foundation
@testable import Gongwen
import Testing

/// Which face sets which role, and which files are not used: the licence's embedding flags, PostScript
/// outlines, damaged files.
@Suite("嵌入字体的选择")
struct FontLibraryTests {
    @Test("没有首选字体时：仿宋、小标宋、宋体用文鼎宋体，楷体用文鼎楷体，黑体用文泉驿微米黑")
    func fallbacks() throws {
        let library = InstalledFonts.library
        _ = try InstalledFonts.song
        #expect(library.primaryFace(for: .fangsong)?.familyName == "AR PL SungtiL GB")
        #expect(library.primaryFace(for: .xiaobiaosong)?.familyName == "AR PL SungtiL GB")
        #expect(library.primaryFace(for: .songti)?.familyName == "AR PL SungtiL GB")
        #expect(library.primaryFace(for: .kaiti)?.familyName == "AR PL KaitiM GB")
        #expect(library.primaryFace(for: .heiti)?.familyName == "WenQuanYi Micro Hei")
        #expect(!library.hasPreferredFace(for: .fangsong))
    }

    @Test("单位自己的字体目录排在前面：同名的首选字体优先于替代字体")
    func officeFontsFirst() throws {
        // given: an office font directory holding a copy of the 楷体 face the system also has
        let office = FileManager.default.temporaryDirectory.appendingPathComponent("zt-fonts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: office, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: office) }
        let kai = try InstalledFonts.face("AR PL KaitiM GB")
        try FileManager.default.copyItem(atPath: kai.path, toPath: office.appendingPathComponent("kai.ttf").path)
        // when
        let library = FontLibrary.scanning([office.path] + FontLibrary.systemDirectories)
        // then
        #expect(library.primaryFace(for: .kaiti)?.path.hasPrefix(office.resolvingSymlinksInPath().path) == true)
    }

    @Test("字体许可禁止嵌入或禁止子集时不用它")
    func licenceFlags() throws {
        let song = try InstalledFonts.song
        let os2 = try #require(song.tables["OS/2"])
        for (flags, allowed) in [(UInt16(0x0000), true), (0x0004, true), (0x0008, true), (0x0002, false), (0x0104, false), (0x0204, false)] {
            var data = Data(song.bytes.data)
            data.setU16(flags, at: os2.offset + 8)
            let face = try FontFace(data: data, path: song.path, index: 0)
            #expect(face.allowsSubsetEmbedding == allowed, "fsType \(flags)")
        }
    }

    @Test("PostScript 轮廓（CFF）的字体和损坏的文件被拒绝，并说明原因")
    func refusedFiles() throws {
        // given: an OpenType header announcing one CFF table
        var otto = Data()
        otto.appendU32(0x4F54_544F)
        otto.appendU16(1); otto.appendU16(16); otto.appendU16(0); otto.appendU16(0)
        otto.append(contentsOf: Array("CFF ".utf8)); otto.appendU32(0); otto.appendU32(28); otto.appendU32(4)
        otto.append(Data(count: 4))
        #expect(throws: FontFileError.postScriptOutlines) { try FontFace(data: otto, path: "x.otf", index: 0) }
        // and a file cut short
        let song = try InstalledFonts.song
        #expect(throws: FontFileError.truncated) { try FontFace(data: Data(song.bytes.data.prefix(100)), path: "cut.ttf", index: 0) }
        #expect(throws: FontFileError.notSFNT) { try FontFace(data: Data("not a font".utf8), path: "x.ttf", index: 0) }
    }
}
