import Foundation

/// Writes a TrueType font holding only the glyphs some text needs, for a document to carry (OFD `FontFile`).
///
/// The subset keeps glyph 0 (`.notdef`), the glyph of every requested scalar the face maps, and the
/// components those glyphs are built from, numbered anew in that order. Its tables:
/// - `glyf`/`loca` (long offsets) with composite glyphs' component indices renumbered;
/// - `hmtx` with a full metric per glyph, `hhea`/`maxp`/`head` with the new counts;
/// - `cmap` with a Windows Unicode BMP subtable (format 4) and, when a scalar lies beyond the BMP, a full
///   repertoire one (format 12);
/// - `post` version 3 (no glyph names: they would name the old numbering);
/// - `name`, `OS/2` (the licence flags travel with the font), and the hinting tables `cvt `, `fpgm`, `prep`,
///   `gasp` as they are: glyph instructions call into them.
/// Tables that index glyphs and are not rewritten (vertical metrics, OpenType layout, `kern`, `mort`) are
/// left out: text is set horizontally, character by character, at the advances the layout chose.
public enum FontSubsetter {
    /// The subset's bytes; scalars the face does not map are left out (the caller chose another face for them).
    public static func subset(_ face: FontFace, scalars: Set<Unicode.Scalar>) throws -> Data {
        // The new glyph order: .notdef, then by scalar (so runs of scalars get runs of glyphs and the cmap
        // stays short), then components.
        var order: [UInt16] = [0]
        var newIndex: [UInt16: UInt16] = [0: 0]
        var mapped: [(scalar: UInt32, old: UInt16)] = []
        for scalar in scalars.map(\.value).sorted() {
            guard let glyph = face.glyphs[scalar] else { continue }
            mapped.append((scalar, glyph))
            if newIndex[glyph] == nil {
                newIndex[glyph] = UInt16(order.count)
                order.append(glyph)
            }
        }
        var next = 0
        while next < order.count {
            for component in try components(of: face.glyphData(order[next])) where newIndex[component] == nil {
                guard Int(component) < face.glyphCount else { throw FontFileError.malformed("glyf") }
                newIndex[component] = UInt16(order.count)
                order.append(component)
            }
            next += 1
        }

        var glyf = Data()
        var loca = Data()
        var hmtx = Data()
        for old in order {
            loca.appendU32(UInt32(glyf.count))
            glyf.append(try renumbered(face.glyphData(old), newIndex))
            while glyf.count % 4 != 0 { glyf.append(0) }
            let metrics = try face.horizontalMetrics(old)
            hmtx.appendU16(metrics.advance)
            hmtx.appendU16(UInt16(bitPattern: metrics.leftSideBearing))
        }
        loca.appendU32(UInt32(glyf.count))

        guard var head = try face.table("head"), head.count >= 54,
              var hhea = try face.table("hhea"), hhea.count >= 36,
              var maxp = try face.table("maxp"), maxp.count >= 6
        else { throw FontFileError.malformed("head") }
        head.setU32(0, at: 8) // checkSumAdjustment, set once the file is assembled
        head.setU16(1, at: 50) // indexToLocFormat: long
        hhea.setU16(UInt16(order.count), at: 34)
        maxp.setU16(UInt16(order.count), at: 4)

        var tables: [String: Data] = [
            "head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf,
            "cmap": cmap(mapped.map { ($0.scalar, newIndex[$0.old]!) }),
            "post": try post(face),
        ]
        for tag in ["name", "OS/2", "cvt ", "fpgm", "prep", "gasp"] {
            if let table = try face.table(tag) { tables[tag] = table }
        }
        return SFNTWriter.font(tables)
    }

    // MARK: - Composite glyphs

    private static let argumentsAreWords: UInt16 = 0x0001
    private static let hasScale: UInt16 = 0x0008
    private static let moreComponents: UInt16 = 0x0020
    private static let hasXYScale: UInt16 = 0x0040
    private static let hasTwoByTwo: UInt16 = 0x0080

    /// Where each component record of a composite glyph keeps its glyph index (byte offsets), or none for a
    /// simple glyph (`numberOfContours` ≥ 0) or an empty one.
    private static func componentOffsets(_ glyph: Data) throws -> [Int] {
        let bytes = SFNTBytes(glyph)
        guard glyph.count >= 10, try bytes.i16(0) < 0 else { return [] }
        var offsets: [Int] = []
        var at = 10
        while true {
            let flags = try bytes.u16(at)
            offsets.append(at + 2)
            at += 4 + (flags & argumentsAreWords != 0 ? 4 : 2)
            if flags & hasScale != 0 { at += 2 } else if flags & hasXYScale != 0 { at += 4 } else if flags & hasTwoByTwo != 0 { at += 8 }
            guard flags & moreComponents != 0 else { break }
            guard at < glyph.count else { throw FontFileError.malformed("glyf") }
        }
        return offsets
    }

