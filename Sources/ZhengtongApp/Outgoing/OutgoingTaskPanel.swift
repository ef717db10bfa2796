import Fluent
import Foundation
import Gongwen
import Vapor

/// What the task page shows and offers for a 发文: the document, and at the steps that need them 编号 (编号登记),
/// 用印 (用印) and the 分发范围 (封发). What the holder decides on completing (会签, the signer) are the step's
/// decisions (``OutgoingBusiness``).
struct OutgoingTaskPanel: Encodable, Sendable {
    var documentHref: String
    var printHref: String
    var editHref: String?
    var submitHref: String
    var numberHref: String
    var sealHref: String
    var sealCheckHref: String
    var returnTo: String
    var number: String?
    var sealed: Bool
    var codes: [SelectOption]
    var canNumber: Bool
    var canSeal: Bool
    /// 用印 by a keeper of several of the unit's seals: which one (empty when there is no choice).
    var seals: [SelectOption]
    /// 封发: the 分发范围 to choose.
    var distribution: DistributionChoice?

    static func load(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, access: Access, on db: any Database) async throws -> OutgoingTaskPanel? {
        guard instance.businessType == OutgoingSteps.businessType else { return nil }
        let document = try await OutgoingSteps.document(of: instance, on: db)
        let id = try document.requireID()
        let content = try document.document()
        let holds = task.state == "open" && task.assigneeID == access.userID
        let canSeal = holds && task.node == OutgoingSteps.Node.seal && !content.sealed
        let seals = canSeal ? try await UnitSealService.usable(unitID: document.$unit.id, by: access.userID, on: db) : []
        let codes = try await IssuerCode.query(on: db).filter(\.$unit.$id == document.$unit.id).filter(\.$isEnabled == true).sort(\.$code).all()
        return OutgoingTaskPanel(
            documentHref: SiteURL.outgoing.link(id), printHref: SiteURL.outgoingPrint.link(id),
            editHref: try await access.editingStep(document, on: db) != nil ? SiteURL.outgoingEdit.link(id) : nil,
            submitHref: SiteURL.outgoingSubmit.link(id), numberHref: SiteURL.outgoingNumber.link(id), sealHref: SiteURL.outgoingSeal.link(id),
            sealCheckHref: SiteURL.outgoingSeal.link(id), returnTo: SiteURL.task.link(try task.requireID()), number: content.number,
            sealed: content.sealed,
            codes: try codes.map { SelectOption(value: try $0.requireID().uuidString, label: $0.code, selected: $0.id == document.$issuerCode.id) },
            canNumber: holds && task.node == OutgoingSteps.Node.register && content.number == nil,
            canSeal: canSeal,
            seals: seals.count > 1 ? try seals.enumerated().map { SelectOption(value: try $1.requireID().uuidString, label: $1.name, selected: $0 == 0) } : [],
            distribution: holds && task.node == OutgoingSteps.Node.dispatch
                ? try await DistributionChoice.load(document, returnTo: SiteURL.task.link(try task.requireID()), on: db) : nil)
    }
}
