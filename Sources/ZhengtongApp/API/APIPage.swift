import Vapor

/// `page` and `perPage` of an API list: malformed or out-of-range values are refused (422) rather than quietly
/// replaced, so a client learns of its mistake; the bounds are the ones `openapi.json` states.
struct APIPage: Sendable {
    var page: Int
    var perPage: Int

    static let maximumPage = 100_000

    static func from(_ req: Request, defaultPerPage: Int = 50, limit: Int = 200) throws -> APIPage {
        var result = APIPage(page: 1, perPage: defaultPerPage)
        if let raw = req.queryValue("page"), !raw.isEmpty {
            guard let page = Int(raw), (1...maximumPage).contains(page) else {
                throw AppError.validation(Strings.API.pageInvalid, fields: ["page": Strings.API.pageInvalidField])
            }
            result.page = page
        }
        if let raw = req.queryValue("perPage"), !raw.isEmpty {
            guard let perPage = Int(raw), (1...limit).contains(perPage) else {
                throw AppError.validation(Strings.API.perPageOutOfRange(limit), fields: ["perPage": Strings.API.perPageOutOfRangeField])
            }
            result.perPage = perPage
        }
        return result
    }

    /// The rows of this page.
    var range: Range<Int> { ((page - 1) * perPage)..<(page * perPage) }
}
