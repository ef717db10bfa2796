import Foundation

/// Handwriting of a 批示: strokes drawn on the page's canvas, each a list of points `[x, y]` in the canvas's own
/// coordinates. Checked strictly (bounded counts, finite numbers within the canvas) so stored drawings are small and
/// harmless; shown as an SVG built here from numbers alone, never from the submitted text.
struct BulletinStrokes: Sendable, Equatable {
    /// The canvas the page draws on (CSS pixels); points must lie within it.
    static let width = 600
    static let height = 300
    static let maximumStrokes = 200
    static let maximumPoints = 5000
    /// The submitted JSON's size limit (5,000 points of two short numbers fit well within it).
    static let maximumBytes = 120_000

    var strokes: [[Point]]

    struct Point: Sendable, Equatable {
        var x: Double
        var y: Double
    }

    var pointCount: Int { strokes.reduce(0) { $0 + $1.count } }

    /// Parses and checks what a page or a phone sent; nil text or an empty list means no handwriting.
    /// - Throws: 422 with a message for anything else (not JSON, not arrays of number pairs, too many, out of bounds).
    static func parse(_ text: String?) throws -> BulletinStrokes? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let invalid = AppError.validation(Strings.Bulletins.strokesInvalid, fields: ["strokes": Strings.Bulletins.strokesInvalid])
        guard trimmed.utf8.count <= maximumBytes,
              let raw = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else { throw invalid }
        guard raw.count <= maximumStrokes else { throw invalid }
        var strokes: [[Point]] = []
        var total = 0
        for element in raw {
            guard let points = element as? [Any], !points.isEmpty else { throw invalid }
            var stroke: [Point] = []
            for point in points {
                guard let pair = point as? [Any], pair.count == 2,
                      let x = (pair[0] as? NSNumber).map(\.doubleValue), let y = (pair[1] as? NSNumber).map(\.doubleValue),
                      x.isFinite, y.isFinite, (0...Double(width)).contains(x), (0...Double(height)).contains(y) else { throw invalid }
                stroke.append(Point(x: (x * 10).rounded() / 10, y: (y * 10).rounded() / 10))
            }
            total += stroke.count
            guard total <= maximumPoints else { throw invalid }
            strokes.append(stroke)
        }
        return strokes.isEmpty ? nil : BulletinStrokes(strokes: strokes)
    }

    /// Stored form: JSON arrays of numbers.
    var json: String {
        "[" + strokes.map { "[" + $0.map { "[\(Self.number($0.x)),\(Self.number($0.y))]" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }

    /// The `d` attribute of one `<path>`: moves and lines, numbers only (a single point becomes a dot).
    var pathData: String {
        strokes.map { stroke in
            guard let first = stroke.first else { return "" }
            var d = "M\(Self.number(first.x)) \(Self.number(first.y))"
            if stroke.count == 1 { d += " l0.1 0" }
            for point in stroke.dropFirst() { d += " L\(Self.number(point.x)) \(Self.number(point.y))" }
            return d
        }.joined(separator: " ")
    }

    /// A complete inline SVG of the drawing (the template inserts it unescaped: everything in it is generated here).
    var svg: String {
        "<svg class=\"handwriting\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width) \(Self.height)\" role=\"img\" aria-label=\"\(Strings.Bulletins.handwritingLabel)\">"
            + "<path d=\"\(pathData)\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>"
    }

    /// A stored drawing back (nil for anything unreadable: it was checked when written).
    static func stored(_ text: String?) -> BulletinStrokes? {
        try? parse(text)
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
