import Fluent
import Foundation

/// Work the server does later or again: workflow timers, deadline reminders. A worker leases a due
/// job (so another server process skips it), runs it, and deletes it when done, retries it later, or
/// after too many failures leaves it `dead` for an administrator to look at.
final class JobRecord: Model, @unchecked Sendable {
    static let schema = "jobs"

    enum State: String, Codable, Sendable {
        case pending, running, dead
    }

    @ID(key: .id) var id: UUID?
    /// Which handler runs it (``JobKind``).
    @Field(key: "kind") var kind: String
    /// Unique per piece of work (e.g. one timer job per instance), so scheduling twice updates one row.
    @Field(key: "key") var key: String
    @Field(key: "payload") var payload: String
    @Field(key: "state") var state: String
    @Field(key: "run_at") var runAt: Date
    @Field(key: "attempts") var attempts: Int
    @Field(key: "max_attempts") var maxAttempts: Int
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "locked_by") var lockedBy: String?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
