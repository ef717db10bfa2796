import Foundation

/// Reads entries of a ZIP file (`.docx`, `.ofd`) held in memory, checking every offset against the data.
///
/// ZIPFoundation's `Archive` hangs on a crafted entry (see ``Inflater``), and attachments come from anyone,
/// so the central directory is read here and entries are inflated through ``Inflater``. ZIP64 archives
/// (4 GB or 65,535 entries and more) and encrypted entries are not read: office documents are never either.
/// Public so that other untrusted ZIP files (archive packages handed in for checking) are read the same safe way.
public struct ZipContainer: Sendable {
    public struct Entry: Sendable {
        public let path: String
        let method: Int
        let isEncrypted: Bool
        let compressedSize: Int
        let localHeaderOffset: Int
    }

    /// More entries than any document has; beyond it the file is not worth reading.
    private static let maximumEntryCount = 20_000

    public let entries: [Entry]
    private let bytes: [UInt8]

    public init?(data: Data) {
        let bytes = [UInt8](data)
        self.bytes = bytes
        guard let directory = Self.centralDirectory(in: bytes) else { return nil }
        var entries: [Entry] = []
        var offset = directory.offset
        for _ in 0..<min(directory.count, Self.maximumEntryCount) {
            guard bytes.uint32(at: offset) == 0x0201_4B50,
                  let flags = bytes.uint16(at: offset + 8),
                  let method = bytes.uint16(at: offset + 10),
                  let compressedSize = bytes.uint32(at: offset + 20),
                  let nameLength = bytes.uint16(at: offset + 28),
                  let extraLength = bytes.uint16(at: offset + 30),
                  let commentLength = bytes.uint16(at: offset + 32),
                  let localHeaderOffset = bytes.uint32(at: offset + 42),
                  offset + 46 + nameLength <= bytes.count
            else { break }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(
                // Some Windows tools write backslashes.
                path: name.replacingOccurrences(of: "\\", with: "/"),
                method: method,
                isEncrypted: flags & 1 != 0,
                compressedSize: compressedSize,
                localHeaderOffset: localHeaderOffset
            ))
            offset += 46 + nameLength + extraLength + commentLength
        }
        guard !entries.isEmpty else { return nil }
        self.entries = entries
    }

    /// Whether `data` starts like a ZIP file.
    static func hasSignature(_ data: Data) -> Bool {
        data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
    }

    func entry(atPath path: String) -> Entry? {
        entries.first { $0.path == path }
    }

    /// The entry's bytes, at most `limit` of them; nil when they cannot be read.
    public func contents(of entry: Entry, limit: Int) -> Data? {
        let header = entry.localHeaderOffset
        guard !entry.isEncrypted,
              bytes.uint32(at: header) == 0x0403_4B50,
              let nameLength = bytes.uint16(at: header + 26),
              let extraLength = bytes.uint16(at: header + 28)
        else { return nil }
        let start = header + 30 + nameLength + extraLength
        // The central directory's size is used: the local header's may be zero when a data descriptor follows.
        let end = start + entry.compressedSize
        guard end <= bytes.count else { return nil }
        let stored = Data(bytes[start..<end])
        switch entry.method {
        case 0: return stored.prefix(limit)
        case 8: return Inflater.inflate(raw: stored, limit: limit)
        default: return nil
        }
    }

    /// Where the central directory starts and how many entries it lists, from the end-of-central-directory
    /// record (searched backwards, as a comment of up to 64 KB may follow it).
    private static func centralDirectory(in bytes: [UInt8]) -> (offset: Int, count: Int)? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var record = bytes.count - 22
        while record >= lowest {
            if bytes.uint32(at: record) == 0x0605_4B50,
               let count = bytes.uint16(at: record + 10),
               let size = bytes.uint32(at: record + 12),
               let offset = bytes.uint32(at: record + 16),
               count != 0xFFFF, offset != 0xFFFF_FFFF,
               offset + size <= record {
                return (offset, count)
            }
            record -= 1
        }
        return nil
    }
}

private extension [UInt8] {
    /// A little-endian field, or nil past the end.
    func uint16(at offset: Int) -> Int? {
        guard offset >= 0, offset + 2 <= count else { return nil }
        return Int(self[offset]) | Int(self[offset + 1]) << 8
    }

    func uint32(at offset: Int) -> Int? {
        guard offset >= 0, offset + 4 <= count else { return nil }
        return Int(self[offset]) | Int(self[offset + 1]) << 8 | Int(self[offset + 2]) << 16 | Int(self[offset + 3]) << 24
    }
}
