import Foundation

extension TextRun {
    /// The run's size in millimetres: OFD measures `Size` in mm, the layout in points.
    var sizeInMillimetres: Double { size * TextRun.millimetresPerPoint }

    /// The run as `TextObject`s with the next IDs: one for each stretch of characters drawn in the same font
    /// resource (`font` says which; a character in a face that lacks it goes to another), none (and no ID
    /// used) when it has nothing visible.
    ///
    /// Each object's `Boundary` spans its advances across and one em above the baseline to a quarter em
    /// below it; the `TextCode` sits at the Boundary's left edge with its baseline one em down, and `DeltaX`
    /// repeats the layout's advances, so the reader places every character where the layout put it rather
    /// than where its own font metrics would.
    ///
    /// Leading and trailing whitespace (the 全角空格 of an indent, say) is left out and an object starts at
    /// its first visible character: XML readers commonly strip it from element text, which would shift
    /// every character after it. Whitespace between characters stays with the stretch before it.
    func ofdTextObjects(ids: inout OFDIdentifiers, font: (Character) -> Int?) throws -> [OFDElement] {
        let characters = Array(text)
        guard characters.count == advances.count else {
            throw OFDWriterError.advancesMismatch(text: text, characters: characters.count, advances: advances.count)
        }
        var objects: [OFDElement] = []
        var start: Int?
        var current: Int?
        var left = x
        for index in characters.indices {
            let character = characters[index]
            if !character.isWhitespace, let id = font(character), id != current {
                if let start, let current { objects.append(object(characters, advances, start..<index, left: left, font: current, ids: &ids)) }
                left = x + advances[..<index].reduce(0, +)
                start = index
                current = id
            }
        }
        if let start, let current { objects.append(object(characters, advances, start..<characters.count, left: left, font: current, ids: &ids)) }
        return objects
    }

    /// One `TextObject` of the characters in `range` (whose first is visible), trailing whitespace left out.
    private func object(_ characters: [Character], _ advances: [Double], _ range: Range<Int>, left: Double, font: Int, ids: inout OFDIdentifiers) -> OFDElement {
        let last = characters[range].lastIndex { !$0.isWhitespace } ?? range.lowerBound
        let visible = characters[range.lowerBound...last]
        let visibleAdvances = advances[range.lowerBound...last]

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
