/// Something a careful office director would stop a document for: the field and a Chinese message.
public struct DocumentProblem: Hashable, Sendable, CustomStringConvertible {
    /// The JSON/form field the problem is about (`title`, `mainRecipients` …).
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}
