/// The texts of 通知公告 (see ``Strings``).
extension Strings {
    enum Notices {
        static let boardTitle = "通知公告"
        static let newTitle = "起草通知公告"
        static let editTitle = "修改通知公告"
        static let receiptsTitle = "阅读与回执"
        static let columnsTitle = "通知公告栏目"
        static let saved = "已保存。"
        static let submitted = "已送审，审核通过后发布。"
        static let replied = "回执已提交。"
        static let withdrawn = "已撤回。"
        static let attachmentAdded = "附件已上传。"
        static let attachmentDeleted = "附件已删除。"
        static let columnSaved = "栏目已保存。"
        static func reminded(_ count: Int) -> String { count == 0 ? "所有人都已阅读，无须催阅。" : "已向 \(count) 位未读人员催阅。" }

        static let columnRequired = "请选择您可以发布的栏目。"
        static let noColumn = "您没有可以发布通知公告的栏目，请联系单位管理员。"
        static let titleRequired = "请填写标题。"
        static let titleTooLong = "标题不能超过 200 字。"
        static let bodyRequired = "请填写正文。"
        static let bodyTooLong = "正文不能超过 50000 字。"
        static let dayInvalid = "日期格式应为 2026-12-31。"
        static let dayInPast = "日期不能早于今天。"
        static let audienceRequired = "请选择发布范围（单位、部门、角色或人员）。"
        static let audienceOutside = "发布范围只能是本单位（政府办公室为其所服务政府）及其下级单位、部门和人员。"
        static let notEditable = "您不能修改这条通知公告。"
        static let notEditableNow = "审核中或已撤回的通知公告不能修改。"
        static let editedMeanwhile = "这条通知公告已被他人修改，请刷新后重新填写。"
        static let alreadySubmitted = "已送审或已发布。"
        static let processMissing = "该栏目的审核流程尚未部署，请联系流程管理员。"
        static let noReplyAsked = "这条通知公告不需要回执。"
        static let notRecipient = "只有接收人可以填写回执。"
        static let notManager = "只有发布人和本栏目的发布人员可以进行此操作。"
        static let notPublished = "只有已发布的通知公告可以进行此操作。"
        static let withdrawReasonRequired = "请填写撤回原因（500 字以内）。"
        static let attachmentRefused = "请上传 PDF、OFD、Word、Excel、文本或 PNG/JPEG 图片文件。"
        static let rejectReasonRequired = "不同意时请在意见中写明理由，起草人将据此修改。"
        static let replyAttendanceRequired = "请选择参加或不参加。"
        static let replyCountInvalid = "请填写人数（0 至 10000）。"
        static let replyContactRequired = "请填写联系人（100 字以内）。"
        static let replyNoteTooLong = "备注不能超过 500 字。"
        static let columnNameRequired = "请填写栏目名称（30 字以内）。"
        static let columnNameTaken = "本单位已有同名栏目。"
        static let columnRoleRequired = "请选择可以发布的角色。"
        static let columnProcessRequired = "请填写已部署的审核流程。"

        static func importantTitle(_ title: String) -> String { "重要通知：\(title)" }
        static func publishedTitle(_ title: String) -> String { "已发布：\(title)" }
        static func returnedTitle(_ title: String) -> String { "通知公告被退回：\(title)" }
        static func reminderTitle(_ title: String) -> String { "请阅读：\(title)" }
        static func changedTitle(_ title: String) -> String { "通知公告已更新：\(title)" }
        static func withSubunits(_ unit: String) -> String { "\(unit)（含下级单位）" }
        static func readCount(read: Int, total: Int) -> String { "已读 \(read) 人，未读 \(total - read) 人，共 \(total) 人。" }
        static func versionLine(version: Int, title: String, time: String) -> String { "第 \(version) 版（\(time) 前）：\(title)" }
        static func csvName(_ title: String) -> String { "阅读回执-\(title).csv" }

        static let csvUnit = "单位"
        static let csvName = "姓名"
        static let csvRead = "阅读"
        static let csvReadAt = "阅读时间"
        static let csvRepliedAt = "回执时间"
        static let read = "已读"
        static let unread = "未读"
        static let attending = "参加"
        static let notAttending = "不参加"

        static func replyFieldLabel(_ field: NoticeReplyField) -> String {
            switch field {
            case .attendance: "参加/不参加"
            case .count: "人数"
            case .contact: "联系人"
            case .note: "备注"
            }
        }

