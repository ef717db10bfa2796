/// Why an expression could not be parsed or evaluated, with the expression and the character offset where it went wrong.
///
/// Offsets count `Character`s (what a person sees as one character, so `"办"` is one) from 0 at the start of the source.
public enum ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source is longer than the limit; `expression` holds only its beginning.
    case sourceTooLong(expression: String, length: Int, limit: Int)
    /// A character that starts no token, e.g. `@` or a lone `&`.
    case unexpectedCharacter(expression: String, position: Int, character: Character)
    /// A string literal without its closing quote; the position is the opening quote.
    case unterminatedString(expression: String, position: Int)
    /// A backslash escape the language does not know, e.g. `\q` or a malformed `\u`.
    case invalidEscape(expression: String, position: Int, sequence: String)
    /// A number literal outside the range `Decimal` can hold.
    case invalidNumber(expression: String, position: Int, text: String)
    /// A token (or the end of the source) where the grammar expected something else.
    case unexpectedToken(expression: String, position: Int, found: String, expected: String)
    /// Syntax that other languages have but this safe one refuses: calls, assignment, indexing.
    case unsupportedSyntax(expression: String, position: Int, construct: String)
    /// Parentheses, lists or prefix operators nested deeper than the limit.
    case nestingTooDeep(expression: String, position: Int, limit: Int)
    /// A variable that is not among the variables passed to `evaluate`.
    case unknownVariable(expression: String, position: Int, name: String)
    /// A member that the object does not have; the position is the member name.
    case unknownMember(expression: String, position: Int, name: String)
    /// An operator or member access applied to values of the wrong type, e.g. `"a" > 1`.
    case typeMismatch(expression: String, position: Int, message: String)
    /// Division or remainder by zero; the position is the operator.
    case divisionByZero(expression: String, position: Int)
    /// Arithmetic whose result does not fit in a `Decimal`.
    case numberOverflow(expression: String, position: Int)
    /// A concatenation that would exceed the string-length limit.
    case resultTooLarge(expression: String, position: Int, limit: Int)

    /// The expression source (for `sourceTooLong`, only its beginning).
    public var expression: String {
        switch self {
        case .sourceTooLong(let expression, _, _),
             .unexpectedCharacter(let expression, _, _),
             .unterminatedString(let expression, _),
             .invalidEscape(let expression, _, _),
             .invalidNumber(let expression, _, _),
             .unexpectedToken(let expression, _, _, _),
             .unsupportedSyntax(let expression, _, _),
             .nestingTooDeep(let expression, _, _),
             .unknownVariable(let expression, _, _),
             .unknownMember(let expression, _, _),
             .typeMismatch(let expression, _, _),
             .divisionByZero(let expression, _),
             .numberOverflow(let expression, _),
             .resultTooLarge(let expression, _, _):
            expression
        }
    }

    /// Character offset (from 0) where the problem is; for `sourceTooLong`, the first offset past the limit.
    public var position: Int {
        switch self {
        case .sourceTooLong(_, _, let limit):
            limit
        case .unexpectedCharacter(_, let position, _),
             .unterminatedString(_, let position),
             .invalidEscape(_, let position, _),
             .invalidNumber(_, let position, _),
             .unexpectedToken(_, let position, _, _),
             .unsupportedSyntax(_, let position, _),
             .nestingTooDeep(_, let position, _),
             .unknownVariable(_, let position, _),
             .unknownMember(_, let position, _),
             .typeMismatch(_, let position, _),
             .divisionByZero(_, let position),
             .numberOverflow(_, let position),
             .resultTooLarge(_, let position, _):
            position
        }
    }

    /// What went wrong, without the expression and position (for showing next to an editor field).
    public var message: String {
        switch self {
        case .sourceTooLong(_, let length, let limit):
            "expression is \(length) characters long; the limit is \(limit)"
        case .unexpectedCharacter(_, _, let character):
            "unexpected character '\(character)' (\(Self.scalarNames(character)))"
        case .unterminatedString:
            "unterminated string: the closing quote is missing"
        case .invalidEscape(_, _, let sequence):
            "invalid escape sequence '\(sequence)'"
        case .invalidNumber(_, _, let text):
            "number \(text) is out of range"
        case .unexpectedToken(_, _, let found, let expected):
            "unexpected \(found); expected \(expected)"
        case .unsupportedSyntax(_, _, let construct):
            "\(construct) is not allowed in conditions"
        case .nestingTooDeep(_, _, let limit):
            "nesting is deeper than the limit of \(limit)"
        case .unknownVariable(_, _, let name):
            "unknown variable '\(name)'"
        case .unknownMember(_, _, let name):
            "unknown member '\(name)'"
        case .typeMismatch(_, _, let message):
            "type mismatch: \(message)"
        case .divisionByZero:
            "division by zero"
        case .numberOverflow:
            "number overflow: the result is out of range"
        case .resultTooLarge(_, _, let limit):
            "result would be longer than the limit of \(limit) characters"
        }
    }

    /// One line naming the expression, the offset and the problem, e.g. `error in expression "a >> 1" at offset 3: …`.
    public var description: String {
        "error in expression \(Self.quoted(excerpt)) at offset \(position): \(message)"
    }

    /// The expression as shown in `description`: whole when short, otherwise the part around the position,
    /// so that a log line stays readable even for a 4,000-character condition.
    private var excerpt: String {
        let characters = Array(expression)
        let radius = 60
        guard characters.count > 2 * radius else { return expression }
        let start = max(0, position - radius)
        let end = min(characters.count, position + radius)
        return (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
    }

    /// Quotes text with its quotes and backslashes escaped, so the excerpt cannot be confused with the message.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }

    /// `U+FF08`-style code points, because look-alike characters (full-width parentheses, curly quotes) are the usual culprits.
    private static func scalarNames(_ character: Character) -> String {
        character.unicodeScalars
            .map { scalar in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            .joined(separator: " ")
    }
}
