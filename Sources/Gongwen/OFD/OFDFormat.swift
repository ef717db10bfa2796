import Foundation

/// How numbers, boxes, colours and dates are spelled in OFD attributes.
enum OFDFormat {
    /// A length in millimetres with at most three decimals (a micrometre, finer than any printer), no
    /// trailing zeros and never `-0`; always with a `.` whatever the server's locale. `decimals` gives more
    /// where values add up (DeltaX).
    static func number(_ value: Double, decimals: Int = 3) -> String {
        guard value.isFinite else { return "0" }
        let factor = pow(10, Double(decimals))
        let rounded = (value * factor).rounded() / factor
        if rounded == 0 { return "0" }
        var text = String(format: "%.\(decimals)f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Space-separated numbers, as ST_Array and ST_Pos are written.
    static func numbers(_ values: Double...) -> String {
        values.map { number($0) }.joined(separator: " ")
    }

    /// An ST_Box: `x y width height`.
    static func box(x: Double, y: Double, width: Double, height: Double) -> String {
        numbers(x, y, width, height)
    }

    /// A `CT_Color` value in the default RGB colour space: `R G B`.
    static func color(_ color: LayoutColor) -> String {
        "\(clamp(color.red)) \(clamp(color.green)) \(clamp(color.blue))"
    }

    private static func clamp(_ component: Int) -> Int { min(max(component, 0), 255) }

    /// An `xs:date` (`2026-01-05`) for the day `date` falls on in Beijing, as the document is dated.
    static func date(_ date: Date) -> String {
        let day = DocumentDate(date)
        return String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
    }

    /// The signature time as seal software writes it: UTC, `yyyyMMddHHmmss'Z'` (the GeneralizedTime form).
    static func signatureTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
