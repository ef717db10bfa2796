import Foundation

extension Strings {
    /// Scheduled backups: configuration errors, the 备份 page, notifications.
    enum Backups {
        static func timeInvalid(_ raw: String) -> String { "应为北京时间 HH:MM（如 02:30），现为 \(raw)" }
        static func numberInvalid(_ raw: String, _ range: ClosedRange<Int>) -> String {
            "应为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数，现为 \(raw)"
        }
        static let off = "未开启定时备份（ZHENGTONG_BACKUP_DIR=off 或嵌入式内存数据库），不能立即备份。"
        static let alreadyRequested = "已有一次立即备份在排队或进行中，请稍后刷新查看结果。"
        static let requested = "已安排立即备份，几秒后开始；稍后刷新本页查看结果。"
        static func notEnoughSpace(free: Int64, needed: Int64) -> String {
            "备份目录所在磁盘剩余 \(megabytes(free)) MB，不足以容纳约 \(megabytes(needed)) MB 的备份（另需 10% 余量）。请清理或扩容，或把 ZHENGTONG_BACKUP_DIR 指向更大的磁盘。"
        }
        static func directoryUnusable(_ path: String, reason: String) -> String {
            "无法创建备份目录 \(path)（\(reason)）：请检查 ZHENGTONG_BACKUP_DIR 和运行账户对它的写权限。"
        }
        static func failed(_ detail: String) -> String { "备份出错：\(detail)" }
        static func failedTitle(_ kind: BackupSchedule.Kind) -> String { "\(kindLabel(kind))失败，请查看备份页面" }
        static func kindLabel(_ kind: BackupSchedule.Kind) -> String {
            switch kind {
            case .daily: "每日备份"
            case .weekly: "每周备份"
            case .manual: "立即备份"
            }
        }
        static func stateLabel(_ state: BackupRun.State) -> String {
            switch state {
            case .running: "进行中"
            case .succeeded: "成功"
            case .failed: "失败"
            }
        }
        static let weekdays = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        static func scheduleText(_ schedule: BackupSchedule) -> String {
            "每天 \(String(format: "%02d:%02d", schedule.hour, schedule.minute))（北京时间）备份一次，\(weekdays[schedule.weeklyDay])的一次为每周备份；"
                + "保留最近 \(schedule.keepDaily) 份每日备份、\(schedule.keepWeekly) 份每周备份，立即备份保留最近 \(schedule.keepDaily) 份。"
        }
        static func duration(_ seconds: Double) -> String {
            seconds < 60 ? String(format: "%.1f 秒", seconds) : "\(Int(seconds) / 60) 分 \(Int(seconds) % 60) 秒"
        }
        private static func megabytes(_ bytes: Int64) -> Int64 { bytes / (1 << 20) }
    }

    static let backupsPage: [String: String] = [
        "admin_backups": "备份",
        "admin_backups_desc": "定时备份的计划、每次备份的结果；立即备份。",
        "backups_schedule": "备份计划",
        "backups_directory": "备份目录",
        "backups_next": "下次定时备份",
        "backups_off": "未开启定时备份。在服务器上设置 ZHENGTONG_BACKUP_DIR（及 ZHENGTONG_BACKUP_TIME 等）后重启服务即可开启。",
        "backups_whole": "每次备份都是完整备份（上传的文件也在数据库中）。多个节点时由其中一个执行，备份目录应是各节点共用的同一目录。",
        "backups_last": "最近一次备份",
        "backups_none": "还没有备份记录。",
        "backups_now": "立即备份",
        "backups_history": "备份记录",
        "backups_started": "开始时间",
        "backups_kind": "类型",
        "backups_state": "结果",
        "backups_size": "大小",
        "backups_took": "用时",
        "backups_where": "位置或原因",
        "backups_restore_hint": "恢复到空数据库：zhengtong restore 备份目录；检查备份是否可用：zhengtong backup verify 备份目录。",
    ]
}
