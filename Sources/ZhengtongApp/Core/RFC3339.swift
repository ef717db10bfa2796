import Foundation
import WorkflowEngine

/// RFC 3339 times in API bodies and queries (`2026-12-08T09:30:00+08:00`, fractions allowed), read by the workflow
/// engine's own parser; anything else is a 422 naming the field.
enum RFC3339 {
    static func parse(_ text: String, field: String) throws -> Date {
        guard let date = ISODateTime.parse(text) else {
            throw AppError.validation(Strings.Error.formInvalid, fields: [field: Strings.Error.rfc3339Invalid])
        }
        return date
    }
}
