extension SealDesign {
    /// The seal as an inline `<svg>` element, `diameter` millimetres square with the origin at its centre,
    /// for the print view and the verification page.
    ///
    /// Only shapes and text, every character and attribute XML-escaped; no scripts, links or external
    /// resources. `idPrefix` names the element (`seal`) and its parts (`seal-ring`, `seal-star`, `seal-name`)
    /// so that several seals can share a page.
    public func svg(idPrefix: String = "seal") -> String {
        let radius = diameter / 2
        let fill = Self.hex(color)
        let name = glyphs.map(\.character).joined()
        let id = Self.escape(idPrefix)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" viewBox=\"\(Self.number(-radius)) \(Self.number(-radius)) "
            + "\(Self.number(diameter)) \(Self.number(diameter))\" width=\"\(Self.number(diameter))mm\" height=\"\(Self.number(diameter))mm\" "
            + "role=\"img\" aria-label=\"\(Self.escape("印章：" + name))\">"
        svg += "<circle id=\"\(id)-ring\" cx=\"0\" cy=\"0\" r=\"\(Self.number(radius - ringWidth / 2))\" fill=\"none\" "
            + "stroke=\"\(fill)\" stroke-width=\"\(Self.number(ringWidth))\"/>"
        let points = star.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        svg += "<polygon id=\"\(id)-star\" points=\"\(points)\" fill=\"\(fill)\"/>"
        svg += "<g id=\"\(id)-name\" fill=\"\(fill)\" font-weight=\"bold\" text-anchor=\"middle\" dominant-baseline=\"central\">"
        for glyph in glyphs {
            let x = Self.number(glyph.x)
            let y = Self.number(glyph.y)
            // Sizes are points; the drawing's unit is the millimetre.
            let size = Self.number(glyph.size * TextRun.millimetresPerPoint)
            svg += "<text x=\"\(x)\" y=\"\(y)\" font-size=\"\(size)\" font-family=\"\(Self.escape(Self.fontFamily(glyph.font)))\" "
                + "transform=\"rotate(\(Self.number(glyph.rotation)) \(x) \(y))\">\(Self.escape(glyph.character))</text>"
        }
        svg += "</g></svg>"
        return svg
    }

    /// CSS font-family lists: the Windows font a 机关 has installed first, then the Noto CJK fallback.
    static func fontFamily(_ role: FontRole) -> String {
        switch role {
        case .songti: "SimSun, 宋体, 'Noto Serif CJK SC', serif"
        case .fangsong: "FangSong, 仿宋, 'Noto Serif CJK SC', serif"
        case .kaiti: "KaiTi, 楷体, 'Noto Serif CJK SC', serif"
        case .heiti: "SimHei, 黑体, 'Noto Sans CJK SC', sans-serif"
        case .xiaobiaosong: "'FZXiaoBiaoSong-B05S', 方正小标宋简体, 'Noto Serif CJK SC', serif"
        }
    }

    static func hex(_ color: LayoutColor) -> String { SVGFormat.hex(color) }

    static func number(_ value: Double) -> String { SVGFormat.number(value) }

    /// A seal's name drops control characters rather than keep a position for them.
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text, controlCharacters: .drop) }
}
