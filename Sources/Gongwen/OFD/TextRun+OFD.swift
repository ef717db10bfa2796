import Foundation

extension TextRun {
    /// The run's size in millimetres: OFD measures `Size` in mm, the layout in points.
    var sizeInMillimetres: Double { size * TextRun.millimetresPerPoint }

    /// The run as a `TextObject` with the next ID, or nil (and no ID used) when it has nothing visible.
    ///
    /// The `Boundary` spans the run's advances across and one em above the baseline to a quarter em below it;
    /// the `TextCode` sits at the Boundary's left edge with its baseline one em down, and `DeltaX` repeats the
    /// layout's advances, so the reader places every character where the layout put it rather than where its
    /// own font metrics would.
    ///
    /// Leading and trailing whitespace (the 全角空格 of an indent, say) is left out and the run starts at its
    /// first visible character: XML readers commonly strip it from element text, which would shift every
    /// character after it.
    func ofdTextObject(ids: inout OFDIdentifiers, font: Int) throws -> OFDElement? {
        let characters = Array(text)
        guard characters.count == advances.count else {
            throw OFDWriterError.advancesMismatch(text: text, characters: characters.count, advances: advances.count)
        }
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
              let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return nil }
        let left = x + advances[..<first].reduce(0, +)
        let visible = characters[first...last]
        let visibleAdvances = advances[first...last]

        // One delta per Unicode scalar, as readers index TextCode: a character made of several scalars (a
        // base and a combining mark) keeps them together with zero deltas before its own advance.
        var scalarAdvances: [Double] = []
        for (character, advance) in zip(visible, visibleAdvances) {
            scalarAdvances.append(contentsOf: Array(repeating: 0, count: character.unicodeScalars.count - 1))
            scalarAdvances.append(advance)
        }
        let em = sizeInMillimetres
        let width = visibleAdvances.reduce(0, +)

        var code: [(name: String, value: String)] = [("X", "0"), ("Y", OFDFormat.number(em))]
        if let deltaX = OFDDeltaX.encode(Array(scalarAdvances.dropLast())) {
            code.append(("DeltaX", deltaX))
        }
        return OFDElement("TextObject", [
            ("ID", String(ids.next())),
            ("Boundary", OFDFormat.box(x: left, y: y - em, width: width, height: em * 1.25)),
            ("Font", String(font)),
            ("Size", OFDFormat.number(em)),
        ], children: [
            OFDElement("FillColor", [("Value", OFDFormat.color(color))]),
            OFDElement("TextCode", code, text: String(visible)),
        ])
    }
}
