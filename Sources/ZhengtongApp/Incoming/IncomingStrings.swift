/// The texts of 收文 (see ``Strings``).
extension Strings {
    enum Incoming {
    }

    static let incomingPage: [String: String] = [:]
}
