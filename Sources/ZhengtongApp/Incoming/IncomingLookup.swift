import Fluent
import Foundation
import Vapor

/// Finding a 收文 for someone: the one place a document is looked up by id for a person.
enum IncomingLookup {
    /// The document `id` if `access` may see it; otherwise 404, as if it did not exist.
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> IncomingDocument {
        guard let document = try await IncomingDocument.find(id, on: db), try await access.canView(document, on: db) else { throw AppError.notFound() }
        return document
    }
}

extension Request {
    /// The 收文 the route's `incomingID` names, if the signed-in person may see it.
    func visibleIncoming(_ parameter: String = "incomingID") async throws -> IncomingDocument {
        try await IncomingLookup.visible(try idParameter(parameter), access: try await access(), on: db)
    }
}
