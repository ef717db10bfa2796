import Foundation

extension Rule {
    /// The rule as a stroked `PathObject`: a Boundary around the line widened by half the line width on
    /// every side (so the stroke is not clipped) and `M x y L x y` relative to that Boundary.
    func ofdPathObject(id: Int) -> OFDElement {
        let half = width / 2
        let left = min(x1, x2) - half
        let top = min(y1, y2) - half
        return OFDElement("PathObject", [
            ("ID", String(id)),
            ("Boundary", OFDFormat.box(x: left, y: top, width: abs(x2 - x1) + width, height: abs(y2 - y1) + width)),
            ("LineWidth", OFDFormat.number(width)),
        ], children: [
            OFDElement("StrokeColor", [("Value", OFDFormat.color(color))]),
            // Unused while Fill is false (the default) but read by readers that take a path's colour from
            // FillColor whatever it does (easyofd draws such a rule black otherwise).
            OFDElement("FillColor", [("Value", OFDFormat.color(color))]),
            OFDElement("AbbreviatedData", text: "M \(OFDFormat.numbers(x1 - left, y1 - top)) L \(OFDFormat.numbers(x2 - left, y2 - top))"),
        ])
    }
}
