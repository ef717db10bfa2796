/// The texts of 公文交换 (see ``Strings``).
extension Strings {
    enum Exchange {
    }

    static let exchangePage: [String: String] = [:]
}
