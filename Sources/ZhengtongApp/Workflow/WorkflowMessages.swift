import Fluent
import Foundation
import SQLKit
import Vapor
import WorkflowEngine

/// Messages in the app: who a message is for, found through `workflow_message_subscriptions` (the index the
/// persistence keeps of what instances wait for) or the deployed processes that start on it.
enum WorkflowMessages {
    /// Where a message goes.
    enum Receiver {
        /// The one instance waiting for its name and key.
        case instance(WorkflowInstanceRecord)
        /// No instance waits; the newest enabled version of a process starts on it.
        case start(WorkflowDefinitionRecord)
    }

    /// The receiver of `message`: the instance waiting for its name with its key (or waiting with no key), else
    /// the newest enabled version of a process that starts on the name; nil when nobody waits. Two instances
    /// waiting for one name and key is an ambiguity the sender must resolve (409 `message_ambiguous`).
    static func receiver(of message: WorkflowMessage, on db: any Database) async throws -> Receiver? {
        let sql = try db.sqlDatabase()
        let key: SQLQueryString = message.correlationKey.map { "(s.correlation_key = \(bind: $0) OR s.correlation_key IS NULL)" }
            ?? "s.correlation_key IS NULL"
        let rows = try await sql.raw("""
            SELECT DISTINCT s.instance_id FROM workflow_message_subscriptions s
            WHERE s.message = \(bind: message.name) AND \(key)
            """).all()
        let ids = try rows.map { try $0.decode(column: "instance_id", as: UUID.self) }
        if ids.count > 1 {
            throw AppError(status: .conflict, code: "message_ambiguous", message: Strings.Workflow.messageAmbiguous(message.name))
        }
        if let id = ids.first, let row = try await WorkflowInstanceRecord.find(id, on: db) { return .instance(row) }
        return try await starter(of: message.name, on: db).map(Receiver.start)
    }

    /// The newest enabled version, among every process's, that starts on `name`. Definitions are few and parsed
    /// once (``WorkflowDefinitions``); instances are never scanned.
    static func starter(of name: String, on db: any Database) async throws -> WorkflowDefinitionRecord? {
        let records = try await WorkflowDefinitions.enabledVersions(on: db)
        var seen: Set<String> = []
        for record in records where seen.insert(record.processKey).inserted {
            let definition = try await WorkflowDefinitions.load(record.requireID(), on: db)
            if definition.process.messageStartEvent(for: name) != nil { return record }
        }
        return nil
    }

    /// Checks a message as a person sends it: a name, short keys and ids, a payload of at most 50 plain values.
    static func checked(name: String, correlationKey: String?, payload: [String: ExpressionValue]?, id: String?) throws -> WorkflowMessage {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw AppError.validation(Strings.Workflow.messageNameInvalid, fields: ["name": Strings.Workflow.messageNameInvalid])
        }
        let key = correlationKey.flatMap { $0.isEmpty ? nil : $0 }
        guard (key?.count ?? 0) <= 200 else {
            throw AppError.validation(Strings.Workflow.messageKeyInvalid, fields: ["correlationKey": Strings.Workflow.messageKeyInvalid])
        }
        let messageID = id.flatMap { $0.isEmpty ? nil : $0 }
        guard (messageID?.count ?? 0) <= 200 else {
            throw AppError.validation(Strings.Workflow.messageIDInvalid, fields: ["messageId": Strings.Workflow.messageIDInvalid])
        }
        let payload = payload ?? [:]
        guard payload.count <= 50 else {
            throw AppError.validation(Strings.Workflow.messagePayloadTooLarge, fields: ["payload": Strings.Workflow.messagePayloadTooLarge])
        }
        for (variable, value) in payload.sorted(by: { $0.key < $1.key }) {
            let plain = switch value {
            case .string(let text): text.count <= 2000
            case .number, .bool, .null: true
            default: false
            }
            guard plain, !variable.isEmpty, !PlainProcessStart.reserved.contains(variable) else {
                let problem = Strings.Workflow.messagePayloadInvalid(variable)
                throw AppError.validation(problem, fields: [variable: problem])
            }
        }
        return WorkflowMessage(name: name, correlationKey: key, payload: payload, id: messageID)
    }
}

