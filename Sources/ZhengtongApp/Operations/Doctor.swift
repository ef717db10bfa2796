import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor

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
        findings.append(await encoding(app: app))
        findings.append(await clock(app: app, at: now))
        do {
            let pending = try await app.migrator.previewPrepareBatch().get()
            findings.append(pending.isEmpty
                ? Finding(check: t.migrations, level: .ok, message: t.migrationsOK)
                : Finding(check: t.migrations, level: .warning, message: t.migrationsPending(pending.count)))
        } catch {
            findings.append(Finding(check: t.migrations, level: .failure, message: t.migrationsUnreadable(String(describing: error))))
        }
        // Disk space where the data directory is (SQLite, backups, uploads' temporary files).
        if let free = DiskSpace.freeBytes(at: app.config.dataDirectory) {
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
        findings.append(await backups(app: app, at: now))
        return findings
    }

    /// Chinese text needs a UTF-8 database (PostgreSQL's is chosen at `createdb`; SQLite's is always UTF-8 here).
    private static func encoding(app: Application) async -> Finding {
        let t = Strings.Doctor.self
        do {
            let sql = try app.db.sqlDatabase()
            let encoding: String
            if app.isPostgres {
                encoding = try await sql.raw("SELECT pg_encoding_to_char(encoding) AS e FROM pg_database WHERE datname = current_database()").first()?
                    .decode(column: "e", as: String.self) ?? ""
            } else {
                encoding = try await sql.raw("PRAGMA encoding").first()?.decode(column: "encoding", as: String.self) ?? ""
            }
            let utf8 = encoding.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
            return Finding(check: t.encoding, level: utf8 ? .ok : .failure, message: utf8 ? t.encodingOK(encoding) : t.encodingWrong(encoding))
        } catch {
            return Finding(check: t.encoding, level: .warning, message: t.unreadable(String(describing: error)))
        }
    }

    /// Deadlines, timers and the audit log's times come from this machine's clock; PostgreSQL's `now()` comes from
    /// the database server's. More than ``clockTolerance`` apart means one of them is not synchronised.
    static let clockTolerance: TimeInterval = 5
    private static func clock(app: Application, at now: Date) async -> Finding {
        let t = Strings.Doctor.self
        guard app.isPostgres else { return Finding(check: t.clock, level: .ok, message: t.clockEmbedded) }
        do {
            let before = Date()
            let server = try await app.db.sqlDatabase().raw("SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8 AS t").first()?
                .decode(column: "t", as: Double.self) ?? 0
            let local = (before.timeIntervalSince1970 + Date().timeIntervalSince1970) / 2
            let offset = server - local
            return abs(offset) <= clockTolerance
                ? Finding(check: t.clock, level: .ok, message: t.clockOK(offset))
                : Finding(check: t.clock, level: .warning, message: t.clockOff(offset))
        } catch {
            return Finding(check: t.clock, level: .warning, message: t.unreadable(String(describing: error)))
        }
    }

    /// Scheduled backups: on, recent, and not on the data's own disk (a dead disk would take both).
    private static func backups(app: Application, at now: Date) async -> Finding {
        let t = Strings.Doctor.self
        guard let schedule = ScheduledBackup.schedule(of: app) else { return Finding(check: t.backup, level: .warning, message: t.backupOff) }
        do {
            let latest = try await BackupRun.query(on: app.db).filter(\.$state != .running).sort(\.$startedAt, .descending).first()
            let succeeded = try await BackupRun.query(on: app.db).filter(\.$state == .succeeded).sort(\.$startedAt, .descending).first()
            if let latest, latest.state == .failed { return Finding(check: t.backup, level: .warning, message: t.backupFailed(latest.message ?? "")) }
            guard let succeeded, let finished = succeeded.finishedAt else { return Finding(check: t.backup, level: .warning, message: t.backupNone) }
            if now.timeIntervalSince(finished) > 2 * 86400 {
                return Finding(check: t.backup, level: .warning, message: t.backupOld(DisplayFormat.minute(finished)))
            }
            if case .sqlite(let path) = app.config.database, sameDevice(path, schedule.directory) {
                return Finding(check: t.backup, level: .warning, message: t.backupSameDisk(schedule.directory))
            }
            return Finding(check: t.backup, level: .ok, message: t.backupOK(DisplayFormat.minute(finished), schedule.directory))
        } catch {
            return Finding(check: t.backup, level: .warning, message: t.unreadable(String(describing: error)))
        }
    }

    /// Whether two paths (or their nearest existing parents) are on one file system.
    private static func sameDevice(_ a: String, _ b: String) -> Bool {
        func device(_ path: String) -> UInt64? {
            var url = URL(fileURLWithPath: path)
            while !FileManager.default.fileExists(atPath: url.path), url.path != "/" { url.deleteLastPathComponent() }
            return (try? FileManager.default.attributesOfItem(atPath: url.path)[.systemNumber] as? NSNumber)?.uint64Value
        }
        guard let first = device(a), let second = device(b) else { return false }
        return first == second
    }
}

extension Strings {
    enum Doctor {
        static let help = "检查运行环境：数据库连接与编码、时钟、迁移、数据目录剩余空间、OFD 嵌入字体、后台任务、定时备份，并说明怎么处理。数据库连不上或编码不对时退出码 1。"
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
        static func unreadable(_ detail: String) -> String { "无法检查：\(detail)。" }
        static let encoding = "编码"
        static func encodingOK(_ name: String) -> String { "数据库编码为 \(name)，可以保存中文。" }
        static func encodingWrong(_ name: String) -> String {
            "数据库编码为 \(name)，不是 UTF8：中文会出错。请用 createdb --encoding=UTF8 --locale=C.UTF-8 新建数据库，再用 zhengtong export / import 迁移数据。"
        }
        static let clock = "时钟"
        static let clockEmbedded = "嵌入式数据库与服务使用本机同一时钟；请确认本机已开启时间同步（chrony 或 systemd-timesyncd）。"
        static func clockOK(_ offset: Double) -> String { String(format: "本机与数据库服务器时钟相差 %.1f 秒。", offset) }
        static func clockOff(_ offset: Double) -> String {
            String(format: "本机与数据库服务器时钟相差 %.1f 秒（超过 5 秒）：办理时限、定时器和审计时间会不准。请在两台机器上开启时间同步并指向同一时间源。", offset)
        }
        static let backup = "备份"
        static let backupOff = "未开启定时备份（ZHENGTONG_BACKUP_DIR=off）：请设置备份目录，或确认已用其他方式每天备份。"
        static let backupNone = "还没有成功的定时备份：确认 zhengtong serve 在运行，或在“管理 › 备份”点“立即备份”。"
        static func backupFailed(_ message: String) -> String { "最近一次备份失败：\(message)" }
        static func backupOld(_ time: String) -> String { "最近一次成功的备份在 \(time)，已超过两天：请查看“管理 › 备份”和日志。" }
        static func backupSameDisk(_ directory: String) -> String {
            "备份目录 \(directory) 与数据库在同一磁盘：磁盘损坏时会一起丢失。请把 ZHENGTONG_BACKUP_DIR 指向另一块磁盘或网络存储。"
        }
        static func backupOK(_ time: String, _ directory: String) -> String { "最近一次成功的备份在 \(time)，备份目录 \(directory)。" }
    }
}
