import Fluent
import Foundation

/// Files registered with an incoming document (scans of paper, fax and mail).
enum IncomingFiles {
    /// A scan's type, judged by its bytes: PDF, OFD or a picture; nil for anything else.
    static func scanType(name: String, data: Data) -> String? {
        guard let type = UploadedFiles.contentType(name: name, data: data),
              ["application/pdf", "application/ofd", "image/png", "image/jpeg"].contains(type) else { return nil }
        return type
    }

    static func add(_ name: String, type: String, data: Data, to document: IncomingDocument, by user: UUID, on db: any Database) async throws {
        let file = IncomingFile()
        file.incomingID = try document.requireID()
        file.name = name
        file.contentType = type
        file.size = data.count
        file.sha256 = SHA256Hex.of(data)
        file.data = data
        file.uploadedBy = user
        file.createdAt = Date()
        try await file.create(on: db)
    }
}
