import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Free space of the file system a path is on, as an unprivileged process may use it (`f_bavail`).
enum DiskSpace {
    /// Bytes free where `path` is (or its nearest existing parent); `nil` when the file system can't be asked.
    static func freeBytes(at path: String) -> Int64? {
        var candidate = URL(fileURLWithPath: path).standardizedFileURL
        while !FileManager.default.fileExists(atPath: candidate.path), candidate.path != "/" {
            candidate.deleteLastPathComponent()
        }
        var stats = statvfs()
        guard statvfs(candidate.path, &stats) == 0 else { return nil }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }
}
