import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// A task as lists, the task page and the API show it: with the instance's title and people's names.
struct TaskSummary: Content, Sendable {
    struct Person: Content, Sendable {
        var id: UUID
        var name: String
    }

    var id: UUID
    var instanceID: UUID
    var title: String
    var processKey: String
    var step: String
    var name: String
    var state: String
    var stateLabel: String
    var assignee: Person?
    var initiator: Person?
    var delegatedFrom: Person?
    var createdAt: Date
    var dueAt: Date?
    var overdue: Bool
    var openedAt: Date?
    var completedAt: Date?
    var completedBy: Person?
    var outcome: String?
    var opinion: String?
    /// Display forms for pages (Beijing time).
    var createdText: String
    var dueText: String?
    var completedText: String?
    /// What the task is about (发文, 收文 …), with where to read it; absent for a plain process.
    var business: BusinessReference?
}

/// A 传阅 item for lists and the API.
struct CirculationSummary: Content, Sendable {
    var id: UUID
    var instanceID: UUID
    var title: String
    var state: String
    var sentBy: TaskSummary.Person?
    var note: String?
    var sentAt: Date
    var readAt: Date?
    var comment: String?
    var sentText: String
    var readText: String?
}

enum TaskView {
    /// Summaries of `rows`, loading their instances and the people they name in two queries.
    static func summaries(_ rows: [WorkflowTaskRecord], now: Date = Date(), on db: any Database) async throws -> [TaskSummary] {
        let instances = try await instancesByID(rows.map(\.$instance.id), on: db)
        var people: Set<UUID> = []
        for row in rows {
            [row.assigneeID, row.completedBy, row.delegatedFrom].compactMap { $0 }.forEach { people.insert($0) }
        }
        instances.values.forEach { people.insert($0.$initiator.id) }
        let names = try await self.names(people, on: db)
        func person(_ id: UUID?) -> TaskSummary.Person? { id.map { TaskSummary.Person(id: $0, name: names[$0] ?? "—") } }
        return rows.compactMap { row in
            guard let id = row.id, let instance = instances[row.$instance.id] else { return nil }
            return TaskSummary(
                id: id, instanceID: row.$instance.id, title: instance.title, processKey: instance.processKey, step: row.node, name: row.name,
                state: row.state, stateLabel: Strings.Workflow.stateLabel(row.state), assignee: person(row.assigneeID),
                initiator: person(instance.$initiator.id), delegatedFrom: person(row.delegatedFrom), createdAt: row.createdAt, dueAt: row.dueAt,
                overdue: row.state == "open" && (row.dueAt.map { $0 < now } ?? false), openedAt: row.openedAt, completedAt: row.completedAt,
                completedBy: person(row.completedBy), outcome: row.outcome, opinion: row.opinion,
                createdText: DisplayFormat.minute(row.createdAt), dueText: row.dueAt.map(DisplayFormat.minute),
                completedText: row.completedAt.map(DisplayFormat.minute),
                business: WorkflowBusinesses.reference(type: instance.businessType, id: instance.businessID, title: instance.title))
        }
    }

    static func circulations(_ rows: [WorkflowCirculationRecord], on db: any Database) async throws -> [CirculationSummary] {
        let instances = try await instancesByID(rows.map(\.$instance.id), on: db)
        let names = try await self.names(Set(rows.map(\.sentBy)), on: db)
        return rows.compactMap { row in
            guard let id = row.id, let instance = instances[row.$instance.id] else { return nil }
            return CirculationSummary(
                id: id, instanceID: row.$instance.id, title: instance.title, state: row.state,
                sentBy: TaskSummary.Person(id: row.sentBy, name: names[row.sentBy] ?? "—"), note: row.note, sentAt: row.sentAt,
                readAt: row.readAt, comment: row.comment, sentText: DisplayFormat.minute(row.sentAt), readText: row.readAt.map(DisplayFormat.minute))
        }
    }

    static func instancesByID(_ ids: [UUID], on db: any Database) async throws -> [UUID: WorkflowInstanceRecord] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        let rows = try await WorkflowInstanceRecord.query(on: db).filter(\.$id ~~ unique)
            .field(\.$id).field(\.$title).field(\.$processKey).field(\.$initiator.$id).field(\.$status).field(\.$unitID)
            .field(\.$businessType).field(\.$businessID).all()
        return Dictionary(rows.compactMap { row in row.id.map { ($0, row) } }, uniquingKeysWith: { first, _ in first })
    }

    static func names(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(ids)).field(\.$id).field(\.$name).all()
        return Dictionary(users.compactMap { user in user.id.map { ($0, user.name) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The engine's task kept with a row.
    static func engineTask(_ row: WorkflowTaskRecord) throws -> WorkTask {
        try JSONDecoder().decode(WorkTask.self, from: Data(row.data.utf8))
    }
}

/// What the person looking at a task may do with it now: the task page shows these buttons only, and
/// the API lists them.
struct TaskActions: Content, Sendable, Equatable {
    var complete = false
    var claim = false
    var unclaim = false
    var returnTo: [Option] = []
    var transfer = false
    var addSigner = false
    var withdraw = false
    var remind = false
    var circulate = false
    /// The step waits for a signer added before this person.
    var onHold = false

    struct Option: Content, Sendable, Equatable {
        var id: String
        var name: String
    }

    /// The names of the allowed actions, as the API lists them.
    var names: [String] {
        var names: [String] = []
        if complete { names.append("complete") }
        if claim { names.append("claim") }
        if unclaim { names.append("unclaim") }
        if !returnTo.isEmpty { names.append("return") }
        if transfer { names.append("transfer") }
        if addSigner { names.append("add-signer") }
        if withdraw { names.append("withdraw") }
        if remind { names.append("remind") }
        if circulate { names.append("circulate") }
        return names
    }

    init() {}

    /// Throws 403 for 催办 or 传阅 the viewer may not give now: the engine does not decide who may chase or
    /// circulate, these actions do (the page and the API alike).
    func require(_ command: String) throws {
        if (command == "remind" && !remind) || (command == "circulate" && !circulate) { throw AppError.forbidden() }
    }

    /// `upstream`: the viewer completed an earlier task of the instance (may chase the later ones).
    init(task: WorkTask, instance: ProcessInstance, definition: ProcessDefinition, viewer: String, canSteer: Bool, upstream: Bool = false) {
        let running = instance.status == .running
        guard running else { return }
        switch task.state {
        case .open:
            let mine = task.assignee == viewer
            onHold = mine && task.onHoldFor != nil
            complete = mine && !onHold
            claim = task.assignee == nil && task.candidateUsers.contains(viewer)
            unclaim = mine && !task.candidateUsers.isEmpty
            transfer = complete
            addSigner = complete
            circulate = complete
            remind = !mine && (canSteer || instance.initiator == viewer || upstream)
            if complete, let node = definition.nodes[task.node] {
                let allowed = node.returnTargets.isEmpty ? [task.previousTask.flatMap { instance.task($0) }?.node].compactMap { $0 } : node.returnTargets
                let done = Set(instance.tasks.filter { $0.state == .completed }.map(\.node))
                returnTo = allowed.filter(done.contains).map { Option(id: $0, name: definition.nodes[$0]?.name ?? $0) }
            }
        case .completed:
            let next = instance.openTasks.filter { $0.previousTask == task.id }
            withdraw = task.completedBy == viewer && !next.isEmpty && next.allSatisfy { $0.openedAt == nil }
        default:
            break
        }
    }
}
