import Foundation

/// Where a notification points, for an API client: the page link a notice carries (for a browser) read as the API
/// resource behind it, so a phone client can follow it with its token. Links of other shapes have none.
enum NotificationLinks {
    /// Page path patterns and the API path that shows the same thing, `:id` carried over.
    static let pageToAPI: [(page: SiteURL, api: APIURL)] = [
        (.task, .task),
        (.delivery, .delivery),
        (.incoming, .incoming),
        (.outgoing, .outgoing),
        (.archivePending, .archivePending),
        (.supervisionItem, .supervisionItem),
        (.meeting, .meeting),
        (.alert, .alert),
        (.mailMessage, .mailMessage),
    ]

    /// The API URL for a page link, or nil.
    static func apiURL(forPage link: String?) -> String? {
        guard let link, let path = link.split(separator: "?").first.map(String.init) else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        for (page, api) in pageToAPI {
            let pattern = page.path.split(separator: "/").map(String.init)
            guard pattern.count == parts.count else { continue }
            var values: [String] = []
            let fits = zip(pattern, parts).allSatisfy { expected, actual in
                if expected.hasPrefix(":") {
                    guard UUID(uuidString: actual) != nil else { return false }
                    values.append(actual)
                    return true
                }
                return expected == actual
            }
            guard fits else { continue }
            return values.isEmpty ? api.link() : api.link(values[0])
        }
        return nil
    }
}
