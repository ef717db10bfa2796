extension DocumentLayout {
    /// One character waiting to be set, with its font and its advance on the character grid.
    struct Glyph: Hashable, Sendable {
        var character: Character
        var font: FontRole
        /// Point size.
        var size: Double
        var color: LayoutColor
        /// Millimetres: one grid pitch scaled to the size for full-width characters, half of that for ASCII.
        var advance: Double

        init(_ character: Character, font: FontRole, size: Double, color: LayoutColor = .black) {
            self.character = character
            self.font = font
            self.size = size
            self.color = color
            advance = PageGeometry.fullWidth(size: size) * (Self.isHalfWidth(character) ? 0.5 : 1)
        }

        /// ASCII letters, digits, punctuation and the space are half-width (半角); everything else a Chinese
        /// font sets full-width (全角), including ★, — and the full-width brackets.
        static func isHalfWidth(_ character: Character) -> Bool {
            character.isASCII
        }

        /// Glyphs for `text`, all in one font.
        static func glyphs(_ text: String, font: FontRole, size: Double, color: LayoutColor = .black) -> [Glyph] {
            text.map { Glyph($0, font: font, size: size, color: color) }
        }
    }
}

extension Collection<DocumentLayout.Glyph> {
    /// The natural width in millimetres.
    var width: Double { reduce(0) { $0 + $1.advance } }
}

extension TextRun {
    /// `text` set on the grid in one font: its first character at `x`, its baseline at `baseline`.
    static func grid(_ text: String, x: Double, baseline: Double, font: FontRole, size: Double,
                     color: LayoutColor = .black) -> TextRun {
        TextRun(text: text, x: x, y: baseline, font: font, size: size, color: color,
                advances: DocumentLayout.Glyph.glyphs(text, font: font, size: size).map(\.advance))
    }

    /// The natural width of `text` on the grid at `size` points.
    static func gridWidth(_ text: String, size: Double) -> Double {
        DocumentLayout.Glyph.glyphs(text, font: .fangsong, size: size).width
    }
}
