import Crypto
import Foundation

/// The files of one export as they are written, each with its size and SHA-256 for the manifest. Used by one task
/// at a time (the export writes in sequence, handing each batch to the thread pool and waiting for it), hence
/// `@unchecked Sendable`.
final class ExportFiles: @unchecked Sendable {
    let root: URL
    private(set) var entries: [Backup.Manifest.File] = []

    init(root: URL) {
        self.root = root
    }

    /// Writes `data` at `path` (relative to the root, folders made as needed).
    func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        entries.append(.init(name: path, bytes: data.count, sha256: SHA256Hex.of(data)))
    }

    /// A file written piece by piece (a table's lines), hashed as it goes.
    final class Stream: @unchecked Sendable {
        let path: String
        private let handle: FileHandle
        private var hasher = SHA256()
        private var bytes = 0

        fileprivate init(path: String, url: URL) throws {
            self.path = path
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            handle = try FileHandle(forWritingTo: url)
        }

        func append(_ chunk: [UInt8]) throws {
            guard !chunk.isEmpty else { return }
            hasher.update(data: chunk)
            bytes += chunk.count
            try handle.write(contentsOf: chunk)
        }

        fileprivate func close() throws -> Backup.Manifest.File {
            try handle.close()
            return .init(name: path, bytes: bytes, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined())
        }
    }

    func open(_ path: String) throws -> Stream {
        try Stream(path: path, url: root.appendingPathComponent(path))
    }

    func close(_ stream: Stream) throws {
        entries.append(try stream.close())
    }
}
