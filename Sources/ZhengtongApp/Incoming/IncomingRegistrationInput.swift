import Foundation
import Gongwen
import Vapor

/// The registration fields as typed (a form or the API), checked the way a clerk would: 来文单位 and 标题
/// required, 份数 1–999, a 办理时限 not in the past, and no classified document on a platform not set up for them.
struct IncomingRegistrationInput: Content, Sendable {
    var senderName: String?
    var senderNumber: String?
    var title: String?
    var kind: String?
    var classification: String?
    var urgency: String?
    var copies: String?
    var dueDate: String?
    var handling: String?
    var source: String?

    /// The particulars, or the Chinese message for each field that is wrong.
    func validate(policy: DocumentRules.Policy, today: DocumentDate = DocumentDate(Date())) -> (IncomingRegistration.Particulars?, [String: String]) {
        var errors: [String: String] = [:]
        let sender = FieldRules.trimmed(senderName)
        let title = FieldRules.trimmed(self.title)
        if sender.isEmpty || sender.count > 100 { errors["senderName"] = Strings.Incoming.senderRequired }
        if title.isEmpty || title.count > 200 { errors["title"] = Strings.Incoming.titleRequired }
        let copiesText = FieldRules.trimmed(copies)
        let copies = copiesText.isEmpty ? 1 : Int(copiesText) ?? 0
        if !(1...999).contains(copies) { errors["copies"] = Strings.Incoming.copiesInvalid }
        var due: Date?
        let dueText = FieldRules.trimmed(dueDate)
        if !dueText.isEmpty {
            if let day = DocumentDate(iso: dueText), !(day < today) {
                due = IncomingRegistration.endOfWork(day)
            } else {
                errors["dueDate"] = Strings.Incoming.dueInvalid
            }
        }
        let classification = FieldRules.trimmed(self.classification).isEmpty ? nil : Classification(rawValue: FieldRules.trimmed(self.classification))
        if classification != nil && !policy.allowsClassified { errors["classification"] = Strings.Incoming.classifiedRefused }
        guard errors.isEmpty else { return (nil, errors) }
        return (IncomingRegistration.Particulars(
            senderName: sender, senderNumber: FieldRules.trimmed(senderNumber).isEmpty ? nil : String(FieldRules.trimmed(senderNumber).prefix(60)),
            title: title, kind: DocumentKind(rawValue: FieldRules.trimmed(kind)), classification: classification,
            urgency: Urgency(rawValue: FieldRules.trimmed(urgency)), copies: copies, dueAt: due,
            handling: IncomingDocument.Handling(rawValue: FieldRules.trimmed(handling)) ?? .handle,
            source: IncomingDocument.Source(rawValue: FieldRules.trimmed(source)) ?? .paper), [:])
    }

    /// The form showing what was typed (kept on a refused submission).
    func form(action: String, returnTo: String?, version: Int, withFile: Bool) -> IncomingRegistrationForm {
        var form = IncomingRegistrationForm(action: action, returnTo: returnTo, version: version, senderName: senderName ?? "", senderNumber: senderNumber ?? "",
                                            title: title ?? "", kind: kind ?? "", classification: classification ?? "", urgency: urgency ?? "",
                                            copies: copies ?? "1", dueDate: dueDate ?? "", handling: handling ?? "handle")
        if withFile { form.withManualRegistration(source: source) }
        return form
    }
}

extension IncomingRegistrationForm {
    /// A blank form for registering a paper document.
    static func blank(action: String) -> IncomingRegistrationForm {
        var form = IncomingRegistrationForm(action: action, returnTo: nil, version: 0, senderName: "", senderNumber: "", title: "", kind: "",
                                            classification: "", urgency: "", copies: "1", dueDate: "", handling: "handle")
        form.withManualRegistration(source: nil)
        return form
    }

    /// Adds the scan upload and the ways a document arrives other than 公文交换.
    mutating func withManualRegistration(source: String?) {
        withFile = true
        let chosen = source ?? IncomingDocument.Source.paper.rawValue
        sources = IncomingDocument.Source.allCases.filter { $0 != .exchange }
            .map { SelectOption(value: $0.rawValue, label: Strings.Incoming.sourceLabel($0), selected: $0.rawValue == chosen) }
    }
}
