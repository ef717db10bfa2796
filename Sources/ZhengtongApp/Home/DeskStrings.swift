/// The texts of the 工作台 (see ``Strings``).
extension Strings {
    enum Desk {
        static let settingsTitle = "设置工作台"
        static let roleLayoutTitle = "按角色设置工作台"
        static let saved = "工作台设置已保存。"
        static let roleRequired = "请选择角色。"
        static let blocksInvalid = "请从 todo、unread、inbox、notices、recent、overdue 中选择板块。"
        static let overdue = "已逾期"
        static func due(_ text: String) -> String { "\(text) 到期" }
        static let pinned = "置顶"
        static let important = "重要"
        static let unread = "未读"
        static let changed = "已更新"
        static let replyNeeded = "待回执"

        static func blockLabel(_ block: DeskBlock) -> String {
            switch block {
            case .todo: "待办"
            case .unread: "待阅"
            case .inbox: "待签收"
            case .notices: "通知公告"
            case .recent: "最近公文"
            case .overdue: "逾期事项"
            case .supervision: "督办事项"
            case .schedule: "今日日程"
            case .alerts: "预警"
            case .reportRequests: "约稿"
            case .reading: "信息专供"
            }
        }

        static func emptyText(_ block: DeskBlock) -> String {
            switch block {
            case .todo: "没有待办事项。"
            case .unread: "没有待阅文件。"
            case .inbox: "没有待签收的来文。"
            case .notices: "没有通知公告。"
            case .recent: "最近没有起草或办理的公文。"
            case .overdue: "没有逾期事项。"
            case .supervision: "没有待办的督办事项。"
            case .schedule: "今天没有日程。"
            case .alerts: "没有待确认的预警。"
            case .reportRequests: "没有待报送的约稿。"
            case .reading: "暂无专供信息。"
            }
        }
    }

    static let deskPage: [String: String] = [
        "desk_more": "更多",
        "desk_settings": "设置工作台",
        "desk_settings_hint": "勾选要显示的板块，并用序号排列先后（数字小的在前）。",
        "desk_role_hint": "为本单位某一角色的人员设置默认板块；个人设置过的以个人设置为准。",
        "desk_role": "角色",
        "desk_block": "板块",
        "desk_show": "显示",
        "desk_order": "序号",
        "desk_save": "保存",
        "desk_reset": "恢复默认",
        "desk_empty": "您已隐藏所有板块。",
        "desk_coming": "更多板块将随相应模块开通。",
        "desk_admin_link": "工作台默认板块",
    ]
}
