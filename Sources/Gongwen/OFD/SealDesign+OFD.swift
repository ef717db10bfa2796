import Foundation

extension SealDesign {
    /// The seal drawn as the `Appearance` of a Stamp annotation: a box of `placement.diameter` on the page,
    /// holding one `PageBlock` (the seal as a whole) with the ring, the star and the name's characters,
    /// the design scaled to the placement's diameter. Coordinates inside the Appearance are relative to its
    /// Boundary, so the seal's centre is at (radius, radius).
    func ofdAppearance(placement: SealPlacement, ids: inout OFDIdentifiers, fonts: OFDFontResources) -> OFDElement {
        let size = placement.diameter
        let scale = size / diameter
        let centre = size / 2
        let whole = OFDFormat.box(x: 0, y: 0, width: size, height: size)
        let block = ids.next()
        var objects: [OFDElement] = []

        // The ring: a stroked circle through the middle of the ring's width, four cubic Béziers (the usual
        // quarter-circle constant 0.5523 keeps the error under 0.03 % of the radius). Cubic curves (`B`) are
        // what every reader implements; the arc command `A` is not.
        let radius = (diameter - ringWidth) / 2 * scale
        let k = 0.5522847498 * radius
        func point(_ x: Double, _ y: Double) -> String { OFDFormat.numbers(centre + x, centre + y) }
        let ring = [
            "M \(point(radius, 0))",
            "B \(point(radius, k)) \(point(k, radius)) \(point(0, radius))",
            "B \(point(-k, radius)) \(point(-radius, k)) \(point(-radius, 0))",
            "B \(point(-radius, -k)) \(point(-k, -radius)) \(point(0, -radius))",
            "B \(point(k, -radius)) \(point(radius, -k)) \(point(radius, 0))",
            "C",
        ].joined(separator: " ")
        objects.append(OFDElement("PathObject", [
            ("ID", String(ids.next())), ("Boundary", whole), ("LineWidth", OFDFormat.number(ringWidth * scale)),
        ], children: [
            OFDElement("StrokeColor", [("Value", OFDFormat.color(color))]),
            OFDElement("AbbreviatedData", text: ring),
        ]))

        // The star: a filled closed polygon, not stroked (a stroke would fatten its points).
        if let first = star.first {
            var path = ["M \(point(first.x * scale, first.y * scale))"]
            path += star.dropFirst().map { "L \(point($0.x * scale, $0.y * scale))" }
            path.append("C")
            objects.append(OFDElement("PathObject", [
                ("ID", String(ids.next())), ("Boundary", whole), ("Stroke", "false"), ("Fill", "true"),
            ], children: [
                OFDElement("FillColor", [("Value", OFDFormat.color(color))]),
                OFDElement("AbbreviatedData", text: path.joined(separator: " ")),
            ]))
        }

        // The name: one TextObject per character, in a box twice its size around its centre. The CTM turns
        // it clockwise by the glyph's rotation (y points down, so [cos sin −sin cos] turns clockwise) and
        // moves its origin to the box's centre; the character is drawn centred on that origin: half an em to
        // the left, baseline 0.37 em below (the middle of a CJK face's em box, 0.88 em above and 0.12 em below
        // the baseline).
        for glyph in glyphs where !glyph.character.isEmpty {
            guard let character = glyph.character.first, let font = fonts.id(glyph.font, character) else { continue }
            let em = glyph.size * TextRun.millimetresPerPoint * scale
            let angle = glyph.rotation * .pi / 180
            let (sine, cosine) = (sin(angle), cos(angle))
            let x = centre + glyph.x * scale
            let y = centre + glyph.y * scale
            let scalars = glyph.character.unicodeScalars.count
            var code: [(name: String, value: String)] = [("X", OFDFormat.number(-em / 2)), ("Y", OFDFormat.number(0.37 * em))]
            if scalars > 1, let deltaX = OFDDeltaX.encode(Array(repeating: 0, count: scalars - 1)) {
                code.append(("DeltaX", deltaX))
            }
            objects.append(OFDElement("TextObject", [
                ("ID", String(ids.next())),
                ("Boundary", OFDFormat.box(x: x - em, y: y - em, width: 2 * em, height: 2 * em)),
                ("CTM", OFDFormat.numbers(cosine, sine, -sine, cosine, em, em)),
                ("Font", String(font)),
                ("Size", OFDFormat.number(em)),
                // Bold, as the print view's SVG draws the name: a stamped name is heavier than body text.
                ("Weight", "700"),
            ], children: [
                OFDElement("FillColor", [("Value", OFDFormat.color(color))]),
                OFDElement("TextCode", code, text: glyph.character),
            ]))
        }

        return OFDElement("Appearance", [
            ("Boundary", OFDFormat.box(x: placement.centerX - centre, y: placement.centerY - centre, width: size, height: size)),
        ], children: [
            OFDElement("PageBlock", [("ID", String(block))], children: objects),
        ])
    }
}
