/// Which way a document travels between bodies (行文方向); it decides whether the head shows 签发人.
public enum DocumentDirection: String, CaseIterable, Codable, Hashable, Sendable {
    /// 上行文: to a superior body.
    case upward
    /// 下行文: to subordinate bodies or the public.
    case downward
    /// 平行文: to a body that is neither superior nor subordinate.
    case parallel

    /// The Chinese name, e.g. `上行文`.
    public var title: String {
        switch self {
        case .upward: "上行文"
        case .downward: "下行文"
        case .parallel: "平行文"
        }
    }
}
