import Fluent
import Foundation
import Vapor

/// Finding a 发文 for someone: the one place a document is looked up by id for a person, so every page, API
/// route and later feature refuses the same people the same way.
enum OutgoingLookup {
    /// The document `id` if `access` may see it; otherwise 404, as if it did not exist.
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> OutgoingDocument {
        guard let document = try await OutgoingDocument.find(id, on: db), try await access.canView(document, on: db) else { throw AppError.notFound() }
        return document
    }
}

extension OutgoingLookup {
    /// Where documents under approval stand: the names of each instance's open steps, sorted, in one query.
    static func openSteps(of documents: [OutgoingDocument], on db: any Database) async throws -> [UUID: [String]] {
        let instances = documents.compactMap(\.instanceID)
        guard !instances.isEmpty else { return [:] }
        let open = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id ~~ instances)
            .filter(\.$state == "open").field(\.$instance.$id).field(\.$name).field(\.$id).all()
        return Dictionary(grouping: open, by: { $0.$instance.id }).mapValues { Array(Set($0.map(\.name))).sorted() }
    }
}

extension Request {
    /// The 发文 the route's `documentID` names, if the signed-in person may see it.
    func visibleOutgoing(_ parameter: String = "documentID") async throws -> OutgoingDocument {
        try await OutgoingLookup.visible(try idParameter(parameter), access: try await access(), on: db)
    }
}
