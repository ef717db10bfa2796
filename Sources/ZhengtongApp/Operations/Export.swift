import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor

/// `zhengtong export --all --to DIR` (交接, issue 16): everything the platform holds, in open formats a successor
/// reads without us —
/// - `tables/<table>.jsonl`: every row of every table (rows by primary key, keys by name; see ``ExportEncoding``);
/// - `files/<table>/<row>/<name>`: every stored file as itself (attachments, scans, OFDs), which the rows name;
/// - `documents/outgoing/<id>/` and `documents/incoming/<id>/`: each 发文 and 收文 as its processing form
///   (`form.html`, the archive's rendering) and OFD (`document.ofd` of a 发文 as laid out now — for a sealed one
///   the OFD dispatched, since a seal's signature differs at each signing; `original.ofd` of a 收文, as received);
/// - `archive/<unit>-<year>.zip`: each unit's archive packages as `archive export` makes them;
/// - `schema.md`: the tables, their columns and types (``ExportSchema``);
/// - `manifest.json`: the SHA-256 and size of every file, row counts, the last migration, and the time — the only
///   thing that differs between two exports of the same data.
/// Read in one transaction (repeatable read on PostgreSQL), so the export is the data of one moment.
enum Export {
    static let format = "zhengtong-export/1"

    struct Manifest: Codable, Sendable, Equatable {
        var format: String
        var createdAt: Date
        var database: String
        var lastMigration: String?
        var files: [Backup.Manifest.File]
        var rowCounts: [String: Int]
    }

    enum Failure: Error, CustomStringConvertible {
        case directoryNotEmpty(String)

        var description: String {
            switch self {
            case .directoryNotEmpty(let path): Strings.Console.exportDirectoryNotEmpty(path)
            }
        }
    }

    /// Rows read at a time; tables holding files read fewer, as each row may carry megabytes.
    static let batchSize = 1000
    static let fileBatchSize = 20

