/// How the print view and the seal write numbers and colours into SVG (text goes through ``MarkupEscaping``): one
/// way, so a page and the seal on it cannot disagree.
enum SVGFormat {
    /// `#E60012`.
    static func hex(_ color: LayoutColor) -> String {
        let digits = Array("0123456789ABCDEF")
        return "#" + [color.red, color.green, color.blue].map { component in
            let value = min(max(component, 0), 255)
            return String([digits[value / 16], digits[value % 16]])
        }.joined()
    }

    /// Millimetres to three decimals (a micrometre), without exponent or trailing zeros: `28`, `39.143`, `-12.5`.
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
}
