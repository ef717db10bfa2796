import Fluent
import Foundation
import Vapor

/// Finding archive items and the archive a person keeps: the one place they are looked up for a person.
enum ArchiveLookup {
    /// The item `id` if `access` keeps its unit's archive; otherwise 404.
    static func kept(_ id: UUID, access: Access, on db: any Database) async throws -> ArchiveItem {
        guard let item = try await ArchiveItem.find(id, on: db), access.covers(.archiveManage, unit: item.unitID) else { throw AppError.notFound() }
        return item
    }

    /// The unit whose archive `access` works on (`requested`, if theirs to keep, else their own); 403 for someone who keeps none.
    static func unit(_ requested: UUID?, access: Access) throws -> UUID {
        guard let unit = access.archiveUnit(requested) else { throw AppError.forbidden(Strings.Archive.forbidden) }
        return unit
    }
}

extension Request {
    /// The archive item the route's `itemID` names, if the signed-in person keeps its archive.
    func keptArchiveItem(_ parameter: String = "itemID") async throws -> ArchiveItem {
        try await ArchiveLookup.kept(try idParameter(parameter), access: try await access(), on: db)
    }

    /// The unit of the `unit` query parameter (or one's own) whose archive the signed-in person keeps.
    func keptArchiveUnit() async throws -> UUID {
        try ArchiveLookup.unit(query[UUID.self, at: "unit"], access: try await access())
    }
}