extension WorkflowService {
    /// Delivers `message` to the instance waiting for it, or starts the process that starts on it, as one command
    /// (request id, version guard, audit). `access` is the person sending it (nil: the platform itself), checked in
    /// ``Access/canDeliverMessage(to:on:)``: an instance they cannot see answers as if nothing waited (404).
    func deliver(_ message: WorkflowMessage, by actor: Actor, access: Access?, requestID: String? = nil, expectedVersion: Int? = nil,
                 at now: Date = Date()) async throws -> WorkflowCommandResult {
        try await idempotent(requestID, actor: actor) { db in
            try await self.deliver(message, by: actor, access: access, requestID: requestID, expectedVersion: expectedVersion, at: now, on: db)
        }
    }

    /// `deliver` inside the caller's transaction (收文登记 sends its message in the registration's).
    func deliver(_ message: WorkflowMessage, by actor: Actor, access: Access?, requestID: String? = nil, expectedVersion: Int? = nil,
                 at now: Date = Date(), on db: any Database) async throws -> WorkflowCommandResult {
        if let requestID, let user = actor.userID, let earlier = try await Self.storedResult(requestID, user: user, on: db) { return earlier }
        let nobody = AppError(status: .notFound, code: "message_no_receiver",
                              message: Strings.Workflow.messageNoReceiver(message.name, key: message.correlationKey))
        switch try await WorkflowMessages.receiver(of: message, on: db) {
        case .instance(let row)?:
            if let access {
                guard try await access.canView(row, on: db) else { throw nobody }
                guard try await access.canDeliverMessage(to: row, on: db) else { throw AppError.forbidden() }
            }
            return try await perform(.deliverMessage(message), on: row.requireID(), by: actor, requestID: requestID, expectedVersion: expectedVersion,
                                     at: now, in: db)
        case .start(let record)?:
            // No instance was there to have the version the caller saw.
            if expectedVersion != nil { throw AppError(status: .conflict, code: "conflict", message: Strings.Workflow.messageNotForStart) }
            guard let initiator = actor.userID else { throw AppError.forbidden() }
            return try await startByMessage(message, record: record, initiator: initiator, by: actor, checkPayload: access != nil,
                                            requestID: requestID, at: now, on: db)
        case nil:
            throw nobody
        }
    }

    /// Starts `record` at its message start event for `initiator`. A person's payload is held to what a plain
    /// process's initiator may give (``PlainProcessStart``); a business process starts only through its object.
    func startByMessage(_ message: WorkflowMessage, record: WorkflowDefinitionRecord, initiator: UUID, by actor: Actor, checkPayload: Bool,
                        instanceID: UUID = UUID(), requestID: String? = nil, at now: Date, on db: any Database) async throws -> WorkflowCommandResult {
        if WorkflowBusinesses.owner(ofProcess: record.processKey) != nil {
            throw AppError(status: .unprocessableEntity, code: "process_bound_to_business", message: Strings.Workflow.processBound,
                           fields: ["process": Strings.Workflow.processBound])
        }
        let definition = try await WorkflowDefinitions.load(record.requireID(), on: db)
        if checkPayload { try PlainProcessStart.check(message.payload, definition: definition.process) }
        return try await begin(record, command: "start-by-message", instanceID: instanceID, title: record.name, initiator: initiator, by: actor,
                               requestID: requestID, at: now, on: db, details: WorkflowCommand.deliverMessage(message).auditDetails) { runner, id in
            try runner.startByMessage(message, instanceID: id, initiator: initiator.uuidString, at: now)
        }
    }

    /// How many deliveries a delivery may lead to (a message whose catch sends another …) before the chain stops.
    static let relayDepthLimit = 8
    @TaskLocal static var relayDepth = 0

