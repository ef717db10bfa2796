import Foundation

/// A strict validator for the part of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that `openapi.json` uses:
/// `$ref` into the document, `type` (also a list, for `null`), `properties`, `required`, `additionalProperties`,
/// `items`, `enum`, `const`, `anyOf`, `format` (`date-time`, `date`, `uuid`), `pattern`, and the length and range bounds.
///
/// Strict in two ways, so the document cannot pass by saying less than the code does: an object schema that
/// lists `properties` allows no others unless it says `additionalProperties`, and a keyword the validator does
/// not know is itself a problem rather than something silently passed over.
struct JSONSchemaValidator {
    /// The whole document, where `$ref` pointers are resolved.
    let root: JSONValue

    /// Words that describe and never constrain.
    static let annotations: Set<String> = [
        "description", "summary", "title", "examples", "example", "default", "deprecated", "readOnly", "writeOnly",
        "contentEncoding", "contentMediaType", "$comment",
    ]

    static let keywords: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "format",
        "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "anyOf",
    ]

    /// Every way `value` breaks `schema`, each naming where (`$.items[0].id`); empty when it conforms.
    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        guard let rules = schema.objectValue else {
            if schema == .bool(true) { return [] }
            if schema == .bool(false) { return ["\(path): no value is allowed here"] }
            return ["\(path): the schema is not an object"]
        }
        var found: [String] = []
        for key in rules.keys where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
            found.append("\(path): schema keyword \(key) is not checked by the test validator — teach it, or say it differently")
        }
        if let reference = rules["$ref"] {
            guard let pointer = reference.string, let target = resolve(pointer) else { return found + ["\(path): cannot resolve \(reference)"] }
            found += problems(value, target, at: path)
        }
        if let type = rules["type"] {
            let allowed = type.arrayValue?.compactMap(\.string) ?? type.string.map { [$0] } ?? []
            let actual = value.typeName
            let fits = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !fits {
                // A wrong type makes the other checks noise.
                return found + ["\(path): expected \(allowed.joined(separator: " or ")), found \(actual) \(value)"]
            }
        }
        if let choices = rules["enum"]?.arrayValue, !choices.contains(value) {
            found.append("\(path): \(value) is not one of \(choices.map(\.description).joined(separator: ", "))")
        }
        if let constant = rules["const"], constant != value {
            found.append("\(path): \(value) is not \(constant)")
        }
        if let branches = rules["anyOf"]?.arrayValue {
            let results = branches.map { problems(value, $0, at: path) }
            if !results.contains(where: \.isEmpty) {
                found.append("\(path): matches none of anyOf (" + results.compactMap(\.first).joined(separator: " | ") + ")")
            }
        }
        switch value {
        case .object(let members):
            found += objectProblems(members, rules, at: path)
        case .array(let items):
            if let limit = rules["minItems"]?.numeric, Double(items.count) < limit { found.append("\(path): fewer than \(Int(limit)) items") }
            if let limit = rules["maxItems"]?.numeric, Double(items.count) > limit { found.append("\(path): more than \(Int(limit)) items") }
            if let itemSchema = rules["items"] {
                for (index, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(index)]") }
            }
        case .string(let text):
            let length = Double(text.unicodeScalars.count)
            if let limit = rules["minLength"]?.numeric, length < limit { found.append("\(path): shorter than \(Int(limit)) characters") }
            if let limit = rules["maxLength"]?.numeric, length > limit { found.append("\(path): longer than \(Int(limit)) characters") }
            // JSON Schema patterns are searched for, not anchored (ECMA 262; `NSRegularExpression` reads the subset used).
            if let pattern = rules["pattern"]?.string {
                if let expression = try? NSRegularExpression(pattern: pattern) {
                    if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil { found.append("\(path): \(value) does not match \(pattern)") }
                } else {
                    found.append("\(path): pattern \(pattern) does not compile")
                }
            }
            if let format = rules["format"]?.string, !Self.matches(text, format: format) {
                found.append("\(path): \(value) is not a \(format)")
            }
        case .integer, .number:
            if let limit = rules["minimum"]?.numeric, let number = value.numeric, number < limit { found.append("\(path): \(value) is below \(limit)") }
            if let limit = rules["maximum"]?.numeric, let number = value.numeric, number > limit { found.append("\(path): \(value) is above \(limit)") }
        case .null, .bool:
            break
        }
        return found
    }

    private func objectProblems(_ members: [String: JSONValue], _ rules: [String: JSONValue], at path: String) -> [String] {
        var found: [String] = []
        let properties = rules["properties"]?.objectValue ?? [:]
        for name in rules["required"]?.arrayValue?.compactMap(\.string) ?? [] where members[name] == nil {
            found.append("\(path): required property \(name) is missing")
        }
        // Listing properties closes the object unless it says otherwise.
        let extra = rules["additionalProperties"] ?? (rules["properties"] == nil ? .bool(true) : .bool(false))
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let schema = properties[name] {
                found += problems(member, schema, at: "\(path).\(name)")
            } else if extra == .bool(false) {
                found.append("\(path): property \(name) is not in the schema")
            } else if extra != .bool(true) {
                found += problems(member, extra, at: "\(path).\(name)")
            }
        }
        return found
    }

    /// Keywords in `schema` and the schemas inside it that this validator would not check.
    static func uncheckedKeywords(in schema: JSONValue, at path: String = "$") -> [String] {
        guard let rules = schema.objectValue else { return [] }
        var found = rules.keys.filter { !keywords.contains($0) && !annotations.contains($0) }.sorted().map { "\(path): \($0)" }
        for (name, property) in (rules["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            found += uncheckedKeywords(in: property, at: "\(path).\(name)")
        }
        if let items = rules["items"] { found += uncheckedKeywords(in: items, at: "\(path)[]") }
        if let extra = rules["additionalProperties"] { found += uncheckedKeywords(in: extra, at: "\(path).*") }
        for (index, branch) in (rules["anyOf"]?.arrayValue ?? []).enumerated() { found += uncheckedKeywords(in: branch, at: "\(path)|\(index)") }
        return found
    }

    /// The value a local JSON pointer (`#/components/schemas/Person`) names.
    func resolve(_ pointer: String) -> JSONValue? {
        guard pointer.hasPrefix("#/") else { return nil }
        var node = root
        for raw in pointer.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    /// The formats whose shape matters to a client; others (`password`, `uri-reference`, `binary`) only describe.
    static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "uuid":
            return UUID(uuidString: text) != nil
        case "date-time":
            return text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/) != nil
        case "date":
            return text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil
        default:
            return true
        }
    }
}
