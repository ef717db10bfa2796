import Foundation

/// A notice's body as stored and shown: blocks of text runs, never HTML. Authors type a few marks that an
/// office worker learns in a minute — a line starting `# ` is a heading, `- ` a list item, `**粗体**` bold,
/// `[文字](https://…)` a link — and the server turns them into this structure. Pages print every run through
/// Leaf's escaping, so nothing an author types can become markup; a link keeps only `http`, `https` and
/// site-local targets (a `javascript:` link stays text).
struct NoticeBlock: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        case paragraph, heading, item
    }

    /// A stretch of text, bold or a link.
    struct Run: Codable, Sendable, Equatable {
        var text: String
        var bold: Bool = false
        var link: String?
    }

    var kind: Kind
    var runs: [Run]

    /// The block's text without marks (for search, feeds and summaries).
    var plainText: String { runs.map(\.text).joined() }
}

enum NoticeMarkup {
    /// The most a body may hold, in characters.
    static let limit = 50_000

    /// The blocks of `text`: one per non-empty line.
    static func parse(_ text: String) -> [NoticeBlock] {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: true).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            if line.hasPrefix("# ") || line.hasPrefix("＃ ") { return NoticeBlock(kind: .heading, runs: runs(String(line.dropFirst(2)))) }
            if line.hasPrefix("- ") || line.hasPrefix("· ") || line.hasPrefix("• ") { return NoticeBlock(kind: .item, runs: runs(String(line.dropFirst(2)))) }
            return NoticeBlock(kind: .paragraph, runs: runs(line))
        }
    }

    /// The plain text of a body, blocks on their own lines.
    static func plainText(_ blocks: [NoticeBlock]) -> String {
        blocks.map(\.plainText).joined(separator: "\n")
    }

    /// The runs of one line: `**bold**` and `[text](target)`; everything else as typed.
    static func runs(_ line: String) -> [NoticeBlock.Run] {
        var result: [NoticeBlock.Run] = []
        var plain = ""
        var rest = Substring(line)
        func flush() {
            if !plain.isEmpty { result.append(.init(text: plain)) }
            plain = ""
        }
        while let first = rest.first {
            if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**"), end.lowerBound > rest.index(rest.startIndex, offsetBy: 2) {
                flush()
                result.append(.init(text: String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]), bold: true))
                rest = rest[end.upperBound...]
            } else if first == "[", let close = rest.range(of: "]("), let end = rest[close.upperBound...].firstIndex(of: ")"),
                      close.lowerBound > rest.index(after: rest.startIndex) {
                let label = String(rest[rest.index(after: rest.startIndex)..<close.lowerBound])
                let target = String(rest[close.upperBound..<end])
                flush()
                if let safe = safeLink(target) {
                    result.append(.init(text: label, link: safe))
                } else {
                    result.append(.init(text: label))
                }
                rest = rest[rest.index(after: end)...]
            } else {
                plain.append(first)
                rest = rest.dropFirst()
            }
        }
        flush()
        return result
    }

    /// `target` if a reader may follow it: an `http`/`https` address with a host, or a path on this site.
    static func safeLink(_ target: String) -> String? {
        let trimmed = target.trimmingCharacters(in: .whitespaces)
        if let local = LocalPath.validated(trimmed) { return local }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return trimmed
    }
}
