import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// A task with what deciding on it needs: its instance, the engine state and the viewer's allowed actions.
/// Loading it checks that the viewer may see the instance.
struct WorkflowTaskContext: Sendable {
    var row: WorkflowTaskRecord
    var task: WorkTask
    var instance: WorkflowInstanceRecord
    var state: ProcessInstance
    var definition: DeployedDefinition
    var actions: TaskActions

    static func load(_ req: Request, parameter: String = "taskID") async throws -> WorkflowTaskContext {
        let access = try await req.access()
        guard let row = try await WorkflowTaskRecord.find(try req.idParameter(parameter), on: req.db),
              let instance = try await WorkflowInstanceRecord.find(row.$instance.id, on: req.db) else { throw AppError.notFound() }
        // Someone who may not see the instance learns nothing about it, not even that it exists.
        guard try await access.canView(instance, on: req.db) else { throw AppError.notFound() }
        let state = try WorkflowState.decode(instance.state)
        let definition = try await WorkflowDefinitions.load(instance.$definition.id, on: req.db)
        var task = try TaskView.engineTask(row)
        // The live state knows more about an open task (加签 holds, claims) than the row written when it last changed.
        if let live = state.task(row.engineID) { task = live }
        let upstream = try await WorkflowTaskRecord.query(on: req.db).filter(\.$instance.$id == instance.requireID())
            .filter(\.$completedBy == access.userID).filter(\.$engineID < row.engineID).first() != nil
        let actions = TaskActions(task: task, instance: state, definition: definition.process, viewer: access.workflowID,
                                  canSteer: access.canSteer(instance), upstream: upstream)
        return WorkflowTaskContext(row: row, task: task, instance: instance, state: state, definition: definition, actions: actions)
    }

    /// What the viewer may decide on completing the task (nothing unless they hold it).
    func decisions(for access: Access, app: Application, on db: any Database) async throws -> StepDecisions {
        guard actions.complete else { return .none }
        return try await WorkflowDecisions.offered(at: BusinessStep(task: task, instance: instance, state: state, definition: definition.process,
                                                                    actor: access.userID, app: app, db: db))
    }

    /// Loads the task for showing it; when its holder looks at it for the first time, records that it
    /// was opened (from then on the sender can no longer withdraw it).
    static func loadForViewing(_ req: Request) async throws -> WorkflowTaskContext {
        let context = try await load(req)
        let access = try await req.access()
        guard context.task.state == .open, context.task.assignee == access.workflowID, context.task.openedAt == nil,
              context.state.status == .running else { return context }
        _ = try await req.workflow.perform(.open(task: context.row.engineID), on: context.instance.requireID(), by: req.workflowActor(access))
        return try await load(req)
    }
}

/// An instance with its history and tasks, for the instance page, the API and the diagram.
struct InstanceView: Sendable {
    var record: WorkflowInstanceRecord
    var state: ProcessInstance
    var definition: DeployedDefinition
    var taskRows: [WorkflowTaskRecord]
    var history: [WorkflowHistoryRecord]

    static func load(_ req: Request, parameter: String = "instanceID") async throws -> InstanceView {
        let access = try await req.access()
        guard let record = try await WorkflowInstanceRecord.find(try req.idParameter(parameter), on: req.db),
              try await access.canView(record, on: req.db) else { throw AppError.notFound() }
        let id = try record.requireID()
        return InstanceView(
            record: record, state: try WorkflowState.decode(record.state),
            definition: try await WorkflowDefinitions.load(record.$definition.id, on: req.db),
            taskRows: try await WorkflowTaskRecord.query(on: req.db).filter(\.$instance.$id == id).sort(\.$engineID).all(),
            history: try await WorkflowHistoryRecord.query(on: req.db).filter(\.$instance.$id == id).sort(\.$seq).all())
    }

    /// The process diagram with done and current steps, who and when: the engine state with every task
    /// put back (the stored state keeps only the ones commands still need).
    func svg(app: Application) async throws -> String {
        let db = app.db
        var full = state
        full.tasks = try taskRows.map(TaskView.engineTask)
        let people = Set(full.tasks.flatMap { [$0.assignee, $0.completedBy].compactMap { $0 } }.compactMap(UUID.init(uuidString:)))
        let names = try await TaskView.names(people, on: db)
        let passed = Set(history.compactMap { row -> String? in
            let event = WorkflowHistoryText.decode(row.data)
            guard case .string("activityCompleted")? = event["event"], case .string(let node)? = event["activity"] else { return nil }
            return node
        })
        let state = DiagramState(instance: full, passed: passed, names: Dictionary(uniqueKeysWithValues: names.map { ($0.key.uuidString, $0.value) }))
        // Laying out a large process is real work: off the event loop.
        let process = definition.process
        return try await app.threadPool.runIfActive { DiagramRenderer.svg(for: process, state: state) }
    }

    func svgResponse(app: Application) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: try await svg(app: app)))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
