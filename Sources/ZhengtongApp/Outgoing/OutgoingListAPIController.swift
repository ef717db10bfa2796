import Fluent
import Foundation
import Gongwen
import Vapor

/// `GET /api/v1/outgoing`: my 发文 (`scope=mine`, the default) or my unit's register (`scope=register`, its
/// clerks), filtered by status, year, 文种 and title, newest change first, paged with the total.
struct OutgoingListAPIController {
    struct Summary: Content, Sendable {
        var id: UUID
        var title: String
        var kind: String
        var status: String
        var statusLabel: String
        var number: String?
        var drafterID: UUID
        var drafter: String
        /// The open steps of a document under approval (核稿, 签发 …).
        var currentSteps: [String]
        var instanceID: UUID?
        var createdAt: Date?
        var updatedAt: Date
        var dispatchedAt: Date?
        var url: String
    }

    struct List: Content, Sendable {
        var items: [Summary]
        var total: Int
        var page: Int
        var perPage: Int
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.outgoingList, use: list)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let rawScope = req.queryValue("scope") ?? OutgoingListScope.mine.rawValue
        guard let scope = OutgoingListScope(rawValue: rawScope) else { throw Self.invalid("scope") }
        let paging = try APIPage.from(req)
        var query = try access.outgoingList(scope, on: req.db)
        if let status = req.queryValue("status"), !status.isEmpty {
            guard OutgoingDocument.Status(rawValue: status) != nil else { throw Self.invalid("status") }
            query = query.filter(\.$status == status)
        }
        if let kind = req.queryValue("kind"), !kind.isEmpty {
            guard DocumentKind(rawValue: kind) != nil else { throw Self.invalid("kind") }
            query = query.filter(\.$kind == kind)
        }
        if let raw = req.queryValue("year"), !raw.isEmpty {
            guard let year = Int(raw), (1000...9999).contains(year) else { throw Self.invalid("year") }
            let (start, end) = Self.yearBounds(year)
            query = query.filter(\.$createdAt >= start).filter(\.$createdAt < end)
        }
        if let text = req.queryValue("q")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            query = query.filter(\.$title ~~ String(text.prefix(50)))
        }
        let total = try await query.count()
        let documents = try await query.sort(\.$updatedAt, .descending).sort(\.$id).range(paging.range).all()
        let steps = try await OutgoingLookup.openSteps(of: documents, on: req.db)
        let names = try await TaskView.names(Set(documents.map(\.$drafter.id)), on: req.db)
        let items = try documents.map { document in
            let id = try document.requireID()
            return Summary(id: id, title: document.title, kind: document.kind, status: document.status,
                           statusLabel: Strings.Outgoing.statusLabel(document.status), number: document.number, drafterID: document.$drafter.id,
                           drafter: names[document.$drafter.id] ?? "—", currentSteps: document.instanceID.flatMap { steps[$0] } ?? [],
                           instanceID: document.instanceID, createdAt: document.createdAt, updatedAt: document.updatedAt,
                           dispatchedAt: document.dispatchedAt, url: APIURL.outgoing.link(id))
        }
        return try APIResponse.json(List(items: items, total: total, page: paging.page, perPage: paging.perPage))
    }

    /// A calendar year as Beijing counts it, as instants.
    static func yearBounds(_ year: Int) -> (Date, Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .beijing
        let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1))!
        let end = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1))!
        return (start, end)
    }

    static func invalid(_ name: String) -> AppError {
        AppError.validation(Strings.API.valueInvalid(name), fields: [name: Strings.API.valueInvalidField])
    }
}
