import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// The 发文 process's steps as they touch the document (the default model's node ids; an administrator's
/// own model keeps these ids for the steps it has):
/// - 编号登记 (`Register`) is completed only once the document has its 发文字号;
/// - 用印 (`Seal`) only once a document with a 署名 is sealed;
/// - 封发 (`Dispatch`) only when the document passes every dispatch rule;
/// - 签发 (`Sign`) approved (or 圈阅) sets the 成文日期 to the day of signing and, on an upward document
///   without one, the signer's name as 签发人;
/// - 封发 needs the 分发范围 chosen (or "paper only"); the `dispatch` hook marks the document dispatched (with today's
///   印发日期 unless sealing set it) and sends it through 公文交换; termination cancels it.
enum OutgoingSteps {
    static let businessType = "outgoing"
    static let processKey = "outgoing"

    enum Node {
        static let draft = "Draft"
        static let review = "Review"
        static let officeReview = "OfficeReview"
        static let countersign = "Countersign"
        static let sign = "Sign"
        static let register = "Register"
        static let seal = "Seal"
        static let dispatch = "Dispatch"
    }

    static func document(of instance: WorkflowInstanceRecord, on db: any Database) async throws -> OutgoingDocument {
        guard let text = instance.businessID, let id = UUID(uuidString: text), let document = try await OutgoingDocument.find(id, on: db)
        else { throw AppError.notFound() }
        return document
    }

    static func check(_ command: BusinessCommand, on db: any Database) async throws {
        guard let task = command.completedTask else { return }
        let policy = command.app.documentPolicy
        let document = try await document(of: command.instance, on: db)
        let content = try document.document()
        switch task.node {
        case Node.register where content.number == nil:
            throw AppError(status: .unprocessableEntity, code: "number_required", message: Strings.Outgoing.numberFirst, fields: [:])
        // A 命令 carries no seal (the signer's 签名章 stands for it): its 用印 step is simply done.
        case Node.seal where content.signatureName != nil && !content.sealed && content.style != .order:
            throw AppError(status: .unprocessableEntity, code: "seal_required", message: Strings.Outgoing.sealFirst, fields: [:])
        case Node.dispatch:
            let problems = DocumentRules.problems(in: content, stage: .dispatch, policy: policy)
            guard problems.isEmpty else { throw AppError.validation(Strings.Outgoing.notReady(problems.map(\.message))) }
            if content.sealed {
                let missing = try await OutgoingCoIssuers.unsealed(document, on: db)
                guard missing.isEmpty else {
                    throw AppError(status: .unprocessableEntity, code: "co_seal_required", message: Strings.Outgoing.coSealsMissing(missing.map(\.name)), fields: [:])
                }
            }
            guard document.paperOnly == true || Distribution.decode(document.distribution)?.entries.isEmpty == false else {
                throw AppError(status: .unprocessableEntity, code: "distribution_required", message: Strings.Exchange.distributionFirst, fields: [:])
            }
        default:
            break
        }
    }

    static func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws {
        let actor = command.actor, now = command.now
        let document = try await document(of: command.instance, on: db)
        var content = try document.document()
        var step: String?
        if let task = command.completedTask, task.node == Node.sign, command.decisions?.outcome != "reject" {
            content.date = DocumentDate(now)
            if content.kind.requiresSigner && content.signers.isEmpty, let signer = actor.userID, let person = try await User.find(signer, on: db) {
                content.signers = [person.name]
            }
            step = task.name ?? "签发"
        }
        let dispatched = outcome.events.contains { if case .serviceCalled(_, WorkflowHooks.dispatch) = $0 { true } else { false } }
        // 印发日期: set when sealing (the seal must cover it); a document without a seal gets it here.
        if dispatched && content.printedDate == nil {
            content.printedDate = DocumentDate(now)
            step = "封发"
        }
        if let step {
            let author = actor.userID ?? document.$drafter.id
            try await OutgoingService.save(document, content: content, expectedVersion: document.version, by: author, step: step, at: now, on: db)
        }
        if dispatched {
            document.status = OutgoingDocument.Status.dispatched.rawValue
            document.dispatchedAt = now
            try await document.update(on: db)
            try await ExchangeService.dispatch(document, by: actor, at: now, prepared: command.prepared as? ExchangeService.PreparedOFD, on: db)
            try await ArchiveProposal.propose(title: document.title, unit: document.$unit.id, sourceID: try document.requireID(), at: now, on: db)
        } else if outcome.instance.status == .terminated {
            document.status = OutgoingDocument.Status.cancelled.rawValue
            try await document.update(on: db)
        }
    }
}
