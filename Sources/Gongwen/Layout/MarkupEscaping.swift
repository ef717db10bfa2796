/// Text written into HTML or SVG markup outside the templates — the print view, the seal, the archive's
/// processing form — with `& < > " '` as entities: one escaper for markup a browser shows, so no page or file
/// escapes differently from another.
///
/// XML that other programs read (the OFD writer's parts) has its own rules for whitespace in attributes and
/// is written by `OFDElement`. The workflow engine, which does not depend on this target, has its own two for
/// the same two purposes (`DiagramText` for its SVG, `XMLWriter` for BPMN).
public enum MarkupEscaping {
    /// What to do with a control character, which XML cannot hold (and HTML does not show).
    enum ControlCharacters {
        /// Drop it (a seal's name).
        case drop
        /// A no-break space, so a laid-out run keeps one character per position.
        case noBreakSpace
        /// Keep tabs and line breaks, which HTML shows as spaces; drop the others (a page of opinions).
        case keepWhitespace
    }

    private static let whitespace: Set<Character> = ["\t", "\n", "\r", "\r\n"]

    /// Text for an HTML document: tabs and line breaks kept, other control characters dropped.
    public static func escape(_ text: String) -> String {
        escape(text, controlCharacters: .keepWhitespace)
    }

    /// Text and attribute values with `& < > " '` as entities.
    static func escape(_ text: String, controlCharacters: ControlCharacters) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case _ where controlCharacters == .keepWhitespace && Self.whitespace.contains(character):
                escaped.append(character)
            case _ where character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }):
                if controlCharacters == .noBreakSpace { escaped += "\u{00A0}" }
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
