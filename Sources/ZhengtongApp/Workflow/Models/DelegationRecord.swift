import Fluent
import Foundation

/// 委托: between two dates, a person's new tasks go to a deputy (both see them).
final class DelegationRecord: Model, @unchecked Sendable {
    static let schema = "workflow_delegations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: User
    @Parent(key: "deputy_id") var deputy: User
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    /// Comma-separated process keys; empty: every process.
    @Field(key: "process_keys") var processKeys: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
