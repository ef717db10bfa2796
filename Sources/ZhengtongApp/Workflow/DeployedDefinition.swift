import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor
import WorkflowEngine

/// A deployed definition version, parsed once and kept: a version never changes after deployment.
struct DeployedDefinition: Sendable {
    var recordID: UUID
    var processKey: String
    var version: Int
    var name: String
    var process: ProcessDefinition
    /// The other processes of the same file (call activities look here first).
    var siblings: [ProcessDefinition]

    /// Usernames the model names literally (`camunda:assignee="zhangsan"`), resolved before a command runs.
    var literalUsernames: Set<String> {
        var names: Set<String> = []
        for process in [process] + siblings {
            for node in process.nodes.values {
                guard let assignment = node.assignment else { continue }
                for text in [assignment.assignee].compactMap({ $0 }) + assignment.candidateUsers
                where !text.contains("${") && !text.contains("#{") && UUID(uuidString: text) == nil {
                    names.insert(text)
                }
            }
        }
        return names
    }

    /// Processes the call activities may run: this file's, then the newest deployed version of any other.
    func calledProcesses(on db: any Database) async throws -> [String: ProcessDefinition] {
        var found = Dictionary(siblings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var wanted: Set<String> = []
        for process in [process] + siblings {
            for node in process.nodes.values {
                if case .callActivity(let called) = node.kind, found[called] == nil, called != process.id { wanted.insert(called) }
            }
        }
        for key in wanted {
            guard let record = try await WorkflowDefinitions.newest(key, on: db) else { continue }
            found[key] = try await WorkflowDefinitions.load(record.requireID(), on: db).process
        }
        return found
    }
}

/// Deploying and loading process definitions.
enum WorkflowDefinitions {
    private static let cache = NIOLockedValueBox<[UUID: DeployedDefinition]>([:])

    /// The newest enabled version of `key`.
    static func newest(_ key: String, on db: any Database) async throws -> WorkflowDefinitionRecord? {
        try await WorkflowDefinitionRecord.query(on: db).filter(\.$processKey == key).filter(\.$isEnabled == true)
            .sort(\.$version, .descending).first()
    }

    /// Every enabled version, newest first, without its file (the parsed definition comes from ``load(_:on:)``'s
    /// cache): what the timer-start job and a message's search for its process read every time.
    static func enabledVersions(on db: any Database) async throws -> [WorkflowDefinitionRecord] {
        try await WorkflowDefinitionRecord.query(on: db).filter(\.$isEnabled == true).sort(\.$processKey).sort(\.$version, .descending)
            .field(\.$id).field(\.$processKey).field(\.$version).field(\.$name).field(\.$isEnabled).field(\.$deployedBy).field(\.$createdAt)
            .all()
    }

    static func load(_ id: UUID, on db: any Database) async throws -> DeployedDefinition {
        if let cached = cache.withLockedValue({ $0[id] }) { return cached }
        guard let record = try await WorkflowDefinitionRecord.find(id, on: db) else { throw AppError.notFound() }
        let deployed = try parse(record)
        cache.withLockedValue { $0[id] = deployed }
        return deployed
    }

    static func parse(_ record: WorkflowDefinitionRecord) throws -> DeployedDefinition {
        let imported = BPMNImport.parse(Data(record.bpmn.utf8))
        guard let process = imported.processes.first(where: { $0.id == record.processKey }) else {
            throw AppError(status: .internalServerError, code: "definition_unreadable", message: Strings.Workflow.definitionUnreadable)
        }
        return DeployedDefinition(recordID: try record.requireID(), processKey: record.processKey, version: record.version,
                                  name: record.name, process: process, siblings: imported.processes.filter { $0.id != process.id })
    }

    /// What a deployment would add: per process in the file, whether it is new, changed or unchanged.
    struct Plan: Sendable {
        struct Item: Sendable {
            var key: String
            var name: String
            /// The version it would get; nil when the newest version is this very file.
            var newVersion: Int?
        }

        var items: [Item]
        var processes: [ProcessDefinition]
        var checksum: String
    }

    /// Checks a BPMN file for deployment: executable, only hooks the application knows. Throws 422 listing every problem.
    static func plan(_ upload: BPMNUpload, hooks: WorkflowHooks, on db: any Database) async throws -> Plan {
        var problems = upload.problems
        for (node, hook) in hooks.unknown(in: upload.processes) { problems.append("\(node)：\(Strings.Workflow.unknownHook(hook))") }
        if upload.processes.isEmpty, problems.isEmpty { problems.append(Strings.Workflow.noProcess) }
        guard problems.isEmpty else {
            throw AppError(status: .unprocessableEntity, code: "model_invalid", message: Strings.Workflow.modelInvalid(problems))
        }
        let checksum = SHA256Hex.of(upload.data)
        var items: [Plan.Item] = []
        for process in upload.processes {
            let newest = try await WorkflowDefinitionRecord.query(on: db).filter(\.$processKey == process.id).sort(\.$version, .descending).first()
            let unchanged = newest?.checksum == checksum && newest?.isEnabled == true
            items.append(Plan.Item(key: process.id, name: process.name ?? process.id, newVersion: unchanged ? nil : (newest?.version ?? 0) + 1))
        }
        return Plan(items: items, processes: upload.processes, checksum: checksum)
    }

    /// Deploys every changed process of the file as a new version (inside the caller's transaction; the file was
    /// read before it, see ``BPMNUpload``).
    static func deploy(_ upload: BPMNUpload, hooks: WorkflowHooks, by actor: AuditActor, on db: any Database) async throws -> [WorkflowDefinitionRecord] {
        let plan = try await plan(upload, hooks: hooks, on: db)
        let text = String(decoding: upload.data, as: UTF8.self)
        var deployed: [WorkflowDefinitionRecord] = []
        for item in plan.items {
            guard let version = item.newVersion else { continue }
            let record = WorkflowDefinitionRecord(processKey: item.key, version: version, name: item.name, bpmn: text, checksum: plan.checksum,
                                                  deployedBy: actor.userID)
            try await record.create(on: db)
            try await AuditLog.record(AuditEvent(action: "workflow.definition.deploy", targetType: "workflow_definition",
                                                 targetID: record.id?.uuidString, targetLabel: "\(item.name) v\(version)",
                                                 after: ["process": item.key, "version": String(version), "checksum": plan.checksum]),
                                      by: actor, on: db)
            deployed.append(record)
        }
        return deployed
    }

    /// The processes every installation starts with (`Resources/Processes`), each file deployed in its own
    /// transaction (unchanged ones add nothing); returns the newest enabled definition of each, by process key.
    static func deployBundled(by actor: AuditActor, app: Application) async throws -> [String: DeployedDefinition] {
        let directory = URL(fileURLWithPath: BundledResources.processesDirectory)
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        var deployed: [String: DeployedDefinition] = [:]
        for file in files.filter({ $0.pathExtension == "bpmn" }).sorted(by: { $0.path < $1.path }) {
            let upload = try await BPMNUpload.read(try Data(contentsOf: file), on: app.threadPool)
            _ = try await app.write { db in try await deploy(upload, hooks: WorkflowHooks(), by: actor, on: db) }
            for process in upload.processes {
                if let record = try await newest(process.id, on: app.db) { deployed[process.id] = try await load(record.requireID(), on: app.db) }
            }
        }
        return deployed
    }
}
