/// Writes indented XML; every attribute value and text is escaped.
struct XMLWriter {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var stack: [String] = []

    typealias Attributes = [(name: String, value: String)]

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        output += indentation + "<" + name + Self.render(attributes) + ">\n"
        stack.append(name)
    }

    mutating func close() {
        guard let name = stack.popLast() else { return }
        output += indentation + "</" + name + ">\n"
    }

    /// An element without content.
    mutating func empty(_ name: String, _ attributes: Attributes = []) {
        output += indentation + "<" + name + Self.render(attributes) + " />\n"
    }

    /// An element holding only text.
    mutating func text(_ name: String, _ attributes: Attributes = [], _ text: String) {
        output += indentation + "<" + name + Self.render(attributes) + ">" + Self.escapeText(text) + "</" + name + ">\n"
    }

    private var indentation: String { String(repeating: "  ", count: stack.count) }

    private static func render(_ attributes: Attributes) -> String {
        attributes.map { " \($0.name)=\"\(escapeAttribute($0.value))\"" }.joined()
    }

    /// `&`, `<`, `>` and, so they survive attribute-value normalisation, quotes, tabs and line breaks.
    ///
    /// The engine's escaping for XML that other programs read (BPMN files); its SVG, which a browser shows, uses
    /// ``DiagramText/escape(_:)``. `Gongwen` writes OFD with the same rules in its own `OFDElement`: neither
    /// target depends on the other.
    static func escapeAttribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    /// Element text keeps its tabs and line breaks as they are (conditions written over several lines).
    static func escapeText(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\r": result += "&#13;"
            case "\"" where inAttribute: result += "&quot;"
            case "\t" where inAttribute: result += "&#9;"
            case "\n" where inAttribute: result += "&#10;"
            default: append(scalar, to: &result)
            }
        }
        return result
    }

    /// XML 1.0 cannot carry most control characters even as references: they become U+FFFD.
    private static func append(_ scalar: Unicode.Scalar, to result: inout String) {
        let value = scalar.value
        let allowed = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
        result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
    }
}
