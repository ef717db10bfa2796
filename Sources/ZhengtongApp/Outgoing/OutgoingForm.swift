import Foundation
import Gongwen
import Vapor

/// The drafting form's fields, as typed: kept as they are when a save is refused.
struct OutgoingForm: Content, Sendable {
    var version: String?
    var kind: String?
    var urgency: String?
    var classification: String?
    var classificationPeriod: String?
    var copyNumber: String?
    var signers: String?
    var title: String?
    var mainRecipients: String?
    var ccRecipients: String?
    var body: String?
    var signatureName: String?
    var note: String?
    var printedBy: String?
    /// 纪要's 出席, 请假 and 列席 lists, one entry a line.
    var attendees: String?
    var onLeave: String?
    var observers: String?
    /// 联合行文's other issuing bodies, one a line.
    var coIssuers: String?

    init(version: String? = nil, kind: String? = nil, urgency: String? = nil, classification: String? = nil, classificationPeriod: String? = nil,
         copyNumber: String? = nil, signers: String? = nil, title: String? = nil, mainRecipients: String? = nil, ccRecipients: String? = nil,
         body: String? = nil, signatureName: String? = nil, note: String? = nil, printedBy: String? = nil,
         attendees: String? = nil, onLeave: String? = nil, observers: String? = nil, coIssuers: String? = nil) {
        self.version = version
        self.kind = kind
        self.urgency = urgency
        self.classification = classification
        self.classificationPeriod = classificationPeriod
        self.copyNumber = copyNumber
        self.signers = signers
        self.title = title
        self.mainRecipients = mainRecipients
        self.ccRecipients = ccRecipients
        self.body = body
        self.signatureName = signatureName
        self.note = note
        self.printedBy = printedBy
        self.attendees = attendees
        self.onLeave = onLeave
        self.observers = observers
        self.coIssuers = coIssuers
    }

    /// The form showing a saved document.
    init(_ document: OfficialDocument, version: Int) {
        self.init(version: String(version), kind: document.kind.rawValue, urgency: document.urgency?.rawValue,
                  classification: document.classification?.rawValue, classificationPeriod: document.classificationPeriod,
                  copyNumber: document.copyNumber, signers: document.signers.joined(separator: "、"), title: document.title,
                  mainRecipients: document.mainRecipients.joined(separator: "、"), ccRecipients: document.ccRecipients.joined(separator: "、"),
                  body: document.body, signatureName: document.signatureName, note: document.note, printedBy: document.printedBy,
                  attendees: document.attendees.joined(separator: "\n"), onLeave: document.onLeave.joined(separator: "\n"),
                  observers: document.observers.joined(separator: "\n"), coIssuers: document.coIssuers.joined(separator: "\n"))
    }

    /// Names typed one per line or separated by 、，, ; and trimmed.
    static func names(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { "\n\r、，,；;".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The document with the typed fields applied over `current` (number, date, seal and attachments are
    /// not typed here: numbering, signing and sealing set them). Throws 422 for a 文种 that does not exist;
    /// lengths are checked where every door's edit is (``OutgoingService/typedFields(_:over:)``), and the
    /// document rules are advice shown beside the form.
    func apply(to current: OfficialDocument) throws -> OfficialDocument {
        var document = current
        guard let kind = DocumentKind(rawValue: self.kind ?? "") else {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["kind": Strings.Outgoing.kindInvalid])
        }
        document.kind = kind
        document.urgency = urgency.flatMap(Urgency.init(rawValue:))
        document.classification = classification.flatMap(Classification.init(rawValue:))
        func optional(_ text: String?) -> String? {
            let value = FieldRules.trimmed(text)
            return value.isEmpty ? nil : value
        }
        document.classificationPeriod = optional(classificationPeriod)
        document.copyNumber = optional(copyNumber)
        document.signers = Self.names(signers)
        document.title = FieldRules.trimmed(title)
        document.mainRecipients = Self.names(mainRecipients)
        document.ccRecipients = Self.names(ccRecipients)
        document.body = (body ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        document.signatureName = optional(signatureName)
        document.note = optional(note)
        document.printedBy = optional(printedBy)
        document.attendees = Self.names(attendees)
        document.onLeave = Self.names(onLeave)
        document.observers = Self.names(observers)
        document.coIssuers = Self.names(coIssuers)
        return document
    }
}
