import Fluent
import Foundation
import Gongwen
import TextSearch
import Vapor

/// `/search` (the top bar's box and the advanced search with filters) and `GET /api/v1/search`.
struct SearchPagesController {
    struct Segment: Content, Sendable {
        var text: String
        var highlighted: Bool
    }

    struct Result: Content, Sendable {
        var type: String
        var typeLabel: String
        var id: UUID
        var url: String
        var title: [Segment]
        var number: String?
        var issuer: String
        var kind: String?
        var kindLabel: String?
        var year: Int
        var status: String
        var date: Date
        var dateText: String
        var snippet: [Segment]
    }

    struct Page: Encodable, Sendable {
        var q: String
        var filters: SearchService.Filters
        var results: [Result]
        var searched: Bool
        var years: [SelectOption]
        var kinds: [SelectOption]
        var types: [SelectOption]
        var units: [SelectOption]
        var statuses: [SelectOption]
        var classifications: [SelectOption]
        var previous: String?
        var next: String?
        var page: Int
    }

    struct APIResults: Content, Sendable {
        var query: String
        var items: [Result]
        var page: Int
        var perPage: Int
        var hasMore: Bool
    }

    static let perPage = 20

    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.search, use: page)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get("search", use: api)
    }

    static func run(_ req: Request, perPage: Int) async throws -> (String, SearchService.Filters, Int, [Result], Bool) {
        let q = String((req.queryValue("q") ?? "").prefix(200))
        let filters = try req.query.decode(SearchService.Filters.self)
        let page = max(1, min(1000, req.queryInt("page") ?? 1))
        let query = SearchQuery(q)
        let access = try await req.access()
        let found = try await SearchService.search(query, filters: filters, page: page, perPage: perPage, access: access, on: req.db)
        // Excerpts are cut from each hit's whole text (up to a million characters): CPU work, off the event loop.
        let hits = found.hits
        let results = try await req.application.threadPool.runIfActive { hits.map { hit in result(hit, query: query) } }
        return (q, filters, page, results, found.hasMore)
    }

    static func result(_ hit: SearchService.Hit, query: SearchQuery) -> Result {
        let document = hit.document
        func segments(_ snippet: Snippet) -> [Segment] { snippet.segments.map { Segment(text: $0.text, highlighted: $0.isHighlighted) } }
        // The snippet is cut from the text after the title (the title is shown on its own, highlighted too).
        let body = document.content.hasPrefix(document.title) ? String(document.content.dropFirst(document.title.count)) : document.content
        return Result(
            type: document.sourceType, typeLabel: SearchSource.SourceType(rawValue: document.sourceType)?.label ?? document.sourceType,
            id: document.sourceID, url: hit.href, title: segments(Snippet(text: document.title, query: query, length: max(200, document.title.count))),
            number: document.number, issuer: document.issuer, kind: document.kind, kindLabel: document.kind.flatMap { DocumentKind(rawValue: $0)?.title },
            year: document.year, status: document.status, date: document.documentDate, dateText: DisplayFormat.date(document.documentDate),
            snippet: segments(Snippet(text: body.trimmingCharacters(in: .whitespacesAndNewlines), query: query)))
    }

    @Sendable func page(req: Request) async throws -> Response {
        let (q, filters, page, results, hasMore) = try await Self.run(req, perPage: Self.perPage)
        func link(_ target: Int) -> String {
            var components = URLComponents(string: req.url.string) ?? URLComponents()
            components.queryItems = (components.queryItems ?? []).filter { $0.name != "page" } + [URLQueryItem(name: "page", value: String(target))]
            return SiteURL.search.path + "?" + (components.percentEncodedQuery ?? "")
        }
        let t = Strings.page
        let thisYear = DocumentDate(Date()).year
        let body = Page(
            q: q, filters: filters, results: results, searched: !q.trimmingCharacters(in: .whitespaces).isEmpty,
            years: (0..<5).map { thisYear - $0 }.map { SelectOption(value: String($0), label: String($0), selected: $0 == filters.year) },
            kinds: DocumentKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == filters.kind) },
            types: SearchSource.SourceType.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == filters.type) },
            units: try await Unit.query(on: req.db).filter(\.$isDisabled == false).sort(\.$sortOrder).sort(\.$name).all().compactMap { unit in
                unit.id.map { SelectOption(value: $0.uuidString, label: unit.name, selected: $0 == filters.unit) }
            },
            statuses: (OutgoingDocument.Status.allCases.map { ($0.rawValue, t["search_outgoing"]! + "·" + Strings.Outgoing.statusLabel($0.rawValue)) }
                       + IncomingDocument.Status.allCases.map { ($0.rawValue, t["search_incoming"]! + "·" + Strings.Incoming.statusLabel($0)) })
                .map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == filters.status) },
            classifications: Classification.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == filters.classification) },
            previous: page > 1 ? link(page - 1) : nil, next: hasMore ? link(page + 1) : nil, page: page)
        return try await req.renderPage("search", title: Strings.Search.title(q), section: nil, body)
    }

    @Sendable func api(req: Request) async throws -> APIResults {
        let perPage = max(1, min(100, req.queryInt("perPage") ?? Self.perPage))
        let (q, _, page, results, hasMore) = try await Self.run(req, perPage: perPage)
        guard !SearchQuery(q).isEmpty else { throw AppError.validation(Strings.Search.queryRequired, fields: ["q": Strings.Search.queryRequired]) }
        return APIResults(query: q, items: results, page: page, perPage: perPage, hasMore: hasMore)
    }
}
