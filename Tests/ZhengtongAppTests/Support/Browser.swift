import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

/// A person using the pages: keeps cookies, sends the CSRF token the last page carried,
/// and can pretend to come from a given address (the app trusts proxy headers in tests).
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    var address: String
    /// Headers sent with every request besides the usual ones.
    var extraHeaders = HTTPHeaders()

    init(_ app: Application, address: String = "10.0.0.\(Int.random(in: 2...250))") {
        self.app = app
        self.address = address
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil)
    }

    /// Posts a form; `_csrf` is added from the last page unless the test passes its own.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf overrideToken: String? = nil, includeToken: Bool = true) async throws -> TestingHTTPResponse {
        var all = fields
        if includeToken {
            if csrf == nil { try await get(SiteURL.login.path) }
            all.append(("_csrf", overrideToken ?? csrf ?? ""))
        }
        return try await send(.POST, path, body: Self.formEncode(all))
    }

    /// Uploads a file as a browser's file input does (multipart/form-data), with the CSRF token.
    @discardableResult
    func upload(_ path: String, field: String, filename: String, content: String) async throws -> TestingHTTPResponse {
        let boundary = "zt-test-boundary"
        var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf ?? "")\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\n"
        body += "Content-Type: application/xml\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
        return try await send(.POST, path, body: body, contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    /// Sends a body as given (e.g. a multipart form with several fields and a file); the caller adds `_csrf`.
    func sendRaw(_ method: HTTPMethod, _ path: String, body: String, contentType: HTTPMediaType) async throws -> TestingHTTPResponse {
        try await send(method, path, body: body, contentType: contentType)
    }

    /// Signs in through the login form.
    @discardableResult
    func login(_ username: String, password: String = testPassword) async throws -> TestingHTTPResponse {
        try await get(SiteURL.login.path)
        let response = try await post(SiteURL.login.path, [("username", username), ("password", password)])
        // Like a real browser, follow the redirect: the new session's page carries its new CSRF token.
        if response.status == .seeOther, let location = response.location {
            try await get(location)
        }
        return response
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?, contentType: HTTPMediaType = .urlEncodedForm) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        headers.add(name: .xForwardedFor, value: address)
        headers.add(contentsOf: extraHeaders)
        headers.add(name: .accept, value: "text/html")
        var buffer: ByteBuffer?
        if let body {
            headers.contentType = contentType
            buffer = ByteBuffer(string: body)
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if header.lowercased().contains("expires=thu, 01 jan 1970") || pair[1].isEmpty {
                cookies[pair[0]] = nil
            } else {
                cookies[pair[0]] = pair[1]
            }
        }
        let html = response.body.string
        if let range = html.range(of: "name=\"_csrf\" value=\"") {
            let rest = html[range.upperBound...]
            csrf = String(rest.prefix { $0 != "\"" })
        }
        return response
    }

    static func formEncode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key) + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }.joined(separator: "&")
    }
}

/// Calls the JSON API with a bearer token. Every exchange is also held to `openapi.json` (``OpenAPIContract``),
/// so each API test is a contract test too.
struct APIClient {
    let app: Application
    var token: String?
    /// In memory (the default), or a real server on loopback when a test needs what only a socket does (body limits).
    var server: Application.Method = .inMemory

    /// Gets a token through `POST /api/v1/auth/token`.
    static func signIn(_ app: Application, _ username: String, password: String = testPassword,
                       sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIClient {
        let response = try await APIClient(app: app).request(.POST, "/api/v1/auth/token", json: ["username": username, "password": password],
                                                             sourceLocation: sourceLocation)
        #expect(response.status == .created, "token for \(username): \(response.body.string)", sourceLocation: sourceLocation)
        let token = try response.content.get(String.self, at: "token")
        return APIClient(app: app, token: token)
    }

    func request(_ method: HTTPMethod, _ path: String, json: [String: String]? = nil, headers extra: HTTPHeaders = [:],
                 sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONEncoder().encode(json))
        }
        return try await exchange(method, path, headers: headers, body: body, sourceLocation: sourceLocation)
    }

    func get(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        try await request(.GET, path, sourceLocation: sourceLocation)
    }

    /// Sends `body` as it is (nested JSON, XML).
    func send(_ method: HTTPMethod, _ path: String, body: String, contentType: HTTPMediaType = .json,
              headers extra: HTTPHeaders = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        headers.contentType = contentType
        return try await exchange(method, path, headers: headers, body: ByteBuffer(string: body), sourceLocation: sourceLocation)
    }

    private func exchange(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?,
                          sourceLocation: SourceLocation) async throws -> TestingHTTPResponse {
        let response = try await app.testing(method: server).sendRequest(method, path, headers: headers, body: body)
        OpenAPIContract.shipped.expectConforms(
            .init(method: method.rawValue, target: path, requestContentType: headers.first(name: .contentType),
                  requestBody: body.map { Data($0.readableBytesView) }, status: Int(response.status.code),
                  responseContentType: response.headers.first(name: .contentType), responseBody: Data(response.body.readableBytesView)),
            sourceLocation: sourceLocation)
        return response
    }
}

extension TestingHTTPResponse {
    /// The `{error: {code}}` of an API error.
    var errorCode: String? { try? content.get(String.self, at: "error", "code") }
    /// Where a redirect points.
    var location: String? { headers.first(name: .location) }
}
