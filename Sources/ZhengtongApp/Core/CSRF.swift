import Vapor

/// CSRF protection for forms: a random token per session, sent back in the `_csrf` field.
/// SameSite=Lax already stops most cross-site posts; the token also covers same-site attackers.
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let fieldName = "_csrf"

    /// The largest body a form may send (attachments are the largest: 20 MB plus the form around them).
    static let maximumBody = 21 * 1024 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // Vapor collects a body before the middleware only when it arrived in one piece; a longer form
            // (a draft of a few thousand characters) is still streaming here. Collect it, or the token is not
            // found and a real user's typing is refused as a forged request.
            if request.body.data == nil {
                let limit = max(request.application.routes.defaultMaxBodySize.value, Self.maximumBody)
                do {
                    _ = try await request.body.collect(max: limit).get()
                } catch {
                    throw AppError(status: .payloadTooLarge, code: "payload_too_large", message: Strings.Error.payloadTooLarge)
                }
            }
            let expected = request.hasSession ? request.session.data[Self.sessionKey] : nil
            let sent = try? await request.decodeForm(SentToken.self).value
            guard let expected, let sent, Self.constantTimeEquals(expected, sent) else {
                throw AppError(status: .forbidden, code: "csrf_failed", message: Strings.Error.csrf)
            }
        }
        return try await next.respond(to: request)
    }

    /// The token as a form sends it.
    private struct SentToken: Decodable, Sendable {
        var value: String?

        enum CodingKeys: String, CodingKey {
            case value = "_csrf"
        }
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Marks requests that passed the sessions middleware: touching `req.session` anywhere else
/// (an error page for an API path, say) is a fatal error in Vapor.
struct SessionAvailableMiddleware: AsyncMiddleware {
    struct Key: StorageKey { typealias Value = Bool }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[Key.self] = true
        return try await next.respond(to: request)
    }
}

extension Request {
    /// `true` inside the page routes, where the session may be read and written.
    var sessionAvailable: Bool { storage[SessionAvailableMiddleware.Key.self] ?? false }

    /// This session's CSRF token, created on first use.
    var csrfToken: String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = [UInt8].random(count: 24).base64URLEncoded
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }

    /// A one-time message shown on the next page (after a redirect).
    func flash(_ message: String) {
        session.data["flash"] = message
    }

    /// Takes the pending one-time message, if any.
    func takeFlash() -> String? {
        guard sessionAvailable, hasSession, let message = session.data["flash"] else { return nil }
        session.data["flash"] = nil
        return message
    }
}

extension Array where Element == UInt8 {
    var base64URLEncoded: String {
        Data(self).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