    /// Passes on the messages a command's send tasks and throw events sent (`messageSent`), in the command's own
    /// transaction: the sender's step and its delivery commit together or not at all, so a message is never lost
    /// between them. Each goes to the instance waiting for it, or starts the process that starts on it, as the
    /// platform (no person's rights); one nobody waits for, or that the receiver refuses, is written into the
    /// sender's history (`messageUndelivered`), one delivered too (`messageDelivered`, naming the receiver).
    func relay(_ events: [WorkflowEvent], from sender: WorkflowInstanceRecord, at now: Date, on db: any Database) async throws {
        let senderID = try sender.requireID()
        var sent = 0
        for event in events {
            guard case .messageSent(let name, let activity, let key, let payload) = event else { continue }
            sent += 1
            let message = WorkflowMessage(name: name, correlationKey: key, payload: payload,
                                          id: "\(senderID.uuidString):\(sender.version):\(activity):\(sent)")
            var note: [String: ExpressionValue] = ["message": .string(name), "correlationKey": key.map(ExpressionValue.string) ?? .null,
                                                   "activity": .string(activity)]
            guard Self.relayDepth < Self.relayDepthLimit else {
                note["event"] = "messageUndelivered"
                note["reason"] = .string(Strings.Workflow.messageTooDeep)
                try await WorkflowPersistence.appendNote(note, instanceID: senderID, at: now, on: db)
                continue
            }
            do {
                let result = try await Self.$relayDepth.withValue(Self.relayDepth + 1) {
                    try await deliverRelayed(message, initiator: sender.$initiator.id, at: now, on: db)
                }
                if let result {
                    note["event"] = "messageDelivered"
                    note["instance"] = .string(result.instanceID.uuidString)
                    note["title"] = .string(try await WorkflowInstanceRecord.find(result.instanceID, on: db)?.title ?? "")
                } else {
                    note["event"] = "messageUndelivered"
                }
            } catch let refusal as RelayRefused {
                note["event"] = "messageUndelivered"
                note["reason"] = .string(refusal.error.message)
            }
            try await WorkflowPersistence.appendNote(note, instanceID: senderID, at: now, on: db)
        }
    }

    /// A message of the platform's own (收文登记, sent by the registration in its transaction): delivered as the
    /// platform like a relayed one, a process it starts started for `initiator`. Nobody waiting changes nothing;
    /// a refusal that wrote nothing is logged and does not fail the caller's action. Nil when nothing took it.
    @discardableResult
    func deliverFromPlatform(_ message: WorkflowMessage, initiator: UUID, at now: Date, on db: any Database) async throws -> WorkflowCommandResult? {
        do {
            return try await deliverRelayed(message, initiator: initiator, at: now, on: db)
        } catch let refusal as RelayRefused {
            app.logger.warning("message \(message.name) \(message.correlationKey ?? "") not delivered: \(refusal.error.message)",
                               metadata: ["component": "workflow-messages"])
            return nil
        }
    }

    /// A relayed message refused before anything was written for it: safe to note and go on.
    private struct RelayRefused: Error {
        var error: AppError
    }

    /// Delivers one relayed message; nil when nobody waits. A refusal that wrote nothing (the receiver's version
    /// unchanged, no instance created) becomes ``RelayRefused``; anything else fails the sender's command.
    private func deliverRelayed(_ message: WorkflowMessage, initiator: UUID, at now: Date, on db: any Database) async throws
        -> WorkflowCommandResult? {
        let system = Actor.system()
        let receiver: WorkflowMessages.Receiver?
        do {
            receiver = try await WorkflowMessages.receiver(of: message, on: db)
        } catch let error as AppError {
            throw RelayRefused(error: error)
        }
        switch receiver {
        case .instance(let row)?:
            do {
                return try await perform(.deliverMessage(message), on: row.requireID(), by: system, at: now, in: db)
            } catch let error as AppError {
                guard try await WorkflowInstanceRecord.find(row.requireID(), on: db)?.version == row.version else { throw error }
                throw RelayRefused(error: error)
            }
        case .start(let record)?:
            let id = UUID()
            do {
                return try await startByMessage(message, record: record, initiator: initiator, by: system, checkPayload: false,
                                                instanceID: id, at: now, on: db)
            } catch let error as AppError {
                guard try await WorkflowInstanceRecord.find(id, on: db) == nil else { throw error }
                throw RelayRefused(error: error)
            }
        case nil:
            return nil
        }
    }
}
