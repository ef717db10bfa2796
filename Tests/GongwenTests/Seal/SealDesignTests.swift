import Foundation
import Testing
import Gongwen

@Suite("印章图案")
struct SealDesignTests {
    static let names = ["江北市财政局", "江北市人民政府办公室", "中华人民共和国江北省江北市人民政府办公室印章管理中心", "市局"]

    /// A glyph's angle clockwise from the top, in degrees.
    static func angle(_ glyph: SealGlyph) -> Double { atan2(glyph.x, -glyph.y) * 180 / .pi }

    @Test("印章按单位名称逐字排列，顺时针从左下读到右下", arguments: names)
    func charactersInOrder(name: String) {
        // when
        let design = SealDesign.make(unitName: name)
        // then
        #expect(design.glyphs.map(\.character).joined() == name)
        let angles = design.glyphs.map(Self.angle)
        #expect(angles == angles.sorted())
        #expect(design.diameter == 42)
        #expect(abs(design.ringWidth - 1.2) < 1e-9)
        #expect(design.color == .red)
        #expect(design.glyphs.allSatisfy { $0.font == .songti })
    }

    @Test("字距均匀，每个字头朝外、脚朝圆心", arguments: names)
    func evenlySpacedAndUpright(name: String) {
        // when
        let design = SealDesign.make(unitName: name)
        // then
        let angles = design.glyphs.map(Self.angle)
        let steps = zip(angles.dropFirst(), angles).map { $0 - $1 }
        for step in steps { #expect(abs(step - steps[0]) < 1e-9) }
        for (glyph, angle) in zip(design.glyphs, angles) { #expect(abs(glyph.rotation - angle) < 1e-9) }
        let radii = design.glyphs.map { hypot($0.x, $0.y) }
        for radius in radii { #expect(abs(radius - radii[0]) < 1e-9) }
        #expect(Set(design.glyphs.map(\.size)).count == 1)
    }

    @Test("文字左右对称，环绕上半圆 210° 到 260°", arguments: names)
    func symmetric(name: String) {
        // when
        let design = SealDesign.make(unitName: name)
        // then
        let glyphs = design.glyphs
        for (left, right) in zip(glyphs, glyphs.reversed()) {
            #expect(left.rotation == -right.rotation)
            #expect(abs(left.x + right.x) < 1e-9)
            #expect(abs(left.y - right.y) < 1e-9)
        }
        let span = glyphs.last!.rotation - glyphs.first!.rotation
        #expect(span <= 260 + 1e-9)
        if glyphs.count >= 5 { #expect(span >= 210 - 1e-9) }
    }

    @Test("文字在圆环以内，互不重叠，不压五角星", arguments: names)
    func insideRingWithoutOverlap(name: String) {
        // when
        let design = SealDesign.make(unitName: name)
        // then
        let inner = design.diameter / 2 - design.ringWidth
        let starRadius = design.star.map { hypot($0.x, $0.y) }.max()!
        let step = (design.glyphs[1].rotation - design.glyphs[0].rotation) * .pi / 180
        for glyph in design.glyphs {
            let half = glyph.size * TextRun.millimetresPerPoint / 2
            let centre = hypot(glyph.x, glyph.y)
            // The em box's outer corners stay inside the ring…
            #expect(hypot(centre + half, half) < inner)
            // …its inner edge clears the star…
            #expect(centre - half > starRadius)
            // …and its inner corners do not reach the neighbour's.
            #expect(atan(half / (centre - half)) <= step / 2 + 1e-9)
        }
    }

    @Test("名称越长字越小；25 个字仍然可读")
    func longNamesShrink() {
        // given
        let short = SealDesign.make(unitName: "江北市人民政府")
        let long = SealDesign.make(unitName: String(repeating: "江北市人民政府办公室", count: 3).prefix(25).description)
        // then
        #expect(long.glyphs.count == 25)
        #expect(long.glyphs[0].size < short.glyphs[0].size)
        #expect(long.glyphs[0].size >= 7)
        #expect(short.glyphs[0].size * TextRun.millimetresPerPoint <= 0.16 * 42 + 1e-9)
    }

    @Test("空白不占字位；单字居中朝上")
    func whitespaceAndSingleCharacter() {
        #expect(SealDesign.make(unitName: " 江北 市 ").glyphs.map(\.character) == ["江", "北", "市"])
        let single = SealDesign.make(unitName: "印").glyphs
        #expect(single.count == 1)
        #expect(abs(single[0].x) < 1e-9 && single[0].y < 0 && single[0].rotation == 0)
        #expect(SealDesign.make(unitName: "").glyphs.isEmpty)
    }

    @Test("五角星：10 个顶点，尖朝上，外径为直径的 0.2")
    func star() {
        // when
        let design = SealDesign.make(unitName: "江北市人民政府办公室", diameter: 40)
        // then
        #expect(design.star.count == 10)
        #expect(abs(design.star[0].x) < 1e-9 && abs(design.star[0].y + 8) < 1e-9)
        let radii = design.star.map { hypot($0.x, $0.y) }
        for (index, radius) in radii.enumerated() {
            #expect(abs(radius - (index.isMultiple(of: 2) ? 8 : 8 * (3 - 5.0.squareRoot()) / 2)) < 1e-9)
        }
        // Mirror image about the vertical: point k and point 10 − k.
        for index in 1..<10 {
            #expect(abs(design.star[index].x + design.star[10 - index].x) < 1e-9)
            #expect(abs(design.star[index].y - design.star[10 - index].y) < 1e-9)
        }
    }

    @Test("尺寸按直径等比例缩放")
    func scales() {
        let small = SealDesign.make(unitName: "江北市人民政府办公室", diameter: 21)
        let large = SealDesign.make(unitName: "江北市人民政府办公室")
        #expect(abs(small.ringWidth * 2 - large.ringWidth) < 1e-9)
        #expect(abs(hypot(small.glyphs[0].x, small.glyphs[0].y) * 2 - hypot(large.glyphs[0].x, large.glyphs[0].y)) < 0.2)
    }
}
