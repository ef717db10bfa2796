import Foundation
import Testing
@testable import ZhengtongApp

/// `openapi.json` as a contract every API exchange in the tests is held to: the operation for the method and
/// path template must be documented, the status must be one of its responses, a JSON body must match that
/// response's schema and another body the documented media type; and for a request the server accepted, the
/// body and query parameters sent must be ones the document allows (a client following it could have sent them).
struct OpenAPIContract: Sendable {
    /// The document shipped with the app, read once.
    static let shipped: OpenAPIContract = {
        do {
            return OpenAPIContract(document: try JSONValue.parse(try Data(contentsOf: BundledResources.openAPIDocument)))
        } catch {
            fatalError("openapi.json does not parse: \(error)")
        }
    }()

    let document: JSONValue
    var validator: JSONSchemaValidator { JSONSchemaValidator(root: document) }

    /// One HTTP exchange as a test saw it.
    struct Exchange {
        var method: String
        /// The path as sent, with its query.
        var target: String
        var requestContentType: String?
        var requestBody: Data?
        var status: Int
        var responseContentType: String?
        var responseBody: Data
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Every documented operation as (method, path template).
    var operations: [(method: String, path: String)] {
        (document["paths"]?.objectValue ?? [:]).flatMap { path, item in
            (item.objectValue ?? [:]).keys.filter(Self.methods.contains).map { (method: $0, path: path) }
        }
    }

    /// The documented path template `path` falls under: every literal segment equal, a `{parameter}` any one
    /// segment; of several, the one with the most literal segments (as the router prefers `inbox` to `{id}`).
    func template(for path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var best: (template: String, literals: Int)?
        for template in (document["paths"]?.objectValue ?? [:]).keys {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == segments.count else { continue }
            var literals = 0
            var fits = true
            for (part, segment) in zip(parts, segments) {
                if part.hasPrefix("{") && part.hasSuffix("}") {
                    fits = fits && !segment.isEmpty
                } else if part == segment {
                    literals += 1
                } else {
                    fits = false
                }
            }
            if fits, literals > (best?.literals ?? -1) { best = (template, literals) }
        }
        return best?.template
    }

    /// Every way `exchange` departs from the document; empty when it keeps to it.
    func problems(_ exchange: Exchange) -> [String] {
        let parts = exchange.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let query = parts.count > 1 ? String(parts[1]) : ""
        let method = exchange.method.lowercased()
        let label = "\(exchange.method) \(path) → \(exchange.status)"
        // Asking for what does not exist is answered 404 (or 405) and needs no documentation.
        let missing = exchange.status == 404 || exchange.status == 405
        guard let template = template(for: path) else {
            return missing ? [] : ["\(label): the path is not in openapi.json"]
        }
        guard let operation = resolved(document["paths"]?[template]?[method]) else {
            return missing ? [] : ["\(label): \(exchange.method) \(template) is not in openapi.json"]
        }
        var found: [String] = []
        let responses = operation["responses"]?.objectValue ?? [:]
        let family = "\(exchange.status / 100)XX"
        guard let response = resolved(responses[String(exchange.status)] ?? responses[family] ?? responses["default"]) else {
            return ["\(label): status \(exchange.status) is not documented for \(exchange.method) \(template) (documented: \(responses.keys.sorted().joined(separator: ", ")))"]
        }
        found += bodyProblems(exchange.responseBody, contentType: exchange.responseContentType, content: response["content"],
                              what: "response", label: label)
        if (200..<300).contains(exchange.status) {
            found += requestProblems(exchange, operation: operation, template: template, query: query, label: label)
        }
        return found
    }

    /// The body against the `content` map of a response or request body.
    private func bodyProblems(_ body: Data, contentType: String?, content: JSONValue?, what: String, label: String) -> [String] {
        guard let content = content?.objectValue, !content.isEmpty else {
            return body.isEmpty ? [] : ["\(label): the \(what) has a body, but openapi.json documents none"]
        }
        let mediaType = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let typePart = mediaType.split(separator: "/").first.map(String.init) ?? ""
        guard let media = content[mediaType] ?? content["\(typePart)/*"] ?? content["*/*"] else {
            return ["\(label): the \(what)'s content type \(mediaType.isEmpty ? "(none)" : mediaType) is not documented (documented: \(content.keys.sorted().joined(separator: ", ")))"]
        }
        // A JSON schema is checked where the document names JSON; a file route (`*/*`) may well send a JSON file.
        guard mediaType == "application/json", content[mediaType] != nil, let schema = media["schema"] else { return [] }
        let value: JSONValue
        do {
            value = try JSONValue.parse(body)
        } catch {
            return ["\(label): the \(what) is not JSON: \(String(decoding: body.prefix(200), as: UTF8.self))"]
        }
        return validator.problems(value, schema).map { "\(label): \(what) \($0)" }
    }

    /// What the client sent, for a request the server accepted.
    private func requestProblems(_ exchange: Exchange, operation: JSONValue, template: String, query: String, label: String) -> [String] {
        var found: [String] = []
        if let requestBody = resolved(operation["requestBody"]) {
            if let body = exchange.requestBody, !body.isEmpty {
                found += bodyProblems(body, contentType: exchange.requestContentType, content: requestBody["content"], what: "request", label: label)
            } else if requestBody["required"] == .bool(true) {
                found.append("\(label): the request body is documented as required, yet the server accepted a request without one")
            }
        } else if let body = exchange.requestBody, !body.isEmpty {
            found.append("\(label): the request carried a body, but openapi.json documents none for \(exchange.method) \(template)")
        }
        let parameters = (document["paths"]?[template]?["parameters"]?.arrayValue ?? []) + (operation["parameters"]?.arrayValue ?? [])
        let documented = Dictionary(parameters.compactMap(resolved).filter { $0["in"] == .string("query") }.compactMap { parameter in
            parameter["name"]?.string.map { ($0, parameter) }
        }, uniquingKeysWith: { first, _ in first })
        for item in URLComponents(string: "?" + query)?.queryItems ?? [] {
            guard let parameter = documented[item.name] else {
                found.append("\(label): query parameter \(item.name) is not documented")
                continue
            }
            guard let schema = parameter["schema"] else { continue }
            found += validator.problems(Self.typed(item.value ?? "", schema: resolvedSchema(schema)), schema, at: "query.\(item.name)")
                .map { "\(label): \($0)" }
        }
        return found
    }

    /// A `$ref`'d object replaced by what it points to.
    func resolved(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        if let pointer = value["$ref"]?.string { return resolved(validator.resolve(pointer)) }
        return value
    }

    private func resolvedSchema(_ schema: JSONValue) -> JSONValue {
        resolved(schema) ?? schema
    }

    /// A query string's text read as the type its schema names, so `page=abc` fails an integer schema.
    static func typed(_ text: String, schema: JSONValue) -> JSONValue {
        let types = schema["type"]?.arrayValue?.compactMap(\.string) ?? schema["type"]?.string.map { [$0] } ?? []
        if types.contains("integer"), let number = Int(text) { return .integer(number) }
        if types.contains("number"), let number = Double(text) { return .number(number) }
        if types.contains("boolean"), text == "true" || text == "false" { return .bool(text == "true") }
        return .string(text)
    }

    /// Records every problem of `exchange` as a test issue.
    func expectConforms(_ exchange: Exchange, sourceLocation: SourceLocation) {
        for problem in problems(exchange) {
            Issue.record(Comment(rawValue: "openapi.json: \(problem)"), sourceLocation: sourceLocation)
        }
    }
}
