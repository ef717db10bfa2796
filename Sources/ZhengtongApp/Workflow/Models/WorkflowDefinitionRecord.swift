import Fluent
import Foundation

/// A deployed version of a process (流程定义). Deploying a changed BPMN file adds a version; instances
/// keep the version they started on, new instances take the newest enabled one.
final class WorkflowDefinitionRecord: Model, @unchecked Sendable {
    static let schema = "workflow_definitions"

    @ID(key: .id) var id: UUID?
    /// The BPMN process id (`<process id="…">`), stable across versions.
    @Field(key: "process_key") var processKey: String
    @Field(key: "version") var version: Int
    @Field(key: "name") var name: String
    /// The whole BPMN file as uploaded (a file may hold called processes beside the main one).
    @Field(key: "bpmn") var bpmn: String
    /// SHA-256 of `bpmn`: deploying the same file again adds no version.
    @Field(key: "checksum") var checksum: String
    /// Only enabled definitions can be started; old versions stay for their running instances.
    @Field(key: "is_enabled") var isEnabled: Bool
    @OptionalField(key: "deployed_by") var deployedBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(processKey: String, version: Int, name: String, bpmn: String, checksum: String, deployedBy: UUID?) {
        self.processKey = processKey
        self.version = version
        self.name = name
        self.bpmn = bpmn
        self.checksum = checksum
        self.isEnabled = true
        self.deployedBy = deployedBy
    }
}
