import Foundation
@testable import Gongwen
import Testing

/// A subset is a TrueType font a reader can use on its own: the requested characters map to the same
/// outlines and advances as in the whole font, composite glyphs bring their parts, and the file's
/// checksums are right.
@Suite("字体子集")
struct FontSubsetterTests {
    static func reopened(_ data: Data) throws -> FontFace {
        try FontFace(data: data, path: "subset.ttf", index: 0)
    }

    @Test("子集里每个字的字形和宽度与原字体相同，没有请求的字不在其中")
    func sameOutlines() throws {
        // given
        let song = try InstalledFonts.song
        let text = "江北市人民政府办公室关于做好2026年春节期间安全生产工作的通知。"
        // when
        let subset = try Self.reopened(FontSubsetter.subset(song, scalars: Set(text.unicodeScalars)))
        // then
        #expect(subset.glyphCount == 1 + Set(text).count)
        for scalar in Set(text.unicodeScalars) {
            let old = try #require(song.glyphs[scalar.value])
            let new = try #require(subset.glyphs[scalar.value], "\(scalar) missing from the subset")
            #expect(try subset.glyphData(new) == song.glyphData(old), "\(scalar)'s outline changed")
            #expect(try subset.horizontalMetrics(new) == song.horizontalMetrics(old))
        }
        #expect(!subset.covers(Character("京")))
        #expect(subset.familyName == "AR PL SungtiL GB")
        #expect(subset.embeddingFlags == song.embeddingFlags)
    }

    @Test("复合字形带上它的部件，部件编号换成子集里的编号")
    func compositeGlyphs() throws {
        // given: a character WenQuanYi Micro Hei builds from other glyphs
        let hei = try InstalledFonts.hei
        let composite = try #require(hei.glyphs.sorted { $0.key < $1.key }.first { _, glyph in
            // numberOfContours < 0 marks a composite glyph
            ((try? hei.glyphData(glyph)).flatMap { try? SFNTBytes($0).i16(0) } ?? 0) < 0
        })
        let scalar = try #require(Unicode.Scalar(composite.key))
        // when
        let subset = try Self.reopened(FontSubsetter.subset(hei, scalars: [scalar]))
        // then: every component index points into the subset, at a glyph with the original part's outline
        let glyph = try #require(subset.glyphs[scalar.value])
        let data = try subset.glyphData(glyph)
        let original = try hei.glyphData(composite.value)
        #expect(data.count == original.count)
        #expect(subset.glyphCount > 2, "the composite's parts are missing")
        for part in 2..<subset.glyphCount {
            #expect(try !subset.glyphData(UInt16(part)).isEmpty)
        }
    }

    @Test("子集文件的表校验和与整体校验和正确")
    func checksums() throws {
        let data = try FontSubsetter.subset(try InstalledFonts.song, scalars: Set("公文".unicodeScalars))
        #expect(SFNTWriter.checksum(data) == 0xB1B0_AFBA)
        let bytes = SFNTBytes(data)
        let tables = Int(try bytes.u16(4))
        for entry in 0..<tables {
            let record = 12 + 16 * entry
            let tag = String(decoding: try bytes.slice(record, 4), as: UTF8.self)
            guard tag != "head" else { continue } // its checksum is taken with checkSumAdjustment zero
            let table = try bytes.slice(Int(try bytes.u32(record + 8)), Int(try bytes.u32(record + 12)))
            #expect(SFNTWriter.checksum(table) == (try bytes.u32(record + 4)), "\(tag)")
        }
    }

    @Test("基本多文种平面以外的字写进 format 12 的 cmap")
    func supplementaryPlane() throws {
        // given: 𠀀 (U+20000) and 一 mapped to glyphs 1 and 2
        let table = FontSubsetter.cmap([(0x20000, 1), (0x4E00, 2)])
        let bytes = SFNTBytes(table)
        // then: two subtables, (3,1) and (3,10), and the latter maps U+20000
        #expect(try bytes.u16(2) == 2)
        #expect(try bytes.u16(12) == 3 && bytes.u16(14) == 10)
        let full = Int(try bytes.u32(16))
        #expect(try bytes.u16(full) == 12)
        #expect(try bytes.u32(full + 12) == 2)
        #expect(try bytes.u32(full + 16) == 0x4E00 && bytes.u32(full + 28) == 0x20000 && bytes.u32(full + 36) == 1)
    }
}
