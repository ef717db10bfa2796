import Foundation
import OFDCheck
import Testing

/// The tests read an element as OFDCheck parses it.
typealias ParsedXMLElement = OFDXMLElement

/// An OFD package unzipped in memory (``OFDPackage``), with the tests' `#require` on missing files.
struct OFDPackageReader {
    let package: OFDPackage

    init(_ data: Data) throws {
        package = try OFDPackage(data)
    }

    var files: [String: Data] { package.files }

    var paths: Set<String> { package.paths }

    func data(_ path: String) throws -> Data {
        try #require(files[path], "no \(path) in the package")
    }

    func text(_ path: String) throws -> String {
        try #require(String(data: data(path), encoding: .utf8))
    }

    func xml(_ path: String) throws -> ParsedXMLElement {
        try OFDXMLElement.parse(data(path))
    }

    /// Every XML file of the package.
    var xmlPaths: [String] { package.xmlPaths }
}

/// Positions from a `DeltaX` value, expanding `g COUNT VALUE`.
func expandDeltaX(_ value: String) -> [Double] {
    let parts = value.split(separator: " ").map(String.init)
    var deltas: [Double] = []
    var index = 0
    while index < parts.count {
        if parts[index] == "g", index + 2 < parts.count, let count = Int(parts[index + 1]), let delta = Double(parts[index + 2]) {
            deltas += Array(repeating: delta, count: count)
            index += 3
        } else {
            deltas.append(Double(parts[index]) ?? .nan)
            index += 1
        }
    }
    return deltas
}

/// The numbers of an ST_Box or ST_Array attribute.
func ofdNumbers(_ value: String?) -> [Double] {
    (value ?? "").split(separator: " ").compactMap { Double($0) }
}
