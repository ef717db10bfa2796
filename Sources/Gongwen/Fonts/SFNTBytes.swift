import Foundation

/// Big-endian reads from a font file's bytes, as every sfnt (TrueType, OpenType, TTC) stores its numbers.
///
/// Reads past the end throw instead of trapping: font files come from the machine's font directories and
/// an office's own collection, and one damaged file must not take the server down.
struct SFNTBytes: Sendable {
    let data: Data

    init(_ data: Data) { self.data = data }

    var count: Int { data.count }

    func u8(_ offset: Int) throws -> UInt8 {
        guard offset >= 0, offset < data.count else { throw FontFileError.truncated }
        return data[data.startIndex + offset]
    }

    func u16(_ offset: Int) throws -> UInt16 {
        UInt16(try u8(offset)) << 8 | UInt16(try u8(offset + 1))
    }

    func i16(_ offset: Int) throws -> Int16 { Int16(bitPattern: try u16(offset)) }

    func u32(_ offset: Int) throws -> UInt32 {
        UInt32(try u16(offset)) << 16 | UInt32(try u16(offset + 2))
    }

    func slice(_ offset: Int, _ length: Int) throws -> Data {
        guard offset >= 0, length >= 0, offset + length <= data.count else { throw FontFileError.truncated }
        return data.subdata(in: (data.startIndex + offset)..<(data.startIndex + offset + length))
    }
}

/// Appends big-endian numbers, for the tables a subset writes.
extension Data {
    mutating func appendU16(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendU32(_ value: UInt32) {
        appendU16(UInt16(value >> 16))
        appendU16(UInt16(value & 0xFFFF))
    }

    /// Overwrites two bytes at `offset` (relative to the start) with a big-endian number.
    mutating func setU16(_ value: UInt16, at offset: Int) {
        self[startIndex + offset] = UInt8(value >> 8)
        self[startIndex + offset + 1] = UInt8(value & 0xFF)
    }

    mutating func setU32(_ value: UInt32, at offset: Int) {
        setU16(UInt16(value >> 16), at: offset)
        setU16(UInt16(value & 0xFFFF), at: offset + 2)
    }
}

/// Why a font file could not be used.
public enum FontFileError: Error, Equatable, Sendable {
    /// The file ends before a table or number it points to.
    case truncated
    /// Not a TrueType/OpenType file or collection.
    case notSFNT
    /// A table every use here needs is missing (its tag).
    case missingTable(String)
    /// The glyphs are PostScript (CFF) outlines: only TrueType (`glyf`) outlines are subset here.
    case postScriptOutlines
    /// A table's content is not what the specification allows (which table).
    case malformed(String)
}
