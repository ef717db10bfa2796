import Foundation

/// Finds a document type declaration (`<!DOCTYPE …>`) before the XML parser sees a file.
///
/// BPMN files never need one, and a DTD is how XML attacks its reader: internal entities that expand
/// quadratically or exponentially (a few kilobytes that become megabytes of names and diagram text, holding the
/// thread that parses them), external entities that read local files. Foundation's `XMLParser` offers no switch
/// for internal entities and on Linux tells its delegate nothing of their declarations, so a file with a DTD is
/// refused before parsing. The declaration is looked for in every encoding the parser could read the file in
/// (ASCII-compatible ones such as UTF-8 and GB18030, UTF-16, UTF-32 and EBCDIC), anywhere in the file: in a
/// well-formed document it can only stand before the root element, and nothing a model needs looks like it.
enum XMLDocumentType {
    static func isDeclared(in data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            for position in bytes.indices where bytes[position] == 0x3C || bytes[position] == 0x4C {
                for pattern in patterns where bytes[position] == pattern.bytes[pattern.anchor] {
                    let start = position - pattern.anchor
                    guard start >= 0, start + pattern.bytes.count <= bytes.count else { continue }
                    if pattern.bytes.indices.allSatisfy({ bytes[start + $0] == pattern.bytes[$0] }) { return true }
                }
            }
            return false
        }
    }

    /// The keyword as one encoding writes it; `anchor` is the place of its `<`, the byte looked for first.
    private struct Pattern {
        var bytes: [UInt8]
        var anchor: Int
    }

    private static let keyword = Array("<!DOCTYPE".utf8)

    private static let patterns: [Pattern] = [
        Pattern(bytes: keyword, anchor: 0),
        Pattern(bytes: keyword.flatMap { [$0, 0] }, anchor: 0), // UTF-16LE
        Pattern(bytes: keyword.flatMap { [0, $0] }, anchor: 1), // UTF-16BE
        Pattern(bytes: keyword.flatMap { [$0, 0, 0, 0] }, anchor: 0), // UTF-32LE
        Pattern(bytes: keyword.flatMap { [0, 0, 0, $0] }, anchor: 3), // UTF-32BE
        Pattern(bytes: [0x4C, 0x5A, 0xC4, 0xD6, 0xC3, 0xE3, 0xE8, 0xD7, 0xC5], anchor: 0), // EBCDIC (code page 37)
    ]
}
