import Vapor

/// Renders every error: JSON `{error: {code, message}}` under `/api`, an HTML page in the
/// shared layout elsewhere; the real status is kept either way.
struct AppErrorMiddleware: AsyncMiddleware {
    struct Body: Content {
        struct Detail: Content {
            var code: String
            var message: String
            var fields: [String: String]?
        }
        var error: Detail
    }

    struct ErrorPage: Encodable, Sendable {
        var status: Int
        var message: String
        var signedIn: Bool
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let presentation = ErrorPresentation(error)
            if presentation.status.code >= 500 {
                request.logger.report(error: error)
            } else {
                request.logger.debug("\(presentation.status.code) \(presentation.code): \(error)")
            }
            if request.url.path.hasPrefix("/api/") || request.url.path == "/api" {
                let body = Body(error: .init(code: presentation.code, message: APIWording.message(presentation.message),
                                             fields: presentation.fields.isEmpty ? nil : presentation.fields))
                let response = Response(status: presentation.status)
                try response.content.encode(body, as: .json)
                return withRetryAdvice(response, presentation)
            }
            return withRetryAdvice(await htmlPage(for: presentation, request: request), presentation)
        }
    }

    /// A database outage passes (PostgreSQL restarts in seconds): clients and proxies are told when to try again.
    private func withRetryAdvice(_ response: Response, _ presentation: ErrorPresentation) -> Response {
        if presentation.status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "5") }
        return response
    }

    private func htmlPage(for presentation: ErrorPresentation, request: Request) async -> Response {
        let page = ErrorPage(status: Int(presentation.status.code), message: presentation.message,
                             signedIn: request.auth.has(User.self))
        do {
            return try await request.renderPage("error", title: Strings.page["error_title"]!, section: nil, page, status: presentation.status)
        } catch {
            // The layout itself failed (e.g. the database is down): a plain page still tells the user.
            request.logger.report(error: error)
            let response = Response(status: presentation.status)
            response.headers.contentType = .html
            response.body = .init(string: "<!doctype html><meta charset=utf-8><title>\(Strings.productName)</title><p>\(presentation.message)</p>")
            return response
        }
    }
}
