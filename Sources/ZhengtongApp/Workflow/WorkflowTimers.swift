import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// An instance's timers (deadlines, reminders, intermediate waits) as one job, due at the earliest timer.
enum WorkflowTimers {
    static let kind = "workflow.timers"

    static func key(_ instanceID: UUID) -> String { "\(kind):\(instanceID.uuidString)" }

    /// Inside a command's transaction: moves the instance's job to its earliest timer, or removes it.
    static func schedule(instanceID: UUID, timers: [TimerJob], on db: any Database) async throws {
        guard let first = timers.map(\.due).min() else {
            try await JobQueue.cancel(key: key(instanceID), on: db)
            return
        }
        try await JobQueue.schedule(kind: kind, key: key(instanceID), payload: instanceID.uuidString, at: first, on: db)
    }

    /// The job: fires the due timers through the same guarded command path as people's commands.
    @Sendable static func run(_ job: JobRecord, app: Application, now: Date) async throws {
        guard let instanceID = UUID(uuidString: job.payload) else { return }
        _ = try await app.workflow.perform(.fireTimers, on: instanceID, by: .system(), at: now)
    }
}
