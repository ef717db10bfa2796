import Foundation

/// The rules of the regulation and GB/T 9704 that software can check, as an office director would.
///
/// `stage` says how far along the document is: a draft need not have a number or a date yet; a document
/// about to be dispatched (and anything laid out for printing with those elements) must.
public enum DocumentRules {
    public enum Stage: Sendable {
        /// 拟稿 and the approval steps: the content and the head, without 编号, 成文日期 and 印章.
        case drafting
        /// 封发: everything, including 文号, 成文日期 and (with a 署名) the seal.
        case dispatch
    }

    /// What the deployment allows.
    public struct Policy: Sendable {
        /// Only a network approved for classified information may hold 涉密 documents.
        public var allowsClassified: Bool

        public init(allowsClassified: Bool = false) {
            self.allowsClassified = allowsClassified
        }
    }

    public static func problems(in document: OfficialDocument, stage: Stage, policy: Policy = Policy()) -> [DocumentProblem] {
        var problems: [DocumentProblem] = []
        func add(_ field: String, _ message: String) { problems.append(DocumentProblem(field: field, message: message)) }

        let title = document.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            // A 纪要's 标志 (`××××纪要`) and a 命令's (`××××令`) name them; a title of their own is optional.
            if document.kind != .minutes && document.kind != .order { add("title", "请填写标题。") }
        } else {
            if !title.hasSuffix(document.kind.title) && !(document.kind == .order && title.hasSuffix("令")) {
                add("title", "标题应以文种“\(document.kind.title)”结尾（如“关于……的\(document.kind.title)”）。")
            }
            if title.count > 200 { add("title", "标题不能超过 200 个字。") }
        }
        if document.issuerMark.trimmingCharacters(in: .whitespaces).isEmpty { add("issuerMark", "请填写发文机关标志。") }
        if document.paragraphs.isEmpty { add("body", "正文不能为空。") }

        if document.kind.requiresSigner && document.signers.isEmpty {
            add("signers", "\(document.kind.title)是上行文，须标注签发人。")
        }
        if document.kind == .request && document.mainRecipients.count > 1 {
            add("mainRecipients", "请示应当一文一事，只能主送一个机关。")
        }
        if document.mainRecipients.isEmpty && document.kind != .minutes && document.kind != .announcement && document.kind != .publicNotice
            && document.kind != .communique && document.kind != .order {
            add("mainRecipients", "请填写主送机关。")
        }

        if let classification = document.classification {
            if !policy.allowsClassified {
                add("classification", "本系统不是涉密网络，不能处理标有“\(classification.title)”的文件。")
            }
            if document.copyNumber == nil { add("copyNumber", "涉密公文须标注份号。") }
        } else if document.classificationPeriod != nil {
            add("classificationPeriod", "只有标注密级的公文才有保密期限。")
        }
        if let copy = document.copyNumber, !(copy.count == 6 && copy.allSatisfy({ $0.isASCII && $0.isNumber })) {
            add("copyNumber", "份号应为 6 位阿拉伯数字，如 000001。")
        }
        if let urgency = document.urgency, urgency.isForTelegramsOnly {
            add("urgency", "“\(urgency.title)”只用于电报，公文的紧急程度为特急或加急。")
        }
        if document.kind == .order || document.style == .order {
            if let number = document.number, number.firstMatch(of: /^第[1-9][0-9]*号$/) == nil {
                add("number", "令号格式应为“第N号”，如 第12号。")
            }
            if document.style == .order && document.signers.isEmpty { add("signers", "命令须标注签发人（签名章处）。") }
            if document.style == .order && document.sealed { add("sealed", "命令以签发人签名章代替印章，不加盖机关印章。") }
        } else if let number = document.number, DocumentNumber(parsing: number)?.formatted != number {
            add("number", "发文字号格式应为“机关代字〔年份〕序号号”，如 X政办发〔2026〕12号（六角括号，不编虚位，不加“第”）。")
        }
        if document.sealed && document.signatureName == nil {
            add("sealed", "加盖印章的公文须有发文机关署名。")
        }
        if document.kind == .minutes && document.sealed { add("sealed", "纪要不加盖印章。") }
        if document.kind != .minutes && !document.attendance.isEmpty {
            add("attendees", "只有纪要标注出席、请假和列席人员。")
        }
        if document.isJoint {
            let names = document.coIssuerNames
            if document.style == .order || document.kind == .minutes {
                add("coIssuers", "命令和纪要不联合行文。")
            }
            if Set(names).count != names.count || document.signatureName.map(names.contains) == true {
                add("coIssuers", "联合发文机关不能重复，也不能与主办机关相同。")
            }
            if names.count > 8 {
                add("coIssuers", "联合发文机关最多 8 个（版头与印章排布所限）。")
            }
        }

        guard stage == .dispatch else { return problems }
        if document.number == nil { add("number", "尚未编号，不能封发。") }
        if document.date == nil { add("date", "尚未填写成文日期，不能封发。") }
        if document.signatureName != nil && !document.sealed && document.kind != .minutes && document.style != .order {
            add("sealed", "有发文机关署名的公文须加盖印章后才能封发。")
        }
        return problems
    }
}
