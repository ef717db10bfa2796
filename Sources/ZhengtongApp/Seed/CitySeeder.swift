import Fluent
import Foundation
import SQLKit
import Vapor
import WorkflowEngine

/// `zhengtong seed`: a city-sized database for the benchmarks (issue 7) — the organisation of ``CityShape``,
/// then documents over the last three years through the real workflow engine (``SeedDocuments``), written in
/// batches of one transaction each. Fills an empty database only. Deterministic for a seed and a `now`.
enum CitySeeder {
    struct Options: Sendable {
        var units: Int
        var users: Int
        var documents: Int
        var seed: UInt64
        var years: Double = 3
        var now: Date
        /// Documents per transaction.
        var batchSize = 2_000
    }

    struct Report: Sendable {
        var units: Int
        var users: Int
        var documents: Int
        var rows: Int
        var seconds: Double
        var sampleAccounts: [(username: String, description: String)]
    }

    /// The password every seeded person shares (printed by the command; a benchmark database, not a real one).
    static let password = "Zhengtong@2026"

    static func run(_ options: Options, app: Application, progress: @escaping @Sendable (SeedProgress) -> Void) async throws -> Report {
        let started = ContinuousClock.now
        guard try await Unit.query(on: app.db).count() == 0 else { throw AppError.conflict(Strings.Seed.notEmpty) }
        var random = SeededRandom(state: options.seed)
        let shape = CityShape.make(units: options.units, people: options.users, random: &random)
        let hash = try await app.password.async.hash(password)
        let organisationRandom = random
        let city = try await app.write { db in
            var random = organisationRandom
            let city = try await SeedOrganization.write(shape, passwordHash: hash, random: &random, on: db)
            try await AuditLog.record(AuditEvent(action: "system.seed", targetType: "unit", targetID: city.units.first?.id.uuidString,
                                                 targetLabel: CityShape.cityName,
                                                 after: ["units": String(options.units), "users": String(options.users), "documents": String(options.documents)]),
                                      by: .system("seed"), on: db)
            return city
        }
        let people = city.units.reduce(0) { $0 + $1.members.count }
        progress(SeedProgress(stage: Strings.Seed.organisationStage, done: people, total: people, rows: people, elapsed: started.elapsedSeconds))

        let definitions = try await WorkflowDefinitions.deployBundled(by: .system("seed"), app: app)
        guard let outgoing = definitions[OutgoingSteps.processKey], let incoming = definitions[IncomingRegistration.processKey] else {
            throw AppError.notFound(Strings.Workflow.processNotDeployed)
        }
        let calendar = try await WorkingDays.calendar(on: app.db)
        let span = options.years * 365 * 24 * 3600
        let origin = options.now.addingTimeInterval(-span)
        var generator = SeedDocuments(city: city, outgoing: (outgoing.recordID, outgoing.process), incoming: (incoming.recordID, incoming.process),
                                      calendar: calendar, now: options.now, random: SeededRandom(state: options.seed &+ 1))
        var made = 0
        var rows = people
        while made < options.documents {
            var target = min(options.documents, made + options.batchSize)
            while made < target {
                // Documents spread evenly over the years, in time order.
                let date = origin.addingTimeInterval(span * Double(made) / Double(options.documents))
                made += try generator.generate(at: date, budget: options.documents - made)
                target = min(target, options.documents)
            }
            let batch = generator.batch
            generator.batch = SeedBatch()
            rows += batch.rowCount
            try await app.write { db in
                if try db.dialectKind() == .sqlite {
                    let sql = try db.sqlDatabase()
                    // The indexes of a city outgrow SQLite's default 2 MB page cache; each insert then waits on reads.
                    try await sql.raw("PRAGMA cache_size = -262144").run()
                }
                try await batch.write(on: db)
            }
            progress(SeedProgress(stage: Strings.Seed.documentsStage, done: made, total: options.documents, rows: rows, elapsed: started.elapsedSeconds))
        }
        let counters = generator.counters
        try await app.write { db in try await writeCounters(counters, on: db) }
        rows += try await app.write { db in
            var random = SeededRandom(state: options.seed &+ 2)
            return try await SeedNotices.write(city: city, now: options.now, random: &random, on: db)
        }
        progress(SeedProgress(stage: Strings.Seed.noticesStage, done: 1, total: 1, rows: rows, elapsed: started.elapsedSeconds))
        // Statistics for the planner, as an administrator would gather them after a bulk load (SQLite samples
        // 1,000 rows per index; PostgreSQL's default sample).
        do {
            let sql = try app.db.sqlDatabase()
            if try sql.dialectKind == .sqlite { try await sql.raw("PRAGMA analysis_limit = 1000").run() }
            try await sql.raw("ANALYZE").run()
        }
        return Report(units: city.units.count, users: people, documents: made, rows: rows, seconds: started.elapsedSeconds,
                      sampleAccounts: city.sampleAccounts)
    }

    /// The counters the generated 文号 and 收文编号 reached, so numbering goes on gap-free after them.
    private static func writeCounters(_ counters: (numbers: [String: Int], incoming: [String: Int]), on db: any Database) async throws {
        var rows: [NumberCounter] = []
        for (key, last) in counters.numbers {
            let parts = key.split(separator: "|").map(String.init)
            guard parts.count == 3, let unit = UUID(uuidString: parts[0]), let year = Int(parts[2]) else { continue }
            rows.append(counter(unit: unit, key: parts[1], year: year, last: last))
        }
        for (key, last) in counters.incoming {
            let parts = key.split(separator: "|").map(String.init)
            guard parts.count == 2, let unit = UUID(uuidString: parts[0]), let year = Int(parts[1]) else { continue }
            rows.append(counter(unit: unit, key: IncomingRegistration.counterKey, year: year, last: last))
        }
        try await SeedWriter.insert(rows.sorted { ($0.issuerCode, $0.year) < ($1.issuerCode, $1.year) }, on: db)
    }

    private static func counter(unit: UUID, key: String, year: Int, last: Int) -> NumberCounter {
        let row = NumberCounter()
        row.id = UUID()
        row.unitID = unit
        row.issuerCode = key
        row.year = year
        row.lastSequence = last
        return row
    }
}

/// How far the seeder has come, for the command's progress lines.
struct SeedProgress: Sendable {
    var stage: String
    var done: Int
    var total: Int
    var rows: Int
    var elapsed: Double

    var rowsPerSecond: Double { Double(rows) / max(elapsed, 0.001) }
    /// Seconds left at the pace so far.
    var remaining: Double { done == 0 ? 0 : elapsed / Double(done) * Double(total - done) }
}
