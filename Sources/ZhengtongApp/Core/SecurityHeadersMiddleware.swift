import Vapor

/// Headers every response carries: a CSP without inline script, no framing, no sniffing.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let strictTransport: Bool
    let contentSecurityPolicy: String

    /// `formActions`: origins besides our own a form's answer may redirect to (the identity platform's logout).
    /// `connectSources`: origins besides our own pages' scripts may reach (the USB key vendor's local signing service).
    init(strictTransport: Bool, formActions: [String] = [], connectSources: [String] = []) {
        self.strictTransport = strictTransport
        contentSecurityPolicy = Self.policy(formActions: formActions, connectSources: connectSources)
    }

    static let contentSecurityPolicy = policy(formActions: [], connectSources: [])

    static func policy(formActions: [String], connectSources: [String]) -> String {
        [
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
            "font-src 'self'", (["connect-src 'self'"] + connectSources).joined(separator: " "),
            (["form-action 'self'"] + formActions).joined(separator: " "), "frame-ancestors 'none'",
            "base-uri 'none'", "object-src 'none'",
        ].joined(separator: "; ")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers: [(String, String)] = [
            ("Content-Security-Policy", contentSecurityPolicy),
            ("X-Frame-Options", "DENY"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
        for (name, value) in headers {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if strictTransport {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        return response
    }
}
