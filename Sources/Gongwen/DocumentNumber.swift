import Foundation

/// A 发文字号: issuer code, year and sequence, written `X政办发〔2026〕12号`.
public struct DocumentNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 机关代字, e.g. `X政办发`.
    public var issuerCode: String
    /// The four-digit year, e.g. 2026.
    public var year: Int
    /// The serial number within the issuer code and year, starting at 1.
    public var sequence: Int

    /// A number from its parts; `isValid` says whether they follow the rules.
    public init(issuerCode: String, year: Int, sequence: Int) {
        self.issuerCode = issuerCode
        self.year = year
        self.sequence = sequence
    }

    /// The number as printed: hexagonal brackets 〔〕 around the year, no 第, no zero padding.
    public var formatted: String {
        "\(issuerCode)\u{3014}\(year)\u{3015}\(sequence)号"
    }

    /// The printed form, as `formatted`.
    public var description: String {
        formatted
    }

    /// Whether the issuer code is valid, the year has four digits and the sequence is positive.
    public var isValid: Bool {
        Self.isValidIssuerCode(issuerCode) && (1000...9999).contains(year) && sequence > 0
    }

    /// The longest 机关代字 accepted; real ones are a few characters, so more means a title pasted by mistake.
    public static let maxIssuerCodeLength = 20

    /// Whether a 机关代字 can be used: not empty, at most 20 characters, no whitespace or brackets, no digit at the end.
    public static func isValidIssuerCode(_ code: String) -> Bool {
        guard let last = code.last, code.count <= maxIssuerCodeLength else { return false }
        // Brackets would make the printed number ambiguous, and a final digit is almost always the year or the
        // sequence typed into the code field (`X政办发2026`).
        return !code.unicodeScalars.contains(where: { scalar in
            scalar.properties.isWhitespace || isBracket(scalar)
        }) && !last.unicodeScalars.contains(where: { $0.properties.generalCategory == .decimalNumber })
    }

    /// Reads a number as people type it, normalising the brackets and the sequence.
    ///
    /// Besides the correct `〔2026〕` this accepts `[2026]`, `(2026)`, `（2026）` and `【2026】`, and leading
    /// zeros such as `012号`: clerks type these because the keyboard has no 〔〕 key and old registers
    /// padded numbers, and the meaning is not in doubt. It rejects what changes or hides the meaning:
    /// a missing or non-four-digit year, `第` before the sequence, a zero or negative sequence, a missing
    /// `号` and an issuer code that `isValidIssuerCode` refuses.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let open = text.firstIndex(where: { Self.bracketPairs[$0] != nil }),
              let closing = Self.bracketPairs[text[open]]
        else { return nil }
        let afterOpen = text[text.index(after: open)...]
        guard let close = afterOpen.firstIndex(of: closing) else { return nil }
        let yearText = afterOpen[..<close]
        let tail = afterOpen[afterOpen.index(after: close)...]
        guard tail.last == "号" else { return nil }
        let sequenceText = tail.dropLast()

        // A year written with a leading zero (`0226`) is a typo, not a four-digit year.
        guard yearText.count == 4, yearText.first != "0", Self.isASCIIDigits(yearText),
              let year = Int(yearText)
        else { return nil }
        // Only digits: this is what rejects `第12号` and `-3号`; `Int` rejects sequences too long to be real.
        guard Self.isASCIIDigits(sequenceText), let sequence = Int(sequenceText), sequence > 0 else { return nil }

        let issuerCode = String(text[..<open])
        guard Self.isValidIssuerCode(issuerCode) else { return nil }
        self.init(issuerCode: issuerCode, year: year, sequence: sequence)
    }

    /// The year brackets accepted when parsing, opening to closing; the first pair is the correct one.
    private static let bracketPairs: [Character: Character] = [
        "\u{3014}": "\u{3015}", // 〔〕
        "[": "]",
        "(": ")",
        "\u{FF08}": "\u{FF09}", // （）
        "\u{3010}": "\u{3011}", // 【】
    ]

    private static func isBracket(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .openPunctuation, .closePunctuation: true
        default: false
        }
    }

    private static func isASCIIDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
}