    /// Writes the export into `directory` (new, or empty) and returns its manifest. `progress` hears each step.
    @discardableResult
    static func run(app: Application, to directory: String, at now: Date = Date(),
                    progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Manifest {
        let root = URL(fileURLWithPath: directory)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw Failure.directoryNotEmpty(directory)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        do {
            return try await write(app: app, to: root, at: now, progress: progress)
        } catch {
            // A half export must never look whole: what was written goes (the directory was new or empty).
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    private static func write(app: Application, to root: URL, at now: Date, progress: @escaping @Sendable (String) -> Void) async throws -> Manifest {
        let files = ExportFiles(root: root)
        let postgres = app.isPostgres
        let (counts, last) = try await app.db.transaction { db in
            let sql = try db.sqlDatabase()
            if postgres { try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run() }
            let schema = try await ExportSchema.read(sql, postgres: postgres)
            var counts: [String: Int] = [:]
            for table in schema.tables.sorted(by: { $0.name < $1.name }) {
                counts[table.name] = try await writeTable(table, sql: sql, postgres: postgres, files: files, app: app)
                progress(Strings.Console.exportTableDone(table.name, rows: counts[table.name] ?? 0))
            }
            try files.write(Data(ExportSchemaDocument.markdown(schema).utf8), to: "schema.md")
            progress(Strings.Console.exportStep("documents/outgoing"))
            try await writeOutgoing(files: files, on: db, app: app)
            progress(Strings.Console.exportStep("documents/incoming"))
            try await writeIncoming(files: files, on: db)
            progress(Strings.Console.exportStep("archive"))
            try await writeArchivePackages(files: files, on: db)
            let last = try await lastMigration(sql)
            return (counts, last)
        }
        let manifest = Manifest(format: format, createdAt: now, database: postgres ? "postgresql" : "sqlite", lastMigration: last,
                                files: files.entries.sorted { $0.name < $1.name }, rowCounts: counts)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(manifest).write(to: root.appendingPathComponent("manifest.json"))
        // A handover is worth a line in the audit log; written after reading, so the export is not its own subject.
        try await app.write { db in
            try await AuditLog.record(AuditEvent(action: "system.export", targetType: "platform", targetID: nil, targetLabel: root.path,
                                                 after: ["files": String(manifest.files.count), "rows": String(counts.values.reduce(0, +))]),
                                      by: .system("console"), on: db)
        }
        return manifest
    }

    static func lastMigration(_ sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY created_at DESC, name DESC LIMIT 1").first()?
            .decode(column: "name", as: String.self)
    }

    // MARK: Tables

    /// Writes one table's lines (and its stored files); returns the number of rows.
    private static func writeTable(_ table: ExportSchema.Table, sql: any SQLDatabase, postgres: Bool, files: ExportFiles,
                                   app: Application) async throws -> Int {
        let stream = try files.open("tables/\(table.name).jsonl")
        let holdsFiles = table.columns.contains { $0.type == .blob }
        let limit = holdsFiles ? fileBatchSize : batchSize
        // Keyset paging on a one-column key keeps every batch an index lookup; other tables (few, small) page by offset.
        let key = table.primaryKey.count == 1 ? table.column(table.primaryKey[0]) : nil
        let order: [String] = table.primaryKey.isEmpty ? table.columns.map(\.name) : table.primaryKey
        var after: (any Encodable & Sendable)?
        var offset = 0
        var count = 0
        while true {
            var query: SQLQueryString = "SELECT \(selectList(table, postgres: postgres)) FROM \(ident: table.name)"
            if let key, let after { query += " WHERE \(sortKey(key.name, table: table, postgres: postgres)) > \(bind: after)" }
            query += " ORDER BY \(order.map { sortKey($0, table: table, postgres: postgres) }.joined(separator: ", ")) LIMIT \(literal: limit)"
            if key == nil { query += " OFFSET \(literal: offset)" }
            let rows = try await sql.raw(query).all()
            if rows.isEmpty { break }
            let first = count
            try await app.threadPool.runIfActive {
                var buffer: [UInt8] = []
                for (index, row) in rows.enumerated() {
                    buffer += try line(row, table: table, number: first + index, files: files)
                }
                try stream.append(buffer)
            }
            count += rows.count
            offset += rows.count
            if let key, let last = rows.last { after = try keyValue(last, key) }
            if rows.count < limit { break }
        }
        try files.close(stream)
        return count
    }

    /// The columns to select: JSON ones as text on PostgreSQL (arrays as JSON arrays), so both databases give JSON text.
    private static func selectList(_ table: ExportSchema.Table, postgres: Bool) -> SQLQueryString {
        table.columns.map { column -> SQLQueryString in
            guard postgres, column.type == .json else { return "\(ident: column.name)" }
            return column.native.hasSuffix("[]")
                ? "array_to_json(\(ident: column.name))::text AS \(ident: column.name)"
                : "\(ident: column.name)::text AS \(ident: column.name)"
        }.joined(separator: ", ")
    }

    /// Text sorts by bytes on both databases (SQLite's BINARY; PostgreSQL's "C" instead of the locale's order).
    private static func sortKey(_ name: String, table: ExportSchema.Table, postgres: Bool) -> SQLQueryString {
        postgres && table.column(name)?.type == .text ? "\(ident: name) COLLATE \"C\"" : "\(ident: name)"
    }

    private static func keyValue(_ row: any SQLRow, _ column: ExportSchema.Column) throws -> any Encodable & Sendable {
        switch column.type {
        case .uuid: try row.decode(column: column.name, as: UUID.self)
        case .integer: try row.decode(column: column.name, as: Int64.self)
        default: try row.decode(column: column.name, as: String.self)
        }
    }

    /// One row as its line; its files are written on the way, and the line names them.
    private static func line(_ row: any SQLRow, table: ExportSchema.Table, number: Int, files: ExportFiles) throws -> [UInt8] {
        var pairs: [(String, ExportEncoding.Value)] = []
        for column in table.columns {
            if column.type == .blob {
                guard let data = try row.decode(column: column.name, as: Data?.self) else { pairs.append((column.name, .null)); continue }
                let path = try filePath(row, column: column, table: table, number: number)
                try files.write(data, to: path)
                pairs.append((column.name, .string(path)))
            } else {
                pairs.append((column.name, try value(row, column)))
            }
        }
        var buffer: [UInt8] = []
        ExportEncoding.line(pairs, into: &buffer)
        return buffer
    }

    static func value(_ row: any SQLRow, _ column: ExportSchema.Column) throws -> ExportEncoding.Value {
        let name = column.name
        switch column.type {
        case .uuid:
            return try row.decode(column: name, as: UUID?.self).map { .string($0.uuidString.lowercased()) } ?? .null
        case .text:
            return try row.decode(column: name, as: String?.self).map { .string($0) } ?? .null
        case .integer:
            if column.native == "boolean" { return try row.decode(column: name, as: Bool?.self).map { .integer($0 ? 1 : 0) } ?? .null }
            return try row.decode(column: name, as: Int64?.self).map { .integer($0) } ?? .null
        case .real:
            return try row.decode(column: name, as: Double?.self).map { .real($0) } ?? .null
        case .datetime:
            return try row.decode(column: name, as: Date?.self).map { .string(ExportEncoding.datetime($0)) } ?? .null
        case .json:
            return try row.decode(column: name, as: String?.self).map { .json(try ExportEncoding.canonicalJSON($0)) } ?? .null
        case .blob:
            return .null
        }
    }

    /// `files/<table>/<row's key>/<name>`: the row's own file name where it has one (attachments, scans), else the
    /// column's name (`ofd.ofd`).
    private static func filePath(_ row: any SQLRow, column: ExportSchema.Column, table: ExportSchema.Table, number: Int) throws -> String {
        var keyParts: [String] = []
        for name in table.primaryKey {
            guard let part = table.column(name) else { continue }
            switch try value(row, part) {
            case .string(let text): keyParts.append(text)
            case .integer(let number): keyParts.append(String(number))
            default: keyParts.append("_")
            }
        }
        let folder = keyParts.isEmpty ? String(number) : UploadedFiles.cleanName(keyParts.joined(separator: "_"))
        var name = column.name + (column.name == "ofd" ? ".ofd" : ".bin")
        if column.name == "data", table.column("name")?.type == .text, let stored = try row.decode(column: "name", as: String?.self) {
            let clean = UploadedFiles.cleanName(stored)
            if !clean.isEmpty { name = clean }
        }
        return "files/\(table.name)/\(folder)/\(name)"
    }

    // MARK: Documents

    /// Each 发文's 发文稿纸 and OFD, a page of documents at a time.
    private static func writeOutgoing(files: ExportFiles, on db: any Database, app: Application) async throws {
        var after: UUID?
        while true {
            var query = OutgoingDocument.query(on: db).sort(\.$id).limit(100)
            if let after { query = query.filter(\.$id > after) }
            let page = try await query.all()
            for document in page {
                let id = try document.requireID()
                let folder = "documents/outgoing/\(id.uuidString.lowercased())"
                let form = ArchiveFormHTML.outgoing(try await OutgoingProcessingForm.load(for: document, on: db))
                try files.write(Data(form.utf8), to: "\(folder)/form.html")
                if try document.document().sealed {
                    // A seal signs anew at every rendering: the dispatched OFD is the one that stays the same.
                    if let package = try await ExchangePackage.query(on: db).filter(\.$outgoingDocumentID == id)
                        .sort(\.$createdAt, .descending).first(), let ofd = package.ofd {
                        try files.write(ofd, to: "\(folder)/document.ofd")
                    }
                } else {
                    let inputs = try await OutgoingOutput.ofdInputs(document, on: db)
                    let ofd = try await app.threadPool.runIfActive { try OutgoingOutput.ofd(inputs) }
                    try files.write(ofd, to: "\(folder)/document.ofd")
                }
            }
            guard page.count == 100, let last = page.last?.id else { break }
            after = last
        }
    }

    /// Each 收文's 收文处理笺 and, for one received through 公文交换, its OFD as received.
    private static func writeIncoming(files: ExportFiles, on db: any Database) async throws {
        var after: UUID?
        while true {
            var query = IncomingDocument.query(on: db).sort(\.$id).limit(100)
            if let after { query = query.filter(\.$id > after) }
            let page = try await query.all()
            for document in page {
                let folder = "documents/incoming/\(try document.requireID().uuidString.lowercased())"
                let form = ArchiveFormHTML.incoming(try await IncomingProcessingForm.load(for: document, on: db))
                try files.write(Data(form.utf8), to: "\(folder)/form.html")
                if let packageID = document.packageID, let ofd = try await ExchangePackage.find(packageID, on: db)?.ofd {
                    try files.write(ofd, to: "\(folder)/original.ofd")
                }
            }
            guard page.count == 100, let last = page.last?.id else { break }
            after = last
        }
    }

    /// Every unit's package of every year it has filed, as `archive export` makes it, dated by its last filing
    /// (not the export's time) so that it is the same in every export of the same archive.
    private static func writeArchivePackages(files: ExportFiles, on db: any Database) async throws {
        let items = try await ArchiveItem.query(on: db).all()
        var latest: [UUID: [Int: Date]] = [:]
        for item in items {
            let filed = Date(timeIntervalSince1970: (Double(ExportEncoding.microseconds(item.filedAt)) / 1_000_000).rounded(.down))
            latest[item.unitID, default: [:]][item.year] = max(latest[item.unitID]?[item.year] ?? filed, filed)
        }
        let units = try await Unit.query(on: db).all()
        for unit in units.sorted(by: { $0.code < $1.code }) {
            guard let unitID = unit.id, let years = latest[unitID] else { continue }
            for (year, filed) in years.sorted(by: { $0.key < $1.key }) {
                let package = try await ArchivePackage.build(unit: unitID, year: year, at: filed, on: db)
                try files.write(package, to: "archive/\(UploadedFiles.cleanName(unit.code))-\(year).zip")
            }
        }
    }
}
