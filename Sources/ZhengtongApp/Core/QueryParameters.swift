import Foundation
import Vapor

extension Request {
    private struct QueryValuesKey: StorageKey { typealias Value = [String: String] }

    /// A query-string parameter (`?status=open`), percent-decoded, `+` read as a space; the first when repeated.
    /// The query is split once per request: Vapor's `query[_:at:]` runs its form decoder over the whole query
    /// for every parameter asked for, a twentieth of a 待办 request with the seven a list page reads.
    func queryValue(_ name: String) -> String? {
        if let values = storage[QueryValuesKey.self] { return values[name] }
        var values: [String: String] = [:]
        for pair in (url.query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? { String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let key = decode(parts[0]), values[key] == nil else { continue }
            values[key] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        storage[QueryValuesKey.self] = values
        return values[name]
    }

    /// A whole-number query parameter; nil when absent or not a number.
    func queryInt(_ name: String) -> Int? { queryValue(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
}
