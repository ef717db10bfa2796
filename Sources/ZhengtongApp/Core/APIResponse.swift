import Foundation
import Vapor

extension JSONEncoder {
    /// The one encoder of API JSON: ISO-8601 dates, stable key order, absent optionals left out. `configure`
    /// also makes it Vapor's JSON encoder, so a handler returning `Content` encodes exactly the same way.
    static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}

/// JSON answers of the API.
enum APIResponse {
    /// Makes ``JSONEncoder/api`` Vapor's JSON encoder, so a handler returning `Content` encodes exactly as
    /// `json(_:status:)` does. The configuration is process-wide: it is set once, before any application
    /// serves (tests build many applications side by side).
    static func installEncoder() { _ = installed }

    private static let installed: Void = {
        ContentConfiguration.global.use(encoder: JSONEncoder.api, for: .json)
    }()

    /// `value` as JSON with `status`.
    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: JSONEncoder.api)
        return response
    }
}
