import Fluent
import Foundation
import Vapor

/// `GET /outgoing/{id}/form`: the 发文稿纸 page.
struct ProcessingFormController {
    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.outgoingProcessingForm, use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let page = try await OutgoingProcessingForm.load(for: try await req.visibleOutgoing(), on: req.db)
        return try await req.renderPage("outgoing/processing-form", title: page.heading, section: .outgoing, page)
    }
}
