import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// `zhengtong doctor` (issue 16): what it says of a healthy installation, and of jobs that failed or nobody runs.
@Suite("运行环境检查（zhengtong doctor）")
struct DoctorTests {
    @Test("正常时数据库、编码、时钟、迁移、磁盘、字体、后台任务都通过，未开启定时备份时提示；有死信和无人执行的到期任务时提示处理")
    func findings() async throws {
        try await withApp { app in
            // when: a migrated database with fonts installed
            let healthy = await Doctor.examine(app: app)
            // then
            #expect(healthy.map(\.check) == ["数据库", "编码", "时钟", "迁移", "磁盘", "字体", "后台任务", "备份"])
            #expect(healthy.filter { !["磁盘", "备份"].contains($0.check) }.allSatisfy { $0.level == .ok }, "\(healthy)")
            #expect(healthy.first { $0.check == "编码" }?.message.contains("UTF") == true)
            // The tests' configuration has no scheduled backups: the doctor says so.
            #expect(healthy.first { $0.check == "备份" }.map { $0.level == .warning && $0.message.contains("未开启定时备份") } == true)
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
