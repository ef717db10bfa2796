import Foundation

/// The texts of 领导日程 (see ``Strings``).
extension Strings {
    enum Schedule {
        static let weekTitle = "领导周活动安排"
        static let newTitle = "录入领导活动"
        static let editTitle = "修改领导活动"
        static let statsTitle = "领导活动统计"
        static let created = "活动已录入。"
        static let saved = "已保存。"
        static let cancelled = "活动已撤销。"
        static let published = "本周活动安排已发布。"

        static let leaderInvalid = "请选择您负责录入日程的单位的在职领导。"
        static let dayInvalid = "日期格式应为 2026-12-31。"
        static let endDayBefore = "结束日期不能早于开始日期。"
        static let tooLong = "一项活动最长 31 天。"
        static let periodInvalid = "请选择时段（上午、下午、全天或具体时间）。"
        static let timeInvalid = "时间格式应为 09:30。"
        static let endBeforeStart = "结束时间应晚于开始时间。"
        static let kindInvalid = "请选择活动类型。"
        static let contentRequired = "请填写活动内容。"
        static let contentTooLong = "活动内容不能超过 500 字。"
        static func tooLongField(_ limit: Int) -> String { "不能超过 \(limit) 字。" }
        static let notEditor = "只有本单位的领导日程管理员可以进行此操作。"
        static let fromMeeting = "这项活动来自会议，请在会议中修改。"
        static let editedMeanwhile = "这项活动已被他人修改，请刷新后再改。"
        static let alreadyCancelled = "这项活动已撤销。"
        static func clashMessage(_ count: Int) -> String { "该领导在这段时间已有 \(count) 项活动，请核对；确需同时安排，请勾选“仍然保存”。" }
        static func clashLine(_ clash: LeaderActivities.Clash) -> String {
            clash.when + " " + clash.content + (clash.place.map { "（\($0)）" } ?? "")
        }
        static let unitInvalid = "请选择单位。"
        static let periodRangeInvalid = "统计期间应为 2026-01-01 至 2026-12-31 这样的日期，且不超过一年。"

        static let morning = "上午"
        static let afternoon = "下午"
        static let allDay = "全天"
        static func dayRange(_ from: String, _ to: String) -> String { "\(from) 至 \(to)" }
        static func companionsLine(_ text: String) -> String { "陪同：\(text)" }
        static func notesLine(_ text: String) -> String { "备注：\(text)" }
        static let statsLeader = "领导"
        static let statsTotal = "合计"

        static func weekdayName(_ weekday: Int) -> String {
            ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][max(0, min(6, weekday - 1))]
        }

        static func kindLabel(_ kind: LeaderActivity.Kind) -> String {
            switch kind {
            case .meeting: "会议"
            case .research: "调研"
            case .reception: "接待"
            case .trip: "出差"
            case .other: "其他"
            }
        }

        static func periodLabel(_ period: LeaderActivity.Period) -> String {
            switch period {
            case .morning: morning
            case .afternoon: afternoon
            case .allDay: allDay
            case .timed: "具体时间"
            }
        }
    }

    static let schedulePage: [String: String] = [
        "schedule_title": "领导周活动安排",
        "schedule_unit": "单位",
        "schedule_week": "周",
        "schedule_show": "查看",
        "schedule_prev_week": "上一周",
        "schedule_next_week": "下一周",
        "schedule_this_week": "本周",
        "schedule_print": "打印",
        "schedule_publish": "发布本周安排",
        "schedule_published_at": "已发布",
        "schedule_unpublished": "未发布（仅日程管理员可见）",
        "schedule_not_published": "本周活动安排尚未发布。",
        "schedule_new": "录入活动",
        "schedule_stats": "活动统计",
        "schedule_leader": "领导",
        "schedule_half": "时段",
        "schedule_morning": "上午",
        "schedule_afternoon": "下午",
        "schedule_no_leaders": "该单位没有在职领导。",
        "schedule_day": "日期",
        "schedule_end_day": "结束日期",
        "schedule_end_day_help": "跨天的全天活动（如出差）填写最后一天；其他留空。",
        "schedule_period": "时段",
        "schedule_start_time": "开始时间",
        "schedule_end_time": "结束时间",
        "schedule_time_help": "时段选“具体时间”时填写。",
        "schedule_kind": "类型",
        "schedule_content": "活动内容",
        "schedule_place": "地点",
        "schedule_companions": "陪同人员",
        "schedule_notes": "着装及备注",
        "schedule_choose": "请选择",
        "schedule_clash_title": "时间冲突",
        "schedule_clash_confirm": "仍然保存（我已核对冲突）",
        "schedule_cancel_activity": "撤销活动",
        "schedule_cancel_confirm": "确定撤销这项活动吗？已订阅日历的人会看到它被取消。",
        "schedule_from_meeting": "来自会议",
        "schedule_activities": "本周活动",
        "schedule_edit": "修改",
        "schedule_when": "时间",
        "schedule_none": "本周没有活动。",
        "schedule_print_title": "领导周活动安排表",
        "schedule_printed_unit": "编制单位",
        "schedule_from": "起",
        "schedule_to": "止",
        "schedule_count": "项数",
        "schedule_total": "合计",
        "schedule_csv": "导出 CSV",
        "schedule_stats_empty": "期间内没有活动。",
        "schedule_companions_short": "陪同",
        "schedule_notes_short": "备注",
    ]
}
