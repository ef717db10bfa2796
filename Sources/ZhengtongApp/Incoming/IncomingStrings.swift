import Gongwen

/// The texts of 收文 (see ``Strings``).
extension Strings {
    enum Incoming {
        static let listTitle = "收文"
        static let newTitle = "收文登记"
        static let formTitle = "收文处理笺"
        static func formHeading(_ unit: String) -> String { "\(unit)收文处理笺" }
        static let returnReasonRequired = "退回来文单位请填写理由。"
        static let handlersRequired = "请选择主办部门。"
        static let resultRequired = "主办部门请填写办理结果。"
        static let registered = "已登记。"
        static let saved = "登记信息已保存。"
        static let circulated = "已送传阅。"
        static let forbidden = "只有本单位收发员可以登记收文。"
        static let senderRequired = "请填写来文单位。"
        static let titleRequired = "请填写标题。"
        static let copiesInvalid = "份数应为 1 至 999 的整数。"
        static let dueInvalid = "办理时限应为日期，如 2026-12-01，且不早于今天。"
        static let fileRequired = "纸质来文请上传扫描件（PDF 或图片）。"
        static let fileRefused = "扫描件应为 PDF、OFD 或图片，且不超过 20 MB。"
        static let readersRequired = "请选择阅件人。"
        static func settingOutOfRange(_ low: Int, _ high: Int) -> String { "请填写 \(low) 至 \(high) 的整数。" }
        static let classifiedRefused = "本平台未配置为涉密网络，涉密公文请按保密规定线下办理。"
        static let notEditable = "登记信息只能在登记、初审时由收发员修改。"
        static let editedMeanwhile = "登记信息已被他人修改，请刷新后重新填写。"
        static func statusLabel(_ status: IncomingDocument.Status) -> String {
            switch status {
            case .registering: "登记中"
            case .handling: "办理中"
            case .closed: "已办结"
            case .returned: "已退回"
            }
        }
        static func sourceLabel(_ source: IncomingDocument.Source) -> String {
            switch source {
            case .exchange: "公文交换"
            case .paper: "纸质来文"
            case .fax: "传真"
            case .mail: "邮寄"
            case .other: "其他"
            }
        }
        static func readerState(_ state: String) -> String {
            switch state {
            case "unread": "在阅（未读）"
            case "queued": "排队待阅"
            case "read": "已阅"
            default: state
            }
        }
        static func handlingLabel(_ handling: IncomingDocument.Handling) -> String { handling == .handle ? "办件" : "阅件" }
    }

    static let incomingPage: [String: String] = [
        "nav_incoming": "收文",
        "incoming_title": "收文",
        "incoming_new": "登记纸质来文",
        "incoming_empty": "没有收文。",
        "incoming_tab_handling": "办理中",
        "incoming_tab_closed": "已办结",
        "incoming_tab_overdue": "已逾期",
        "incoming_tab_all": "全部",
        "incoming_number": "收文编号",
        "incoming_sender": "来文单位",
        "incoming_sender_number": "来文字号",
        "incoming_doc_title": "标题",
        "incoming_kind": "文种",
        "incoming_classification": "密级",
        "incoming_urgency": "紧急程度",
        "incoming_copies": "份数",
        "incoming_received": "收文时间",
        "incoming_due": "办理时限",
        "incoming_due_help": "不填则按紧急程度和本单位设置的工作日数计算。",
        "incoming_handling": "办理类型",
        "incoming_handle": "办件（拟办、批办、承办）",
        "incoming_read": "阅件（传阅后办结）",
        "incoming_status": "状态",
        "incoming_source": "来文方式",
        "incoming_result": "办理结果",
        "incoming_step": "当前环节",
        "incoming_file": "扫描件",
        "incoming_files": "文件",
        "incoming_original": "来文原件",
        "incoming_view_original": "查看来文",
        "incoming_ofd": "下载 OFD",
        "incoming_delivery": "交换记录",
        "incoming_register": "登记",
        "incoming_save": "保存登记信息",
        "incoming_form": "收文处理笺",
        "incoming_print": "打印",
        "incoming_process": "办理过程",
        "incoming_opinions": "办理意见",
        "incoming_circulation": "传阅情况",
        "incoming_circulation_empty": "尚未传阅。",
        "incoming_reader": "阅件人",
        "incoming_read_state": "状态",
        "incoming_read_at": "阅毕时间",
        "incoming_comment": "阅件意见",
        "incoming_circulate": "传阅",
        "incoming_circulate_ordered": "按顺序传阅（一人阅毕再送下一人）",
        "incoming_circulate_note": "传阅说明",
        "incoming_overdue": "已逾期",
        "incoming_none": "无",
        "incoming_instruct_lead": "主办部门",
        "incoming_instruct_assist": "协办部门",
        "incoming_instruct_deadline": "办理期限",
        "incoming_instruct_help": "由主办部门负责人牵头办理并报告结果，协办部门配合。期限不填则沿用收文的办理时限。",
        "incoming_role": "承办分工",
        "incoming_role_lead": "主办",
        "incoming_role_assist": "协办",
        "incoming_lead_hint": "您是主办部门：请在意见中填写办理结果（答复内容），办结时将写入收文处理笺。",
        "incoming_assist_hint": "您是协办部门：请填写协办意见。",
        "incoming_check_pass": "初审通过",
        "incoming_check_return": "退回来文单位",
        "incoming_check_hint": "不属于本单位办理或不符合行文规定的，选择“退回来文单位”并在意见中写明理由。",
        "incoming_close_hint": "填写办理结果后办结；不填则沿用主办部门报告的结果。",
        "incoming_distribute_hint": "请先用下方“传阅”送阅件人，再点“提交”办结。",
        "incoming_register_hint": "核对登记信息，需要修改的先保存，再提交进入初审。",
        "incoming_unit": "收文单位",
        "form_propose": "拟办意见",
        "form_instruct": "领导批示",
        "form_handle": "承办情况",
        "form_close": "办理结果",
        "form_check": "初审",
        "form_print_hint": "用浏览器打印本页，即为 A4 收文处理笺。",
        "settings_title": "收发文设置",
        "settings_acceptance_hours": "签收提醒时限（小时）",
        "settings_acceptance_help": "本单位发出的公文超过此时限未被签收时，在分发回执中标为“超时未签收”。",
        "settings_extra_urgent_days": "特急件办理时限（工作日）",
        "settings_urgent_days": "加急件办理时限（工作日）",
        "settings_ordinary_days": "普通件办理时限（工作日）",
        "settings_save": "保存设置",
    ]
}
