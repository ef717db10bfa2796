import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 效能统计's figures and 考核's ranking from known records with fixed times: the same literal values are expected on
/// SQLite and PostgreSQL (the suite runs on both), so the figures are identical on both databases.
@Suite("效能统计：各项指标与考核排名（两种数据库结果相同）")
struct StatisticsFiguresTests {
    /// Beijing time `2026-03-dd hh:00`.
    static func march(_ day: Int, _ hour: Int) -> Date {
        StatisticsDay(year: 2026, month: 3, day: day)!.start.addingTimeInterval(Double(hour) * 3600)
    }

    static func insert(_ table: String, _ values: [(String, any Encodable & Sendable)], on db: any Database) async throws {
        try await db.sqlDatabase().insert(into: table).columns(values.map(\.0)).values(values.map(\.1)).run()
    }

    struct Known {
        var unit: ZhengtongApp.Unit
        var other: ZhengtongApp.Unit
        var department: Department
        var person: User
    }

    /// 测试局 (one department, one person): 4 发文 dispatched in March (one on paper only) and one in April; three
    /// finished 发文 processes of 10, 30 and 100 hours; steps of 2 h (on time), 72 h (late) and 1 h (不同意), one
    /// open step past its deadline; five sign-ins. 对照局: 2 发文 in March, nothing else.
    static func known(on app: Application) async throws -> Known {
        let unit = try await makeUnit(on: app, name: "测试局")
        let other = try await makeUnit(on: app, name: "对照局")
        let department = try await makeDepartment(on: app, unit: unit, name: "办公室")
        let person = try await makeUser(on: app, unit: unit, username: "ceshi", departments: [department])
        let otherPerson = try await makeUser(on: app, unit: other, username: "duizhao")
        let db = app.db
        let definition = UUID()
        try await insert("workflow_definitions", [("id", definition), ("process_key", "known"), ("version", 1), ("name", "known"), ("bpmn", ""),
                                                  ("checksum", ""), ("is_enabled", true), ("created_at", march(1, 0))], on: db)
        func outgoing(_ unitID: UUID, _ drafter: UUID, _ department: UUID?, _ at: Date, paper: Bool) async throws {
            var values: [(String, any Encodable & Sendable)] = [("id", UUID()), ("unit_id", unitID), ("drafter_id", drafter), ("kind", "通知"),
                                                                ("title", "测试"), ("status", "dispatched"), ("content", "{}"), ("version", 1),
                                                                ("updated_at", at), ("dispatched_at", at), ("paper_only", paper)]
            if let department { values.append(("department_id", department)) }
            try await insert("outgoing_documents", values, on: db)
        }
        let unitID = try unit.requireID(), personID = try person.requireID(), departmentID = try department.requireID()
        try await db.sqlDatabase().raw("UPDATE user_departments SET is_primary = \(bind: true) WHERE user_id = \(bind: personID)").run()
        for day in [2, 3, 4] { try await outgoing(unitID, personID, departmentID, march(day, 10), paper: false) }
        try await outgoing(unitID, personID, departmentID, march(5, 10), paper: true)
        try await outgoing(unitID, personID, departmentID, StatisticsDay(year: 2026, month: 4, day: 2)!.start, paper: false)
        for day in [10, 11] { try await outgoing(try other.requireID(), try otherPerson.requireID(), nil, march(day, 10), paper: false) }
        func instance(started: Date, ended: Date?) async throws -> UUID {
            let id = UUID()
            var values: [(String, any Encodable & Sendable)] = [("id", id), ("definition_id", definition), ("process_key", "outgoing"), ("title", "测试"),
                                                                ("business_type", "outgoing"), ("initiator_id", personID), ("unit_id", unitID),
                                                                ("status", ended == nil ? "running" : "completed"), ("version", 1), ("state", "{}"),
                                                                ("started_at", started), ("updated_at", ended ?? started)]
            if let ended { values.append(("ended_at", ended)) }
            try await insert("workflow_instances", values, on: db)
            return id
        }
        _ = try await instance(started: march(2, 0), ended: march(2, 10))
        _ = try await instance(started: march(3, 0), ended: march(4, 6))
        let long = try await instance(started: march(6, 0), ended: march(10, 4))
        let running = try await instance(started: march(6, 0), ended: nil)
        func task(_ instance: UUID, _ number: Int, _ name: String, created: Date, completed: Date?, due: Date?, outcome: String? = nil) async throws {
            var values: [(String, any Encodable & Sendable)] = [("id", UUID()), ("instance_id", instance), ("engine_id", number), ("node", name),
                                                                ("name", name), ("state", completed == nil ? "open" : "completed"), ("created_at", created),
                                                                ("data", "{}"), ("assignee_id", personID)]
            if let completed { values += [("completed_at", completed), ("completed_by", personID)] }
            if let due { values.append(("due_at", due)) }
            if let outcome { values.append(("outcome", outcome)) }
            try await insert("workflow_tasks", values, on: db)
        }
        try await task(long, 1, "拟稿", created: march(6, 9), completed: march(6, 11), due: march(7, 9))
        try await task(long, 2, "核稿", created: march(6, 11), completed: march(9, 11), due: march(8, 11))
        try await task(long, 3, "签发", created: march(9, 11), completed: march(9, 12), due: nil, outcome: "reject")
        try await task(running, 1, "签发", created: march(9, 12), completed: nil, due: march(12, 9))
        for day in 1...5 {
            try await app.write { db in
                try await AuditLog.record(AuditEvent(action: "auth.login", targetType: "user", targetID: personID.uuidString, targetLabel: "ceshi"),
                                          by: AuditActor(userID: personID, username: "ceshi", unitID: unitID, clientAddress: "test"), on: db, at: march(day + 10, 8))
            }
        }
        return Known(unit: unit, other: other, department: department, person: person)
    }

