import Fluent
import Foundation
import Gongwen
import TextSearch
import NIOPosix
import ZIPFoundation

/// 移交档案包: a ZIP handed to the archives system. Each item is a folder named by its 档号 holding its files and
/// `metadata.json` (the DA/T 46 core elements the platform knows); `manifest.json` at the top lists every file
/// with its SHA-256 and size, so `ArchivePackageCheck` — and anyone with `sha256sum` — can prove nothing changed.
enum ArchivePackage {
    static let format = "zhengtong-archive-package/1"
    static let manifestName = "manifest.json"

    struct Manifest: Codable, Sendable {
        struct Entry: Codable, Sendable {
            var path: String
            var sha256: String
            var size: Int
        }
        var format: String
        var unit: String
        var fondsCode: String
        var year: Int
        var createdAt: Date
        var items: [String]
        var files: [Entry]
    }

    /// The DA/T 46 core elements of one item (the keys are the standard's names).
    struct Metadata: Codable, Sendable {
        struct File: Codable, Sendable {
            var name: String
            var role: String
            var format: String
            var size: Int
            var sha256: String
        }
        var 档号: String
        var 全宗号: String
        var 门类: String
        var 年度: Int
        var 保管期限: String
        var 机构或问题: String
        var 件号: String
        var 题名: String
        var 文号: String?
        var 责任者: String
        var 日期: String
        var 文种: String?
        var 密级: String?
        var 页数: Int
        var 归档时间: Date
        var 归档人: String
        var 备注: String?
        var 文件: [File]

        /// The elements a package must fill (the check names any that is empty).
        static let required = ["档号", "全宗号", "年度", "保管期限", "件号", "题名", "责任者", "日期"]
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The package of `unit`'s items of `year`, in 档号 order.
    static func build(unit unitID: UUID, year: Int, at now: Date = Date(), on db: any Database) async throws -> Data {
        let items = try await ArchiveItem.query(on: db).filter(\.$unitID == unitID).filter(\.$year == year)
            .sort(\.$classCode).sort(\.$retention).sort(\.$itemNumber).all()
        let unit = try await Unit.find(unitID, on: db)
        let settings = try await ArchiveSettings.of(unit: unitID, on: db)
        let people = try await TaskView.names(Set(items.map(\.filedBy)), on: db)
        var files: [(path: String, data: Data)] = []
        for item in items {
            let folder = item.archiveCode
            let stored = try await ArchiveItemFile.query(on: db).filter(\.$itemID == item.requireID()).sort(\.$sortOrder).all()
            let names = entryNames(stored.map(\.name))
            let metadata = Metadata(
                档号: item.archiveCode, 全宗号: item.fondsCode, 门类: "文书", 年度: item.year, 保管期限: item.retentionValue.title, 机构或问题: item.className,
                件号: String(format: "%04d", item.itemNumber), 题名: item.title, 文号: item.number, 责任者: item.responsible, 日期: item.documentDate,
                文种: item.kind.flatMap { DocumentKind(rawValue: $0)?.title }, 密级: item.classification, 页数: item.pages, 归档时间: item.filedAt,
                归档人: people[item.filedBy] ?? "", 备注: item.note,
                文件: Swift.zip(stored, names).map { Metadata.File(name: $1, role: $0.role, format: $0.contentType, size: $0.size, sha256: $0.sha256) })
            files.append(("\(folder)/metadata.json", try encoder().encode(metadata)))
            files += Swift.zip(stored, names).map { ("\(folder)/\($1)", $0.data) }
        }
        let manifest = Manifest(format: format, unit: unit?.name ?? "", fondsCode: settings.fondsCode, year: year, createdAt: now,
                                items: items.map(\.archiveCode),
                                files: files.map { Manifest.Entry(path: $0.path, sha256: SHA256Hex.of($0.data), size: $0.data.count) })
        let entries = [(manifestName, try encoder().encode(manifest))] + files
        // Compressing a year of documents is CPU work: on the thread pool, never on the event loop serving requests.
        return try await NIOThreadPool.singleton.runIfActive { try zip(entries, date: now) }
    }

    /// The entry names of one item's files: each stored name cleaned again (a row filed before names were cleaned
    /// at upload must not put `..\` or a path into the package), made unique within the folder.
    static func entryNames(_ stored: [String]) -> [String] {
        var used: Set<String> = ["metadata.json"]
        return stored.map { raw in
            let clean = UploadedFiles.cleanName(raw)
            var name = clean
            var counter = 2
            while used.contains(name) {
                let ext = (clean as NSString).pathExtension
                let base = ext.isEmpty ? clean : (clean as NSString).deletingPathExtension
                name = ext.isEmpty ? "\(base)（\(counter)）" : "\(base)（\(counter)）.\(ext)"
                counter += 1
            }
            used.insert(name)
            return name
        }
    }

    static func zip(_ files: [(path: String, data: Data)], date: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for file in files {
            let data = file.data
            try archive.addEntry(with: file.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                let start = data.startIndex + Int(position)
                return data.subdata(in: start..<start + size)
            }
        }
        guard let data = archive.data else { throw AppError.notFound() }
        return data
    }
}

/// `archive check`: every file the manifest lists is there with the same SHA-256 and size, nothing is there that
/// it does not list, and every item's metadata fills the required elements. Each problem is named.
enum ArchivePackageCheck {
    /// Largest entry read; a package's files are documents and scans, far below it.
    static let entryLimit = 1 << 31
    /// A year's package holds several files per item; the ZIP format without ZIP64 lists at most this many.
    static let maximumEntries = 65_535

    static func problems(in data: Data) -> [String] {
        // A package comes from outside the server: read with the bounds-checked reader, never ZIPFoundation's
        // `Archive`, which a crafted entry can send into an endless loop.
        let zip: ZipContainer
        do throws(ZipContainer.Problem) {
            zip = try ZipContainer(data: data, maximumEntries: maximumEntries)
        } catch .notZip {
            return [Strings.ArchiveCheck.notZip]
        } catch {
            return [Strings.ArchiveCheck.unsafeZip]
        }
        var contents: [String: Data] = [:]
        for entry in zip.entries where !entry.path.hasSuffix("/") {
            contents[entry.path] = zip.contents(of: entry, limit: entryLimit) ?? Data()
        }
        guard let manifestData = contents[ArchivePackage.manifestName] else { return [Strings.ArchiveCheck.noManifest] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let manifest = try? decoder.decode(ArchivePackage.Manifest.self, from: manifestData) else { return [Strings.ArchiveCheck.badManifest] }
        var problems: [String] = []
        let listed = Set(manifest.files.map(\.path))
        for entry in manifest.files {
            guard let bytes = contents[entry.path] else {
                problems.append(Strings.ArchiveCheck.missing(entry.path))
                continue
            }
            if bytes.count != entry.size || SHA256Hex.of(bytes) != entry.sha256 { problems.append(Strings.ArchiveCheck.altered(entry.path)) }
        }
        for path in contents.keys.sorted() where path != ArchivePackage.manifestName && !listed.contains(path) {
            problems.append(Strings.ArchiveCheck.unlisted(path))
        }
        for item in manifest.items {
            let path = "\(item)/metadata.json"
            guard let bytes = contents[path], let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] else {
                problems.append(Strings.ArchiveCheck.missing(path))
                continue
            }
            for field in ArchivePackage.Metadata.required {
                let value = object[field]
                if value == nil || (value as? String)?.isEmpty == true { problems.append(Strings.ArchiveCheck.metadataMissing(path, field)) }
            }
        }
        return problems
    }
}
