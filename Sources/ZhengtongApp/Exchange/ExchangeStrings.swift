/// The texts of 公文交换 (see ``Strings``).
extension Strings {
    enum Exchange {
        static let inboxTitle = "公文交换"
        static let listsTitle = "分发名单"
        static let accepted = "已签收，已登记为收文。"
        static let refused = "已拒收，来文单位会收到退回理由。"
        static let resent = "已重新发送。"
        static let reasonRequired = "请填写退回理由。"
        static let reasonTooLong = "退回理由不能超过 500 字。"
        static let noteRequired = "请说明更正了什么。"
        static let alreadyResent = "这份退回的公文已经重新发送过了。"
        static let notRefused = "只有被退回的公文可以重新发送。"
        static let forbidden = "只有来文单位和收文单位的收发员可以查看交换的公文。"
        static let distributionSaved = "分发范围已保存。"
        static let distributionRequired = "请选定分发单位，或注明仅纸质分发。"
        static let distributionFirst = "封发前须选定分发范围（或注明仅纸质分发）。"
        static let listNameRequired = "请填写名单名称。"
        static let listUnitsRequired = "请至少选择一个单位。"
        static let listNameTaken = "已有同名的分发名单。"
        static let listSaved = "分发名单已保存。"
        static let listDeleted = "分发名单已删除。"
        static let fileRefused = "附件类型不支持或文件内容与类型不符。"
        static func deliveredTitle(sender: String, title: String) -> String { "新来文待签收：\(sender)《\(title)》" }
        static func refusedTitle(recipient: String, title: String) -> String { "\(recipient)退回了《\(title)》" }
        static func reasonText(_ reason: String) -> String { "退回理由：\(reason)" }
        static func alreadyHandled(state: String, by person: String, at time: String) -> String { "这份公文已由\(person)于\(time)\(state)，请刷新后查看。" }
        static func stateLabel(_ state: Delivery.State) -> String {
            switch state {
            case .sent: "已送达"
            case .accepted: "签收"
            case .refused: "退回"
            }
        }
        static func statusText(_ state: Delivery.State) -> String {
            switch state {
            case .sent: "已送达"
            case .accepted: "已签收"
            case .refused: "已退回"
            }
        }
        static func receiptCounts(total: Int, accepted: Int, refused: Int) -> String {
            "共发送\(total)个单位：已签收\(accepted)个，已退回\(refused)个，未签收\(total - accepted - refused)个。"
        }
        static func roleLabel(_ role: Delivery.Role) -> String { role == .main ? "主送" : "抄送" }
        /// `3小时`, `2天5小时`.
        static func waiting(_ seconds: Double) -> String {
            let hours = Int(seconds / 3600)
            if hours < 1 { return "\(max(1, Int(seconds / 60)))分钟" }
            return hours >= 24 ? "\(hours / 24)天" + (hours % 24 > 0 ? "\(hours % 24)小时" : "") : "\(hours)小时"
        }
    }

    static let exchangePage: [String: String] = [
        "nav_exchange": "交换",
        "exchange_title": "公文交换",
        "exchange_pending": "待签收",
        "exchange_accepted": "已签收",
        "exchange_refused": "已退回",
        "exchange_sent": "本单位发出",
        "exchange_empty": "没有公文。",
        "exchange_doc_title": "标题",
        "exchange_sender": "来文单位",
        "exchange_recipient": "收文单位",
        "exchange_number": "文号",
        "exchange_urgency": "紧急程度",
        "exchange_classification": "密级",
        "exchange_role": "主送/抄送",
        "exchange_sent_at": "送达时间",
        "exchange_waiting": "已等待",
        "exchange_state": "状态",
        "exchange_by": "经办人",
        "exchange_at": "时间",
        "exchange_reason": "退回理由",
        "exchange_files": "附件",
        "exchange_view": "查看公文",
        "exchange_download_ofd": "下载 OFD",
        "exchange_accept": "签收",
        "exchange_accept_hint": "签收后登记为本单位收文，进入收文办理。",
        "exchange_refuse": "拒收退回",
        "exchange_refuse_hint": "不属于本单位办理或不符合行文规定的，填写理由后退回来文单位。",
        "exchange_resend": "更正后重新发送",
        "exchange_resend_note": "更正说明",
        "exchange_resend_file": "更正后的文件（可选）",
        "exchange_history": "交换记录",
        "exchange_resent_from": "重新发送，原件已退回",
        "exchange_resent_to": "已重新发送",
        "exchange_incoming": "收文登记",
        "exchange_lists": "分发名单",
        "exchange_note": "说明",
        "exchange_overdue": "超时未签收",
        "receipts_title": "分发回执",
        "receipts_empty": "这份公文没有经公文交换分发。",
        "receipts_paper": "这份公文仅纸质分发。",
        "receipts_summary": "送达单位",
        "distribution_title": "分发范围",
        "distribution_help": "封发时向所选单位发送公文（含 OFD 和附件）。主送机关、抄送机关中与平台单位同名的已预先选中。",
        "distribution_main": "主送",
        "distribution_copy": "抄送",
        "distribution_lists": "加入分发名单中的单位",
        "distribution_paper": "仅纸质分发，不经公文交换",
        "distribution_save": "保存分发范围",
        "distribution_chosen": "已选单位",
        "lists_title": "分发名单",
        "lists_empty": "还没有分发名单。",
        "lists_name": "名单名称",
        "lists_units": "单位",
        "lists_new": "新建分发名单",
        "lists_edit": "修改",
        "lists_delete": "删除",
        "lists_save": "保存",
    ]
}
