import Foundation

/// The texts of 日程 and its feed (see ``Strings``).
extension Strings {
    enum CalendarPage {
        static let title = "日程"
        static let feedCreated = "日历订阅地址已生成。请立即复制：地址只显示这一次，之后只能重新生成。"
        static let feedRevoked = "日历订阅已停用，原地址不再可用。"
        static func feedName(_ person: String) -> String { "\(person)的日程" }
        static let rangeInvalid = "日期格式应为 2026-12-31，起止最多相隔 92 天。"

        static func kindLabel(_ kind: CalendarEntry.Kind) -> String {
            switch kind {
            case .meeting: "会议"
            case .duty: "值班"
            case .leaderActivity: "领导活动"
            }
        }
    }

    static let calendarPage: [String: String] = [
        "nav_calendar": "日程",
        "agenda_title": "我的日程",
        "agenda_leader_schedules": "领导周活动安排",
        "agenda_day": "日",
        "agenda_week": "周",
        "agenda_month": "月",
        "agenda_today": "今天",
        "agenda_prev": "上一段",
        "agenda_next": "下一段",
        "agenda_empty": "这段时间没有日程。",
        "agenda_day_empty": "无安排",
        "agenda_cancelled": "已取消",
        "agenda_feed": "日历订阅",
        "agenda_feed_help": "把下面的地址添加到手机或电脑的日历（“订阅日历”），即可在日历中看到您的会议、值班和领导活动。地址就是凭证，请勿转给他人。",
        "agenda_feed_on": "已启用日历订阅。",
        "agenda_feed_off": "尚未启用日历订阅。",
        "agenda_feed_url": "订阅地址",
        "agenda_feed_create": "生成订阅地址",
        "agenda_feed_rotate": "重新生成（原地址作废）",
        "agenda_feed_revoke": "停用订阅",
        "agenda_all_day": "全天",
    ]
}
