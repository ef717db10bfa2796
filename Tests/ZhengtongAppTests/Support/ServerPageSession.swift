import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A person signed in to the pages of a real server process (``ServerProcess``) over HTTP: keeps the session
/// cookie itself, sends the CSRF token the last page carried, and does not follow redirects (a form's answer
/// is the redirect).
final class ServerPageSession: @unchecked Sendable {
    private let server: ServerProcess
    private let session: URLSession
    private var cookies: [String: String] = [:]
    private(set) var csrf: String?

    private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    init(_ server: ServerProcess) {
        self.server = server
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 120
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    /// Signs in through the login form.
    static func signIn(_ username: String, password: String = testPassword, on server: ServerProcess) async throws -> ServerPageSession {
        let person = ServerPageSession(server)
        _ = try await person.get("/login")
        let (status, _) = try await person.post("/login", form: [("username", username), ("password", password)])
        #expect(status == 303, "sign-in of \(username)")
        return person
    }

    func get(_ path: String) async throws -> (Int, String) {
        let (status, data) = try await send(URLRequest(url: server.url(path)))
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// Posts a form with the CSRF token.
    func post(_ path: String, form fields: [(String, String)]) async throws -> (Int, Data) {
        var request = URLRequest(url: server.url(path))
        request.httpMethod = "POST"
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        request.httpBody = Data((fields + [("_csrf", csrf ?? "")]).map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&").utf8)
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    /// Uploads a file as a browser's file input does, with the CSRF token.
    func upload(_ path: String, field: String, filename: String, contents: Data) async throws -> (Int, Data) {
        let boundary = "zt-server-boundary-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf ?? "")\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
        body += contents
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var request = URLRequest(url: server.url(path))
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    private func send(_ original: URLRequest) async throws -> (Int, Data) {
        var request = original
        request.setValue("text/html", forHTTPHeaderField: "Accept")
        if !cookies.isEmpty { request.setValue(cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie") }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        if let header = http?.value(forHTTPHeaderField: "Set-Cookie") {
            // One cookie per response is all the app sets (its session).
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { cookies[pair[0]] = pair[1] }
        }
        let html = String(decoding: data, as: UTF8.self)
        if let range = html.range(of: "name=\"_csrf\" value=\"") {
            csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
        }
        return (http?.statusCode ?? 0, data)
    }
}
