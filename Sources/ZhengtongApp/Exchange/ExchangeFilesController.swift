import Fluent
import Foundation
import Vapor

/// A delivery's document for the clerks of its sender and recipient, on the pages and through the API alike: the
/// print view, the OFD and the package's files as dispatched.
struct ExchangeFilesController {
    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.deliveryPrint, use: print)
        routes.get(SiteURL.deliveryOFD, use: ofd)
        routes.get(SiteURL.deliveryFile, use: file)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get(APIURL.deliveryPrint, use: print)
        routes.get(APIURL.deliveryOFD, use: ofd)
        routes.get(APIURL.deliveryFile, use: file)
    }

    @Sendable func print(req: Request) async throws -> Response {
        let (_, package, _) = try await ExchangeLookup.visible(req)
        return FileDownload.printView(try await ExchangeLookup.printHTML(package, app: req.application))
    }

    @Sendable func ofd(req: Request) async throws -> Response {
        let (_, package, _) = try await ExchangeLookup.visible(req)
        guard let data = package.ofd else { throw AppError.notFound() }
        return FileDownload.response(data, contentType: OutgoingOutputController.ofdType, name: "\(package.number ?? package.title).ofd")
    }

    @Sendable func file(req: Request) async throws -> Response {
        let (_, package, _) = try await ExchangeLookup.visible(req)
        guard let file = try await ExchangePackageFile.find(try req.idParameter("fileID"), on: req.db), file.packageID == package.id else {
            throw AppError.notFound()
        }
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }
}
