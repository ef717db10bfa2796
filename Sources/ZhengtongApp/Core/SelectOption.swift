/// One `<option>` or checkbox in a form: what is sent, what is shown, whether it is chosen.
struct SelectOption: Encodable, Sendable {
    var value: String
    var label: String
    var selected: Bool
}
