/// A classification level (密级); cases are ordered from least to most protected.
public enum Classification: String, CaseIterable, Codable, Comparable, Hashable, Sendable {
    /// 秘密
    case confidential
    /// 机密
    case secret
    /// 绝密
    case topSecret

    /// The Chinese mark, e.g. `机密`.
    public var title: String {
        switch self {
        case .confidential: "秘密"
        case .secret: "机密"
        case .topSecret: "绝密"
        }
    }

    /// The level named by a Chinese mark such as `机密`.
    public init?(title: String) {
        guard let level = Self.allCases.first(where: { $0.title == title }) else { return nil }
        self = level
    }

    // Ordered so that a compilation can take the highest level of its parts with `max()`, as the rules require.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .confidential: 1
        case .secret: 2
        case .topSecret: 3
        }
    }
}
