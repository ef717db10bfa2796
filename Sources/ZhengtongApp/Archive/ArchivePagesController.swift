import Fluent
import Foundation
import Gongwen
import Vapor

/// 档案 pages of a unit's records officer: the catalogue (filters, CSV), 待归档 with the filing form, an item
/// (metadata, files with their hashes, the stamped copy, an audited correction), the filing scheme, and the
/// archive package download.
struct ArchivePagesController {
    typealias Filter = ArchiveCatalogue.Filter

    struct Row: Encodable, Sendable {
        var code: String
        var title: String
        var number: String?
        var responsible: String
        var date: String
        var retention: String
        var className: String
        var pages: Int
        var href: String
    }

    struct CataloguePage: Encodable, Sendable {
        var rows: [Row]
        var total: Int
        var pager: Pager
        var years: [SelectOption]
        var classes: [SelectOption]
        var retentions: [SelectOption]
        var kinds: [SelectOption]
        var csvHref: String
        var exportHref: String?
        var pendingHref: String
        var settingsHref: String
        var pendingCount: Int
    }

    struct PendingRow: Encodable, Sendable {
        var source: String
        var title: String
        var number: String?
        var finished: String
        var action: String
        var retentions: [SelectOption]
    }

    struct PendingPage: Encodable, Sendable {
        var rows: [PendingRow]
        var classes: [SelectOption]
        var error: String?
    }

    struct FileRow: Encodable, Sendable {
        var name: String
        var role: String
        var size: String
        var sha256: String
        var href: String
    }

    struct ItemPage: Encodable, Sendable {
        var item: Row
        var fonds: String
        var year: Int
        var itemNumber: String
        var kind: String?
        var classification: String?
        var filedText: String
        var note: String?
        var version: Int
        var files: [FileRow]
        var printHref: String?
        var correctAction: String
        var form: CorrectionForm
        var error: String?
    }

    struct CorrectionForm: Content, Sendable {
        var title: String?
        var number: String?
        var responsible: String?
        var note: String?
        var reason: String?
        var version: Int?
    }

