import Fluent

/// Scheduled backups (issue 16): the record of each run, and the system administrator's new duty of keeping the
/// platform running (`system.operate`: the 备份 page, 立即备份), given to the built-in role.
struct M0026_ScheduledBackups: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("backup_runs_started", BackupRun.schema, "started_at"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(BackupRun.schema)
            .id()
            .field("kind", .string, .required)
            .field("state", .string, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .field("directory", .string)
            .field("bytes", .int64)
            .field("message", .string)
            .field("requested_by", .uuid)
            .create()
        try await DatabaseIndexes.create(Self.indexes, on: database)
        try await setSystemAdministrator(BuiltinRole.sysAdmin.permissions.map(\.rawValue), on: database)
    }

    func revert(on database: any Database) async throws {
        try await setSystemAdministrator(BuiltinRole.sysAdmin.permissions.filter { $0 != .systemOperate }.map(\.rawValue), on: database)
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
        try await database.schema(BackupRun.schema).delete()
    }

    private func setSystemAdministrator(_ permissions: [String], on database: any Database) async throws {
        guard let role = try await Role.query(on: database).filter(\.$code == BuiltinRole.sysAdmin.rawValue).first() else { return }
        role.permissions = permissions
        role.description = BuiltinRole.sysAdmin.description
        try await role.save(on: database)
    }
}
