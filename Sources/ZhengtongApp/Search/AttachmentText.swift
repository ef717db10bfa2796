import Foundation
import Logging
import TextSearch
import Vapor

/// Reads an attached file's text for the index: on the application's thread pool, never on an event loop,
/// within the configured ``ExtractionLimits``.
///
/// Attachments come from anyone who can draft or register a document, and a small file can unpack to far more
/// work than its size suggests. Only the index worker calls this, one file at a time, so a hostile file costs
/// one pool thread at most the limits' worth of processor time while requests go on being answered; the
/// document is still indexed, with that file by its name only, and the log says which file and which limit.
struct AttachmentText: Sendable {
    let threadPool: NIOThreadPool
    let limits: ExtractionLimits
    let logger: Logger

    init(app: Application) {
        threadPool = app.threadPool
        limits = app.config.extractionLimits
        logger = app.logger
    }

    /// The file's text; nil when it has none that can be read, or when it reached a limit (then logged).
    func read(name: String, data: Data, document: UUID) async throws -> String? {
        let limits = limits
        let result = try await threadPool.runIfActive { TextExtraction.extract(fileName: name, data: data, limits: limits) }
        switch result {
        case .text(let text):
            return text
        case .unreadable:
            return nil
        case .refused(let refusal):
            logger.notice("search index: attachment indexed by name only", metadata: [
                "component": "search-index", "document": .string(document.uuidString), "file": .string(name),
                "limit": .string(refusal.description),
            ])
            return nil
        }
    }
}
