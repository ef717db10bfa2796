import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Backups `serve` makes by itself (issue 16): at the set time every day, the weekly day's kept longer, 立即备份 on
/// request, the newest N kept, a failure recorded and told to the platform's system administrators.
@Suite("定时备份：每日、每周、立即备份，保留份数，失败通知")
struct ScheduledBackupTests {
    private static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("zt-scheduled-\(UUID().uuidString)").path
    }

    /// Backup directories (with a manifest) under `path`, by name.
    private static func backups(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { FileManager.default.fileExists(atPath: "\(path)/\($0)/manifest.json") }.sorted()
    }

    private static func beijing(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    @Test("计划：下一次在设定时刻（已过则次日），设定的星期那次为每周备份；环境变量有误时指出变量和示例，off 关闭")
    func schedule() throws {
        let schedule = BackupSchedule(directory: "/backups", hour: 2, minute: 30, weeklyDay: 7)
        // 2026-12-05 is a Saturday, 12-06 a Sunday (Beijing).
        #expect(schedule.next(after: Self.beijing("2026-12-05 01:00")) == Self.beijing("2026-12-05 02:30"))
        #expect(schedule.next(after: Self.beijing("2026-12-05 02:30")) == Self.beijing("2026-12-06 02:30"))
        #expect(schedule.kind(at: Self.beijing("2026-12-05 02:30")) == .daily)
        #expect(schedule.kind(at: Self.beijing("2026-12-06 02:30")) == .weekly)
        #expect(schedule.directory(for: .weekly) == "/backups/weekly")
        // From the environment.
        let config = try AppConfig.fromEnvironment(["ZHENGTONG_DATA_DIR": "/srv/zt", "ZHENGTONG_BACKUP_TIME": "03:15", "ZHENGTONG_BACKUP_KEEP_WEEKLY": "8"])
        #expect(config.backupSchedule == BackupSchedule(directory: "/srv/zt/backups", hour: 3, minute: 15, weeklyDay: 7, keepDaily: 7, keepWeekly: 8))
        #expect(try AppConfig.fromEnvironment(["ZHENGTONG_BACKUP_DIR": "off"]).backupSchedule == nil)
        for (variable, value) in [("ZHENGTONG_BACKUP_TIME", "25:00"), ("ZHENGTONG_BACKUP_WEEKLY_DAY", "0"), ("ZHENGTONG_BACKUP_KEEP_DAILY", "很多")] {
            #expect { try AppConfig.fromEnvironment([variable: value]) } throws: { error in
                (error as? ConfigurationError).map { $0.variable == variable && $0.description.contains(value) } ?? false
            }
        }
    }

    @Test("到点由后台任务备份：写入当天类型的目录，记录成功和大小，排好下一次；每种只保留最近 N 份，不动目录里的其他东西")
    func scheduledRunAndRetention() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withApp(configure: { $0.backupSchedule = BackupSchedule(directory: directory, hour: 2, minute: 0, keepDaily: 2) }) { app in
            // given: some data, and the recurring job made at server start
            let unit = try await makeUnit(on: app, name: "江北市人民政府办公室")
            _ = try await makeUser(on: app, unit: unit, username: "zhaom")
            let now = Date()
            try await ScheduledBackup.ensureScheduled(app: app, at: now)
            let job = try #require(try await JobRecord.query(on: app.db).filter(\.$key == ScheduledBackup.key).first())
            #expect(job.runAt > now && job.runAt.timeIntervalSince(now) <= 86400)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            #expect(calendar.component(.hour, from: job.runAt) == 2 && calendar.component(.minute, from: job.runAt) == 0)
            let expectedKind = calendar.component(.weekday, from: job.runAt) == 1 ? "weekly" : "daily"
            // when: the time comes
            #expect(try await JobWorker(app: app).runDue(at: job.runAt) == 1)
            // then: one backup of the day's kind, recorded, and the next run scheduled
            #expect(Self.backups(in: "\(directory)/\(expectedKind)").count == 1)
            let run = try #require(try await BackupRun.query(on: app.db).first())
            #expect(run.state == .succeeded && run.kind.rawValue == expectedKind && (run.bytes ?? 0) > 0)
            #expect(run.directory.map { FileManager.default.fileExists(atPath: "\($0)/manifest.json") } == true)
            let next = try #require(try await JobRecord.query(on: app.db).filter(\.$key == ScheduledBackup.key).first())
            #expect(next.state == JobRecord.State.pending.rawValue && next.runAt > now)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "backup.made").count() == 1)

            // when: three manual backups with two kept, beside a directory that is not a backup
            try FileManager.default.createDirectory(atPath: "\(directory)/manual/zhengtong-keep-me", withIntermediateDirectories: true)
            let schedule = try #require(app.config.backupSchedule)
            var made: [String] = []
            for _ in 0..<3 {
                made.append(try #require(try await ScheduledBackup.perform(.manual, requestedBy: nil, schedule: schedule, app: app).directory))
            }
            // then: the newest two are kept, the other directory too
            #expect(Self.backups(in: "\(directory)/manual").map { "\(directory)/manual/\($0)" } == Array(made.suffix(2)).sorted())
            #expect(FileManager.default.fileExists(atPath: "\(directory)/manual/zhengtong-keep-me"))
            #expect(!FileManager.default.fileExists(atPath: made[0]))
        }
    }

    @Test("备份失败：记录原因，通知平台系统管理员（不通知县级系统管理员和其他人），/metrics 报告失败，doctor 提示")
    func failureNotifies() async throws {
        let parent = Self.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // A file where the backup directory should be: nothing can be made under it.
        let blocked = "\(parent)/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
        try await withApp(configure: { $0.backupSchedule = BackupSchedule(directory: "\(blocked)/backups") }) { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府")
            let county = try await makeUnit(on: app, name: "江北县人民政府", parent: city)
            let admin = try await makeUser(on: app, unit: city, username: "sysadmin", phone: "13800000001", roles: [.sysAdmin], scope: .platform)
            let countyAdmin = try await makeUser(on: app, unit: county, username: "county-admin", roles: [.sysAdmin])
            let clerk = try await makeUser(on: app, unit: city, username: "clerk", roles: [.clerk])
            // when
            let run = try await ScheduledBackup.perform(.daily, requestedBy: nil, schedule: try #require(app.config.backupSchedule), app: app)
            // then
            #expect(run.state == .failed)
            #expect(run.message == "无法创建备份目录 \(blocked)/backups/daily（Not a directory）：请检查 ZHENGTONG_BACKUP_DIR 和运行账户对它的写权限。")
            let notified = try await NotificationRecord.query(on: app.db).filter(\.$kind == NotificationKind.backupFailed.rawValue).all()
            #expect(notified.map(\.userID) == [try admin.requireID()])
            #expect(notified.first?.title == "每日备份失败，请查看备份页面")
            #expect(try await OutboxMessage.query(on: app.db).count() == 1)
            _ = (countyAdmin, clerk)
            let metrics = try await app.testing().sendRequest(.GET, "/metrics").body.string
            #expect(metrics.contains("zhengtong_backup_last_failed 1"))
            #expect(metrics.contains("zhengtong_backup_last_success_timestamp_seconds 0"))
            let doctor = await Doctor.examine(app: app).first { $0.check == "备份" }
            #expect(doctor?.level == .warning && doctor?.message.contains("最近一次备份失败") == true)
        }
    }

    @Test("备份页面和接口：平台系统管理员看到计划和结果，立即备份（重复请求时提示已在排队），其他人 403")
    func pageAndAPI() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withApp(configure: { $0.backupSchedule = BackupSchedule(directory: directory, hour: 2, minute: 30, weeklyDay: 7) }) { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府")
            let county = try await makeUnit(on: app, name: "江北县人民政府", parent: city)
            _ = try await makeUser(on: app, unit: city, username: "sysadmin", roles: [.sysAdmin], scope: .platform)
            _ = try await makeUser(on: app, unit: county, username: "county-admin", roles: [.sysAdmin])
            _ = try await makeUser(on: app, unit: city, username: "clerk", roles: [.clerk])
            try await ScheduledBackup.ensureScheduled(app: app)
            // The platform's system administrator: 管理 lists 备份, the page shows the plan and no run yet.
            let browser = Browser(app)
            try await browser.login("sysadmin")
            #expect(try await browser.get("/admin").body.string.contains("/admin/backups"))
            var page = try await browser.get("/admin/backups")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("每天 02:30（北京时间）备份一次，周日的一次为每周备份"))
            #expect(page.body.string.contains("还没有备份记录"))
            // 立即备份, twice: the second is refused while the first waits.
            #expect(try await browser.post("/admin/backups").status == .seeOther)
            #expect(try await browser.get("/admin/backups").body.string.contains("已安排立即备份"))
            try await browser.post("/admin/backups")
            #expect(try await browser.get("/admin/backups").body.string.contains("已有一次立即备份在排队或进行中"))
            // The job worker makes it; the page shows the result.
            #expect(try await JobWorker(app: app).runDue() == 1)
            page = try await browser.get("/admin/backups")
            #expect(page.body.string.contains("立即备份") && page.body.string.contains("成功") && page.body.string.contains("\(directory)/manual/zhengtong-"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "backup.requested").count() == 1, "the refused second request changed nothing")

            // The API: the same status, and 立即备份 answered 202 then 409.
            let api = try await APIClient.signIn(app, "sysadmin")
            let status = try await api.get("/api/v1/backups")
            #expect(status.status == .ok)
            let decoded = try status.content.decode(BackupStatus.self)
            #expect(decoded.schedule?.time == "02:30" && decoded.runs.count == 1 && decoded.runs.first?.state == .succeeded)
            #expect(decoded.nextRunAt != nil && decoded.manualPending == false)
            #expect(try await api.request(.POST, "/api/v1/backups").status == .accepted)
            let again = try await api.request(.POST, "/api/v1/backups")
            #expect(again.status == .conflict && again.errorCode == "conflict")

            // A county's system administrator and a clerk may not.
            for username in ["county-admin", "clerk"] {
                let other = Browser(app)
                try await other.login(username)
                #expect(try await other.get("/admin/backups").status == .forbidden)
                #expect(try await other.post("/admin/backups").status == .forbidden)
                let client = try await APIClient.signIn(app, username)
                #expect(try await client.get("/api/v1/backups").status == .forbidden)
                #expect(try await client.request(.POST, "/api/v1/backups").status == .forbidden)
            }
        }
    }

    @Test("未开启定时备份时页面说明如何开启，立即备份被拒（409），不留后台任务")
    func off() async throws {
        try await withApp { app in
            let city = try await makeUnit(on: app, name: "江北市人民政府")
            _ = try await makeUser(on: app, unit: city, username: "sysadmin", roles: [.sysAdmin], scope: .platform)
            try await ScheduledBackup.ensureScheduled(app: app)
            #expect(try await JobRecord.query(on: app.db).filter(\.$kind == ScheduledBackup.kind).count() == 0)
            let browser = Browser(app)
            try await browser.login("sysadmin")
            #expect(try await browser.get("/admin/backups").body.string.contains("未开启定时备份"))
            let api = try await APIClient.signIn(app, "sysadmin")
            let refused = try await api.request(.POST, "/api/v1/backups")
            #expect(refused.status == .conflict)
            #expect(try await JobRecord.query(on: app.db).filter(\.$kind == ScheduledBackup.kind).count() == 0)
        }
    }
}
