import Foundation

/// An official document (公文) with its 18 format elements, as drafted, laid out and exchanged.
///
/// The JSON form (field names from the glossary) is what `zhengtong gongwen render DOC.json` reads:
/// codes or Chinese titles are accepted for `kind`, `classification` and `urgency`
/// (`"notice"` or `"通知"`), dates are ISO (`2026-01-05`), `body` is plain text with paragraphs
/// separated by blank lines and headings typed as 一、 （一） 1. （1）.
public struct OfficialDocument: Hashable, Sendable {
    public var kind: DocumentKind
    /// 发文机关标志: e.g. `江北市人民政府办公室文件` (file style) or `江北市人民政府办公室` (letter style).
    public var issuerMark: String
    public var style: LetterheadStyle
    /// 份号: six digits, required on classified documents.
    public var copyNumber: String?
    public var classification: Classification?
    /// 保密期限 as written after the star, e.g. `1年`, `6个月`, `长期`.
    public var classificationPeriod: String?
    public var urgency: Urgency?
    /// 发文字号, as printed (`X政办发〔2026〕12号`); nil until numbered.
    public var number: String?
    /// 签发人 (several for a joint upward document).
    public var signers: [String]
    public var title: String
    /// 主送机关.
    public var mainRecipients: [String]
    /// 正文: paragraphs separated by blank lines.
    public var body: String
    /// Attachment names, in order, for the 附件说明.
    public var attachments: [String]
    /// 发文机关署名; nil when the document carries no signature line.
    public var signatureName: String?
    /// 成文日期.
    public var date: DocumentDate?
    /// Whether the issuer's seal is applied (印章 over 署名 and 成文日期).
    public var sealed: Bool
    /// 附注 (without the parentheses).
    public var note: String?
    /// 抄送机关.
    public var ccRecipients: [String]
    /// 印发机关.
    public var printedBy: String?
    /// 印发日期.
    public var printedDate: DocumentDate?
    /// 纪要's 出席 list: units and names, in order (`市发展改革委 张三`).
    public var attendees: [String]
    /// 纪要's 请假 list.
    public var onLeave: [String]
    /// 纪要's 列席 list.
    public var observers: [String]
    /// 联合行文: the other issuing bodies' names in issuing order (the document's own issuer, in `issuerMark` and
    /// `signatureName`, is the 主办机关 and comes first). Each is printed in the head and as a 署名 with its seal.
    public var coIssuers: [String]

    public init(kind: DocumentKind, issuerMark: String = "", style: LetterheadStyle = .file, copyNumber: String? = nil,
                classification: Classification? = nil, classificationPeriod: String? = nil, urgency: Urgency? = nil,
                number: String? = nil, signers: [String] = [], title: String = "", mainRecipients: [String] = [], body: String = "",
                attachments: [String] = [], signatureName: String? = nil, date: DocumentDate? = nil, sealed: Bool = false,
                note: String? = nil, ccRecipients: [String] = [], printedBy: String? = nil, printedDate: DocumentDate? = nil,
                attendees: [String] = [], onLeave: [String] = [], observers: [String] = [], coIssuers: [String] = []) {
        self.kind = kind
        self.issuerMark = issuerMark
        self.style = style
        self.copyNumber = copyNumber
        self.classification = classification
        self.classificationPeriod = classificationPeriod
        self.urgency = urgency
        self.number = number
        self.signers = signers
        self.title = title
        self.mainRecipients = mainRecipients
        self.body = body
        self.attachments = attachments
        self.signatureName = signatureName
        self.date = date
        self.sealed = sealed
        self.note = note
        self.ccRecipients = ccRecipients
        self.printedBy = printedBy
        self.printedDate = printedDate
        self.attendees = attendees
        self.onLeave = onLeave
        self.observers = observers
        self.coIssuers = coIssuers
    }

    /// The co-issuers as printed (blank ones dropped).
    public var coIssuerNames: [String] {
        coIssuers.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether several bodies issue the document together (联合行文).
    public var isJoint: Bool { !coIssuerNames.isEmpty }

    /// A 纪要's attendance as printed, in the standard's order (出席, 请假, 列席), empty lists left out.
    public var attendance: [(label: String, names: [String])] {
        [("出席", attendees), ("请假", onLeave), ("列席", observers)].map { ($0.0, $0.1.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) }
            .filter { !$0.1.isEmpty }
    }

    /// 密级 with its period as printed (`机密★1年`), or nil.
    public var securityMarking: String? {
        guard let classification else { return nil }
        guard let period = classificationPeriod?.trimmingCharacters(in: .whitespaces), !period.isEmpty else { return classification.title }
        return "\(classification.title)\u{2605}\(period)"
    }

    /// The attachments' names as printed (blank ones dropped), in order.
    public var attachmentNames: [String] {
        attachments.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The body as structured paragraphs.
    public var paragraphs: [BodyParagraph] { BodyParagraph.parse(body) }
}