    private static func components(of glyph: Data) throws -> [UInt16] {
        let bytes = SFNTBytes(glyph)
        return try componentOffsets(glyph).map { try bytes.u16($0) }
    }

    private static func renumbered(_ glyph: Data, _ newIndex: [UInt16: UInt16]) throws -> Data {
        var copy = Data(glyph)
        let bytes = SFNTBytes(glyph)
        for offset in try componentOffsets(glyph) {
            guard let index = newIndex[try bytes.u16(offset)] else { throw FontFileError.malformed("glyf") }
            copy.setU16(index, at: offset)
        }
        return copy
    }

    // MARK: - Tables written anew

    /// `post` version 3.0: the face's italic angle, underline and fixed-pitch fields, no glyph names.
    private static func post(_ face: FontFace) throws -> Data {
        var table = try face.table("post").map { Data($0.prefix(32)) } ?? Data(count: 32)
        if table.count < 32 { table.append(Data(count: 32 - table.count)) }
        table.setU32(0x0003_0000, at: 0)
        return table
    }

    /// `cmap` with (3,1) format 4 for the BMP and, when needed, (3,10) format 12 for every scalar.
    static func cmap(_ pairs: [(scalar: UInt32, glyph: UInt16)]) -> Data {
        let sorted = pairs.sorted { $0.scalar < $1.scalar }
        let bmp = sorted.filter { $0.scalar <= 0xFFFF }
        let needsFull = sorted.count != bmp.count

        var subtables = [(platform: UInt16, encoding: UInt16, data: Data)]()
        subtables.append((3, 1, format4(bmp)))
        if needsFull { subtables.append((3, 10, format12(sorted))) }

        var table = Data()
        table.appendU16(0)
        table.appendU16(UInt16(subtables.count))
        var offset = 4 + 8 * subtables.count
        for subtable in subtables {
            table.appendU16(subtable.platform)
            table.appendU16(subtable.encoding)
            table.appendU32(UInt32(offset))
            offset += subtable.data.count
        }
        for subtable in subtables { table.append(subtable.data) }
        return table
    }

    /// Runs of consecutive scalars with consecutive glyphs, as (first scalar, last scalar, first glyph).
    private static func runs(_ pairs: [(scalar: UInt32, glyph: UInt16)]) -> [(start: UInt32, end: UInt32, glyph: UInt16)] {
        var runs: [(start: UInt32, end: UInt32, glyph: UInt16)] = []
        for pair in pairs {
            if let last = runs.last, pair.scalar == last.end + 1, UInt32(pair.glyph) == UInt32(last.glyph) + (pair.scalar - last.start) {
                runs[runs.count - 1].end = pair.scalar
            } else {
                runs.append((pair.scalar, pair.scalar, pair.glyph))
            }
        }
        return runs
    }

    private static func format4(_ pairs: [(scalar: UInt32, glyph: UInt16)]) -> Data {
        // Every run is a segment mapped by idDelta; the format requires a last segment ending at 0xFFFF.
        let segments = runs(pairs).map { (start: UInt16($0.start), end: UInt16($0.end), delta: $0.glyph &- UInt16($0.start)) }
            + [(start: 0xFFFF, end: 0xFFFF, delta: 1)]
        let count = segments.count
        var searchRange = 1
        var selector = 0
        while searchRange * 2 <= count { searchRange *= 2; selector += 1 }
        var data = Data()
        data.appendU16(4)
        data.appendU16(UInt16(16 + 8 * count))
        data.appendU16(0) // language
        data.appendU16(UInt16(2 * count))
        data.appendU16(UInt16(2 * searchRange))
        data.appendU16(UInt16(selector))
        data.appendU16(UInt16(2 * count - 2 * searchRange))
        for segment in segments { data.appendU16(segment.end) }
        data.appendU16(0) // reservedPad
        for segment in segments { data.appendU16(segment.start) }
        for segment in segments { data.appendU16(segment.delta) }
        for _ in segments { data.appendU16(0) } // idRangeOffset: none, deltas only
        return data
    }

    private static func format12(_ pairs: [(scalar: UInt32, glyph: UInt16)]) -> Data {
        let groups = runs(pairs)
        var data = Data()
        data.appendU16(12)
        data.appendU16(0)
        data.appendU32(UInt32(16 + 12 * groups.count))
        data.appendU32(0) // language
        data.appendU32(UInt32(groups.count))
        for group in groups {
            data.appendU32(group.start)
            data.appendU32(group.end)
            data.appendU32(UInt32(group.glyph))
        }
        return data
    }
}
