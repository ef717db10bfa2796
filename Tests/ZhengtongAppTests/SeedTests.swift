import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

@Suite("城市基准数据：zhengtong seed")
struct SeedTests {
    static func options(seed: UInt64 = 7) -> CitySeeder.Options {
        CitySeeder.Options(units: 12, users: 150, documents: 300, seed: seed, now: ISODateTime.parse("2026-11-23T00:30:00Z")!)
    }

    @Test("生成的单位、人员、公文数与要求一致；各种状态都有；流程状态能被引擎继续办理")
    func seedsACity() async throws {
        try await withApp { app in
            // given an empty database; when seeding
            let report = try await CitySeeder.run(Self.options(), app: app) { _ in }
            // then the numbers asked for exist
            #expect(try await ZhengtongApp.Unit.query(on: app.db).count() == 12)
            #expect(try await User.query(on: app.db).count() == 150)
            let outgoing = try await OutgoingDocument.query(on: app.db).count()
            let incoming = try await IncomingDocument.query(on: app.db).count()
            #expect(outgoing + incoming == 300 && report.documents == 300)
            // documents in every state, tasks open and done, deliveries, circulations, notifications
            let outgoingStates = Set(try await OutgoingDocument.query(on: app.db).all().map(\.status))
            #expect(outgoingStates.isSuperset(of: ["approving", "dispatched"]))
            let incomingStates = Set(try await IncomingDocument.query(on: app.db).all().map(\.status))
            #expect(incomingStates.isSuperset(of: ["closed"]) && incomingStates.count >= 2)
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$state == "open").count() > 0)
            #expect(try await WorkflowTaskRecord.query(on: app.db).filter(\.$state == "completed").count() > 300)
            #expect(try await Delivery.query(on: app.db).filter(\.$state == "accepted").count() > 0)
            #expect(try await WorkflowCirculationRecord.query(on: app.db).count() > 0)
            #expect(try await NotificationRecord.query(on: app.db).count() > 0)
            // history and tasks written by SQLKit read back through Fluent with the dates they were given
            let earliest = try await WorkflowHistoryRecord.query(on: app.db).sort(\.$occurredAt).first()
            let history = try #require(earliest)
            #expect(history.occurredAt >= Self.options().now.addingTimeInterval(-3 * 366 * 86_400))
            #expect(!WorkflowHistoryText.decode(history.data).isEmpty)
            // 通知公告: a column per 政府办公室, notices reaching people, some read, the newest city one pinned.
            #expect(try await NoticeColumn.query(on: app.db).count() >= 2)
            #expect(try await Notice.query(on: app.db).filter(\.$pinnedUntil != nil).count() == 1)
            let reached = try await NoticeRecipient.query(on: app.db).count()
            let read = try await NoticeRecipient.query(on: app.db).filter(\.$readAt != nil).count()
            #expect(reached > 0 && read > 0 && read < reached)

            // an open task of the seeded data is listed for its holder and completes through the API
            let review = try await WorkflowTaskRecord.query(on: app.db).filter(\.$state == "open").filter(\.$assigneeID != nil)
                .filter(\.$node ~~ ["Review", "Handle", "Check"]).first()
            let task = try #require(review)
            let found = try await User.find(task.assigneeID, on: app.db)
            let holder = try #require(found)
            let client = try await APIClient.signIn(app, holder.username, password: CitySeeder.password)
            let open = try await client.get("/api/v1/tasks?status=open")
            #expect(open.status == .ok)
            #expect(try open.content.get(Int.self, at: "total") >= 1)
            // … and their 工作台 holds their tasks, and the city's notices.
            let desk = try await client.get("/api/v1/desk")
            let blocks = try desk.content.get([DeskBlockData].self, at: "blocks")
            #expect(blocks.first { $0.block == .todo }?.count == (try open.content.get(Int.self, at: "total")))
            #expect(blocks.first { $0.block == .notices }?.items.isEmpty == false)
            let done = try await client.send(.POST, "/api/v1/tasks/\(try task.requireID())/complete", body: #"{"opinion":"同意"}"#)
            #expect(done.status == .ok, "\(done.body.string)")
            // numbering goes on after the seeded numbers, gap-free
            let counters = try await NumberCounter.query(on: app.db).filter(\.$issuerCode == IncomingRegistration.counterKey).all()
            let registered = try await IncomingDocument.query(on: app.db).count()
            #expect(counters.reduce(0) { $0 + $1.lastSequence } == registered)
        }
    }

    @Test("同一个 --seed 生成同样的组织和公文；换一个则不同；已有数据时拒绝")
    func deterministic() async throws {
        func titles(seed: UInt64) async throws -> (people: [String], documents: [String]) {
            var result: (people: [String], documents: [String]) = ([], [])
            try await withApp { app in
                _ = try await CitySeeder.run(Self.options(seed: seed), app: app) { _ in }
                result.people = try await User.query(on: app.db).sort(\.$username).all().map { "\($0.username) \($0.name)" }
                result.documents = try await IncomingDocument.query(on: app.db).all().map { "\($0.registrationNumber) \($0.title) \($0.status)" }.sorted()
                // and a second run on the same database is refused, not doubled
                await #expect(throws: AppError.self) { _ = try await CitySeeder.run(Self.options(seed: seed), app: app) { _ in } }
            }
            return result
        }
        let first = try await titles(seed: 7)
        let again = try await titles(seed: 7)
        let other = try await titles(seed: 8)
        #expect(first.people == again.people && first.documents == again.documents)
        #expect(first.people != other.people)
    }
}
