import Foundation

/// The password rules (length, character classes, not the username), and generated passwords.
enum PasswordPolicy {
    static let minimumLength = 8
    static let maximumLength = 64
    /// Of upper case, lower case, digits and symbols, at least this many kinds.
    static let requiredClasses = 3

    /// The rule `password` breaks, in Chinese, or `nil` when it is acceptable.
    static func problem(with password: String, username: String) -> String? {
        if password.count < minimumLength { return Strings.Password.tooShort(minimumLength) }
        if password.count > maximumLength { return Strings.Password.tooLong(maximumLength) }
        var classes = 0
        if password.contains(where: { $0.isASCII && $0.isUppercase }) { classes += 1 }
        if password.contains(where: { $0.isASCII && $0.isLowercase }) { classes += 1 }
        if password.contains(where: { $0.isASCII && $0.isNumber }) { classes += 1 }
        if password.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) { classes += 1 }
        if classes < requiredClasses { return Strings.Password.classes }
        if !username.isEmpty, password.lowercased().contains(username.lowercased()) { return Strings.Password.containsUsername }
        return nil
    }

    /// A random password that satisfies the policy, without look-alike characters (0/O, 1/l/I).
    static func generate(length: Int = 12) -> String {
        let upper = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        let lower = Array("abcdefghijkmnpqrstuvwxyz")
        let digits = Array("23456789")
        let symbols = Array("@#%+=?")
        let all = upper + lower + digits + symbols
        var generator = SystemRandomNumberGenerator()
        var characters = [upper, lower, digits, symbols].map { $0.randomElement(using: &generator)! }
        while characters.count < length { characters.append(all.randomElement(using: &generator)!) }
        return String(characters.shuffled(using: &generator))
    }
}