        static func statusLabel(_ status: Notice.Status) -> String {
            switch status {
            case .drafting: "起草中"
            case .reviewing: "审核中"
            case .published: "已发布"
            case .withdrawn: "已撤回"
            }
        }
    }

    static let noticesPage: [String: String] = [
        "nav_notices": "通知公告",
        "notices_title": "通知公告",
        "notices_new": "起草通知公告",
        "notices_received": "收到的",
        "notices_mine": "我发布的",
        "notices_empty": "没有通知公告。",
        "notices_kept_empty": "您还没有起草或发布通知公告。",
        "notices_all_columns": "全部栏目",
        "filter": "筛选",
        "delete": "删除",
        "notice_title": "标题",
        "notice_body": "正文",
        "notice_body_help": "每段一行。以“# ”开头为小标题，“- ”开头为列表项；**文字** 为粗体；[文字](https://…) 为链接。不能插入网页代码。",
        "notice_column": "栏目",
        "notice_unit": "发布单位",
        "notice_recipient_unit": "单位",
        "notice_author": "起草人",
        "notice_status": "状态",
        "notice_updated": "更新时间",
        "notice_audience": "发布范围",
        "notice_audience_help": "可选本单位（政府办公室为其所服务的政府）及其下级单位、本单位部门、角色或人员，可组合。",
        "notice_audience_fixed": "已发布的通知公告，发布范围不能更改。",
        "notice_unit_trees": "单位（含下级单位）",
        "notice_units": "单位（仅本级）",
        "notice_departments": "部门",
        "notice_roles": "角色",
        "notice_people": "人员",
        "notice_important": "重要",
        "notice_important_help": "重要通知（同时以短信提醒接收人）",
        "notice_pinned": "置顶",
        "notice_pinned_until": "置顶至",
        "notice_expires_at": "有效期至",
        "notice_reply_fields": "回执内容",
        "notice_reply_fields_help": "勾选后，接收人须填写回执；不勾选则不需要回执。",
        "notice_edit": "修改",
        "notice_submit": "送审",
        "notice_submit_hint": "送审后按栏目的审核流程审核，审核通过即发布到发布范围内每个人的工作台。",
        "notice_returned": "审核未通过",
        "notice_withdrawn": "已撤回",
        "notice_changed": "已更新",
        "notice_unread": "未读",
        "notice_read": "已读",
        "notice_replied": "已回执",
        "notice_reply_needed": "待回执",
        "notice_files": "附件",
        "notice_attach": "上传附件",
        "notice_attach_help": "图片在正文下方显示，其他文件供下载；单个文件不超过 20 MB。",
        "notice_upload": "上传",
        "notice_reply": "回执",
        "notice_replied_at": "回执时间",
        "notice_attendance": "是否参加",
        "notice_attending_yes": "参加",
        "notice_attending_no": "不参加",
        "notice_count": "人数",
        "notice_contact": "联系人及电话",
        "notice_note": "备注",
        "notice_reply_submit": "提交回执",
        "notice_receipts": "阅读与回执",
        "notice_review_history": "审核记录",
        "notice_remind": "催阅未读人员",
        "notice_withdraw": "撤回",
        "notice_withdraw_reason": "撤回原因",
        "notice_versions": "修改前的版本",
        "notice_back": "返回通知",
        "notice_export_csv": "导出表格（CSV）",
        "notice_by_unit": "按单位",
        "notice_by_person": "按人员",
        "notice_recipients": "接收人数",
        "notice_person": "姓名",
        "notice_read_at": "阅读时间",
        "notice_reminded_at": "催阅时间",
        "columns_title": "通知公告栏目",
        "columns_name": "栏目名称",
        "columns_public": "对外公开",
        "columns_public_help": "对外公开的栏目经发布单位审核、网络管理部门审核、保密审查后发布，并提供供门户网站抓取的订阅源（Atom）。",
        "columns_publisher_role": "可发布的角色",
        "columns_process": "审核流程",
        "columns_process_help": "留空时按是否对外公开选用默认流程。",
        "columns_order": "排序",
        "columns_disabled": "停用",
        "columns_feed": "订阅源",
        "columns_new": "新增栏目",
        "columns_edit": "修改栏目",
        "columns_empty": "本单位还没有栏目。",
    ]
}
