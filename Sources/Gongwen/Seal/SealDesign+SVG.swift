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

    /// `#E60012`.
    static func hex(_ color: LayoutColor) -> String {
        let digits = Array("0123456789ABCDEF")
        return "#" + [color.red, color.green, color.blue].map { component in
            let value = min(max(component, 0), 255)
            return String([digits[value / 16], digits[value % 16]])
        }.joined()
    }

    /// Millimetres to three decimals, without exponents or trailing zeros (`-12.5`, `0`).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let thousandths = (value * 1000).rounded()
        guard thousandths != 0 else { return "0" }
        let magnitude = Int(abs(thousandths))
        var text = (thousandths < 0 ? "-" : "") + String(magnitude / 1000)
        let fraction = magnitude % 1000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// Text and attribute values with `& < > " '` as entities; control characters, which XML cannot hold, dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case _ where character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }):
                continue
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
