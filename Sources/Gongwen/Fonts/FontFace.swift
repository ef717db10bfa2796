import Foundation

/// One face of a TrueType font file (a `.ttf`, or one member of a `.ttc` collection): its names, whether its
/// licence lets a document carry it, and its glyphs by Unicode scalar.
///
/// Only faces with TrueType outlines (a `glyf` table) are opened: they are what `FontSubsetter` writes, and
/// the one kind every OFD reader (and reportlab, behind easyofd) renders. CFF-outlined fonts such as Noto
/// CJK are refused with `postScriptOutlines`.
public struct FontFace: Sendable {
    /// The file the face was read from, and its index in a collection (0 for a plain font file).
    public let path: String
    public let index: Int
    /// Family names from the `name` table in every language the font gives (e.g. "仿宋" and "FangSong").
    public let familyNames: [String]
    /// The family name to write in a document: the English one when there is one (readers match it most
    /// reliably), otherwise the first.
    public let familyName: String
    /// `OS/2.fsType`: the embedding permissions the font's licence sets.
    public let embeddingFlags: UInt16

    let bytes: SFNTBytes
    let tables: [String: (offset: Int, length: Int)]
    /// Glyph index by Unicode scalar, from the Windows Unicode `cmap` subtable.
    let glyphs: [UInt32: UInt16]
    let glyphCount: Int
    /// `head.indexToLocFormat`: 0 short (`loca` holds offset/2), 1 long.
    let longLocations: Bool