    static let perPage = 50

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.archive, use: catalogue)
        routes.get(SiteURL.archiveCSV, use: csv)
        routes.get(SiteURL.archiveExport, use: export)
        routes.get(SiteURL.archivePending, use: pending)
        routes.post(SiteURL.archiveFileDocument, use: file)
        routes.get(SiteURL.archiveItem, use: item)
        routes.post(SiteURL.archiveItemCorrect, use: correct)
    }

    // MARK: Catalogue

    static func row(_ item: ArchiveItem) throws -> Row {
        Row(code: item.archiveCode, title: item.title, number: item.number, responsible: item.responsible, date: item.documentDate,
            retention: item.retentionValue.title, className: item.className, pages: item.pages, href: SiteURL.archiveItem.link(try item.requireID()))
    }

    @Sendable func catalogue(req: Request) async throws -> Response {
        let unit = try await req.keptArchiveUnit()
        let filter = try req.query.decode(Filter.self)
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let total = try await ArchiveCatalogue.filtered(unit: unit, filter: filter, on: req.db).count()
        let items = try await ArchiveCatalogue.query(unit: unit, filter: filter, on: req.db).range(((page - 1) * Self.perPage)..<(page * Self.perPage)).all()
        let settings = try await ArchiveSettings.of(unit: unit, on: req.db)
        let years = Set(try await ArchiveItem.query(on: req.db).filter(\.$unitID == unit).field(\.$year).field(\.$id).all().map(\.year))
        var exportQuery = URLComponents()
        exportQuery.queryItems = [URLQueryItem(name: "year", value: filter.year.map(String.init)), URLQueryItem(name: "unit", value: unit.uuidString)]
        let pendingCount = try await ArchiveFiling.pending(units: [unit], on: req.db).count
        let page_ = CataloguePage(
            rows: try items.map(Self.row), total: total, pager: Pager(page: page, perPage: Self.perPage, total: total, request: req),
            years: years.sorted(by: >).map { SelectOption(value: String($0), label: String($0), selected: $0 == filter.year) },
            classes: settings.classList.map { SelectOption(value: $0.code, label: "\($0.code) \($0.name)", selected: $0.code == filter.classCode) },
            retentions: Retention.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == filter.retention) },
            kinds: DocumentKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == filter.kind) },
            csvHref: SiteURL.archiveCSV.path + "?" + (req.url.query ?? ""),
            exportHref: filter.year.map { _ in SiteURL.archiveExport.path + "?" + (exportQuery.percentEncodedQuery ?? "") },
            pendingHref: SiteURL.archivePending.path, settingsHref: SiteURL.archiveSettings.path, pendingCount: pendingCount)
        return try await req.renderPage("archive/catalogue", title: Strings.Archive.catalogueTitle, section: .archive, page_)
    }

    /// The catalogue as CSV, with the current filters.
    @Sendable func csv(req: Request) async throws -> Response {
        let unit = try await req.keptArchiveUnit()
        let data = try await ArchiveCatalogue.csv(unit: unit, filter: try req.query.decode(Filter.self), on: req.db)
        return FileDownload.response(data, contentType: "text/csv; charset=utf-8", name: ArchiveCatalogue.csvName)
    }

    /// 导出档案包 of one year.
    @Sendable func export(req: Request) async throws -> Response {
        let unit = try await req.keptArchiveUnit()
        guard let year = req.queryInt("year") else { throw AppError.validation(Strings.Error.formInvalid, fields: ["year": "year"]) }
        let data = try await ArchiveCatalogue.package(unit: unit, year: year, actor: req.auditActor(), app: req.application)
        return FileDownload.response(data, contentType: "application/zip", name: ArchiveCatalogue.packageName(year: year))
    }

    // MARK: Filing

    @Sendable func pending(req: Request) async throws -> Response {
        try await renderPending(req, error: nil)
    }

    private func renderPending(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let unit = try await req.keptArchiveUnit()
        let settings = try await ArchiveSettings.of(unit: unit, on: req.db)
        let t = Strings.page
        let rows = try await ArchiveFiling.pending(units: [unit], on: req.db).map { candidate in
            let chosen = ArchiveFiling.defaultRetention(kind: candidate.kind, type: candidate.type)
            return PendingRow(source: candidate.type == .outgoing ? t["archive_source_outgoing"]! : t["archive_source_incoming"]!, title: candidate.title,
                              number: candidate.number, finished: DisplayFormat.minute(candidate.finishedAt),
                              action: SiteURL.archiveFileDocument.link(candidate.type.rawValue, candidate.id),
                              retentions: Retention.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0 == chosen) })
        }
        return try await req.renderPage("archive/pending", title: Strings.Archive.pendingTitle, section: .archive,
                                        PendingPage(rows: rows, classes: settings.classList.map { SelectOption(value: $0.code, label: "\($0.code) \($0.name)",
                                                                                                               selected: false) },
                                                    error: error), status: status)
    }

    struct FileForm: Content, Sendable {
        var classCode: String?
        var retention: String?
    }

    @Sendable func file(req: Request) async throws -> Response {
        guard let type = ArchiveFiling.SourceType(rawValue: req.parameters.get("sourceType") ?? "") else { throw AppError.notFound() }
        let id = try req.idParameter("sourceID")
        let form = try req.content.decode(FileForm.self)
        guard let retention = Retention(rawValue: form.retention ?? "") else {
            return try await renderPending(req, error: Strings.Archive.retentionRequired, status: .unprocessableEntity)
        }
        do {
            let item = try await ArchiveFiling.fileDocument(type, id: id, classCode: form.classCode ?? "", retention: retention,
                                                            access: try await req.access(), actor: req.auditActor(), app: req.application)
            req.flash(Strings.Archive.filed)
            return req.redirect(to: SiteURL.archiveItem.link(try item.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderPending(req, error: error.message, status: error.status)
        }
    }

    // MARK: One item

    @Sendable func item(req: Request) async throws -> Response {
        let item = try await req.keptArchiveItem()
        return try await renderItem(req, item, form: CorrectionForm(title: item.title, number: item.number, responsible: item.responsible, note: item.note,
                                                                   reason: nil, version: item.version), error: nil)
    }

    private func renderItem(_ req: Request, _ item: ArchiveItem, form: CorrectionForm, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let id = try item.requireID()
        let files = try await ArchiveItemFile.query(on: req.db).filter(\.$itemID == id).sort(\.$sortOrder).all()
        let filer = try await User.find(item.filedBy, on: req.db)?.name ?? ""
        let printable = files.contains { $0.role == ArchiveItemFile.Role.document.rawValue }
        let page = ItemPage(
            item: try Self.row(item), fonds: item.fondsCode, year: item.year, itemNumber: String(format: "%04d", item.itemNumber),
            kind: item.kind.flatMap { DocumentKind(rawValue: $0)?.title }, classification: item.classification.flatMap { Classification(rawValue: $0)?.title },
            filedText: "\(filer) \(DisplayFormat.minute(item.filedAt))", note: item.note, version: item.version,
            files: try files.map { FileRow(name: $0.name, role: Strings.Archive.fileRole($0.role), size: UploadedFiles.sizeText($0.size),
                                           sha256: $0.sha256, href: SiteURL.archiveItemFile.link(id, try $0.requireID())) },
            printHref: printable ? SiteURL.archiveItemPrint.link(id) : nil, correctAction: SiteURL.archiveItemCorrect.link(id), form: form, error: error)
        return try await req.renderPage("archive/item", title: item.archiveCode, section: .archive, page, status: status)
    }

    /// 更正: the records officer corrects the description (not the numbering), with a reason; audited, version-guarded.
    @Sendable func correct(req: Request) async throws -> Response {
        let item = try await req.keptArchiveItem()
        let form = try req.content.decode(CorrectionForm.self)
        let title = FieldRules.trimmed(form.title)
        let reason = FieldRules.trimmed(form.reason)
        var error: String?
        if title.isEmpty || title.count > 200 { error = Strings.Archive.titleRequired }
        else if reason.isEmpty { error = Strings.Archive.correctionReasonRequired }
        else if form.version != item.version { error = Strings.Archive.editedMeanwhile }
        if let error {
            return try await renderItem(req, item, form: form, error: error, status: form.version != item.version ? .conflict : .unprocessableEntity)
        }
        let before = ["title": item.title, "number": item.number ?? "", "responsible": item.responsible, "note": item.note ?? ""]
        item.title = title
        item.number = FieldRules.trimmed(form.number).isEmpty ? nil : FieldRules.trimmed(form.number)
        item.responsible = FieldRules.trimmed(form.responsible).isEmpty ? item.responsible : FieldRules.trimmed(form.responsible)
        item.note = FieldRules.trimmed(form.note).isEmpty ? nil : FieldRules.trimmed(form.note)
        item.version += 1
        let actor = req.auditActor()
        try await req.write { db in
            try await item.update(on: db)
            try await AuditLog.record(AuditEvent(action: "archive.correct", targetType: "archive_item", targetID: item.id?.uuidString, targetLabel: item.archiveCode,
                                                 before: before, after: ["title": item.title, "number": item.number ?? "", "responsible": item.responsible,
                                                                         "note": item.note ?? "", "reason": reason]), by: actor, on: db)
        }
        req.flash(Strings.Archive.corrected)
        return req.redirect(to: SiteURL.archiveItem.link(try item.requireID()))
    }
}
