import Foundation

extension SealDesign {
    /// The seal of the unit named `unitName`, drawn from the name alone (no image files): a red ring, a
    /// five-pointed star in the middle and the name's characters along the upper arc, as on a 机关 seal.
    ///
    /// Every length is proportional to `diameter`, so a seal drawn at another size is the same picture
    /// scaled; the figures below are for the default 42 mm:
    ///
    /// - Ring: 1.2 mm wide (`diameter / 35`), its outer edge on the seal's edge.
    /// - Star: point up, outer radius `0.2 × diameter` (8.4 mm); the inner corners lie where the edges of a
    ///   regular pentagram cross, at `(3 − √5) / 2 ≈ 0.382` of the outer radius. Ten points, clockwise from
    ///   the top.
    /// - Name: whitespace dropped, one glyph per character, read clockwise from the lower left. The glyphs'
    ///   outer edges lie 0.8 mm inside the ring. Their centres are spread evenly over an arc, symmetric about
    ///   the vertical, spanning 210° for four or fewer characters up to 260° for sixteen or more (linear in
    ///   between), so short names sit high like a stamped seal's and long ones wrap further down. Very short
    ///   names keep at most 60° between neighbours (two characters span 60°, three 120°, four 180°) rather
    ///   than scattering down the sides.
    /// - Glyph size: each glyph is treated as a square em box, turned so its foot points at the centre
    ///   (`rotation` = the glyph's angle clockwise from the top). Neighbouring boxes fan out, so they come
    ///   closest at their inner corners; the size is the largest at which those corners do not cross,
    ///   `h = 2·r·t / (1 + 2·t)` with `r` the radius of the outer edges and `t = tan(step / 2)`, capped at
    ///   `0.16 × diameter` (6.7 mm, about 19 pt) and rounded down to 0.1 pt. A ten-character name gets about
    ///   6 mm (17 pt), twenty-five characters about 2.8 mm (8 pt). The ink of a CJK glyph fills about 90% of
    ///   its em box, which leaves the visible gap between characters.
    public static func make(unitName: String, diameter: Double = 42) -> SealDesign {
        let radius = diameter / 2
        let ringWidth = diameter / 35
        let starOuter = 0.2 * diameter
        let starInner = starOuter * (3 - 5.0.squareRoot()) / 2
        let star = (0..<10).map { index -> SealPoint in
            let angle = Double(index) * 36 * .pi / 180
            let distance = index.isMultiple(of: 2) ? starOuter : starInner
            return SealPoint(x: distance * sin(angle), y: -distance * cos(angle))
        }

        let characters = unitName.filter { !$0.isWhitespace }.map(String.init)
        let count = characters.count
        let outerEdge = radius - ringWidth - diameter * (0.8 / 42)
        let step = Self.angularStep(count: count)
        let maximumHeight = 0.16 * diameter
        var height = maximumHeight
        if count > 1 {
            let t = tan(step / 2 * .pi / 180)
            height = min(maximumHeight, 2 * outerEdge * t / (1 + 2 * t))
        }
        let size = (height / TextRun.millimetresPerPoint * 10).rounded(.down) / 10
        let centreRadius = outerEdge - size * TextRun.millimetresPerPoint / 2
        let middle = Double(count - 1) / 2
        let glyphs = characters.enumerated().map { index, character -> SealGlyph in
            // (index − middle) is exact, so the two halves mirror each other exactly.
            let degrees = (Double(index) - middle) * step
            let angle = degrees * .pi / 180
            return SealGlyph(character: character, x: centreRadius * sin(angle), y: -centreRadius * cos(angle),
                             rotation: degrees, size: size)
        }
        return SealDesign(diameter: diameter, ringWidth: ringWidth, star: star, glyphs: glyphs)
    }

    /// Degrees between neighbouring characters' centres for a name of `count` characters.
    static func angularStep(count: Int) -> Double {
        guard count > 1 else { return 0 }
        let share = min(max(Double(count - 4) / 12, 0), 1)
        let span = 210 + 50 * share
        return min(span / Double(count - 1), 60)
    }
}