    /// The face at `index` of the font file at `path`.
    public init(path: String, index: Int = 0) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        try self.init(data: data, path: path, index: index)
    }

    init(data: Data, path: String, index: Int) throws {
        let bytes = SFNTBytes(data)
        let directory = try FontFace.directoryOffset(bytes, index: index)
        var tables: [String: (offset: Int, length: Int)] = [:]
        let count = Int(try bytes.u16(directory + 4))
        for entry in 0..<count {
            let record = directory + 12 + 16 * entry
            let tag = String(decoding: try bytes.slice(record, 4), as: UTF8.self)
            let offset = Int(try bytes.u32(record + 8))
            let length = Int(try bytes.u32(record + 12))
            guard offset + length <= bytes.count else { throw FontFileError.truncated }
            tables[tag] = (offset, length)
        }
        if tables["glyf"] == nil, tables["CFF "] != nil || tables["CFF2"] != nil { throw FontFileError.postScriptOutlines }
        for tag in ["head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf", "name"] where tables[tag] == nil {
            throw FontFileError.missingTable(tag)
        }
        self.path = path
        self.index = index
        self.bytes = bytes
        self.tables = tables
        self.familyNames = try FontFace.familyNames(bytes, table: tables["name"]!)
        guard let first = familyNames.first else { throw FontFileError.malformed("name") }
        self.familyName = try FontFace.englishFamilyName(bytes, table: tables["name"]!) ?? first
        self.embeddingFlags = try tables["OS/2"].map { try bytes.u16($0.offset + 8) } ?? 0
        self.glyphs = try FontFace.unicodeGlyphs(bytes, table: tables["cmap"]!)
        self.glyphCount = Int(try bytes.u16(tables["maxp"]!.offset + 4))
        self.longLocations = try bytes.i16(tables["head"]!.offset + 50) == 1
    }

    /// How many faces the file at `path` holds (a collection's count, 1 for a plain font file).
    public static func faceCount(path: String) throws -> Int {
        let bytes = SFNTBytes(try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        return try String(decoding: bytes.slice(0, 4), as: UTF8.self) == "ttcf" ? Int(bytes.u32(8)) : 1
    }

    /// Whether the licence lets a document carry a subset of the face (OpenType `OS/2.fsType`): not when
    /// embedding is restricted (bit 1 without the print or edit bits), when subsetting is forbidden (bit 8),
    /// or when only bitmaps may be embedded (bit 9, and the face has TrueType outlines only).
    public var allowsSubsetEmbedding: Bool {
        let restricted = embeddingFlags & 0x000E == 0x0002
        return !restricted && embeddingFlags & 0x0100 == 0 && embeddingFlags & 0x0200 == 0
    }

    /// Whether the face maps the scalar to a glyph of its own (not `.notdef`).
    public func covers(_ scalar: Unicode.Scalar) -> Bool {
        glyphs[scalar.value].map { $0 != 0 } ?? false
    }

    /// A character is covered when every one of its scalars is.
    public func covers(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy(covers)
    }

    /// The bytes of glyph `glyph` in `glyf` (empty for a glyph without outline, such as a space).
    func glyphData(_ glyph: UInt16) throws -> Data {
        guard Int(glyph) < glyphCount, let loca = tables["loca"], let glyf = tables["glyf"] else { throw FontFileError.malformed("loca") }
        func location(_ index: Int) throws -> Int {
            longLocations ? Int(try bytes.u32(loca.offset + 4 * index)) : 2 * Int(try bytes.u16(loca.offset + 2 * index))
        }
        let start = try location(Int(glyph))
        let end = try location(Int(glyph) + 1)
        guard start <= end, end <= glyf.length else { throw FontFileError.malformed("glyf") }
        return try bytes.slice(glyf.offset + start, end - start)
    }

    /// Glyph `glyph`'s advance width and left side bearing from `hmtx` (glyphs past `numberOfHMetrics`
    /// share the last advance).
    func horizontalMetrics(_ glyph: UInt16) throws -> (advance: UInt16, leftSideBearing: Int16) {
        guard let hhea = tables["hhea"], let hmtx = tables["hmtx"] else { throw FontFileError.missingTable("hmtx") }
        let metrics = Int(try bytes.u16(hhea.offset + 34))
        guard metrics > 0 else { throw FontFileError.malformed("hhea") }
        let index = Int(glyph)
        if index < metrics {
            return (try bytes.u16(hmtx.offset + 4 * index), try bytes.i16(hmtx.offset + 4 * index + 2))
        }
        let advance = try bytes.u16(hmtx.offset + 4 * (metrics - 1))
        return (advance, try bytes.i16(hmtx.offset + 4 * metrics + 2 * (index - metrics)))
    }

    /// A table's bytes, as the file has them.
    func table(_ tag: String) throws -> Data? {
        guard let table = tables[tag] else { return nil }
        return try bytes.slice(table.offset, table.length)
    }

    // MARK: - Reading the file

    private static func directoryOffset(_ bytes: SFNTBytes, index: Int) throws -> Int {
        let tag = try bytes.u32(0)
        if tag == 0x7474_6366 { // "ttcf"
            let faces = Int(try bytes.u32(8))
            guard index >= 0, index < faces else { throw FontFileError.malformed("ttcf") }
            return Int(try bytes.u32(12 + 4 * index))
        }
        // TrueType 1.0, "true" (old Apple) or "OTTO" (CFF, refused later by its tables).
        guard [0x0001_0000, 0x7472_7565, 0x4F54_544F].contains(tag), index == 0 else { throw FontFileError.notSFNT }
        return 0
    }

    /// The `name` table's records of one name ID: (platform, language, text).
    private static func names(_ bytes: SFNTBytes, table: (offset: Int, length: Int), id wanted: UInt16) throws -> [(platform: UInt16, language: UInt16, text: String)] {
        let count = Int(try bytes.u16(table.offset + 2))
        let strings = table.offset + Int(try bytes.u16(table.offset + 4))
        var found: [(UInt16, UInt16, String)] = []
        for record in 0..<count {
            let base = table.offset + 6 + 12 * record
            let platform = try bytes.u16(base)
            let encoding = try bytes.u16(base + 2)
            let language = try bytes.u16(base + 4)
            guard try bytes.u16(base + 6) == wanted else { continue }
            let raw = try bytes.slice(strings + Int(try bytes.u16(base + 10)), Int(try bytes.u16(base + 8)))
            let text: String?
            switch (platform, encoding) {
            case (0, _), (3, 1), (3, 10): text = String(data: raw, encoding: .utf16BigEndian)
            case (1, 0): text = String(data: raw, encoding: .macOSRoman)
            default: text = nil // Symbol and legacy CJK encodings: the Unicode records say the same.
            }
            if let text, !text.isEmpty { found.append((platform, language, text)) }
        }
        return found
    }

    private static func familyNames(_ bytes: SFNTBytes, table: (offset: Int, length: Int)) throws -> [String] {
        var seen: [String] = []
        for name in try names(bytes, table: table, id: 1) where !seen.contains(name.text) { seen.append(name.text) }
        return seen
    }

    private static func englishFamilyName(_ bytes: SFNTBytes, table: (offset: Int, length: Int)) throws -> String? {
        let family = try names(bytes, table: table, id: 1)
        return family.first { $0.platform == 3 && $0.language == 0x0409 }?.text ?? family.first { $0.platform == 1 }?.text
    }

    /// Glyph indices by scalar from the best Windows Unicode subtable: format 12 (3,10) when present, else
    /// format 4 (3,1) or a Unicode-platform one.
    private static func unicodeGlyphs(_ bytes: SFNTBytes, table: (offset: Int, length: Int)) throws -> [UInt32: UInt16] {
        let count = Int(try bytes.u16(table.offset + 2))
        var subtables: [(rank: Int, offset: Int)] = []
        for record in 0..<count {
            let base = table.offset + 4 + 8 * record
            let platform = try bytes.u16(base)
            let encoding = try bytes.u16(base + 2)
            let offset = table.offset + Int(try bytes.u32(base + 4))
            let format = try bytes.u16(offset)
            switch (platform, encoding, format) {
            case (3, 10, 12), (0, 4, 12), (0, 6, 12): subtables.append((0, offset))
            case (3, 1, 4), (0, _, 4): subtables.append((1, offset))
            default: continue
            }
        }
        guard let best = subtables.min(by: { $0.rank < $1.rank }) else { throw FontFileError.malformed("cmap") }
        return try bytes.u16(best.offset) == 12 ? format12(bytes, at: best.offset) : format4(bytes, at: best.offset)
    }

    private static func format4(_ bytes: SFNTBytes, at offset: Int) throws -> [UInt32: UInt16] {
        let segments = Int(try bytes.u16(offset + 6)) / 2
        let ends = offset + 14
        let starts = ends + 2 * segments + 2
        let deltas = starts + 2 * segments
        let rangeOffsets = deltas + 2 * segments
        var map: [UInt32: UInt16] = [:]
        for segment in 0..<segments {
            let end = try bytes.u16(ends + 2 * segment)
            let start = try bytes.u16(starts + 2 * segment)
            let delta = try bytes.u16(deltas + 2 * segment)
            let rangeOffset = Int(try bytes.u16(rangeOffsets + 2 * segment))
            guard start <= end, start != 0xFFFF else { continue }
            for code in UInt32(start)...UInt32(end) {
                var glyph: UInt16
                if rangeOffset == 0 {
                    glyph = UInt16(truncatingIfNeeded: code &+ UInt32(delta))
                } else {
                    // The offset counts from the idRangeOffset entry itself into glyphIdArray.
                    let at = rangeOffsets + 2 * segment + rangeOffset + 2 * Int(code - UInt32(start))
                    glyph = try bytes.u16(at)
                    if glyph != 0 { glyph = glyph &+ delta }
                }
                if glyph != 0 { map[code] = glyph }
            }
        }
        return map
    }

    private static func format12(_ bytes: SFNTBytes, at offset: Int) throws -> [UInt32: UInt16] {
        let groups = Int(try bytes.u32(offset + 12))
        var map: [UInt32: UInt16] = [:]
        for group in 0..<groups {
            let base = offset + 16 + 12 * group
            let start = try bytes.u32(base)
            let end = try bytes.u32(base + 4)
            let glyph = try bytes.u32(base + 8)
            guard start <= end, end - start < 0x11_0000 else { throw FontFileError.malformed("cmap") }
            for code in start...end {
                let index = glyph + (code - start)
                if index != 0, index <= UInt32(UInt16.max) { map[code] = UInt16(index) }
            }
        }
        return map
    }
}
