import Fluent
import Foundation
import SQLKit

/// Appends to the hash-chained audit log.
enum AuditLog {
    /// Appends `event` inside the caller's transaction `db`, so the record and the change commit together.
    ///
    /// Appends are serialised: on PostgreSQL by a transaction-scoped advisory lock (across nodes),
    /// on SQLite by the single-writer gate the caller already holds.
    static func record(_ event: AuditEvent, by actor: AuditActor, on db: any Database, at date: Date = Date()) async throws {
        if try db.dialectKind() == .postgres {
            try await db.sqlDatabase().raw("SELECT pg_advisory_xact_lock(\(bind: advisoryLockKey))").run()
        }
        // The chain's end and the new row in plain SQL: every command writes one, and Fluent's reflection of the
        // model cost more than both statements.
        let sql = try db.sqlDatabase()
        let last = try await sql.raw("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").first()
        let entry = AuditEntry()
        entry.id = (try last?.decode(column: "seq", as: Int.self) ?? 0) + 1
        entry.occurredAtMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        entry.actorID = actor.userID
        entry.actorName = actor.username
        entry.unitID = actor.unitID
        entry.action = event.action
        entry.targetType = event.targetType
        entry.targetID = event.targetID
        entry.targetLabel = event.targetLabel
        entry.clientAddress = actor.clientAddress
        entry.succeeded = event.succeeded
        entry.before = canonicalJSON(event.before)
        entry.after = canonicalJSON(event.after)
        entry.previousHash = try last?.decode(column: "hash", as: String.self) ?? genesisHash
        entry.hash = entry.computeHash()
        try await BulkInsert.rows(into: AuditEntry.schema, [Row(entry)], on: db)
    }

    /// An `audit_entries` row as written.
    private struct Row: Encodable, Sendable {
        var seq: Int?, occurredAtMilliseconds: Int64, actorID: UUID?, actorName: String, unitID: UUID?, action: String
        var targetType: String, targetID: String?, targetLabel: String, clientAddress: String, succeeded: Bool
        var before: String, after: String, previousHash: String, hash: String

        enum CodingKeys: String, CodingKey {
            case seq, occurredAtMilliseconds = "occurred_at_ms", actorID = "actor_id", actorName = "actor_name", unitID = "unit_id", action,
                 targetType = "target_type", targetID = "target_id", targetLabel = "target_label", clientAddress = "client_address", succeeded,
                 before, after, previousHash = "prev_hash", hash
        }

        init(_ entry: AuditEntry) {
            seq = entry.id
            occurredAtMilliseconds = entry.occurredAtMilliseconds
            actorID = entry.actorID
            actorName = entry.actorName
            unitID = entry.unitID
            action = entry.action
            targetType = entry.targetType
            targetID = entry.targetID
            targetLabel = entry.targetLabel
            clientAddress = entry.clientAddress
            succeeded = entry.succeeded
            before = entry.before
            after = entry.after
            previousHash = entry.previousHash
            hash = entry.hash
        }
    }

    /// The `previousHash` of the first row.
    static let genesisHash = String(repeating: "0", count: 64)

    /// Arbitrary constant naming "the audit chain" among advisory locks.
    static let advisoryLockKey: Int64 = 7_270_001

    static func canonicalJSON(_ fields: [String: String]) -> String {
        guard !fields.isEmpty else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(fields), as: UTF8.self)) ?? ""
    }

    static func decodeFields(_ json: String) -> [String: String] {
        guard !json.isEmpty, let fields = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else { return [:] }
        return fields
    }
}

/// Result of checking the chain from the first row.
struct AuditVerification: Sendable, Equatable {
    var checked: Int
    /// The first row whose hash or link is wrong, with what is wrong; `nil` when intact.
    var firstBroken: (seq: Int, problem: String)?

    static func == (lhs: AuditVerification, rhs: AuditVerification) -> Bool {
        lhs.checked == rhs.checked && lhs.firstBroken?.seq == rhs.firstBroken?.seq
    }
}

extension AuditLog {
    /// Walks the whole chain in order, in pages, and reports the first broken link.
    static func verify(on db: any Database, pageSize: Int = 1000) async throws -> AuditVerification {
        var previousHash = genesisHash
        var expectedSeq = 1
        var checked = 0
        while true {
            let page = try await AuditEntry.query(on: db)
                .filter(\.$id >= expectedSeq)
                .sort(\.$id)
                .limit(pageSize)
                .all()
            if page.isEmpty { break }
            for entry in page {
                let seq = entry.id ?? 0
                if seq != expectedSeq {
                    return AuditVerification(checked: checked, firstBroken: (expectedSeq, Strings.Audit.recordMissing(seq: expectedSeq)))
                }
                if entry.previousHash != previousHash {
                    return AuditVerification(checked: checked, firstBroken: (seq, Strings.Audit.linkMismatch))
                }
                if entry.computeHash() != entry.hash {
                    return AuditVerification(checked: checked, firstBroken: (seq, Strings.Audit.hashMismatch))
                }
                previousHash = entry.hash
                expectedSeq += 1
                checked += 1
            }
        }
        return AuditVerification(checked: checked, firstBroken: nil)
    }
}
