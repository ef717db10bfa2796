import Fluent
import Foundation
import Vapor

/// The files of a 收文, for whoever may see it, on the pages and through the API alike: its scans, and the document
/// as the sender dispatched it (print view and OFD of the delivered package).
struct IncomingFilesController {
    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.incomingFile, use: file)
        routes.get(SiteURL.incomingOriginal, use: original)
        routes.get(SiteURL.incomingOriginalOFD, use: originalOFD)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get(APIURL.incomingFile, use: file)
        routes.get(APIURL.incomingOriginal, use: original)
        routes.get(APIURL.incomingOriginalOFD, use: originalOFD)
    }

    @Sendable func file(req: Request) async throws -> Response {
        let document = try await req.visibleIncoming()
        guard let file = try await IncomingFile.find(try req.idParameter("fileID"), on: req.db), file.incomingID == document.id else { throw AppError.notFound() }
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }

    @Sendable func original(req: Request) async throws -> Response {
        let package = try await Self.package(of: try await req.visibleIncoming(), on: req.db)
        return FileDownload.printView(try await ExchangeLookup.printHTML(package, app: req.application))
    }

    @Sendable func originalOFD(req: Request) async throws -> Response {
        let package = try await Self.package(of: try await req.visibleIncoming(), on: req.db)
        guard let data = package.ofd else { throw AppError.notFound() }
        return FileDownload.response(data, contentType: OutgoingOutputController.ofdType, name: "\(package.number ?? package.title).ofd")
    }

    /// The delivered package a 收文 was registered from; 404 for one registered by hand.
    static func package(of document: IncomingDocument, on db: any Database) async throws -> ExchangePackage {
        guard let packageID = document.packageID, let package = try await ExchangePackage.find(packageID, on: db) else { throw AppError.notFound() }
        return package
    }
}
