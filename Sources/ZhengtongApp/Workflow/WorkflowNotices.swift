import Fluent
import Foundation
import WorkflowEngine

/// What a workflow command tells people, written in the command's transaction: a 催办 (by a person, or
/// by a deadline timer's `remind` hook) is recorded on the task and notifies its holder — the assignee, or
/// every candidate of an unclaimed task.
enum WorkflowNotices {
    static func send(_ command: WorkflowCommand, outcome: ProcessRunner.Outcome, instance: WorkflowInstanceRecord, by actor: WorkflowService.Actor,
                     at now: Date, on db: any Database) async throws {
        let instanceID = try instance.requireID()
        var message: String?
        if case .remind(_, let text) = command { message = text }
        for event in outcome.events {
            guard case .taskReminded(let taskID, _) = event, let task = outcome.instance.task(taskID) else { continue }
            let reminder = WorkflowReminderRecord()
            reminder.instanceID = instanceID
            reminder.taskEngineID = taskID
            reminder.sentBy = actor.userID
            reminder.message = message
            reminder.sentAt = now
            try await reminder.create(on: db)

            let holders = ([task.assignee].compactMap { $0 } + (task.assignee == nil ? task.candidateUsers : [])).compactMap(UUID.init(uuidString:))
            guard let row = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$engineID == taskID).first()
            else { continue }
            let chaser = try await actor.userID.asyncMap { try await User.find($0, on: db)?.name } ?? nil
            try await Notifier.send(NotificationDraft(kind: .reminder, title: Strings.Workflow.reminderTitle(task: task.name ?? task.node, document: instance.title),
                                                      body: Strings.Workflow.reminderBody(by: chaser, message: message),
                                                      link: SiteURL.task.link(try row.requireID()), key: "remind:\(try reminder.requireID())"),
                                    to: holders, at: now, on: db)
        }
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
