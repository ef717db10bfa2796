extension DocumentLayout {
    /// The GB/T 9704-2012 page and its line grid, in millimetres from the page's top-left corner.
    ///
    /// Quoted from the standard: A4 (210 × 297), 天头 37, 订口 28, 版心 156 × 225, 22 lines of 28 characters,
    /// body 3号 (16 pt), title 2号 (22 pt), 版记 and page numbers 4号 (14 pt). Everything else here is derived
    /// and says how.
    enum PageGeometry {
        static let pageWidth = LaidOutPage.width
        static let pageHeight = LaidOutPage.height
        /// 天头: the text block's top edge.
        static let top = 37.0
        /// 订口: the text block's left edge.
        static let left = 28.0
        static let textWidth = 156.0
        static let textHeight = 225.0
        /// 184 mm, so the right margin is 210 − 184 = 26 mm.
        static let right = left + textWidth
        /// 262 mm, so the bottom margin is 297 − 262 = 35 mm.
        static let bottom = top + textHeight
        static let linesPerPage = 22
        static let charactersPerLine = 28

        /// 225 / 22 ≈ 10.227 mm: line n (1…22) is the band [top + (n − 1)·pitch, top + n·pitch].
        static let linePitch = textHeight / Double(linesPerPage)
        /// 156 / 28 ≈ 5.571 mm: a full-width character of 3号 text on the 28-character grid. It is a little
        /// less than the 16 pt em (5.644 mm), as in a word processor's character grid; glyphs keep their
        /// side bearings, so neighbours do not touch.
        static let characterPitch = textWidth / Double(charactersPerLine)

        /// 3号: body text, head elements, 附件说明, 署名, 成文日期, 附注.
        static let bodySize = 16.0
        /// 2号: the title.
        static let titleSize = 22.0
        /// 4号: 版记 and page numbers.
        static let footerSize = 14.0

        /// The part of a CJK font's em box above the baseline. Noto/Source Han CJK put the ideographic em box
        /// from −0.12 to +0.88 em (SimSun and FangSong are within 0.02 of this), so a glyph's top edge, which
        /// GB/T 9704 measures the 标志 by, is 0.88 em above its baseline.
        static let ascent = 0.88

        /// Points to millimetres (1 pt = 25.4 / 72 mm).
        static func millimetres(points: Double) -> Double {
            points * TextRun.millimetresPerPoint
        }

        /// The em height of text of `size` points, in millimetres (16 pt ≈ 5.644 mm).
        static func emHeight(size: Double) -> Double {
            millimetres(points: size)
        }

        /// How far a full-width character of `size` points advances: the grid pitch scaled from 3号
        /// (16 pt → 5.571, 22 pt → 7.661, 14 pt → 4.875 mm).
        static func fullWidth(size: Double) -> Double {
            characterPitch * size / bodySize
        }

        /// The top edge of line `line` (1-based; line 23 is the text block's bottom edge).
        static func lineTop(_ line: Int) -> Double {
            top + Double(line - 1) * linePitch
        }

        /// Where the baseline of `size`-point text sits below the top of its line: the em box is centred in the
        /// 10.227 mm band, so 16 pt text has (10.227 − 5.644) / 2 ≈ 2.29 mm above and below it and its baseline
        /// 2.29 + 0.88 × 5.644 ≈ 7.26 mm below the line's top.
        static func baselineOffset(size: Double) -> Double {
            let em = emHeight(size: size)
            return (linePitch - em) / 2 + ascent * em
        }

        /// The line whose top edge is nearest to `y` (the earlier on a tie). The head is measured in millimetres
        /// from the 标志, the body lies on the grid: snapping to the nearest line keeps "two blank lines below the
        /// rule" within half a line of two line pitches, where rounding down or up could make it 1½ or 3.
        static func nearestLine(to y: Double) -> Int {
            let lines = ((y - top) / linePitch - 1e-9).rounded(.toNearestOrAwayFromZero)
            return min(max(1, Int(lines) + 1), linesPerPage)
        }
    }
}
