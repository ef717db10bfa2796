import Fluent
import Foundation
import Vapor

/// 分发范围 of a 发文, chosen by the holder of its 封发 step: the one service call behind the task page's form and
/// `PUT /api/v1/outgoing/{id}/distribution`. Units as 主送 or 抄送, the units of the clerk's 分发名单 (主送), or
/// paper only; only enabled units other than the sender are kept, and the choice is audited.
enum DistributionService {
    struct Choice: Sendable {
        var main: [UUID]
        var copy: [UUID]
        var lists: [UUID]
        var paperOnly: Bool
    }

    /// Saves `choice` on the document `id` for the holder of its 封发.
    @discardableResult
    static func choose(_ choice: Choice, for id: UUID, access: Access, actor: AuditActor, app: Application) async throws -> OutgoingDocument {
        let document = try await OutgoingLookup.visible(id, access: access, on: app.db)
        _ = try await OutgoingActions.heldTask(document, node: OutgoingSteps.Node.dispatch, userID: access.userID, on: app.db)
        var entries = choice.main.map { Distribution.Entry(unit: $0, role: .main) } + choice.copy.map { Distribution.Entry(unit: $0, role: .copy) }
        let served = Array(try await ExchangeUnits.served(by: document.$unit.id, on: app.db))
        if !choice.lists.isEmpty {
            for list in try await DistributionList.query(on: app.db).filter(\.$id ~~ choice.lists).filter(\.$unitID ~~ served).all() {
                entries += list.members.map { Distribution.Entry(unit: $0, role: .main) }
            }
        }
        let valid = Set(try await Unit.query(on: app.db).filter(\.$id ~~ entries.map(\.unit)).filter(\.$isDisabled == false).all().compactMap(\.id))
        let distribution = Distribution(entries: entries.filter { valid.contains($0.unit) && $0.unit != document.$unit.id })
        guard choice.paperOnly || !distribution.entries.isEmpty else {
            throw AppError.validation(Strings.Exchange.distributionRequired, fields: ["entries": Strings.Exchange.distributionRequired])
        }
        let before = document.distribution ?? ""
        let encoded = try distribution.encoded()
        return try await app.write { db in
            guard let current = try await OutgoingDocument.find(id, on: db) else { throw AppError.notFound() }
            current.distribution = encoded
            current.paperOnly = choice.paperOnly
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "outgoing.distribution", targetType: "outgoing_document", targetID: id.uuidString,
                                                 targetLabel: current.title, before: ["distribution": before],
                                                 after: ["distribution": encoded, "paperOnly": String(choice.paperOnly)]), by: actor, on: db)
            return current
        }
    }
}
