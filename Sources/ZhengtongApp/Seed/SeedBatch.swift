import Fluent
import Foundation

/// The rows of a batch of generated documents, written together in one transaction.
struct SeedBatch: Sendable {
    var outgoing: [OutgoingDocument] = []
    var versions: [OutgoingVersion] = []
    var registrations: [NumberRegistration] = []
    var incoming: [IncomingDocument] = []
    var packages: [ExchangePackage] = []
    var deliveries: [Delivery] = []
    var instances: [WorkflowInstanceRecord] = []
    var tasks: [WorkflowTaskRecord] = []
    var candidates: [WorkflowTaskCandidate] = []
    var circulations: [WorkflowCirculationRecord] = []
    var tokens: [WorkflowTokenRecord] = []
    var history: [WorkflowHistoryRecord] = []
    var jobs: [JobRecord] = []
    var notifications: [NotificationRecord] = []

    var rowCount: Int {
        outgoing.count + versions.count + registrations.count + incoming.count + packages.count + deliveries.count + instances.count
            + tasks.count + candidates.count + circulations.count + tokens.count + history.count + jobs.count + notifications.count
    }

    /// Parents before children, so the foreign keys hold at every statement.
    func write(on db: any Database) async throws {
        try await SeedWriter.insert(instances, on: db)
        try await SeedWriter.insert(outgoing, on: db)
        try await SeedWriter.insert(versions, on: db)
        try await SeedWriter.insert(registrations, on: db)
        try await SeedWriter.insert(packages, on: db)
        try await SeedWriter.insert(deliveries, on: db)
        try await SeedWriter.insert(incoming, on: db)
        try await SeedWriter.insert(tasks, on: db)
        try await SeedWriter.insert(candidates, on: db)
        try await SeedWriter.insert(circulations, on: db)
        try await SeedWriter.insert(tokens, on: db)
        try await SeedWriter.insert(history, on: db)
        try await SeedWriter.insert(jobs, on: db)
        try await SeedWriter.insert(notifications, on: db)
    }
}
