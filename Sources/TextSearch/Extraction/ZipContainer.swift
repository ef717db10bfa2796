import Foundation

/// Reads entries of a ZIP file (`.docx`, `.ofd`) held in memory, checking every offset against the data.
///
/// ZIPFoundation's `Archive` hangs on a crafted entry (see ``Inflater``), and attachments come from anyone,
/// so the central directory is read here and entries are inflated through ``Inflater``. ZIP64 archives
/// (4 GB or 65,535 entries and more) and encrypted entries are not read: office documents are never either.
/// Public so that other untrusted ZIP files (archive packages handed in for checking) are read the same safe way.
///
/// The whole container is checked before anything is read, and refused if any entry lies outside the file,
/// overlaps another entry or the central directory, or disagrees with its local header. A well-formed ZIP
/// never does any of these; a hostile one does them to make a small file unpack many times over (thirty
/// entries pointing at one 64 MB stream) or to show one reader different contents than another.
public struct ZipContainer: Sendable {
    public struct Entry: Sendable {
        public let path: String
        let method: Int
        let isEncrypted: Bool
        let compressedSize: Int
        /// Where the entry's stored bytes start, after its local header.
        let dataOffset: Int
    }

    /// Why a container is not read.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// No end-of-central-directory record, or an empty directory: not a ZIP file (or cut short).
        case notZip
        /// More entries than the caller allows.
        case tooManyEntries(limit: Int)
        /// A directory record, local header or entry's data lies outside the file or its part of it.
        case outOfBounds
        /// Two entries' data overlap, or an entry overlaps the central directory.
        case overlappingEntries
        /// An entry's local header names another file, another method or another size than the directory.
        case localHeaderMismatch

        public var description: String {
            switch self {
            case .notZip: "not a ZIP file"
            case .tooManyEntries(let limit): "more than \(limit) entries"
            case .outOfBounds: "an entry lies outside the file"
            case .overlappingEntries: "entries overlap"
            case .localHeaderMismatch: "a local header disagrees with the central directory"
            }
        }
    }

    public let entries: [Entry]
    /// The first entry of each path.
    private let entriesByPath: [String: Int]
    private let bytes: [UInt8]

    /// Reads and checks the central directory. `maximumEntries` refuses a container listing more entries
    /// (documents have dozens to a few thousand; an archive package may have many more).
    public init(data: Data, maximumEntries: Int = ExtractionLimits.standard.entries) throws(Problem) {
        let bytes = [UInt8](data)
        self.bytes = bytes
        guard let directory = Self.centralDirectory(in: bytes), directory.count > 0 else { throw .notZip }
        guard directory.count <= maximumEntries else { throw .tooManyEntries(limit: maximumEntries) }
        var entries: [Entry] = []
        /// Every entry's local header and data, to be checked for overlaps.
        var spans: [Range<Int>] = []
        var offset = directory.offset
        let directoryEnd = directory.offset + directory.size
        for _ in 0..<directory.count {
            guard offset + 46 <= directoryEnd, bytes.uint32(at: offset) == 0x0201_4B50,
                  let flags = bytes.uint16(at: offset + 8),
                  let method = bytes.uint16(at: offset + 10),
                  let compressedSize = bytes.uint32(at: offset + 20),
                  let nameLength = bytes.uint16(at: offset + 28),
                  let extraLength = bytes.uint16(at: offset + 30),
                  let commentLength = bytes.uint16(at: offset + 32),
                  let header = bytes.uint32(at: offset + 42),
                  offset + 46 + nameLength + extraLength + commentLength <= directoryEnd
            else { throw .outOfBounds }
            let name = bytes[(offset + 46)..<(offset + 46 + nameLength)]
            let local = try Self.localEntry(at: header, name: name, method: method, compressedSize: compressedSize, in: bytes)
            // Entries come before the central directory; one that runs into it overlaps it.
            guard local.dataEnd <= directory.offset else { throw local.dataEnd > bytes.count ? .outOfBounds : .overlappingEntries }
            spans.append(header..<local.dataEnd)
            entries.append(Entry(
                // Some Windows tools write backslashes.
                path: String(decoding: name, as: UTF8.self).replacingOccurrences(of: "\\", with: "/"),
                method: method,
                isEncrypted: flags & 1 != 0,
                compressedSize: compressedSize,
                dataOffset: local.dataOffset
            ))
            offset += 46 + nameLength + extraLength + commentLength
        }
        spans.sort { $0.lowerBound < $1.lowerBound }
        for (earlier, later) in zip(spans, spans.dropFirst()) where later.lowerBound < earlier.upperBound {
            throw .overlappingEntries
        }
        self.entries = entries
        var byPath: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where byPath[entry.path] == nil {
            byPath[entry.path] = index
        }
        entriesByPath = byPath
    }

    /// The local header at `header`, checked against what the central directory says of the entry.
    private static func localEntry(at header: Int, name: ArraySlice<UInt8>, method: Int, compressedSize: Int,
                                   in bytes: [UInt8]) throws(Problem) -> (dataOffset: Int, dataEnd: Int) {
        guard bytes.uint32(at: header) == 0x0403_4B50,
              let flags = bytes.uint16(at: header + 6),
              let localMethod = bytes.uint16(at: header + 8),
              let localCompressedSize = bytes.uint32(at: header + 18),
              let nameLength = bytes.uint16(at: header + 26),
              let extraLength = bytes.uint16(at: header + 28),
              header + 30 + nameLength <= bytes.count
        else { throw .outOfBounds }
        // With a data descriptor (flag bit 3) the sizes follow the data and the header's may be zero.
        let sizeAgrees = localCompressedSize == compressedSize || (flags & 0x08 != 0 && localCompressedSize == 0)
        guard bytes[(header + 30)..<(header + 30 + nameLength)].elementsEqual(name), localMethod == method, sizeAgrees else {
            throw .localHeaderMismatch
        }
        let dataOffset = header + 30 + nameLength + extraLength
        return (dataOffset, dataOffset + compressedSize)
    }

    /// Whether `data` starts like a ZIP file.
    static func hasSignature(_ data: Data) -> Bool {
        data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
    }

    func entry(atPath path: String) -> Entry? {
        entriesByPath[path].map { entries[$0] }
    }

    /// The entry's bytes, at most `limit` of them; nil when they cannot be read.
    public func contents(of entry: Entry, limit: Int) -> Data? {
        contents(of: entry, limit: limit, budget: nil)
    }

    /// The entry's bytes, at most `limit` of them and drawing on `budget`; nil when they cannot be read or the
    /// budget ran out.
    func contents(of entry: Entry, limit: Int, budget: ExtractionBudget?) -> Data? {
        guard !entry.isEncrypted else { return nil }
        let stored = Data(bytes[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)])
        switch entry.method {
        case 0:
            if let budget, !budget.takeInflated(stored.count) { return nil }
            return stored.prefix(limit)
        case 8:
            return Inflater.inflate(raw: stored, limit: limit, budget: budget)
        default:
            return nil
        }
    }

    /// Where the central directory starts, how long it is and how many entries it lists, from the
    /// end-of-central-directory record (searched backwards, as a comment of up to 64 KB may follow it).
    private static func centralDirectory(in bytes: [UInt8]) -> (offset: Int, size: Int, count: Int)? {
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
                return (offset, size, count)
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
