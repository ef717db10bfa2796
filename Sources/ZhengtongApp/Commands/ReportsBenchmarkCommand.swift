import ConsoleKit
import Fluent
import Foundation
import Vapor

/// `zhengtong reports-benchmark fill --units N --reports M`: a collecting unit of its own (`bench-reports`, the default
/// scheme) with N reporting units under it, one 信息员 each and one 信息编辑 (`bench-editor`) over the collecting unit, and
/// M 信息 sent to it over the last 365 days — seven in ten adopted at one of the scheme's levels (with their points), one
/// returned, two waiting. `benchmarks/reports_city.sh` runs it, then times the editor's inbox and the year's ranking over
/// HTTP. Refuses a database that already holds the unit, so it is never run twice into the same counts.
struct ReportsBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "fill")
        var action: String
        @Option(name: "units", help: "reporting units (default 300)")
        var units: Int?
        @Option(name: "reports", help: "信息 over the last year (default 60000)")
        var reports: Int?
    }

    var help: String { Strings.Console.reportsBenchmarkHelp }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "fill" else { throw CommandExit(code: 2) }
        let app = context.application
        try await app.prepareDatabase()
        guard try await Unit.query(on: app.db).filter(\.$code == "bench-reports").first() == nil else {
            context.console.error("bench-reports exists already: use a fresh database")
            throw CommandExit(code: 1)
        }
        let unitCount = max(1, signature.units ?? 300), reportCount = max(1, signature.reports ?? 60_000)
        let started = ContinuousClock.now
        let now = Date()
        let hash = try await app.password.async.hash("Zhengtong@2026")
        let collector = Unit(name: "信息报送基准测试市政府办公室", code: "bench-reports", kind: .office, parentID: nil)
        let (collectorID, editorID, reporters, levels): (UUID, UUID, [(unit: UUID, person: UUID)], [ReportLevel]) = try await app.write { db in
            try await collector.create(on: db)
            let collectorID = try collector.requireID()
            try await ReportScheme.setCollecting(collectorID, true, at: now, on: db)
            let editor = User(unitID: collectorID, username: "bench-editor", name: "基准测试编辑", passwordHash: hash, mustChangePassword: false)
            try await editor.create(on: db)
            guard let role = try await Role.query(on: db).filter(\.$code == BuiltinRole.infoEditor.rawValue).first() else { throw CommandExit(code: 1) }
            try await UserRole(userID: try editor.requireID(), roleID: try role.requireID(), scopeUnitID: collectorID).create(on: db)
            var reporters: [(unit: UUID, person: UUID)] = []
            for index in 0..<unitCount {
                let unit = Unit(name: "基准测试单位\(index)", code: "bench-reports-\(index)", kind: .bureau, parentID: collectorID, sortOrder: index)
                try await unit.create(on: db)
                let person = User(unitID: try unit.requireID(), username: String(format: "bench-reporter%04d", index), name: "信息员\(index)",
                                  passwordHash: hash, mustChangePassword: false)
                try await person.create(on: db)
                reporters.append((try unit.requireID(), try person.requireID()))
            }
            let levels = try await ReportScheme.levels(of: collectorID, on: db).filter { !$0.isInstruction }
            return (collectorID, try editor.requireID(), reporters, levels)
        }
        let made = ContinuousClock.now
        let targets = String(decoding: try JSONEncoder().encode([collectorID]), as: UTF8.self)
        for start in stride(from: 0, to: reportCount, by: 1000) {
            var reports: [InfoReport] = [], rows: [ReportSubmission] = [], points: [ReportPoint] = []
            for index in start..<min(reportCount, start + 1000) {
                let (unitID, personID) = reporters[index % reporters.count]
                // Spread over the year; the same numbers every run.
                let sent = now.addingTimeInterval(-Double((index * 7919) % (365 * 24 * 60)) * 60)
                let report = InfoReport()
                report.id = UUID()
                report.unitID = unitID; report.reporterID = personID
                report.title = "基准测试信息\(index)"; report.body = "第一段。\n第二段。"
                report.category = InfoReport.Category.allCases[index % 4].rawValue; report.urgency = InfoReport.Urgency.normal.rawValue
                report.state = InfoReport.State.submitted.rawValue; report.targetIDs = targets
                report.version = 1; report.revision = 1; report.submittedAt = sent; report.createdAt = sent; report.updatedAt = sent
                reports.append(report)
                let row = ReportSubmission()
                row.reportID = try report.requireID(); row.targetUnitID = collectorID
                row.reportVersion = 1; row.revision = 1; row.submittedAt = sent; row.updatedAt = sent
                // Every unit gets every state (the unit index alone would fix a unit's states when 10 divides N).
                switch (index + index / reporters.count) % 10 {
                case 0..<7:
                    let level = levels[index % levels.count]
                    row.state = ReportSubmission.State.adopted.rawValue
                    row.levelID = level.id; row.levelName = level.name; row.points = level.points
                    row.decidedBy = editorID; row.decidedAt = sent.addingTimeInterval(3600)
                    let point = ReportPoint()
                    point.reportID = try report.requireID(); point.unitID = unitID; point.reporterID = personID; point.collectorID = collectorID
                    point.levelName = level.name; point.points = level.points; point.awardedAt = sent.addingTimeInterval(3600)
                    points.append(point)
                case 7:
                    row.state = ReportSubmission.State.returned.rawValue; row.reason = "请补充数据。"
                    row.decidedBy = editorID; row.decidedAt = sent.addingTimeInterval(3600)
                default:
                    row.state = ReportSubmission.State.submitted.rawValue
                }
                rows.append(row)
            }
            let (batch, batchRows, batchPoints) = (reports, rows, points)
            try await app.write { db in
                try await batch.create(on: db)
                try await batchRows.create(on: db)
                if !batchPoints.isEmpty { try await batchPoints.create(on: db) }
            }
        }
        context.console.output("units \(unitCount) and people in \(made - started); \(reportCount) 信息 with their rows and points in \(ContinuousClock.now - made)".consoleText())
    }
}
