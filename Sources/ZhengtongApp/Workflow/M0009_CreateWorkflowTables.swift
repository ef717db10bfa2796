import Fluent
import SQLKit

/// The workflow tables, the jobs table and the working calendar; grants 流程管理 to the system administrator.
struct M0009_CreateWorkflowTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WorkflowDefinitionRecord.schema)
            .id()
            .field("process_key", .string, .required)
            .field("version", .int, .required)
            .field("name", .string, .required)
            .field("bpmn", .string, .required)
            .field("checksum", .string, .required)
            .field("is_enabled", .bool, .required)
            .field("deployed_by", .uuid)
            .field("created_at", .datetime)
            .unique(on: "process_key", "version")
            .create()
        try await database.schema(WorkflowInstanceRecord.schema)
            .id()
            .field("definition_id", .uuid, .required, .references(WorkflowDefinitionRecord.schema, "id"))
            .field("process_key", .string, .required)
            .field("title", .string, .required)
            .field("business_type", .string, .required)
            .field("business_id", .string)
            .field("initiator_id", .uuid, .required, .references(User.schema, "id"))
            .field("unit_id", .uuid, .required)
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("state", .string, .required)
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(WorkflowTaskRecord.schema)
            .id()
            .field("instance_id", .uuid, .required, .references(WorkflowInstanceRecord.schema, "id"))
            .field("engine_id", .int, .required)
            .field("node", .string, .required)
            .field("name", .string, .required)
            .field("state", .string, .required)
            .field("assignee_id", .uuid)
            .field("delegated_from", .uuid)
            .field("created_at", .datetime, .required)
            .field("opened_at", .datetime)
            .field("due_at", .datetime)
            .field("completed_at", .datetime)
            .field("completed_by", .uuid)
            .field("outcome", .string)
            .field("opinion", .string)
            .field("data", .string, .required)
            .unique(on: "instance_id", "engine_id")
            .create()
        try await database.schema(WorkflowTaskCandidate.schema)
            .id()
            .field("task_id", .uuid, .required, .references(WorkflowTaskRecord.schema, "id"))
            .field("user_id", .uuid, .required)
            .create()
        try await database.schema(WorkflowCirculationRecord.schema)
            .id()
            .field("instance_id", .uuid, .required, .references(WorkflowInstanceRecord.schema, "id"))
            .field("engine_id", .int, .required)
            .field("reader_id", .uuid, .required)
            .field("sent_by", .uuid, .required)
            .field("state", .string, .required)
            .field("note", .string)
            .field("sent_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("comment", .string)
            .unique(on: "instance_id", "engine_id")
            .create()
        try await database.schema(WorkflowTokenRecord.schema)
            .id()
            .field("instance_id", .uuid, .required, .references(WorkflowInstanceRecord.schema, "id"))
            .field("engine_id", .int, .required)
            .field("node", .string, .required)
            .field("scope", .int, .required)
            .unique(on: "instance_id", "engine_id")
            .create()
        try await database.schema(WorkflowHistoryRecord.schema)
            .id()
            .field("instance_id", .uuid, .required, .references(WorkflowInstanceRecord.schema, "id"))
            .field("seq", .int, .required)
            .field("event", .string, .required)
            .field("data", .string, .required)
            .field("actor_id", .uuid)
            .field("occurred_at", .datetime, .required)
            .unique(on: "instance_id", "seq")
            .create()
        try await database.schema(WorkflowRequestRecord.schema)
            .id()
            .field("user_id", .uuid, .required)
            .field("request_id", .string, .required)
            .field("instance_id", .uuid, .required)
            .field("result", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "request_id")
            .create()
        try await database.schema(DelegationRecord.schema)
            .id()
            .field("person_id", .uuid, .required, .references(User.schema, "id"))
            .field("deputy_id", .uuid, .required, .references(User.schema, "id"))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("process_keys", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(CalendarDayRecord.schema)
            .id()
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .unique(on: "day")
            .create()
        try await database.schema(JobRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("key", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("lease_until", .datetime)
            .field("locked_by", .string)
            .field("last_error", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "key")
            .create()

        // The lists people open most: 待办/已办 by person, 待阅 by reader, due jobs.
        let indexes: [(String, String, String)] = [
            ("workflow_tasks_assignee", WorkflowTaskRecord.schema, "assignee_id, state, created_at"),
            ("workflow_tasks_completed_by", WorkflowTaskRecord.schema, "completed_by, completed_at"),
            ("workflow_tasks_instance", WorkflowTaskRecord.schema, "instance_id"),
            ("workflow_task_candidates_user", WorkflowTaskCandidate.schema, "user_id"),
            ("workflow_task_candidates_task", WorkflowTaskCandidate.schema, "task_id"),
            ("workflow_circulations_reader", WorkflowCirculationRecord.schema, "reader_id, state, sent_at"),
            ("workflow_tokens_node", WorkflowTokenRecord.schema, "node"),
            ("workflow_instances_initiator", WorkflowInstanceRecord.schema, "initiator_id, started_at"),
            ("workflow_instances_business", WorkflowInstanceRecord.schema, "business_type, business_id"),
            ("jobs_due", JobRecord.schema, "state, run_at"),
            ("workflow_delegations_person", DelegationRecord.schema, "person_id, ends_at"),
        ]
        try await DatabaseIndexes.create(indexes, on: database)

        // 流程管理 goes with the system administrator's work (the role rows store their permissions).
        if let role = try await Role.query(on: database).filter(\.$code == BuiltinRole.sysAdmin.rawValue).first() {
            role.permissions = BuiltinRole.sysAdmin.permissions.map(\.rawValue)
            try await role.save(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [JobRecord.schema, CalendarDayRecord.schema, DelegationRecord.schema, WorkflowRequestRecord.schema,
                       WorkflowHistoryRecord.schema, WorkflowTokenRecord.schema, WorkflowCirculationRecord.schema,
                       WorkflowTaskCandidate.schema, WorkflowTaskRecord.schema, WorkflowInstanceRecord.schema, WorkflowDefinitionRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
