import Foundation
import ZIPFoundation

/// The ZIP container of an OFD package, built in memory.
enum OFDZip {
    /// A ZIP holding `files` in order (OFD.xml first, as readers expect), deflated, every entry dated
    /// `modificationDate` so the same document gives the same bytes.
    static func archive(_ files: [(path: String, data: Data)], modificationDate: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for file in files {
            let data = file.data
            try archive.addEntry(with: file.path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: modificationDate, compressionMethod: .deflate) { position, size in
                let start = data.startIndex + Int(position)
                return data.subdata(in: start..<start + size)
            }
        }
        guard let data = archive.data else { throw OFDZipError.noArchiveData }
        return data
    }
}

/// The in-memory archive gave no bytes back (ZIPFoundation's memory-backed archive always does).
struct OFDZipError: Error, CustomStringConvertible {
    static let noArchiveData = OFDZipError()
    var description: String { "OFD 压缩包生成失败 / the ZIP archive returned no data" }
}
