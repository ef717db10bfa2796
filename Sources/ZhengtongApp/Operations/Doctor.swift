import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// `zhengtong doctor`: what an information centre checks before and after an upgrade, each finding with what to do
/// in Chinese (issue 16). A failure (the database unreachable) makes the command exit 1; warnings do not.
enum Doctor {
    enum Level: String, Sendable { case ok, warning, failure }

    struct Finding: Sendable, Equatable {
        var check: String
        var level: Level
        var message: String
    }

    /// Free space below which the data directory is a warning.
    static let minimumFreeBytes: Int64 = 1 << 30
    /// A job due longer ago than this means no server is running the jobs.
    static let staleJobs: TimeInterval = 10 * 60

    static func examine(app: Application, at now: Date = Date()) async -> [Finding] {
        var findings: [Finding] = []
        let t = Strings.Doctor.self
        // The database: without it nothing else can be checked.
        do {
            try await app.db.sqlDatabase().raw("SELECT 1").run()
            findings.append(Finding(check: t.database, level: .ok, message: t.databaseOK(app.isPostgres ? "PostgreSQL" : "SQLite")))
        } catch {
            findings.append(Finding(check: t.database, level: .failure, message: t.databaseUnreachable(String(describing: error))))
            return findings
        }
        do {
            let pending = try await app.migrator.previewPrepareBatch().get()
            findings.append(pending.isEmpty
                ? Finding(check: t.migrations, level: .ok, message: t.migrationsOK)
                : Finding(check: t.migrations, level: .warning, message: t.migrationsPending(pending.count)))
        } catch {
            findings.append(Finding(check: t.migrations, level: .failure, message: t.migrationsUnreadable(String(describing: error))))
        }
        // Disk space where the data directory is (SQLite, backups, uploads' temporary files).
        var stats = statvfs()
        let directory = FileManager.default.fileExists(atPath: app.config.dataDirectory) ? app.config.dataDirectory : "."
        if statvfs(directory, &stats) == 0 {
            let free = Int64(stats.f_bavail) * Int64(stats.f_frsize)
            findings.append(free >= minimumFreeBytes
                ? Finding(check: t.disk, level: .ok, message: t.diskOK(free / (1 << 20)))
                : Finding(check: t.disk, level: .warning, message: t.diskLow(free / (1 << 20))))
        }
        // Fonts the OFD packages carry.
        let library = DocumentFonts.library
        let missing = FontRole.allCases.filter { library.primaryFace(for: $0) == nil }.map(\.ofdFontName)
        findings.append(missing.isEmpty
            ? Finding(check: t.fonts, level: .ok, message: t.fontsOK)
            : Finding(check: t.fonts, level: .warning, message: t.fontsMissing(missing)))
        // Background jobs: dead letters, and due jobs nobody runs.
        do {
            let dead = try await JobRecord.query(on: app.db).filter(\.$state == JobRecord.State.dead.rawValue).count()
            let stale = try await JobRecord.query(on: app.db).filter(\.$state == JobRecord.State.pending.rawValue)
                .filter(\.$runAt < now.addingTimeInterval(-staleJobs)).count()
            if dead > 0 { findings.append(Finding(check: t.jobs, level: .warning, message: t.jobsDead(dead))) }
            if stale > 0 { findings.append(Finding(check: t.jobs, level: .warning, message: t.jobsStale(stale))) }
            if dead == 0 && stale == 0 { findings.append(Finding(check: t.jobs, level: .ok, message: t.jobsOK)) }
        } catch {
            findings.append(Finding(check: t.jobs, level: .warning, message: t.jobsUnreadable(String(describing: error))))
        }
        return findings
    }
}

extension Strings {
    enum Doctor {
        static let help = "检查运行环境：数据库连接、迁移、数据目录剩余空间、OFD 嵌入字体、后台任务，并说明怎么处理。数据库连不上时退出码 1。"
        static let database = "数据库"
        static func databaseOK(_ kind: String) -> String { "\(kind) 可以连接。" }
        static func databaseUnreachable(_ detail: String) -> String { "连不上数据库：\(detail)。请检查 DATABASE_URL 或数据目录，以及数据库服务是否运行。" }
        static let migrations = "迁移"
        static let migrationsOK = "数据库结构是最新的。"
        static func migrationsPending(_ count: Int) -> String { "有 \(count) 个迁移尚未执行：启动 zhengtong serve 时会自动执行（升级前请先备份）。" }
        static func migrationsUnreadable(_ detail: String) -> String { "读不出迁移记录：\(detail)。" }
        static let disk = "磁盘"
        static func diskOK(_ megabytes: Int64) -> String { "数据目录所在磁盘剩余 \(megabytes) MB。" }
        static func diskLow(_ megabytes: Int64) -> String { "数据目录所在磁盘只剩 \(megabytes) MB（少于 1 GB）：请清理或扩容，否则上传和备份会失败。" }
        static let fonts = "字体"
        static let fontsOK = "OFD 所需各类字体都有可嵌入的字体文件（zhengtong gongwen fonts 可看详情）。"
        static func fontsMissing(_ roles: [String]) -> String {
            "这些字体没有可嵌入的字体文件：\(roles.joined(separator: "、"))。请安装 fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-microhei，或把本单位字体放进 ZHENGTONG_FONT_DIRS。"
        }
        static let jobs = "后台任务"
        static let jobsOK = "后台任务正常。"
        static func jobsDead(_ count: Int) -> String { "有 \(count) 个后台任务多次失败后已停止（死信），请查看日志后处理。" }
        static func jobsStale(_ count: Int) -> String { "有 \(count) 个后台任务到期 10 分钟以上仍未执行：是否没有运行中的 zhengtong serve？" }
        static func jobsUnreadable(_ detail: String) -> String { "读不出后台任务：\(detail)。" }
    }
}
