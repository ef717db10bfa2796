extension Unicode.Scalar {
    /// Whether the scalar is a Han character (汉字), the script indexed by bigrams rather than by words.
    ///
    /// Covers the unified ideographs (the basic block and Extensions A to I), both compatibility blocks, and
    /// 〇 and 々: 〇 writes dates (二〇二六年) and 々 repeats the character before it, so both sit inside
    /// Chinese words and must not split a run.
    var isHan: Bool {
        switch value {
        case 0x3005, 0x3007: true
        case 0x3400...0x4DBF: true // Extension A
        case 0x4E00...0x9FFF: true // CJK Unified Ideographs
        case 0xF900...0xFAFF: true // CJK Compatibility Ideographs
        case 0x20000...0x2EBEF: true // Extensions B to F and I
        case 0x2F800...0x2FA1F: true // Compatibility Ideographs Supplement
        case 0x30000...0x323AF: true // Extensions G and H
        default: false
        }
    }

    /// Whether the scalar continues a Latin (or other alphabetic) word: letters and numbers of any script but Han.
    var isWordCharacter: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            !isHan
        default:
            false
        }
    }

    /// Whether the scalar is a combining mark or variation selector: part of the character before it, never a
    /// separator (an ideographic variation selector after a rare surname character must not split the name).
    var isCombining: Bool {
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
