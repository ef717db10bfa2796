import Fluent
import Vapor
import Foundation
import WorkflowEngine

/// Who a person may add to a document's work — as the holder of a 转办 or 加签, the sender of a 传阅, a reader
/// passing one on, or the holder naming the next step's holder where the model lets them: the people of
/// their own unit and, where a 人民政府 and its 政府办公室 work as one body, of the other (a county's leaders
/// sit in the 县政府, its clerks and secretaries in the 办公室). The one rule for every door: `WorkflowService`
/// checks each command against it, and the pages offer exactly these people.
enum WorkParticipants {
    /// The units whose people `person` may add.
    static func units(for person: UUID, on db: any Database) async throws -> Set<UUID> {
        guard let user = try await User.find(person, on: db), let unit = try await Unit.find(user.$unit.id, on: db) else { return [] }
        var units = try await ExchangeUnits.served(by: user.$unit.id, on: db)
        if unit.kind == .government {
            units.formUnion(try await Unit.query(on: db).filter(\.$parent.$id == user.$unit.id).filter(\.$kind == .office).all().compactMap(\.id))
        }
        return units
    }

    /// The active people `person` may add (never themselves), in directory order.
    static func options(for person: UUID, on db: any Database) async throws -> [StepChoice.Option] {
        let units = Array(try await units(for: person, on: db))
        guard !units.isEmpty else { return [] }
        let people = try await User.query(on: db).filter(\.$unit.$id ~~ units).filter(\.$isDisabled == false).filter(\.$id != person)
            .sort(\.$sortOrder).sort(\.$name).all()
        return people.compactMap { user in user.id.map { StepChoice.Option(id: $0.uuidString, label: user.name) } }
    }

    /// Throws 422 `person_not_allowed` unless every one of `people` is someone `person` may add.
    static func requireAllowed(_ people: [String], by person: UUID, on db: any Database) async throws {
        let ids = people.map { UUID(uuidString: $0) }
        guard !ids.isEmpty else { return }
        let units = try await units(for: person, on: db)
        let wanted = Set(ids.compactMap { $0 })
        let found = wanted.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ Array(wanted)).filter(\.$isDisabled == false).all()
        guard !ids.contains(nil), found.count == wanted.count, found.allSatisfy({ units.contains($0.$unit.id) }) else {
            throw AppError(status: .unprocessableEntity, code: "person_not_allowed", message: Strings.Workflow.personNotAllowed,
                           fields: ["person": Strings.Workflow.personNotAllowed])
        }
    }

    /// The people a command adds to the work, to be checked: 转办 and 加签's new holder, 传阅's readers, a
    /// pass-on's next reader.
    static func added(by command: WorkflowCommand) -> [String] {
        switch command {
        case .transfer(_, let other): [other]
        case .addSigner(_, let signer, _): [signer]
        case .circulate(let readers, _, _, _): readers
        case .passOn(_, let other): [other]
        default: []
        }
    }
}
