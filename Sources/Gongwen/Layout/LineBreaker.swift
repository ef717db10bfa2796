extension DocumentLayout {
    /// Chinese line breaking (分行) with basic 避头尾: a line may break between any two CJK characters, but
    /// never so that a line starts with closing punctuation (，。、；：？！）》」 …) or ends with an opening
    /// bracket (（《「 …), and never inside a run of ASCII letters and digits (`2026`, `3.5`, `ABC`).
    ///
    /// Closing punctuation is glued to the character before it and opening brackets to the character after,
    /// so a unit that does not fit moves to the next line whole: the line before ends one character short
    /// and is then justified (its gaps widened) to the full width, as a word processor does.
    enum LineBreaker {
        /// Characters a line must not start with (避头).
        static let noLineStart: Set<Character> = [
            "，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "〕", "〉", "”", "’", "…", "—",
            "％", "·", "～", "｝", "］",
            ",", ".", ";", ":", "?", "!", ")", "]", "}", "%",
        ]

        /// Characters a line must not end with (避尾).
        static let noLineEnd: Set<Character> = [
            "（", "《", "「", "『", "【", "〔", "〈", "“", "‘", "｛", "［",
            "(", "[", "{",
        ]

        /// A set line: its glyphs from `x`, each advancing by `advances[i]` (justified lines have wider gaps).
        struct Line: Hashable, Sendable {
            var glyphs: [Glyph]
            var advances: [Double]
            var x: Double

            var width: Double { advances.reduce(0, +) }
        }

        /// Breaks `glyphs` into lines: the first starts at `firstX`, the others at `restX`, and none passes
        /// `right`. Every line but the last is justified to end exactly at `right` when `justify` is set.
        /// Each range in `keepTogether` (an organ's name in a list) moves to the next line whole if it can.
        static func lines(_ glyphs: [Glyph], firstX: Double, restX: Double, right: Double, justify: Bool = true,
                          keepTogether: [Range<Int>] = []) -> [Line] {
            guard !glyphs.isEmpty else { return [] }
            let tolerance = 1e-6
            var ranges: [Range<Int>] = []
            var start = 0
            var used = 0.0
            var available = right - firstX
            func finishLine(at end: Int) {
                ranges.append(start..<end)
                start = end
                used = 0
                available = right - restX
            }
            for unit in units(glyphs, keepTogether: keepTogether) {
                let width = glyphs[unit].width
                if used + width <= available + tolerance {
                    used += width
                    continue
                }
                if unit.lowerBound > start { finishLine(at: unit.lowerBound) }
                if width <= available + tolerance {
                    used = width
                    continue
                }
                // A unit wider than a whole line (a long URL or number): split it where it overflows.
                for index in unit {
                    if used + glyphs[index].advance > available + tolerance && index > start { finishLine(at: index) }
                    used += glyphs[index].advance
                }
            }
            if start < glyphs.count { ranges.append(start..<glyphs.count) }

            return ranges.enumerated().map { number, range in
                let lineGlyphs = Array(glyphs[range])
                var advances = lineGlyphs.map(\.advance)
                let x = number == 0 ? firstX : restX
                if justify && number < ranges.count - 1 {
                    spread(&advances, glyphs: lineGlyphs, extra: right - x - advances.reduce(0, +))
                }
                return Line(glyphs: lineGlyphs, advances: advances, x: x)
            }
        }

        /// The unbreakable units of `glyphs`: single characters, with 避头 punctuation joined to the unit before,
        /// 避尾 brackets to the unit after, and ASCII words kept whole.
        static func units(_ glyphs: [Glyph], keepTogether: [Range<Int>] = []) -> [Range<Int>] {
            func group(_ index: Int) -> Int? { keepTogether.firstIndex { $0.contains(index) } }
            var units: [Range<Int>] = []
            for index in glyphs.indices {
                let character = glyphs[index].character
                let joins: Bool
                if let previous = units.last, index > 0 {
                    let before = glyphs[index - 1].character
                    joins = noLineStart.contains(character) || noLineEnd.contains(before)
                        || (isWordCharacter(before) && isWordCharacter(character))
                        || (group(index) != nil && group(index) == group(index - 1))
                    if joins { units[units.count - 1] = previous.lowerBound..<(index + 1) }
                } else {
                    joins = false
                }
                if !joins { units.append(index..<(index + 1)) }
            }
            return units
        }

        /// Part of an ASCII word or number: not broken inside.
        static func isWordCharacter(_ character: Character) -> Bool {
            character.isASCII && !character.isWhitespace && !noLineEnd.contains(character)
        }

        /// Widens the gaps of a line by `extra` millimetres in all, evenly, so it ends at the right edge; gaps
        /// inside an ASCII word stay as they are. A line that would need more than two characters' worth
        /// (only after a long unbreakable word moved down) is left ragged rather than letter-spaced.
        private static func spread(_ advances: inout [Double], glyphs: [Glyph], extra: Double) {
            guard extra > 1e-6, let size = glyphs.first?.size, extra <= 2 * PageGeometry.fullWidth(size: size) else { return }
            let gaps = glyphs.indices.dropLast().filter { index in
                !(isWordCharacter(glyphs[index].character) && isWordCharacter(glyphs[index + 1].character))
            }
            guard !gaps.isEmpty else { return }
            let share = extra / Double(gaps.count)
            for index in gaps { advances[index] += share }
        }
    }
}

extension DocumentLayout.LineBreaker.Line {
    /// The line as text runs, one per stretch of the same font, size and colour, on one baseline `baseline`
    /// millimetres down (runs after the first start where the previous one's advances end).
    func runs(baseline: Double) -> [TextRun] {
        var runs: [TextRun] = []
        var x = self.x
        var index = 0
        while index < glyphs.count {
            let first = glyphs[index]
            var end = index + 1
            while end < glyphs.count && glyphs[end].font == first.font && glyphs[end].size == first.size
                && glyphs[end].color == first.color { end += 1 }
            let advances = Array(self.advances[index..<end])
            runs.append(TextRun(text: String(glyphs[index..<end].map(\.character)), x: x, y: baseline, font: first.font,
                                size: first.size, color: first.color, advances: advances))
            x += advances.reduce(0, +)
            index = end
        }
        return runs
    }
}
