/// How urgent a document is (紧急程度).
public enum Urgency: String, CaseIterable, Codable, Hashable, Sendable {
    /// 特急
    case extraUrgent
    /// 加急
    case urgent
    /// 特提: telegrams only, above 特急.
    case flash
    /// 平急: telegrams only, below 加急.
    case priority

    /// The Chinese mark, e.g. `特急`.
    public var title: String {
        switch self {
        case .extraUrgent: "特急"
        case .urgent: "加急"
        case .flash: "特提"
        case .priority: "平急"
        }
    }

    /// The urgency named by a Chinese mark such as `加急`.
    public init?(title: String) {
        guard let urgency = Self.allCases.first(where: { $0.title == title }) else { return nil }
        self = urgency
    }

    /// Whether only telegrams (电报) may carry this mark; other documents use 特急 or 加急.
    public var isForTelegramsOnly: Bool {
        switch self {
        case .flash, .priority: true
        case .extraUrgent, .urgent: false
        }
    }
}
