import Fluent
import Foundation
import SQLKit
import Vapor
import WorkflowEngine

/// Runs workflow commands against the database: each command is one transaction that reads the
/// instance, runs the engine and writes the new state guarded by the version it read. Of two racing
/// commands one commits and the other gets 409; a retried request id gets the first result back.
struct WorkflowService: Sendable {
    let app: Application
    var hooks = WorkflowHooks()

    init(app: Application) { self.app = app }

    /// Who acts: a person, or the system (timers) when `userID` is nil.
    struct Actor: Sendable {
        var userID: UUID?
        var audit: AuditActor

        var engineID: String { userID?.uuidString ?? WorkflowActorID.system }

        static func system() -> Actor { Actor(userID: nil, audit: .system("workflow")) }
    }

    /// Starts the newest version of `processKey` for the acting person.
    /// `onStarted` runs inside the same transaction once the instance exists (e.g. to link the business object).
    func start(processKey: String, title: String, businessType: String = "", businessID: String? = nil,
               variables: [String: ExpressionValue] = [:], by actor: Actor, requestID: String? = nil, at now: Date = Date(),
               onStarted: (@Sendable (UUID, any Database) async throws -> Void)? = nil) async throws -> WorkflowCommandResult {
        guard let initiator = actor.userID else { throw AppError.forbidden() }
        return try await idempotent(requestID, actor: actor) { db in
            if let requestID, let earlier = try await Self.storedResult(requestID, user: initiator, on: db) { return earlier }
            return try await self.start(processKey: processKey, title: title, businessType: businessType, businessID: businessID, variables: variables,
                                        by: actor, requestID: requestID, at: now, on: db, onStarted: onStarted)
        }
    }

    /// `start` inside the caller's transaction, for a business step that starts a process as part of its own
    /// change (签收 registers the document and starts its 收文 process together).
    func start(processKey: String, title: String, businessType: String = "", businessID: String? = nil,
               variables: [String: ExpressionValue] = [:], by actor: Actor, requestID: String? = nil, at now: Date = Date(), on db: any Database,
               onStarted: (@Sendable (UUID, any Database) async throws -> Void)? = nil) async throws -> WorkflowCommandResult {
        guard let initiator = actor.userID else { throw AppError.forbidden() }
        // A process bound to a business object starts only through that object (送审 starts 发文办理 with its
        // document); started bare it would run without one — 编号登记 completing with no number.
        if let owner = WorkflowBusinesses.owner(ofProcess: processKey), owner.type != businessType {
            throw AppError(status: .unprocessableEntity, code: "process_bound_to_business", message: Strings.Workflow.processBound,
                           fields: ["process": Strings.Workflow.processBound])
        }
        guard let record = try await WorkflowDefinitions.newest(processKey, on: db) else {
            throw AppError.notFound(Strings.Workflow.processNotDeployed)
        }
        let definition = try await WorkflowDefinitions.load(record.requireID(), on: db)
        // Variables of a plain process come from whoever starts it: only the data its conditions read.
        if WorkflowBusinesses.business(ofType: businessType) == nil { try PlainProcessStart.check(variables, definition: definition.process) }
        return try await begin(record, title: title, businessType: businessType, businessID: businessID, initiator: initiator, by: actor,
                               requestID: requestID, at: now, on: db, onStarted: onStarted) { runner, id in
            try runner.start(instanceID: id, initiator: initiator.uuidString, variables: variables, at: now)
        }
    }

    /// Creates an instance of the deployed version `record` for `initiator`, begun by `run` (at the none start, a
    /// timer start or a message start), and writes it like any command: rows, history, timers, the message index,
    /// messages it sent, the request id and the audit record.
    func begin(_ record: WorkflowDefinitionRecord, command: String = "start", instanceID: UUID = UUID(), title: String,
               businessType: String = "", businessID: String? = nil, initiator: UUID, by actor: Actor, requestID: String? = nil,
               at now: Date, on db: any Database, details: [String: String] = [:], onStarted: (@Sendable (UUID, any Database) async throws -> Void)? = nil,
               run: (ProcessRunner, String) throws -> ProcessRunner.Outcome) async throws -> WorkflowCommandResult {
        let hooks = self.hooks
        let processKey = record.processKey
        let definition = try await WorkflowDefinitions.load(record.requireID(), on: db)
        let environment = try await OrganizationEnvironment.load(initiator: initiator, definition: definition, hooks: hooks,
                                                                  cache: app.organizationCache, on: db)
        let runner = ProcessRunner(definition: definition.process, environment: environment)
        let outcome: ProcessRunner.Outcome
        do {
            var started = try run(runner, instanceID.uuidString)
            started = try hooks.followUp(started, runner: runner, at: now)
            outcome = started
        } catch let error as WorkflowError {
            throw AppError(error)
        } catch let error as EventError {
            throw AppError(error)
        }
        guard let user = try await User.find(initiator, on: db) else { throw AppError.notFound() }
        let row = WorkflowInstanceRecord()
        row.id = instanceID
        row.$definition.id = try record.requireID()
        row.processKey = processKey
        row.title = title
        row.businessType = businessType
        row.businessID = businessID
        row.$initiator.id = initiator
        row.unitID = user.$unit.id
        row.status = outcome.instance.status.rawValue
        row.version = outcome.instance.version
        row.state = try WorkflowState.encode(outcome.instance.compacted())
        row.startedAt = now
        row.endedAt = outcome.instance.endedAt
        row.updatedAt = now
        try await row.create(on: db)
        let empty = ProcessInstance(id: instanceID.uuidString, processID: processKey, initiator: initiator.uuidString, variables: [:], startedAt: now)
        let created = try await WorkflowPersistence.write(from: empty, to: outcome, instanceID: instanceID, actor: actor, at: now, on: db)
        try await onStarted?(instanceID, db)
        try await relay(outcome.events, from: row, at: now, on: db)
        let result = WorkflowCommandResult(instanceID: instanceID, command: command, version: outcome.instance.version,
                                           status: outcome.instance.status.rawValue, createdTasks: created)
        try await Self.finish(result, requestID: requestID, actor: actor, label: title, details: details, on: db)
        return result
    }

