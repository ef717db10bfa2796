import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
import WorkflowEngine
@testable import ZhengtongApp

@Suite("两个服务器进程共用一个数据库：同一任务同时提交，不丢不重")
struct WorkflowMultiProcessTests {
    @Test("每个任务由两个进程同时提交：恰好一次成功、一次 409；同一请求编号在两个进程重试：只办理一次")
    func twoServersOneDatabase() async throws {
        try await withApp { app in
            let fixture = try await WorkflowFixture.make(on: app)
            var instances: [UUID] = []
            for index in 0..<10 {
                let instance = try await fixture.startAtReview(on: app, title: "并发测试 \(index)")
                instances.append(instance)
            }
            let database = try #require(ServerProcess.databaseURL(app.config.database))
            let first = try ServerProcess(database: database)
            let second = try ServerProcess(database: database)
            defer { first.stop(); second.stop() }
            try await first.waitUntilUp()
            try await second.waitUntilUp()

            func token(_ username: String, on server: ServerProcess) async throws -> String {
                let (status, body) = try await server.send("POST", "/api/v1/auth/token", json: #"{"username":"\#(username)","password":"\#(testPassword)"}"#)
                #expect(status == 201)
                return try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])["token"] as? String ?? ""
            }
            let directorA = try await token("zhangw", on: first)
            let directorB = try await token("zhangw", on: second)

            // 核稿: the same task completed through both servers at the same moment.
            var reviews: [UUID] = []
            for instance in instances { reviews.append(try await fixture.openTask(of: fixture.director, in: instance, on: app).requireID()) }
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for review in reviews {
                    group.addTask {
                        async let a = first.send("POST", "/api/v1/tasks/\(review)/complete", json: #"{"opinion":"甲"}"#, token: directorA)
                        async let b = second.send("POST", "/api/v1/tasks/\(review)/complete", json: #"{"opinion":"乙"}"#, token: directorB)
                        return try await [a.0, b.0].sorted()
                    }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == [200, 409] }, "\(statuses)")

            // 签发: the principal's retry with one request id reaches both servers at once.
            let principalA = try await token("wangjg", on: first)
            let principalB = try await token("wangjg", on: second)
            for (index, instance) in instances.enumerated() {
                let sign = try await fixture.openTask(of: fixture.principal, in: instance, on: app).requireID()
                let key = ["Idempotency-Key": "sign-\(index)"]
                async let a = first.send("POST", "/api/v1/tasks/\(sign)/complete", json: "{}", token: principalA, headers: key)
                async let b = second.send("POST", "/api/v1/tasks/\(sign)/complete", json: "{}", token: principalB, headers: key)
                let both = try await [a.0, b.0]
                #expect(both == [200, 200], "\(both)")
            }

            // Nothing lost, nothing doubled.
            for instance in instances {
                let tasks = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == instance).all()
                #expect(tasks.filter { $0.node == "Review" && $0.state == "completed" }.count == 1)
                #expect(tasks.filter { $0.node == "Sign" }.count == 1)
                #expect(tasks.allSatisfy { $0.state == "completed" })
                let history = try await WorkflowHistoryRecord.query(on: app.db).filter(\.$instance.$id == instance).sort(\.$seq).all()
                #expect(history.map(\.seq) == Array(1...history.count))
                #expect(history.filter { $0.event == "taskCompleted" }.count == 3)
                #expect(history.last?.event == "processCompleted")
                let row = try #require(try await WorkflowInstanceRecord.find(instance, on: app.db))
                #expect(row.status == "completed")
            }
        }
    }
}
