import Fluent
import Foundation

/// One backup the platform made by itself (scheduled) or on the system administrator's request: what the
/// 备份 page, `/metrics` and `zhengtong doctor` report. Backups made with `zhengtong backup` on the command line
/// are the operator's own and are not recorded here.
final class BackupRun: Model, @unchecked Sendable {
    static let schema = "backup_runs"

    enum State: String, Codable, Sendable {
        case running, succeeded, failed
    }

    @ID(key: .id) var id: UUID?
    @Enum(key: "kind") var kind: BackupSchedule.Kind
    @Enum(key: "state") var state: State
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    /// The backup's directory (when it succeeded).
    @OptionalField(key: "directory") var directory: String?
    @OptionalField(key: "bytes") var bytes: Int64?
    /// Why it failed, in Chinese, for the administrator.
    @OptionalField(key: "message") var message: String?
    /// Who asked for it (立即备份); none for scheduled runs.
    @OptionalField(key: "requested_by") var requestedBy: UUID?

    init() {}

    init(kind: BackupSchedule.Kind, startedAt: Date, requestedBy: UUID?) {
        self.kind = kind
        self.state = .running
        self.startedAt = startedAt
        self.requestedBy = requestedBy
    }
}
