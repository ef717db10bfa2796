import Fluent
import Foundation
import Gongwen
import Vapor

/// 痕迹对比: two versions inline (insertions and deletions marked) or side by side, every edit from the
/// first version with who made it at which step (花脸稿), and the clean copy (清稿).
struct OutgoingRevisionsController {
    struct Segment: Encodable, Sendable {
        var kind: String
        var text: String
        var author: String?
    }

    struct Row: Encodable, Sendable {
        var left: [Segment]?
        var right: [Segment]?
    }

    struct VersionOption: Encodable, Sendable {
        var version: Int
        var label: String
        var fromSelected: Bool
        var toSelected: Bool
    }

    struct Page: Encodable, Sendable {
        var title: String
        var mode: String
        var documentHref: String
        var versions: [VersionOption]
        var inline: [Segment]
        var rows: [Row]
        var clean: [String]
        var from: Int
        var to: Int
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.outgoingVersions, use: show)
    }

    /// The parts of a document a reader compares, as text: title, 主送, body, 附件说明, 署名, 附注.
    static func text(_ document: OfficialDocument) -> String {
        var parts = [document.title]
        if !document.mainRecipients.isEmpty { parts.append(document.mainRecipients.joined(separator: "、") + "：") }
        parts.append(document.body)
        if !document.attachments.isEmpty { parts.append("附件：" + document.attachments.enumerated().map { "\($0.offset + 1).\($0.element)" }.joined(separator: "　")) }
        if let signature = document.signatureName { parts.append(signature) }
        if let note = document.note { parts.append("（\(note)）") }
        return parts.joined(separator: "\n\n")
    }

    @Sendable func show(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let id = try document.requireID()
        let versions = try await OutgoingVersion.query(on: req.db).filter(\.$document.$id == id).sort(\.$version).all()
        guard let last = versions.last else { throw AppError.notFound() }
        let names = try await TaskView.names(Set(versions.map(\.authorID)), on: req.db)
        let to = min(max(req.queryInt("to") ?? last.version, 1), last.version)
        let from = min(max(req.queryInt("from") ?? max(1, to - 1), 1), to)
        let mode = ["inline", "side", "all", "clean"].contains(req.queryValue("mode") ?? "") ? req.queryValue("mode")! : "inline"
        func text(_ version: Int) throws -> String {
            guard let row = versions.first(where: { $0.version == version }) else { throw AppError.notFound() }
            return Self.text(try OutgoingContent.decode(row.content))
        }
        func segment(_ diff: DiffSegment) -> Segment { Segment(kind: diff.kind.rawValue, text: diff.text, author: nil) }
        var inline: [Segment] = []
        var rows: [Row] = []
        var clean: [String] = []
        let oldText = try text(from)
        let newText = try text(to)
        // A long document's diff is real work: off the event loop.
        switch mode {
        case "side":
            rows = try await req.application.threadPool.runIfActive { TextDiff.sideBySide(oldText, newText) }
                .map { Row(left: $0.left?.map(segment), right: $0.right?.map(segment)) }
        case "all":
            // The 花脸稿 shows what the steps after drafting did to the draft as submitted: it starts from the
            // drafter's last version before another step edited it (or, while still drafting, the first
            // version with a body), not from the empty form.
            let upTo = versions.filter { $0.version <= to }
            let firstReview = upTo.firstIndex { $0.step != OutgoingService.draftingStep }
            let base = firstReview.map { max(0, $0 - 1) }
                ?? upTo.firstIndex { (try? OutgoingContent.decode($0.content).body.isEmpty) == false } ?? 0
            let chain = try upTo[base...].map { row in
                Revision(author: names[row.authorID] ?? "—", step: row.step, time: row.createdAt, text: Self.text(try OutgoingContent.decode(row.content)))
            }
            inline = try await req.application.threadPool.runIfActive { TextDiff.attributed(chain) }.map { piece in
                let who = piece.revision.map { chain[$0] }.map { "\($0.author)（\($0.step)）" }
                return Segment(kind: piece.kind.rawValue, text: piece.text, author: who)
            }
        case "clean":
            clean = newText.components(separatedBy: "\n\n")
        default:
            inline = try await req.application.threadPool.runIfActive { TextDiff.diff(oldText, newText) }.map(segment)
        }
        let options = versions.map { row in
            VersionOption(version: row.version, label: "第\(row.version)版 \(names[row.authorID] ?? "—")（\(row.step)）\(DisplayFormat.minute(row.createdAt))",
                          fromSelected: row.version == from, toSelected: row.version == to)
        }
        let title = try document.document().title
        return try await req.renderPage("outgoing/revisions", title: Strings.page["outgoing_revisions"]!, section: .outgoing,
                                        Page(title: title, mode: mode, documentHref: SiteURL.outgoing.link(id), versions: options, inline: inline,
                                             rows: rows, clean: clean, from: from, to: to))
    }
}
