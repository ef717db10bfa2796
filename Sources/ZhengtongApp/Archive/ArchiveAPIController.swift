import Fluent
import Foundation
import Gongwen
import Vapor

/// 档案 through the API, for a unit's records officer: the catalogue (the page's filters, paged), an item with its
/// files and their hashes, 待归档 and filing one (the same ``ArchiveFiling`` call as the page), the catalogue as
/// CSV and a year's package as ZIP. `unit` chooses among the archives one keeps; one not kept is refused (403).
struct ArchiveAPIController {
    struct Item: Content, Sendable {
        var id: UUID
        var archiveCode: String
        var fondsCode: String
        var year: Int
        var classCode: String
        var className: String
        var retention: String
        var retentionLabel: String
        var itemNumber: Int
        var title: String
        var number: String?
        var responsible: String
        var documentDate: String
        var kind: String?
        var classification: String?
        var pages: Int
        var sourceType: String
        var sourceID: UUID
        var filedAt: Date
        var url: String
    }

    struct Catalogue: Content, Sendable {
        var unitID: UUID
        var items: [Item]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct File: Content, Sendable {
        var id: UUID
        var name: String
        var role: String
        var roleLabel: String
        var contentType: String
        var size: Int
        var sha256: String
        var url: String
    }

    struct ItemDetail: Content, Sendable {
        var item: Item
        var filedBy: String
        var note: String?
        var version: Int
        var files: [File]
        /// The stamped copy's print view, when a document was laid out at filing (not for a paper document's scans).
        var printURL: String?
    }

    struct Pending: Content, Sendable {
        struct Candidate: Content, Sendable {
            var sourceType: String
            var sourceID: UUID
            var title: String
            var number: String?
            var kind: String?
            var finishedAt: Date
            /// The 保管期限 the page offers first for it.
            var defaultRetention: String
        }
        struct ArchiveClass: Content, Sendable {
            var code: String
            var name: String
        }
        var unitID: UUID
        var items: [Candidate]
        /// The unit's classes (机构 or 问题), one of which filing names.
        var classes: [ArchiveClass]
    }

    struct FileBody: Content, Sendable {
        var sourceType: String
        var sourceID: UUID
        var classCode: String
        var retention: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.archiveItems, use: catalogue)
        routes.post(APIURL.archiveItems, use: file)
        routes.get(APIURL.archiveItem, use: item)
        routes.get(APIURL.archivePending, use: pending)
        routes.get(APIURL.archiveCSV, use: csv)
        routes.get(APIURL.archivePackage, use: package)
    }

