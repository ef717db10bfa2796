import Gongwen
import Vapor

/// An error a user sees: an HTTP status, a stable machine code for the API and a Chinese message for pages.
struct AppError: AbortError, DebuggableError {
    var status: HTTPResponseStatus
    /// Stable identifier API clients can branch on (`validation_failed`, `conflict` …).
    var code: String
    /// What went wrong, in Chinese, fit to show the user.
    var message: String
    /// Per-field messages for forms and API clients.
    var fields: [String: String] = [:]

    var reason: String { message }
    var identifier: String { code }

    static func validation(_ message: String, fields: [String: String] = [:]) -> AppError {
        AppError(status: .unprocessableEntity, code: "validation_failed", message: message, fields: fields)
    }
    static func notFound(_ message: String = Strings.Error.notFound) -> AppError {
        AppError(status: .notFound, code: "not_found", message: message)
    }
    static func forbidden(_ message: String = Strings.Error.forbidden) -> AppError {
        AppError(status: .forbidden, code: "forbidden", message: message)
    }
    static func unauthorized(_ message: String = Strings.Error.unauthorized) -> AppError {
        AppError(status: .unauthorized, code: "unauthorized", message: message)
    }
    static func conflict(_ message: String) -> AppError {
        AppError(status: .conflict, code: "conflict", message: message)
    }
}

/// The stable code and Chinese message for any error, including Vapor's own `Abort`.
struct ErrorPresentation: Sendable {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    var fields: [String: String]

    init(_ error: any Error) {
        switch error {
        case let error as AppError:
            self.init(status: error.status, code: error.code, message: error.message, fields: error.fields)
        case let abort as any AbortError:
            let status = abort.status
            self.init(status: status, code: Self.code(for: status), message: Self.message(for: status), fields: [:])
        case is DecodingError:
            self.init(status: .badRequest, code: "bad_request", message: Strings.Error.badRequest, fields: [:])
        case let outage where DatabaseUnavailable.matches(outage):
            // Not the request's fault nor a bug: the database is restarting or out of reach (issue 16).
            self.init(status: .serviceUnavailable, code: "database_unavailable", message: Strings.Error.databaseUnavailable, fields: [:])
        case let invalid as OfficialDocument.InvalidField:
            // A document's JSON with a 文种, 密级, 紧急程度, 版式 or date the format does not know: the field is named.
            self.init(status: .unprocessableEntity, code: "validation_failed", message: Strings.Error.formInvalid,
                      fields: [invalid.field: invalid.description])
        default:
            self.init(status: .internalServerError, code: "internal_error", message: Strings.Error.internal, fields: [:])
        }
    }

    init(status: HTTPResponseStatus, code: String, message: String, fields: [String: String]) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .conflict: "conflict"
        case .payloadTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .unprocessableEntity: "validation_failed"
        case .tooManyRequests: "too_many_requests"
        default: status.code >= 500 ? "internal_error" : "http_\(status.code)"
        }
    }

    /// Vapor's own reasons are English; users get Chinese.
    static func message(for status: HTTPResponseStatus) -> String {
        switch status {
        case .badRequest: Strings.Error.badRequest
        case .unauthorized: Strings.Error.unauthorized
        case .forbidden: Strings.Error.forbidden
        case .notFound: Strings.Error.notFound
        case .methodNotAllowed: Strings.Error.methodNotAllowed
        case .payloadTooLarge: Strings.Error.payloadTooLarge
        case .unsupportedMediaType: Strings.Error.unsupportedMediaType
        case .conflict: Strings.Error.staleRecord
        case .unprocessableEntity: Strings.Error.formInvalid
        case .tooManyRequests: Strings.Error.tooManyRequests
        default: status.code >= 500 ? Strings.Error.internal : Strings.Error.badRequest
        }
    }
}
