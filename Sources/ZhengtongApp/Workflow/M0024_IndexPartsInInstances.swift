import Fluent

/// Indexes for "the instances a person has a part in" (the 收文 list of anyone not a clerk), found missing by
/// `benchmarks/explain_lists.py` on the seeded city: PostgreSQL read all 1.2 million tasks for the `delegated_from`
/// condition, and all 157,000 收文 to find those of a few instances.
struct M0024_IndexPartsInInstances: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("workflow_tasks_delegated_from", WorkflowTaskRecord.schema, "delegated_from"),
        ("incoming_documents_instance", IncomingDocument.schema, "instance_id"),
    ]

    func prepare(on database: any Database) async throws {
        try await DatabaseIndexes.create(Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await DatabaseIndexes.drop(Self.indexes.map(\.name), on: database)
    }
}