    /// Runs `command` on an instance. `expectedVersion`, when given, must still be the instance's (a form
    /// shown before someone else acted gets 409 instead of acting on a state its user never saw).
    func perform(_ command: WorkflowCommand, on instanceID: UUID, by actor: Actor, requestID: String? = nil, expectedVersion: Int? = nil,
                 at now: Date = Date()) async throws -> WorkflowCommandResult {
        let prepared = try await prepare(command, on: instanceID)
        return try await idempotent(requestID, actor: actor) { db in
            try await self.perform(command, on: instanceID, by: actor, requestID: requestID, expectedVersion: expectedVersion, at: now,
                                   prepared: prepared, in: db)
        }
    }

    /// The business object's work before the transaction (a 封发's package OFD), off the event loop.
    private func prepare(_ command: WorkflowCommand, on instanceID: UUID) async throws -> (any Sendable)? {
        guard case .complete = command, let row = try await WorkflowInstanceRecord.find(instanceID, on: app.db),
              let business = WorkflowBusinesses.business(ofType: row.businessType) else { return nil }
        return try await business.prepare(command, instance: row, state: try WorkflowState.decode(row.state), app: app)
    }

    /// `perform` inside the caller's transaction, for a business action that moves the process as part of its
    /// own change (an edit after 签发 sends the document back to the signer in the edit's transaction).
    func perform(_ command: WorkflowCommand, on instanceID: UUID, by actor: Actor, requestID: String? = nil, expectedVersion: Int? = nil,
                 at now: Date = Date(), prepared: (any Sendable)? = nil, in db: any Database) async throws -> WorkflowCommandResult {
        let hooks = self.hooks
        let app = self.app
        if let requestID, let user = actor.userID, let earlier = try await Self.storedResult(requestID, user: user, on: db) { return earlier }
        guard let row = try await WorkflowInstanceRecord.find(instanceID, on: db) else { throw AppError.notFound() }
        if let expectedVersion, expectedVersion != row.version {
            throw try await WorkflowConflict.error(instance: row, task: command.task, on: db)
        }
        let before = try WorkflowState.decode(row.state)
        let definition = try await WorkflowDefinitions.load(row.$definition.id, on: db)
        let business = WorkflowBusinesses.business(ofType: row.businessType)
        let (command, decisions) = try await Self.resolve(command, before: before, instance: row, definition: definition.process, actor: actor,
                                                          app: app, now: now, on: db)
        let environment = try await OrganizationEnvironment.load(initiator: row.$initiator.id, definition: definition, hooks: hooks,
                                                                  cache: app.organizationCache, on: db)
        let runner = ProcessRunner(definition: definition.process, environment: environment)
        var outcome: ProcessRunner.Outcome
        do {
            outcome = try command.run(runner, on: before, by: actor.engineID, at: now)
            outcome = try hooks.followUp(outcome, runner: runner, at: now)
        } catch let error as WorkflowError {
            if case .taskNotOpen = error { throw try await WorkflowConflict.error(instance: row, task: command.task, on: db) }
            // Claiming what someone else claimed first is a race lost, not a lack of right.
            if case .notAssignee = error, case .claim(let taskID) = command, let holder = before.task(taskID)?.assignee, holder != actor.engineID,
               before.task(taskID)?.candidateUsers.contains(actor.engineID) == true {
                let name = try await UUID(uuidString: holder).asyncMap { try await User.find($0, on: db)?.name } ?? nil
                throw AppError(status: .conflict, code: "task_claimed", message: Strings.Workflow.taskClaimed(by: name), fields: ["claimed_by": name ?? ""])
            }
            throw AppError(error)
        } catch let error as EventError {
            throw AppError(error)
        }
        let businessCommand = BusinessCommand(command: command, decisions: decisions, before: before, instance: row, actor: actor, app: app, now: now,
                                              prepared: prepared)
        try await business?.check(businessCommand, on: db)
        guard outcome.instance.version != before.version else {
            // Nothing changed (e.g. opening a task already opened): no write, no history.
            return WorkflowCommandResult(instanceID: instanceID, command: command.name, version: row.version, status: row.status, createdTasks: [])
        }
        try await WorkflowPersistence.update(row, from: before, to: outcome, task: command.task, at: now, on: db)
        let created = try await WorkflowPersistence.write(from: before, to: outcome, instanceID: instanceID, actor: actor, at: now, on: db)
        try await business?.apply(businessCommand, outcome: outcome, on: db)
        try await WorkflowNotices.send(command, outcome: outcome, instance: row, by: actor, at: now, on: db)
        try await SearchIndex.markDirty(instance: row, on: db)
        try await relay(outcome.events, from: row, at: now, on: db)
        let result = WorkflowCommandResult(instanceID: instanceID, command: command.name, version: outcome.instance.version,
                                           status: outcome.instance.status.rawValue, createdTasks: created)
        try await Self.finish(result, requestID: requestID, actor: actor, label: row.title, details: command.auditDetails, on: db)
        return result
    }

