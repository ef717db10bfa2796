import Foundation

/// JSON as `gongwen render` and the API read and write it (see ``OfficialDocument``).
extension OfficialDocument: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, issuerMark, style, copyNumber, classification, classificationPeriod, urgency, number, signers, title
        case mainRecipients, body, attachments, signatureName, date, sealed, note, ccRecipients, printedBy, printedDate
        case attendees, onLeave, observers, coIssuers
    }

    /// A field whose value the format does not know, named for the message.
    public struct InvalidField: Error, Hashable, Sendable, CustomStringConvertible {
        public var field: String
        public var value: String
        public var description: String { "字段 \(field) 的取值“\(value)”无效 / invalid value for \(field)" }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? {
            try container.decodeIfPresent(String.self, forKey: key).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .flatMap { $0.isEmpty ? nil : $0 }
        }
        func list(_ key: CodingKeys) throws -> [String] {
            try (container.decodeIfPresent([String].self, forKey: key) ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func date(_ key: CodingKeys) throws -> DocumentDate? {
            guard let raw = try text(key) else { return nil }
            guard let date = DocumentDate(iso: raw) else { throw InvalidField(field: key.rawValue, value: raw) }
            return date
        }
        let kindText = try text(.kind) ?? ""
        guard let kind = DocumentKind(rawValue: kindText) ?? DocumentKind(title: kindText) else { throw InvalidField(field: "kind", value: kindText) }
        var classification: Classification?
        if let raw = try text(.classification) {
            guard let level = Classification(rawValue: raw) ?? Classification(title: raw) else { throw InvalidField(field: "classification", value: raw) }
            classification = level
        }
        var urgency: Urgency?
        if let raw = try text(.urgency) {
            guard let value = Urgency(rawValue: raw) ?? Urgency(title: raw) else { throw InvalidField(field: "urgency", value: raw) }
            urgency = value
        }
        var style = LetterheadStyle.file
        if let raw = try text(.style) {
            guard let value = LetterheadStyle(rawValue: raw) else { throw InvalidField(field: "style", value: raw) }
            style = value
        }
        self.init(kind: kind, issuerMark: try text(.issuerMark) ?? "", style: style, copyNumber: try text(.copyNumber),
                  classification: classification, classificationPeriod: try text(.classificationPeriod), urgency: urgency,
                  number: try text(.number), signers: try list(.signers), title: try text(.title) ?? "", mainRecipients: try list(.mainRecipients),
                  body: try container.decodeIfPresent(String.self, forKey: .body) ?? "", attachments: try list(.attachments),
                  signatureName: try text(.signatureName), date: try date(.date), sealed: try container.decodeIfPresent(Bool.self, forKey: .sealed) ?? false,
                  note: try text(.note), ccRecipients: try list(.ccRecipients), printedBy: try text(.printedBy), printedDate: try date(.printedDate),
                  attendees: try list(.attendees), onLeave: try list(.onLeave), observers: try list(.observers),
                  coIssuers: try list(.coIssuers))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(issuerMark, forKey: .issuerMark)
        try container.encode(style.rawValue, forKey: .style)
        try container.encodeIfPresent(copyNumber, forKey: .copyNumber)
        try container.encodeIfPresent(classification?.rawValue, forKey: .classification)
        try container.encodeIfPresent(classificationPeriod, forKey: .classificationPeriod)
        try container.encodeIfPresent(urgency?.rawValue, forKey: .urgency)
        try container.encodeIfPresent(number, forKey: .number)
        try container.encode(signers, forKey: .signers)
        try container.encode(title, forKey: .title)
        try container.encode(mainRecipients, forKey: .mainRecipients)
        try container.encode(body, forKey: .body)
        try container.encode(attachments, forKey: .attachments)
        try container.encodeIfPresent(signatureName, forKey: .signatureName)
        try container.encodeIfPresent(date?.iso, forKey: .date)
        try container.encode(sealed, forKey: .sealed)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encode(ccRecipients, forKey: .ccRecipients)
        try container.encodeIfPresent(printedBy, forKey: .printedBy)
        try container.encodeIfPresent(printedDate?.iso, forKey: .printedDate)
        // Only a 纪要 has them: other documents' JSON stays as it was.
        if !attendees.isEmpty { try container.encode(attendees, forKey: .attendees) }
        if !onLeave.isEmpty { try container.encode(onLeave, forKey: .onLeave) }
        if !observers.isEmpty { try container.encode(observers, forKey: .observers) }
        // Only a 联合行文 has them.
        if !coIssuers.isEmpty { try container.encode(coIssuers, forKey: .coIssuers) }
    }
}

extension DocumentDate {
    /// `2026-01-05`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `2026-01-05`.
    public var iso: String {
        let month = month < 10 ? "0\(month)" : "\(month)"
        let day = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(month)-\(day)"
    }
}
