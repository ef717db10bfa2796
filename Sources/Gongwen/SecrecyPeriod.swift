/// How long a classification lasts (保密期限), as written after the ★ of the 密级 mark.
public enum SecrecyPeriod: Hashable, Sendable {
    /// A number of years (a positive count), written `1年`.
    case years(Int)
    /// A number of months (a positive count), written `6个月`.
    case months(Int)
    /// No fixed end, written `长期`.
    case longTerm

    /// The Chinese text, e.g. `1年`.
    public var title: String {
        switch self {
        case .years(let count): "\(count)年"
        case .months(let count): "\(count)个月"
        case .longTerm: "长期"
        }
    }
}
