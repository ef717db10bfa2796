/// The texts of notifications (see ``Strings``).
extension Strings {
    enum Notifications {
        static let title = "消息"
        static let allRead = "已全部标为已读。"
        static func kindLabel(_ kind: NotificationKind) -> String {
            switch kind {
            case .delivery: "来文待签收"
            case .deliveryRefused: "来文被退回"
            case .reminder: "催办"
            case .dueSoon: "即将到期"
            case .overdue: "已逾期"
            case .filing: "待归档"
            case .noticeImportant: "重要通知"
            case .noticePublished: "通知已发布"
            case .noticeReturned: "通知被退回"
            case .noticeReminder: "催阅"
            case .noticeChanged: "通知已更新"
            case .coSeal: "联合发文待用印"
            case .backupFailed: "备份失败"
            case .supervision: "督查督办"
            case .meeting: "会议"
            case .meetingUrgent: "紧急会议"
            case .duty: "值班"
            case .digest: "每日待办汇总"
            case .alert: "一般预警"
            case .alertMajor: "重大预警"
            case .mail: "邮件"
            case .report: "信息报送"
            case .reportRequest: "约稿"
            case .bulletinPublished: "刊物"
            case .bulletinReturned: "刊物被退回"
            case .bulletinInstruction: "领导批示"
            case .readingList: "信息专供"
            }
        }
        /// The SMS text: the product's name in brackets, as official SMS gateways require a signature.
        static func smsText(_ title: String) -> String { "【政通】\(title)" }
    }

    static let notificationsPage: [String: String] = [
        "nav_notifications": "消息",
        "notifications_title": "消息",
        "notifications_unread": "未读",
        "notifications_bell": "消息，未读",
        "notifications_empty": "没有消息。",
        "notifications_read_all": "全部标为已读",
        "notifications_open": "查看",
        "notifications_kind": "类别",
        "notifications_time": "时间",
        "notifications_content": "内容",
        "notifications_only_unread": "只看未读",
        "notifications_all": "全部",
    ]
}
