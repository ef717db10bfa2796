import Foundation

/// The texts of 信息报送 (see ``Strings``).
extension Strings {
    enum Reports {
        static let listTitle = "信息报送"
        static let newTitle = "撰写信息"
        static let editTitle = "修改信息"
        static let inboxTitle = "信息收件箱"
        static let requestsTitle = "约稿"
        static let rankingTitle = "信息采用积分排名"
        static let schemeTitle = "信息报送设置"
        static let titleRequired = "请填写标题。"
        static let titleTooLong = "标题不超过200字。"
        static let bodyRequired = "请填写正文。"
        static let bodyTooLong = "正文不超过20000字。"
        static let categoryRequired = "请选择信息类别。"
        static let urgencyInvalid = "紧急程度无效。"
        static let targetInvalid = "只能报送给上级信息收集单位。"
        static let targetRequired = "请至少选择一个报送单位。"
        static let targetAmbiguous = "该信息报送了您负责的多个单位，请指明单位。"
        static let requestInvalid = "该约稿不是向本单位约的。"
        static let notReporter = "只有本单位信息员可以撰写信息。"
        static let notEditable = "您不能修改这条信息。"
        static let notEditableNow = "信息已报送，只有被退回后才能修改。"
        static let notEditor = "您不是该信息报送单位的信息编辑。"
        static let notSchemeKeeper = "只有本单位管理员可以设置信息报送。"
        static let editedMeanwhile = "信息已被他人修改，请刷新后重试。"
        static let underReview = "信息正在本单位审核中。"
        static let alreadySubmitted = "信息已送审或已报送。"
        static let alreadyDecided = "该信息已被处理（可能另一位编辑刚刚处理），请刷新后查看。"
        static let notReturned = "没有退回的报送单位，无需重报。"
        static let processMissing = "信息报送审核流程尚未部署，请联系流程管理员。"
        static let rejectReasonRequired = "不同意时请写明理由，信息员将看到。"
        static let returnReasonRequired = "退回时请写明理由（不超过500字）。"
        static let levelRequired = "请选择采用级别。"
        static let levelNameInvalid = "级别名称应为1至40字且不重复。"
        static let pointsInvalid = "分值应为0至1000的整数。"
        static let fileRefused = "文件为空或格式不支持。"
        static let topicRequired = "请填写约稿主题（不超过200字）。"
        static let deadlineInvalid = "截止日期应为今天或以后的日期。"
        static let unitsRequired = "请选择约稿单位。"
        static let notCollecting = "该单位不是信息收集单位。"
        static let periodInvalid = "统计周期应为 month、quarter 或 year。"
        static let created = "信息已保存为草稿。"
        static let saved = "已保存。"
        static let sentForReview = "已送本单位审核，审核同意后自动报送。"
        static let resubmitted = "已重新报送。"
        static let adopted = "已采用。"
        static let returned = "已退回，信息员将修改后重报。"
        static let archived = "已存档。"
        static let requestCreated = "约稿已发出，已通知约稿单位的信息员。"
        static let schemeSaved = "设置已保存。"
        static let fileAdded = "文件已上传。"
        static let circularDrafted = "通报已起草为发文草稿，请在发文中继续编辑、送审。"
        static func arrivedTitle(_ title: String) -> String { "收到报送信息：\(title)" }
        static func reviewReturnedTitle(_ title: String) -> String { "信息未通过本单位审核：\(title)" }
        static func returnedTitle(_ title: String) -> String { "信息被退回：\(title)" }
        static func adoptedTitle(_ title: String, level: String) -> String { "信息被采用（\(level)）：\(title)" }
        static func resubmittedTitle(_ title: String) -> String { "信息已修改重报：\(title)" }
        static func requestTitle(_ topic: String) -> String { "约稿：\(topic)" }
        static func circularTitle(periodText: String) -> String { "关于\(periodText)政务信息报送采用情况的通报" }
        static func requestBody(deadline: String) -> String { "请于\(deadline)前报送。" }
    }
}

extension Strings {
    /// The words of 信息报送's pages (`#(t.reports_…)`).
    static let reportsPage: [String: String] = [
        "reports_title": "信息报送",
        "reports_tab_mine": "本单位信息",
        "reports_tab_inbox": "收件箱",
        "reports_tab_requests": "约稿",
        "reports_tab_ranking": "积分排名",
        "reports_new": "撰写信息",
        "reports_empty": "还没有信息。",
        "reports_inbox_empty": "没有待处理的信息。",
        "reports_open_only": "只看待处理",
        "reports_all": "全部",
        "reports_name": "标题",
        "reports_category": "类别",
        "reports_urgency": "紧急程度",
        "reports_unit": "报送单位",
        "reports_reporter": "信息员",
        "reports_target": "报送至",
        "reports_targets": "报送单位",
        "reports_state": "状态",
        "reports_level": "采用级别",
        "reports_points": "积分",
        "reports_updated": "更新时间",
        "reports_body": "正文",
        "reports_body_hint": "每段一行。",
        "reports_files": "图片和附件",
        "reports_upload": "上传",
        "reports_save": "保存",
        "reports_edit": "修改",
        "reports_send_review": "送本单位审核",
        "reports_resubmit": "重新报送",
        "reports_adopt": "采用",
        "reports_return": "退回",
        "reports_archive": "存档",
        "reports_reason": "退回理由",
        "reports_versions": "版本记录",
        "reports_version": "版本",
        "reports_review_returned": "本单位审核意见",
        "reports_request": "所答约稿",
        "reports_none": "无",
        "reports_requests_empty": "没有约稿。",
        "reports_request_new": "发出约稿",
        "reports_topic": "主题",
        "reports_details": "要求",
        "reports_deadline": "截止日期",
        "reports_asked_units": "约稿单位",
        "reports_answered": "已报送",
        "reports_answer": "按约稿撰写",
        "reports_overdue": "已过期",
        "reports_period": "统计周期",
        "reports_period_month": "月度",
        "reports_period_quarter": "季度",
        "reports_period_year": "年度",
        "reports_show": "查看",
        "reports_rank": "名次",
        "reports_adopted_count": "采用篇数",
        "reports_unit_ranking": "单位积分排名",
        "reports_person_ranking": "信息员积分排名",
        "reports_ranking_empty": "本期还没有积分。",
        "reports_export_csv": "导出 CSV",
        "reports_export_xlsx": "导出 XLSX",
        "reports_circular": "起草通报",
        "reports_collector": "收集单位",
        "reports_year": "年",
        "reports_number": "月/季",
        "reports_scheme_title": "信息报送设置",
        "reports_collects": "本单位收集下级单位报送的信息",
        "reports_collects_hint": "开启后下级单位的信息员可向本单位报送；首次开启时生成默认采用级别和分值。",
        "reports_level_name": "级别名称",
        "reports_level_points": "分值",
        "reports_level_new": "新增级别（可空）",
        "reports_instruction_level": "领导批示",
    ]
}
