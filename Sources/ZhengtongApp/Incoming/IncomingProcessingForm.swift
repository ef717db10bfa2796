import Fluent
import Foundation
import Gongwen

/// 收文处理笺: the particulars of a received document and the opinions of each step in the boxes of the paper
/// sheet. The page shows it; the archive files it.
struct IncomingProcessingForm: Encodable, Sendable {
    struct Box: Encodable, Sendable {
        var label: String
        var opinions: [IncomingView.Opinion]
    }

    var document: IncomingView
    var heading: String
    var boxes: [Box]
    var checks: [IncomingView.Opinion]
    var documentHref: String

    /// The 收文处理笺's content (the page shows it; the archive files it).
    static func load(for document: IncomingDocument, on db: any Database) async throws -> IncomingProcessingForm {
        let view = try await IncomingView.load(document, on: db)
        let unit = try await Unit.find(document.unitID, on: db)?.name ?? ""
        let t = Strings.page
        // The boxes of the sheet, each with the opinions of its steps (a replaced model's other steps go under 办理意见).
        let known: [(String, [String])] = [(t["form_propose"]!, [IncomingSteps.Node.propose]), (t["form_instruct"]!, [IncomingSteps.Node.instruct]),
                                           (t["form_handle"]!, [IncomingSteps.Node.handle]), (t["form_close"]!, [IncomingSteps.Node.close, IncomingSteps.Node.distribute])]
        let listed = Set(known.flatMap(\.1) + [IncomingSteps.Node.register, IncomingSteps.Node.check])
        var boxes = known.map { label, nodes in Box(label: label, opinions: view.opinions.filter { nodes.contains($0.node) }) }
        let others = view.opinions.filter { !listed.contains($0.node) }
        if !others.isEmpty { boxes.append(Box(label: t["incoming_opinions"]!, opinions: others)) }
        let checks = view.opinions.filter { $0.node == IncomingSteps.Node.check && $0.outcome != nil }
        return IncomingProcessingForm(document: view, heading: Strings.Incoming.formHeading(unit), boxes: boxes, checks: checks,
                              documentHref: SiteURL.incoming.link(try document.requireID()))
    }
}
