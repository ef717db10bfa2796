/// The API's own wording of messages first written for pages. A rule shared by both doors (a service, a step of a
/// process) throws one message; where it speaks of the page — a button to click, a form to correct, a page to
/// reload — the API answers in terms of its requests instead. Codes stay as they are: only the words change.
///
/// Keyed by the page's text itself (the constants, so the two cannot drift apart): a thrower need not know which
/// door it was called through, and a message without an entry is already fit for both.
enum APIWording {
    static let replacements: [String: String] = [
        Strings.Error.notFound: Strings.API.notFound,
        Strings.Error.unauthorized: Strings.Auth.tokenInvalid,
        Strings.Error.formInvalid: Strings.API.requestInvalid,
        Strings.Error.staleRecord: Strings.API.staleRecord,
        Strings.Outgoing.editedMeanwhile: Strings.API.outgoingEditedMeanwhile,
        Strings.Incoming.editedMeanwhile: Strings.API.staleRecord,
        Strings.Archive.editedMeanwhile: Strings.API.staleRecord,
    ]

    /// `message` as the API says it.
    static func message(_ message: String) -> String {
        replacements[message] ?? message
    }
}
