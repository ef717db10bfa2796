import Foundation

/// Splits expression source into tokens, reporting the first lexical error with its character offset.
struct ExpressionLexer {
    /// The source as characters so that offsets in errors are character offsets, as people count them.
    private let characters: [Character]
    private let source: String
    private var index = 0

    init(source: String) {
        self.source = source
        self.characters = Array(source)
    }

    /// Tokenizes the whole source; the last token is always `.end`.
    static func tokenize(_ source: String) throws(ExpressionError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(source: source)
        var tokens: [ExpressionToken] = []
        while true {
            let token = try lexer.nextToken(isFirst: tokens.isEmpty)
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// Operators made of two characters, tried before single characters so `<=` is not `<` then `=`.
    private static let twoCharacterSymbols: Set<String> = ["==", "!=", "<=", ">=", "&&", "||"]
    /// Operators and punctuation of one character.
    private static let oneCharacterSymbols: Set<Character> = [
        "<", ">", "=", "!", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", ".", "}",
    ]

    private mutating func nextToken(isFirst: Bool) throws(ExpressionError) -> ExpressionToken {
        // Character.isWhitespace also covers the ideographic space U+3000 that Chinese input methods insert.
        while index < characters.count, characters[index].isWhitespace {
            index += 1
        }
        let start = index
        guard index < characters.count else {
            return ExpressionToken(kind: .end, position: start)
        }
        let character = characters[index]

        // `${` / `#{` open a JUEL wrapper; it is only meaningful as the very first token.
        if isFirst, character == "$" || character == "#", peek(1) == "{" {
            index += 2
            return ExpressionToken(kind: .symbol(String(character) + "{"), position: start)
        }
        if character.isNumber, character.isASCII {
            return try lexNumber()
        }
        if character == "\"" || character == "'" {
            return try lexString(quote: character)
        }
        if Self.isIdentifierStart(character) {
            while index < characters.count, Self.isIdentifierContinuation(characters[index]) {
                index += 1
            }
            return ExpressionToken(kind: .word(String(characters[start..<index])), position: start)
        }
        if let next = peek(1) {
            let pair = String([character, next])
            if Self.twoCharacterSymbols.contains(pair) {
                index += 2
                return ExpressionToken(kind: .symbol(pair), position: start)
            }
        }
        if Self.oneCharacterSymbols.contains(character) {
            index += 1
            return ExpressionToken(kind: .symbol(String(character)), position: start)
        }
        throw .unexpectedCharacter(expression: source, position: start, character: character)
    }

    /// Letters of any script (so `金额` is a valid variable name) and `_` start identifiers.
    private static func isIdentifierStart(_ character: Character) -> Bool {
        character.isLetter || character == "_"
    }

    private static func isIdentifierContinuation(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private func peek(_ offset: Int) -> Character? {
        let position = index + offset
        return position < characters.count ? characters[position] : nil
    }

    private static func isDigit(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isASCII && character.isNumber
    }

    /// Digits, an optional fraction and an optional exponent: `5000`, `0.5`, `1.5e3`.
    private mutating func lexNumber() throws(ExpressionError) -> ExpressionToken {
        let start = index
        while Self.isDigit(peek(0)) { index += 1 }
        // A dot is a fraction only when a digit follows, so `1.` stays an error rather than a silent `1`.
        if peek(0) == ".", Self.isDigit(peek(1)) {
            index += 1
            while Self.isDigit(peek(0)) { index += 1 }
        }
        if peek(0) == "e" || peek(0) == "E" {
            let signLength = (peek(1) == "+" || peek(1) == "-") ? 1 : 0
            if Self.isDigit(peek(1 + signLength)) {
                index += 1 + signLength
                while Self.isDigit(peek(0)) { index += 1 }
            }
        }
        let text = String(characters[start..<index])
        guard let value = Decimal(string: text, locale: ExpressionValue.posixLocale), !value.isNaN else {
            throw .invalidNumber(expression: source, position: start, text: text)
        }
        return ExpressionToken(kind: .number(value), position: start)
    }

    /// A single- or double-quoted string with backslash escapes `\" \' \\ \n \r \t \uXXXX`.
    private mutating func lexString(quote: Character) throws(ExpressionError) -> ExpressionToken {
        let start = index
        index += 1
        var value = ""
        while index < characters.count {
            let character = characters[index]
            if character == quote {
                index += 1
                return ExpressionToken(kind: .string(value), position: start)
            }
            if character == "\\" {
                value.unicodeScalars.append(try lexEscape())
                continue
            }
            value.append(character)
            index += 1
        }
        throw .unterminatedString(expression: source, position: start)
    }

    /// Reads one escape starting at the backslash and returns the scalar it stands for.
    private mutating func lexEscape() throws(ExpressionError) -> Unicode.Scalar {
        let start = index
        guard let letter = peek(1) else {
            throw .unterminatedString(expression: source, position: start)
        }
        index += 2
        switch letter {
        case "\"": return "\""
        case "'": return "'"
        case "\\": return "\\"
        case "/": return "/"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "u":
            let high = try lexHexQuad(escapeStart: start)
            if let scalar = Unicode.Scalar(high) { return scalar }
            // Java-style sources spell characters beyond U+FFFF as a surrogate pair `\uD83D\uDE00`.
            guard (0xD800...0xDBFF).contains(high), peek(0) == "\\", peek(1) == "u" else {
                throw invalidEscape(from: start, to: index)
            }
            index += 2
            let low = try lexHexQuad(escapeStart: start)
            guard (0xDC00...0xDFFF).contains(low),
                  let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            else {
                throw invalidEscape(from: start, to: index)
            }
            return scalar
        default:
            throw invalidEscape(from: start, to: index)
        }
    }

    /// Reads the four hex digits after `\u`.
    private mutating func lexHexQuad(escapeStart: Int) throws(ExpressionError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let character = peek(0), let digit = character.hexDigitValue, character.isASCII else {
                // Quote the offending character too, so `\u12G4` reads as `\u12G`.
                throw invalidEscape(from: escapeStart, to: index + 1)
            }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        return value
    }

    /// An escape error quoting the source from the backslash up to (not including) `end`.
    private func invalidEscape(from start: Int, to end: Int) -> ExpressionError {
        let end = min(characters.count, end)
        return .invalidEscape(expression: source, position: start, sequence: String(characters[start..<end]))
    }
}
