/// One of the 15 document kinds (文种) of the 2012 regulation; the raw value is a stable code for storage and the API.
public enum DocumentKind: String, CaseIterable, Codable, Hashable, Sendable {
    /// 决议
    case resolution
    /// 决定
    case decision
    /// 命令（令）
    case order
    /// 公报
    case communique
    /// 公告
    case announcement
    /// 通告
    case publicNotice
    /// 意见
    case opinion
    /// 通知
    case notice
    /// 通报
    case circular
    /// 报告
    case report
    /// 请示
    case request
    /// 批复
    case reply
    /// 议案
    case motion
    /// 函
    case letter
    /// 纪要
    case minutes

    /// The Chinese name as it ends a title (关于……的通知), e.g. `通知`; `命令` for `.order`.
    public var title: String {
        switch self {
        case .resolution: "决议"
        case .decision: "决定"
        case .order: "命令"
        case .communique: "公报"
        case .announcement: "公告"
        case .publicNotice: "通告"
        case .opinion: "意见"
        case .notice: "通知"
        case .circular: "通报"
        case .report: "报告"
        case .request: "请示"
        case .reply: "批复"
        case .motion: "议案"
        case .letter: "函"
        case .minutes: "纪要"
        }
    }

    /// The kind named by a Chinese title such as `通知`; also accepts `令`, the short name of 命令.
    public init?(title: String) {
        // The regulation names the kind "命令（令）" and titles use both (国务院令, 嘉奖令).
        if title == "令" {
            self = .order
            return
        }
        guard let kind = Self.allCases.first(where: { $0.title == title }) else { return nil }
        self = kind
    }

    /// The usual direction of this kind.
    ///
    /// The regulation fixes 请示 and 报告 as upward and 函 as parallel. The other kinds are issued by a body
    /// to those below it or to the public, so they are downward. 意见 can also go up or sideways; this is its
    /// usual direction, and a document that sends an 意见 upward must say so itself.
    public var direction: DocumentDirection {
        switch self {
        case .report, .request:
            .upward
        case .motion:
            // A government submits 议案 to the people's congress (or its standing committee) that
            // oversees it, and the principal leader signs it, so it is handled as upward.
            .upward
        case .letter:
            .parallel
        case .resolution, .decision, .order, .communique, .announcement, .publicNotice,
             .opinion, .notice, .circular, .reply, .minutes:
            .downward
        }
    }

    /// Whether the head must show 签发人: the regulation requires it on every upward document.
    public var requiresSigner: Bool {
        direction == .upward
    }
}
