import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// 会议审批: a meeting that needs approval is sent (送审) on the `meeting-approval` process instead of going out at once;
/// 同意 at its end sends the notice (``MeetingService/announce(_:now:on:)``), 不同意 returns it to its 会务 as a draft with
/// the reason. Administrators may deploy their own version of the process under the same key (more steps, other people).
extension MeetingService {
    static let businessType = "meeting"

    /// 送审: starts the process; the first approver gets a task. Only a draft, by its 会务.
    static func submit(_ id: UUID, access: Access, actor: Actor, app: Application) async throws -> Meeting {
        let meeting = try await MeetingLookup.organized(id, access: access, on: app.db)
        guard meeting.stateValue == .draft else {
            throw AppError.conflict(meeting.stateValue == .reviewing ? Strings.Meetings.underReview : Strings.Meetings.alreadyNotified)
        }
        guard try await WorkflowDefinitions.newest(MeetingBusiness.process, on: app.db) != nil else {
            throw AppError.validation(Strings.Meetings.processMissing)
        }
        let expected = meeting.version
        _ = try await app.workflow.start(processKey: MeetingBusiness.process, title: meeting.title, businessType: businessType, businessID: id.uuidString,
                                         by: actor) { instanceID, db in
            guard let current = try await Meeting.find(id, on: db), current.version == expected, current.stateValue == .draft else {
                throw AppError.conflict(Strings.Meetings.editedMeanwhile)
            }
            current.state = Meeting.State.reviewing.rawValue
            current.instanceID = instanceID
            current.returnedReason = nil
            current.version += 1
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "meeting.submit", targetType: "meeting", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["process": MeetingBusiness.process]), by: actor.audit, on: db)
        }
        return try await MeetingLookup.visible(id, access: access, on: app.db)
    }

    /// 不同意 (or the process stopped): back to a draft its 会务 can change and send again.
    static func returned(_ meeting: Meeting, reason: String?, at now: Date, on db: any Database) async throws {
        meeting.state = Meeting.State.draft.rawValue
        meeting.returnedReason = reason.map(FieldRules.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        meeting.instanceID = nil
        meeting.version += 1
        meeting.updatedAt = now
        try await meeting.update(on: db)
        try await Notifier.send(NotificationDraft(kind: .meeting, title: Strings.Meetings.returnedTitle(meeting.title), body: meeting.returnedReason,
                                                  link: SiteURL.meeting.link(try meeting.requireID()), key: "meeting-returned:\(try meeting.requireID()):\(meeting.version)"),
                                to: [meeting.organizerID], at: now, on: db)
    }
}

/// 会议 in the workflow: its registration (``WorkflowBusinesses``). Each step decides 同意 or 不同意 (with the reason the
/// 会务 will read); approved at the end, the notice goes out in the same transaction.
struct MeetingBusiness: WorkflowBusiness {
    static let process = "meeting-approval"

    var type: String { MeetingService.businessType }
    var label: String { "会议" }
    var processKeys: Set<String> { [Self.process] }
    var panelTemplate: String { "meetings/task-panel" }

    func pagePath(_ id: UUID) -> String { SiteURL.meeting.link(id) }
    func apiPath(_ id: UUID) -> String { APIURL.meeting.link(id) }

    func outcomes(at node: String) -> [StepOutcome]? { ApprovalStep.outcomes }

    func check(_ command: BusinessCommand, on db: any Database) async throws {
        try ApprovalStep.requireReason(command, message: Strings.Meetings.rejectReasonRequired)
    }

    func apply(_ command: BusinessCommand, outcome: ProcessRunner.Outcome, on db: any Database) async throws {
        guard let text = command.instance.businessID, let id = UUID(uuidString: text), let meeting = try await Meeting.find(id, on: db),
              meeting.stateValue == .reviewing else { return }
        switch ApprovalStep.result(of: command, outcome: outcome) {
        case .returned(let reason): try await MeetingService.returned(meeting, reason: reason, at: command.now, on: db)
        case .approved: try await MeetingService.announce(meeting, now: command.now, on: db)
        case .withdrawn: try await MeetingService.returned(meeting, reason: nil, at: command.now, on: db)
        case nil: break
        }
    }

    func panel(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, access: Access, app: Application,
               on db: any Database) async throws -> (any Encodable & Sendable)? {
        guard let text = instance.businessID, let id = UUID(uuidString: text), let meeting = try await Meeting.find(id, on: db) else { return nil }
        return try await MeetingView.load(meeting, access: access, links: .page, on: db)
    }
}
