import Vapor

/// Previous/next links for a paged list, keeping the other query parameters.
struct Pager: Encodable, Sendable {
    var page: Int
    var pages: Int
    var previous: String?
    var next: String?

    init(page: Int, perPage: Int, total: Int, request: Request) {
        self.page = page
        self.pages = max(1, (total + perPage - 1) / perPage)
        func link(_ target: Int) -> String {
            var components = URLComponents(string: request.url.string) ?? URLComponents()
            var items = (components.queryItems ?? []).filter { $0.name != "page" }
            items.append(URLQueryItem(name: "page", value: String(target)))
            components.queryItems = items
            return (components.path.isEmpty ? "/" : components.path) + "?" + (components.percentEncodedQuery ?? "")
        }
        previous = page > 1 ? link(page - 1) : nil
        next = page < pages ? link(page + 1) : nil
    }
}
