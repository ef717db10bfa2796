import Foundation
import ZIPFoundation

/// Writes ZIP files byte by byte, so a test can make what no ZIP library would: entries sharing one stream,
/// pointing past the end or into the central directory, or whose local header names another file.
struct RawZip {
    /// One central-directory record: where its local header is and what it says the entry holds.
    struct Record {
        var name: String
        var localHeaderOffset: Int
        var compressedSize: Int
        var uncompressedSize: Int
        var method: UInt16 = 8
    }

    private(set) var data = Data()
    private(set) var records: [Record] = []

    /// Appends a local header and `payload` (already deflated when `method` is 8) and lists it in the directory.
    @discardableResult
    mutating func add(_ name: String, payload: Data, uncompressedSize: Int, method: UInt16 = 8, localName: String? = nil) -> Record {
        let record = Record(name: name, localHeaderOffset: data.count, compressedSize: payload.count, uncompressedSize: uncompressedSize, method: method)
        let nameBytes = Data((localName ?? name).utf8)
        data += le32(0x0403_4B50) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0) + le32(0)
        data += le32(UInt32(payload.count)) + le32(UInt32(truncatingIfNeeded: uncompressedSize)) + le16(UInt16(nameBytes.count)) + le16(0)
        data += nameBytes + payload
        records.append(record)
        return record
    }

    /// Lists another record in the directory without writing anything for it (it points wherever it says).
    mutating func list(_ record: Record) {
        records.append(record)
    }

    /// The file: the local entries, the central directory and its end record.
    func finished() -> Data {
        var directory = Data()
        for record in records {
            let name = Data(record.name.utf8)
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(record.method) + le16(0) + le16(0) + le32(0)
            directory += le32(UInt32(record.compressedSize)) + le32(UInt32(truncatingIfNeeded: record.uncompressedSize))
            directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            directory += le32(UInt32(record.localHeaderOffset)) + name
        }
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(records.count)) + le16(UInt16(records.count))
            + le32(UInt32(directory.count)) + le32(UInt32(data.count)) + le16(0)
        return data + directory + end
    }

    /// Raw DEFLATE of `count` bytes repeating `pattern`, made without holding them all (a bomb's payload).
    static func deflated(repeating pattern: String, count: Int) throws -> Data {
        let unit = Data(pattern.utf8)
        var deflated = Data()
        _ = try Data.compress(
            size: Int64(count), bufferSize: 64 * 1024,
            provider: { position, size in
                var chunk = Data(capacity: size)
                var offset = Int(position) % unit.count
                while chunk.count < size {
                    let take = min(unit.count - offset, size - chunk.count)
                    chunk += unit[offset..<(offset + take)]
                    offset = 0
                }
                return chunk
            },
            consumer: { deflated.append($0) }
        )
        return deflated
    }

    /// Raw DEFLATE of `data`.
    static func deflated(_ data: Data) throws -> Data {
        var deflated = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024,
                              provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) },
                              consumer: { deflated.append($0) })
        return deflated
    }

    private func le16(_ value: UInt16) -> Data { Data([UInt8(value & 0xFF), UInt8(value >> 8)]) }
    private func le32(_ value: UInt32) -> Data { Data((0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }) }
}
