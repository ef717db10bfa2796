import Fluent
import Foundation
import Vapor

/// The one place a message is looked up for a person. Mail is private: a person reaches a message only through
/// their own copy (``MailDelivery``) — as its sender or one of its recipients — and not after the sender recalled
/// it from them. No role widens this: the system, security and audit administrators (三员) get 404 on anyone
/// else's message like everyone else, by page and by API.
enum MailScope {
    /// A person's message with their copy; 404 for anyone else (and for a copy recalled before it was opened).
    static func held(_ id: UUID, by person: UUID, on db: any Database) async throws -> (message: MailMessage, copy: MailDelivery) {
        guard let copy = try await MailDelivery.query(on: db).filter(\.$messageID == id).filter(\.$userID == person).first(),
              copy.recalledAt == nil,
              let message = try await MailMessage.find(id, on: db) else { throw AppError.notFound() }
        // A draft belongs to its sender alone (recipient rows exist only once it is sent).
        guard message.statusValue == .sent || copy.kindValue == .sender else { throw AppError.notFound() }
        return (message, copy)
    }

    /// The person's own draft, for editing; 404 otherwise, 409 once it was sent.
    static func draft(_ id: UUID, by person: UUID, on db: any Database) async throws -> MailMessage {
        let (message, copy) = try await held(id, by: person, on: db)
        guard copy.kindValue == .sender else { throw AppError.notFound() }
        guard message.statusValue == .draft else { throw AppError.conflict(Strings.Mail.alreadySent) }
        return message
    }

    /// The ids of the messages a person holds (not recalled from them), as a subquery-ready list for search.
    static func heldQuery(by person: UUID, on db: any Database) -> QueryBuilder<MailDelivery> {
        MailDelivery.query(on: db).filter(\.$userID == person).filter(\.$recalledAt == nil)
    }
}

extension Request {
    /// The route's message (`messageID`) if the signed-in person holds it.
    func heldMail() async throws -> (message: MailMessage, copy: MailDelivery) {
        try await MailScope.held(try idParameter("messageID"), by: try await access().userID, on: db)
    }
}
