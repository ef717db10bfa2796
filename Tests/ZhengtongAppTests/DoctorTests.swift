import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// `zhengtong doctor` (issue 16): what it says of a healthy installation, and of jobs that failed or nobody runs.
@Suite("运行环境检查（zhengtong doctor）")
struct DoctorTests {
    @Test("正常时数据库、迁移、磁盘、字体、后台任务都通过；有死信和无人执行的到期任务时提示处理")
    func findings() async throws {
        try await withApp { app in
            // when: a migrated database with fonts installed
            let healthy = await Doctor.examine(app: app)
            // then
            #expect(healthy.map(\.check) == ["数据库", "迁移", "磁盘", "字体", "后台任务"])
            #expect(healthy.filter { $0.check != "磁盘" }.allSatisfy { $0.level == .ok }, "\(healthy)")
            // when: a dead job and a job due an hour ago
            try await JobQueue.schedule(kind: "nothing", key: "late", payload: "", at: Date().addingTimeInterval(-3600), on: app.db)
            try await JobQueue.schedule(kind: "nothing", key: "given-up", payload: "", at: Date(), on: app.db)
            let dead = try #require(try await JobRecord.query(on: app.db).filter(\.$key == "given-up").first())
            dead.state = JobRecord.State.dead.rawValue
            try await dead.update(on: app.db)
            // then
            let jobs = await Doctor.examine(app: app).filter { $0.check == "后台任务" }
            #expect(jobs.map(\.level) == [.warning, .warning])
            #expect(jobs.contains { $0.message.contains("死信") } && jobs.contains { $0.message.contains("zhengtong serve") })
        }
    }
}
