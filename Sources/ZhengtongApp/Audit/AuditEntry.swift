import Fluent
import Foundation

/// One row of the append-only audit log. `seq` is gap-free; each row's `hash` covers its
/// content and the previous row's hash, so editing or deleting any row breaks the chain.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(custom: "seq", generatedBy: .user) var id: Int?
    /// Milliseconds since 1970: exact on every database, so the hash recomputes identically.
    @Field(key: "occurred_at_ms") var occurredAtMilliseconds: Int64
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// The actor's username at the time (people are renamed; the log must not change).
    @Field(key: "actor_name") var actorName: String
    @OptionalField(key: "unit_id") var unitID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "target_type") var targetType: String
    @OptionalField(key: "target_id") var targetID: String?
    @Field(key: "target_label") var targetLabel: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "succeeded") var succeeded: Bool
    /// JSON of the changed fields before and after, sorted keys; empty when not applicable.
    @Field(key: "before") var before: String
    @Field(key: "after") var after: String
    @Field(key: "prev_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    var occurredAt: Date { Date(timeIntervalSince1970: Double(occurredAtMilliseconds) / 1000) }

    /// The hash this row must have given its content and `previousHash`.
    func computeHash() -> String {
        let fields: [String] = [
            String(id ?? 0), String(occurredAtMilliseconds), actorID?.uuidString ?? "", actorName,
            unitID?.uuidString ?? "", action, targetType, targetID ?? "", targetLabel, clientAddress,
            succeeded ? "1" : "0", before, after, previousHash,
        ]
        // Length-prefixing each field makes the encoding unambiguous (no separator tricks).
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined()
        return SHA256Hex.of(canonical)
    }
}