    /// The archive the request is about: `unit` if the caller keeps it (403 if not), else their own.
    private func unit(_ req: Request) async throws -> UUID {
        let access = try await req.access()
        var requested: UUID?
        if let raw = req.queryValue("unit"), !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw AppError.validation(Strings.API.invalidID("unit"), fields: ["unit": Strings.API.invalidIDField]) }
            guard access.covers(.archiveManage, unit: id) else { throw AppError.forbidden(Strings.Archive.forbidden) }
            requested = id
        }
        return try ArchiveLookup.unit(requested, access: access)
    }

    /// The page's filters from the query, refusing values that cannot match (422) instead of ignoring them.
    private func filter(_ req: Request) throws -> ArchiveCatalogue.Filter {
        var filter = ArchiveCatalogue.Filter()
        if let raw = req.queryValue("year"), !raw.isEmpty {
            guard let year = Int(raw), (1000...9999).contains(year) else { throw OutgoingListAPIController.invalid("year") }
            filter.year = year
        }
        if let raw = req.queryValue("retention"), !raw.isEmpty {
            guard Retention(rawValue: raw) != nil else { throw OutgoingListAPIController.invalid("retention") }
            filter.retention = raw
        }
        if let raw = req.queryValue("kind"), !raw.isEmpty {
            guard DocumentKind(rawValue: raw) != nil else { throw OutgoingListAPIController.invalid("kind") }
            filter.kind = raw
        }
        filter.classCode = req.queryValue("classCode").flatMap { $0.isEmpty ? nil : $0 }
        return filter
    }

    static func view(_ item: ArchiveItem) throws -> Item {
        let id = try item.requireID()
        return Item(id: id, archiveCode: item.archiveCode, fondsCode: item.fondsCode, year: item.year, classCode: item.classCode, className: item.className,
                    retention: item.retention, retentionLabel: item.retentionValue.title, itemNumber: item.itemNumber, title: item.title,
                    number: item.number, responsible: item.responsible, documentDate: item.documentDate, kind: item.kind,
                    classification: item.classification, pages: item.pages, sourceType: item.sourceType, sourceID: item.sourceID,
                    filedAt: item.filedAt, url: APIURL.archiveItem.link(id))
    }

    static func detail(_ item: ArchiveItem, on db: any Database) async throws -> ItemDetail {
        let id = try item.requireID()
        let files = try await ArchiveItemFile.query(on: db).filter(\.$itemID == id).sort(\.$sortOrder)
            .field(\.$id).field(\.$itemID).field(\.$role).field(\.$name).field(\.$contentType).field(\.$size).field(\.$sha256).field(\.$sortOrder).all()
        let filer = try await User.find(item.filedBy, on: db)?.name ?? ""
        return ItemDetail(
            item: try view(item), filedBy: filer, note: item.note, version: item.version,
            files: try files.map { file in
                let fileID = try file.requireID()
                return File(id: fileID, name: file.name, role: file.role, roleLabel: Strings.Archive.fileRole(file.role), contentType: file.contentType,
                            size: file.size, sha256: file.sha256, url: APIURL.archiveItemFile.link(id, fileID))
            },
            printURL: files.contains { $0.role == ArchiveItemFile.Role.document.rawValue } ? APIURL.archiveItemPrint.link(id) : nil)
    }

    @Sendable func catalogue(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let filter = try filter(req)
        let paging = try APIPage.from(req)
        let total = try await ArchiveCatalogue.filtered(unit: unit, filter: filter, on: req.db).count()
        let items = try await ArchiveCatalogue.query(unit: unit, filter: filter, on: req.db).range(paging.range).all()
        return try APIResponse.json(Catalogue(unitID: unit, items: try items.map(Self.view), total: total, page: paging.page, perPage: paging.perPage))
    }

    @Sendable func item(req: Request) async throws -> Response {
        try APIResponse.json(try await Self.detail(try await req.keptArchiveItem(), on: req.db))
    }

    @Sendable func pending(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let settings = try await ArchiveSettings.of(unit: unit, on: req.db)
        let items = try await ArchiveFiling.pending(units: [unit], on: req.db).map { candidate in
            Pending.Candidate(sourceType: candidate.type.rawValue, sourceID: candidate.id, title: candidate.title, number: candidate.number,
                              kind: candidate.kind?.rawValue, finishedAt: candidate.finishedAt,
                              defaultRetention: ArchiveFiling.defaultRetention(kind: candidate.kind, type: candidate.type).rawValue)
        }
        return try APIResponse.json(Pending(unitID: unit, items: items, classes: settings.classList.map { Pending.ArchiveClass(code: $0.code, name: $0.name) }))
    }

    /// 归档: files a finished document of the caller's unit (or of `unit`), as the 待归档 page does.
    @Sendable func file(req: Request) async throws -> Response {
        // The caller keeps an archive (403 otherwise); the document's own unit must be one they keep (404 otherwise).
        _ = try await unit(req)
        let body = try req.content.decode(FileBody.self)
        guard let type = ArchiveFiling.SourceType(rawValue: body.sourceType) else {
            throw AppError.validation(Strings.API.valueInvalid("sourceType"), fields: ["sourceType": Strings.API.valueInvalidField])
        }
        guard let retention = Retention(rawValue: body.retention) else {
            throw AppError.validation(Strings.Archive.retentionRequired, fields: ["retention": Strings.Archive.retentionRequired])
        }
        let item = try await ArchiveFiling.fileDocument(type, id: body.sourceID, classCode: body.classCode, retention: retention,
                                                        access: try await req.access(), actor: req.auditActor(), app: req.application)
        let response = try APIResponse.json(try await Self.detail(item, on: req.db), status: .created)
        response.headers.replaceOrAdd(name: .location, value: APIURL.archiveItem.link(try item.requireID()))
        return response
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let data = try await ArchiveCatalogue.csv(unit: unit, filter: try filter(req), on: req.db)
        return FileDownload.response(data, contentType: "text/csv; charset=utf-8", name: ArchiveCatalogue.csvName)
    }

    /// A year's package (ZIP with manifest and hashes); audited as an export.
    @Sendable func package(req: Request) async throws -> Response {
        let unit = try await unit(req)
        guard let raw = req.queryValue("year"), let year = Int(raw), (1000...9999).contains(year) else {
            throw AppError.validation(Strings.API.valueInvalid("year"), fields: ["year": Strings.API.valueInvalidField])
        }
        let data = try await ArchiveCatalogue.package(unit: unit, year: year, actor: req.auditActor(), app: req.application)
        return FileDownload.response(data, contentType: "application/zip", name: ArchiveCatalogue.packageName(year: year))
    }
}
