import Foundation

/// Assembles sfnt tables into a TrueType file: the table directory sorted by tag, each table padded to four
/// bytes with its checksum, and `head.checkSumAdjustment` set so the whole file sums to 0xB1B0AFBA.
enum SFNTWriter {
    static func font(_ tables: [String: Data]) -> Data {
        let tags = tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var entrySelector = 0
        while 1 << (entrySelector + 1) <= tags.count { entrySelector += 1 }
        let searchRange = (1 << entrySelector) * 16

        var file = Data()
        file.appendU32(0x0001_0000)
        file.appendU16(UInt16(tags.count))
        file.appendU16(UInt16(searchRange))
        file.appendU16(UInt16(entrySelector))
        file.appendU16(UInt16(tags.count * 16 - searchRange))

        var offset = 12 + 16 * tags.count
        var body = Data()
        var headOffset: Int?
        for tag in tags {
            let table = tables[tag]!
            file.append(contentsOf: Array(tag.utf8))
            file.appendU32(checksum(table))
            file.appendU32(UInt32(offset))
            file.appendU32(UInt32(table.count))
            if tag == "head" { headOffset = offset }
            body.append(table)
            while body.count % 4 != 0 { body.append(0) }
            offset = 12 + 16 * tags.count + body.count
        }
        file.append(body)
        if let headOffset {
            file.setU32(0xB1B0_AFBA &- checksum(file), at: headOffset + 8)
        }
        return file
    }

    /// The sum of the data as big-endian 32-bit words, the last one padded with zeros.
    static func checksum(_ data: Data) -> UInt32 {
        var sum: UInt32 = 0
        var word: UInt32 = 0
        for (index, byte) in data.enumerated() {
            word = word << 8 | UInt32(byte)
            if index % 4 == 3 {
                sum &+= word
                word = 0
            }
        }
        let rest = data.count % 4
        if rest != 0 { sum &+= word << (8 * UInt32(4 - rest)) }
        return sum
    }
}