    static let now = StatisticsDay(year: 2026, month: 6, day: 1)!.start

    @Test("期间写法：年、半年、季度、月和任意日期范围；写错时说明可用的写法")
    func periods() throws {
        #expect(StatisticsPeriod(code: "2026")?.days == StatisticsDay(year: 2026, month: 1, day: 1)!.number...StatisticsDay(year: 2026, month: 12, day: 31)!.number)
        #expect(StatisticsPeriod(code: "2026-h2")?.first == StatisticsDay(year: 2026, month: 7, day: 1))
        #expect(StatisticsPeriod(code: "2026-Q1")?.last == StatisticsDay(year: 2026, month: 3, day: 31))
        #expect(StatisticsPeriod(code: "2024-02")?.last == StatisticsDay(year: 2024, month: 2, day: 29))
        #expect(StatisticsPeriod(code: "2026-03-01..2026-03-15")?.days.count == 15)
        #expect(StatisticsPeriod(code: "2026-Q3")?.label == "2026年第三季度")
        #expect(StatisticsPeriod(code: "2026-H1")?.label == "2026年上半年")
        for bad in ["2026-Q5", "26", "2026-13", "2026-03-15..2026-03-01", "2026-02-30..2026-03-01"] { #expect(StatisticsPeriod(code: bad) == nil) }
        // Beijing days: 2026-03-01 00:00 +08:00 is 2026-02-28 16:00 UTC.
        #expect(StatisticsDay(Date(timeIntervalSince1970: 1_772_294_400)) == StatisticsDay(year: 2026, month: 3, day: 1))
        #expect(StatisticsDay(Date(timeIntervalSince1970: 1_772_294_399)) == StatisticsDay(year: 2026, month: 2, day: 28))
        #expect(StatisticsDay(number: StatisticsDay(year: 2024, month: 12, day: 31)!.number).text == "2024-12-31")
    }

    @Test("评分规则：与最优值之比、达标得分、按名次（并列同名次）")
    func scoringRules() {
        let a = UUID(), b = UUID(), c = UUID()
        let ratio = ScoringRule.ratioToBest.points(weight: 40, target: nil, direction: .higherIsBetter, values: [a: 10, b: 5], units: [a, b, c])
        #expect(ratio == [a: 40, b: 20, c: 0])
        let lower = ScoringRule.ratioToBest.points(weight: 10, target: nil, direction: .lowerIsBetter, values: [a: 2, b: 8], units: [a, b])
        #expect(lower == [a: 10, b: 2.5])
        let target = ScoringRule.target.points(weight: 10, target: 5, direction: .lowerIsBetter, values: [a: 5, b: 5.1], units: [a, b])
        #expect(target == [a: 10, b: 0])
        let rank = ScoringRule.rank.points(weight: 30, target: nil, direction: .higherIsBetter, values: [a: 3, b: 3, c: 1], units: [a, b, c])
        #expect(rank == [a: 30, b: 30, c: 0])
        #expect(HandlingTimeBuckets.percentile(0.9, of: [0, 0, 1, 0]) == 3600)
    }

    @Test("已知记录的各项指标：发文量、纸质占比、办理时长（平均、90%）、按时办结率、逾期、退回、访问量，按单位、部门和环节")
    func knownFigures() async throws {
        try await withApp { app in
            // given
            let known = try await Self.known(on: app)
            try await StatisticsAggregation.refreshAll(app: app, now: Self.now)
            let march = try #require(StatisticsPeriod(code: "2026-03"))
            // when
            let report = try await UnitStatistics.load(unit: try known.unit.requireID(), unitName: "测试局", period: march, on: app.db)
            // then
            let value = Dictionary(report.figures.map { ($0.figure, $0.value) }) { a, _ in a }
            #expect(value[.outgoingVolume] == 4)
            #expect(value[.paperShare] == 25)
            #expect(value[.documentTimeAverage] == 46.67)
            #expect(value[.documentTimeP90] == 120)
            #expect(value[.stepTimeAverage] == 25)
            #expect(value[.onTimeRate] == 33.33)
            #expect(value[.overdueCount] == 2)
            #expect(value[.returnCount] == 1)
            #expect(value[.signIns] == 5)
            #expect(value[.incomingVolume] == 0)
            #expect(report.figures.first { $0.figure == .acceptanceDelay }?.text == "无数据")
            let steps = Dictionary(report.steps.map { ($0.step, $0) }) { a, _ in a }
            #expect(steps["核稿"]?.averageHours == 72 && steps["核稿"]?.overdue == 1 && steps["核稿"]?.onTimeRate == 0)
            #expect(steps["签发"]?.returns == 1 && steps["签发"]?.overdue == 1)
            #expect(report.departments.map(\.name) == ["办公室"])
            #expect(report.departments.first?.values.first { $0.figure == .outgoingVolume }?.value == 4)
            #expect(report.trend.count == 31 && report.trend[1].outgoing == 1 && report.trend[4].outgoing == 1)
            #expect(report.distribution.map(\.count).reduce(0, +) == 3)
            // April holds the fifth 发文; the year all five.
            let april = try await UnitStatistics.load(unit: try known.unit.requireID(), unitName: "测试局", period: StatisticsPeriod(code: "2026-04")!, on: app.db)
            #expect(april.figures.first { $0.figure == .outgoingVolume }?.value == 1)
            let year = try await UnitStatistics.load(unit: try known.unit.requireID(), unitName: "测试局", period: .year(2026), on: app.db)
            #expect(year.figures.first { $0.figure == .outgoingVolume }?.value == 5 && year.trend.count == 12 && year.trend[2].outgoing == 4)
        }
    }

    @Test("考核排名：各指标得分、总分、名次与明细；同样的记录在两种数据库上排名相同")
    func ranking() async throws {
        try await withApp { app in
            // given
            let known = try await Self.known(on: app)
            try await StatisticsAggregation.refreshAll(app: app, now: Self.now)
            let scheme = AssessmentScheme(name: "一类单位考核", category: "一类单位", ownerUnitID: try known.unit.requireID())
            try await scheme.create(on: app.db)
            let id = try scheme.requireID()
            for (position, indicator) in [(FigureKey.outgoingVolume, 40.0, ScoringRule.ratioToBest, nil as Double?),
                                          (.onTimeRate, 30, .target, 50), (.returnCount, 30, .rank, nil)].enumerated() {
                try await AssessmentIndicator(schemeID: id, figure: indicator.0, weight: indicator.1, rule: indicator.2, target: indicator.3, position: position)
                    .create(on: app.db)
            }
            for unit in [known.unit, known.other] { try await AssessmentSchemeUnit(schemeID: id, unitID: try unit.requireID()).create(on: app.db) }
            // when
            let ranking = try await AssessmentRanking.compute(scheme: scheme, period: StatisticsPeriod(code: "2026-Q1")!, tree: try await UnitTree.load(on: app.db), on: app.db)
            // then: 对照局 20 + 0 + 30 (no returns is best) = 50; 测试局 40 + 0 (33.33% < 50%) + 0 = 40
            #expect(ranking.rows.map(\.unitName) == ["对照局", "测试局"])
            #expect(ranking.rows.map(\.total) == [50, 40])
            #expect(ranking.rows.map(\.rank) == [1, 2])
            #expect(ranking.rows[1].parts.map(\.points) == [40, 0, 0])
            #expect(ranking.rows[1].parts.map(\.value) == [4, 33.33, 1])
            #expect(ranking.rows[0].parts.map(\.text) == ["2 件", "无数据", "0 次"])
            let table = ranking.table
            #expect(table.header == ["名次", "单位", "总分", "发文量", "发文量得分", "按时办结率", "按时办结率得分", "退回次数", "退回次数得分"])
            #expect(table.csv.contains("\"1\",\"对照局\",\"50\",\"2\",\"20\""))
        }
    }

    @Test("每日数据：今天和昨天每次重算，过去的日子算过一次后不再重算；没有记录的平台不用算")
    func refreshKeepsPastDays() async throws {
        try await withApp { app in
            #expect(try await StatisticsAggregation.pendingDays(app: app, now: Self.now).isEmpty)
            _ = try await Self.known(on: app)
            let pending = try await StatisticsAggregation.pendingDays(app: app, now: Self.now)
            #expect(pending.first?.lowerBound == StatisticsDay(year: 2026, month: 3, day: 2)!.number)  // the first process started
            #expect(pending.allSatisfy { $0.count <= 31 })
            try await StatisticsRefreshJob.runOnce(app: app, now: Self.now)
            #expect(try await StatisticsAggregation.pendingDays(app: app, now: Self.now).isEmpty)
            // A day later, only the day that was today is pending (it was computed before it ended).
            let tomorrow = Self.now.addingTimeInterval(86_400)
            #expect(try await StatisticsAggregation.pendingDays(app: app, now: tomorrow) == [StatisticsDay(Self.now).number...StatisticsDay(Self.now).number])
        }
    }
}
