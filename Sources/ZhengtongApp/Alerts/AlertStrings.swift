import Foundation

/// The texts of 预警 (see ``Strings``).
extension Strings {
    enum Alerts {
        static let title = "预警"
        static let newTitle = "发布预警"
        /// The SMS carries the text: the body is kept short.
        static let bodyLimit = 300
        static let titleLimit = 40
        static let notSender = "您没有发布预警的权限（需要预警发布员角色）。"
        static let notFollower = "只有发布人和本单位的预警发布员可以进行此操作。"
        static let titleRequired = "请填写预警标题（不超过 40 字）。"
        static let titleTooLong = "预警标题不超过 40 字。"
        static let bodyRequired = "请填写预警内容。"
        static func mailSubject(level: Alert.Level, title: String) -> String { "【\(levelLabel(level))预警】\(title)" }
        static func mailBody(_ body: String, link: String) -> String { "\(body)\n\n请在预警页面确认收到：\(link)" }
        static func bodyTooLong(_ count: Int) -> String { "预警内容将以短信发送，不能超过 \(bodyLimit) 字（现为 \(count) 字），请精简。" }
        static let levelRequired = "请选择预警级别（一般或重大）。"
        static let categoryRequired = "请选择预警类别。"
        static let targetsRequired = "请选择接收单位。"
        static let unitOutOfScope = "所选单位不在您发布预警的授权范围内。"
        static let nobody = "所选单位没有可接收预警的人员。"
        static let closed = "该预警已结束，不能再确认或再次发送。"
        static let notRecipient = "您不是该预警的接收人。"
        static let allConfirmed = "所有接收人都已确认收到，无需再次发送。"
        static let sent = "预警已发布。"
        static func resent(_ count: Int) -> String { "已向 \(count) 位未确认的人员再次发送。" }
        static let confirmed = "已确认收到。"
        static let closedFlash = "预警已结束。"
        static let withSubunits = "及其下级单位"
        static let boxInvalid = "box 应为 received 或 sent。"

        static func levelLabel(_ level: Alert.Level) -> String {
            switch level {
            case .general: "一般"
            case .major: "重大"
            }
        }

        static func categoryLabel(_ category: Alert.Category) -> String {
            switch category {
            case .weather: "气象"
            case .geological: "地质灾害"
            case .forestFire: "森林防火"
            case .publicHealth: "公共卫生"
            case .workSafety: "安全生产"
            case .other: "其他"
            }
        }

        static func stateLabel(_ state: Alert.State) -> String {
            switch state {
            case .open: "进行中"
            case .closed: "已结束"
            }
        }

        /// The notification's title, which is what the SMS carries: the warning itself, not only its name.
        static func notificationTitle(_ title: String, body: String) -> String { "\(title)：\(body)" }
        static func resendTitle(_ title: String, body: String) -> String { "（再次提醒，请确认收到）\(title)：\(body)" }
        static func round(_ number: Int) -> String { number == 1 ? "首次发送" : "第 \(number) 次发送" }
    }

    static let alertsPage: [String: String] = [
        "nav_alerts": "预警",
        "alerts_title": "预警",
        "alerts_new": "发布预警",
        "alerts_received": "收到的预警",
        "alerts_sent": "发出的预警",
        "alerts_none_received": "没有收到预警。",
        "alerts_none_sent": "还没有发出预警。",
        "alert_title": "标题",
        "alert_body": "内容",
        "alert_body_help": "纯文本，将以短信发送，不超过 300 字。",
        "alert_level": "级别",
        "alert_category": "类别",
        "alert_units": "接收单位（仅本单位人员）",
        "alert_unit_trees": "接收单位及其下级单位的全体人员",
        "alert_targets": "接收范围",
        "alert_targets_help": "可多选；按住 Ctrl（Mac 为 Command）键点选多个。",
        "alert_send": "发布预警",
        "alert_sender": "发布人",
        "alert_sent_at": "发布时间",
        "alert_state": "状态",
        "alert_confirm": "确认收到",
        "alert_confirmed_at": "确认时间",
        "alert_you_confirmed": "您已确认收到",
        "alert_please_confirm": "请确认您已收到此预警",
        "alert_by_unit": "各单位确认情况",
        "alert_unit": "单位",
        "alert_expected": "应收",
        "alert_confirmed": "已确认",
        "alert_unconfirmed": "未确认",
        "alert_unconfirmed_people": "未确认人员",
        "alert_confirmed_people": "已确认人员",
        "alert_name": "姓名",
        "alert_phone": "手机",
        "alert_last_sent": "最近发送",
        "alert_rounds": "发送记录",
        "alert_round_count": "人数",
        "alert_resend": "再次发送给未确认人员",
        "alert_close": "结束预警",
        "alert_close_help": "结束后不再需要确认，也不能再次发送。",
        "alert_closed_at": "结束时间",
        "alert_everyone_confirmed": "所有人员均已确认收到。",
        "alert_progress": "确认进度",
        "alert_to_desk": "返回工作台",
    ]
}
