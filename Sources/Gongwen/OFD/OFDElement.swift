import Foundation

/// An element of an OFD XML file, written with the `ofd:` prefix on its name and none on its attributes
/// (GB/T 33190-2016 qualifies elements only).
struct OFDElement {
    /// The namespace every OFD element lives in.
    static let namespace = "http://www.ofdspec.org/2016"

    var name: String
    var attributes: [(name: String, value: String)]
    var children: [OFDElement]
    var text: String?

    init(_ name: String, _ attributes: [(name: String, value: String)] = [], text: String? = nil, children: [OFDElement] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The file's bytes: an XML declaration, then this element as the root carrying the namespace declaration.
    func document() -> Data {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        write(to: &out, indent: 0, isRoot: true)
        return Data(out.utf8)
    }

    private func write(to out: inout String, indent: Int, isRoot: Bool) {
        let padding = String(repeating: "  ", count: indent)
        out += "\(padding)<ofd:\(name)"
        if isRoot { out += " xmlns:ofd=\"\(Self.namespace)\"" }
        for attribute in attributes {
            out += " \(attribute.name)=\"\(Self.escapeAttribute(attribute.value))\""
        }
        if let text {
            // Text content stays on one line with no surrounding whitespace: it is what readers show.
            out += ">\(Self.escapeText(text))</ofd:\(name)>\n"
        } else if children.isEmpty {
            out += "/>\n"
        } else {
            out += ">\n"
            for child in children { child.write(to: &out, indent: indent + 1, isRoot: false) }
            out += "\(padding)</ofd:\(name)>\n"
        }
    }

    /// Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and return) are dropped.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The OFD parts' XML escaping, text and attributes: XML for other programs to read, so whitespace in
    /// attributes survives their normalisation. Markup a browser shows goes through ``MarkupEscaping``; the
    /// workflow engine writes BPMN with the same rules in `XMLWriter`, as neither target depends on the other.
    static func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escapeAttribute(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // Attribute-value normalisation would turn these into spaces; character references keep them.
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
