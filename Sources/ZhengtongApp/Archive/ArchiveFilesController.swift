import Fluent
import Foundation
import Vapor

/// An archive item's files for the records officer who keeps its archive, on the pages and through the API alike:
/// each filed file as it was hashed, and the stamped copy's print view.
struct ArchiveFilesController {
    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.archiveItemPrint, use: print)
        routes.get(SiteURL.archiveItemFile, use: download)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get(APIURL.archiveItemPrint, use: print)
        routes.get(APIURL.archiveItemFile, use: download)
    }

    /// The archived copy's print view: the document laid out again from what was filed, with its 归档章.
    @Sendable func print(req: Request) async throws -> Response {
        let item = try await req.keptArchiveItem()
        return FileDownload.printView(try await ArchiveCopy.printHTML(item, app: req.application))
    }

    @Sendable func download(req: Request) async throws -> Response {
        let item = try await req.keptArchiveItem()
        guard let file = try await ArchiveItemFile.find(try req.idParameter("fileID"), on: req.db), file.itemID == item.id else { throw AppError.notFound() }
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }
}