    /// The command as the engine will run it. A completion by the task's holder is checked against what the
    /// step offers (``WorkflowDecisions``) and its values replaced by the variables they stand for; a
    /// completion by anyone else carries no values (the engine refuses it). People a command adds to the work
    /// (转办, 加签, 传阅, pass-on) must be people the actor may add (``WorkParticipants``).
    private static func resolve(_ command: WorkflowCommand, before: ProcessInstance, instance: WorkflowInstanceRecord, definition: ProcessDefinition,
                                actor: Actor, app: Application, now: Date, on db: any Database) async throws -> (WorkflowCommand, CheckedDecisions?) {
        if let person = actor.userID {
            try await WorkParticipants.requireAllowed(WorkParticipants.added(by: command), by: person, on: db)
        }
        guard case .complete(let taskID, let outcome, let opinion, let values) = command else { return (command, nil) }
        guard let person = actor.userID, let task = before.task(taskID), task.state == .open, task.assignee == person.uuidString else {
            return (.complete(task: taskID, outcome: outcome, opinion: opinion, variables: [:]), nil)
        }
        let step = BusinessStep(task: task, instance: instance, state: before, definition: definition, actor: person, app: app, db: db)
        let (variables, decisions) = try await WorkflowDecisions.resolve(step, outcome: outcome, values: values, now: now)
        return (.complete(task: taskID, outcome: decisions.outcome, opinion: opinion, variables: variables), decisions)
    }

    /// Runs `body` in one write transaction; when it loses a race but a request with the same id has
    /// committed meanwhile (a double submission), answers with that request's result.
    func idempotent(_ requestID: String?, actor: Actor, _ body: @escaping @Sendable (any Database) async throws -> WorkflowCommandResult)
        async throws -> WorkflowCommandResult {
        do {
            return try await app.write(body)
        } catch {
            guard let requestID, let user = actor.userID,
                  let earlier = try? await Self.storedResult(requestID, user: user, on: app.db) else { throw error }
            return earlier
        }
    }

    static func storedResult(_ requestID: String, user: UUID, on db: any Database) async throws -> WorkflowCommandResult? {
        guard let stored = try await WorkflowRequestRecord.query(on: db).filter(\.$userID == user).filter(\.$requestID == requestID).first()
        else { return nil }
        var result = try JSONDecoder().decode(WorkflowCommandResult.self, from: Data(stored.result.utf8))
        result.replayed = true
        return result
    }

    /// Stores the result under the request id and writes the audit record, inside the command's transaction.
    private static func finish(_ result: WorkflowCommandResult, requestID: String?, actor: Actor, label: String,
                               details: [String: String] = [:], on db: any Database) async throws {
        if let requestID, let user = actor.userID {
            let stored = WorkflowRequestRecord()
            stored.userID = user
            stored.requestID = requestID
            stored.instanceID = result.instanceID
            stored.result = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
            stored.createdAt = Date()
            try await stored.create(on: db)
        }
        try await AuditLog.record(AuditEvent(action: "workflow.\(result.command)", targetType: "workflow_instance",
                                             targetID: result.instanceID.uuidString, targetLabel: label,
                                             after: ["version": String(result.version), "status": result.status].merging(details) { first, _ in first }),
                                  by: actor.audit, on: db)
    }
}

/// The engine state as stored in `workflow_instances.state`.
enum WorkflowState {
    static func encode(_ instance: ProcessInstance) throws -> String {
        String(decoding: try JSONEncoder().encode(instance), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> ProcessInstance {
        try JSONDecoder().decode(ProcessInstance.self, from: Data(text.utf8))
    }
}

extension Application {
    var workflow: WorkflowService { WorkflowService(app: self) }
}

extension Request {
    var workflow: WorkflowService { application.workflow }
}
