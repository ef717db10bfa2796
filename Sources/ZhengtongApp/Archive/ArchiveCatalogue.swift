import Fluent
import Foundation
import Vapor

/// The catalogue of a unit's archive with its filters (年度, class, 保管期限, 文种), as the page, its CSV and the
/// API all read it: one query, so the three never list different items.
enum ArchiveCatalogue {
    struct Filter: Content, Sendable {
        var year: Int?
        var classCode: String?
        var retention: String?
        var kind: String?
        var unit: UUID?
    }

    /// The items of `unit` the filter keeps, unsorted.
    static func filtered(unit: UUID, filter: Filter, on db: any Database) -> QueryBuilder<ArchiveItem> {
        let query = ArchiveItem.query(on: db).filter(\.$unitID == unit)
        if let year = filter.year { query.filter(\.$year == year) }
        if let code = filter.classCode, !code.isEmpty { query.filter(\.$classCode == code) }
        if let retention = filter.retention, !retention.isEmpty { query.filter(\.$retention == retention) }
        if let kind = filter.kind, !kind.isEmpty { query.filter(\.$kind == kind) }
        return query
    }

    /// The catalogue's order: newest year first, then by class, 保管期限 and 件号 — 档号 order within a year.
    static func query(unit: UUID, filter: Filter, on db: any Database) -> QueryBuilder<ArchiveItem> {
        filtered(unit: unit, filter: filter, on: db).sort(\.$year, .descending).sort(\.$classCode).sort(\.$retention).sort(\.$itemNumber)
    }

    /// The catalogue as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese), oldest year first.
    static func csv(unit: UUID, filter: Filter, on db: any Database) async throws -> Data {
        let items = try await filtered(unit: unit, filter: filter, on: db).sort(\.$year).sort(\.$classCode).sort(\.$retention).sort(\.$itemNumber).all()
        let t = Strings.page
        var lines = [[t["archive_code"]!, t["archive_year"]!, t["archive_class"]!, t["archive_retention"]!, t["archive_item_number"]!, t["archive_doc_title"]!,
                      t["archive_number"]!, t["archive_responsible"]!, t["archive_date"]!, t["archive_pages"]!]]
        lines += items.map { [$0.archiveCode, String($0.year), $0.className, $0.retentionValue.title, String(format: "%04d", $0.itemNumber), $0.title,
                              $0.number ?? "", $0.responsible, $0.documentDate, String($0.pages)] }
        return Data(("\u{FEFF}" + lines.map(CSVField.line).joined()).utf8)
    }

    static let csvName = "档案目录.csv"

    /// 导出档案包 of one year, audited as an export by `actor`.
    static func package(unit: UUID, year: Int, actor: AuditActor, app: Application) async throws -> Data {
        let data = try await ArchivePackage.build(unit: unit, year: year, on: app.db)
        try await app.write { db in
            try await AuditLog.record(AuditEvent(action: "archive.export", targetType: "unit", targetID: unit.uuidString, targetLabel: String(year),
                                                 after: ["bytes": String(data.count), "sha256": SHA256Hex.of(data)]), by: actor, on: db)
        }
        return data
    }

    static func packageName(year: Int) -> String { "档案包-\(year).zip" }
}
