/// The texts of 内部邮件 (see ``Strings``).
extension Strings {
    enum Mail {
        static let title = "邮件"
        static let composeTitle = "写邮件"
        static let settingsTitle = "文件夹与通讯组"
        static let auditLabel = "内部邮件"
        static let saved = "草稿已保存。"
        static let sent = "邮件已发送。"
        static let deleted = "已移到已删除。"
        static let deletedForGood = "已彻底删除。"
        static let restored = "已恢复。"
        static let moved = "已移动。"
        static let folderSaved = "文件夹已建立。"
        static let groupSaved = "通讯组已保存。"
        static let removed = "已删除。"

        static let subjectRequired = "请填写主题。"
        static let subjectTooLong = "主题不能超过 200 字。"
        static let bodyTooLong = "正文不能超过 50000 字。"
        static let recipientRequired = "请至少选择一个收件人。"
        static let recipientInvalid = "有收件人不存在或已停用，请重新选择。"
        static let nobodyReached = "所选收件人中没有可以接收邮件的人员。"
        static let alreadySent = "这封邮件已经发出，不能再修改。"
        static let editedMeanwhile = "草稿已在别处修改，请刷新后再编辑。"
        static let notSent = "只有已发出的邮件可以这样操作。"
        static let notSender = "只有发件人可以撤回邮件。"
        static let notInTrash = "这封邮件不在已删除中。"
        static let folderInvalid = "没有这个文件夹。"
        static let folderNameRequired = "请填写文件夹名称（30 字以内）。"
        static let folderNameTaken = "已有同名文件夹。"
        static let groupNameRequired = "请填写通讯组名称（30 字以内）。"
        static let groupNameTaken = "已有同名通讯组。"
        static let groupMembersRequired = "请选择通讯组成员（1 至 500 人，须为在用账户）。"
        static let attachmentRefused = "请上传 PDF、OFD、Word、Excel、文本或 PNG/JPEG 图片文件。"
        static let quotaExceeded = "您的邮箱已满，请清理已删除或不再需要的邮件（含附件）后再试。"
        static let replyPrefix = "回复："
        static let forwardPrefix = "转发："
        static let nameUnknown = "找不到这个收件人，请在候选中选择。"
        static func attachmentTooLarge(_ bytes: Int) -> String { "附件不能超过 \(UploadedFiles.sizeText(bytes))。" }
        static func recalled(_ names: [String]) -> String {
            names.isEmpty ? "所有收件人都已阅读，无法撤回。" : "已从 \(names.count) 人处撤回：\(names.joined(separator: "、"))。"
        }
        static func newMailTitle(important: Bool, subject: String) -> String { important ? "重要邮件：\(subject)" : "新邮件：\(subject)" }
        static func quoteHeader(sender: String, time: String) -> String { "—— \(sender) 于 \(time) 写道：" }
        static func roleLabel(_ name: String) -> String { "\(name)（本单位）" }
        static func unitLabel(_ name: String) -> String { "\(name)（全体）" }
        static func groupLabel(_ name: String) -> String { "\(name)（通讯组）" }
        static func usage(used: Int, quota: Int) -> String { "已用 \(UploadedFiles.sizeText(used))，共 \(size(quota))" }
        /// `1 GB` for whole gigabytes, else as uploads show sizes.
        static func size(_ bytes: Int) -> String { bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? "\(bytes >> 30) GB" : UploadedFiles.sizeText(bytes) }
        static func linkLine(_ title: String, _ link: String) -> String { "[\(title.isEmpty ? link : title)](\(link))" }

        static func kindLabel(_ kind: MailAddress.Kind) -> String {
            switch kind {
            case .person: "人员"
            case .department: "部门"
            case .unit: "单位"
            case .role: "角色"
            case .group: "通讯组"
            }
        }

        static func folderLabel(_ folder: MailDelivery.Folder) -> String {
            switch folder {
            case .inbox: "收件箱"
            case .sent: "已发送"
            case .drafts: "草稿箱"
            case .trash: "已删除"
            case .custom: "文件夹"
            }
        }
    }

    static let mailPage: [String: String] = [
        "nav_mail": "邮件",
        "mail_compose": "写邮件",
        "mail_search": "搜索邮件",
        "mail_search_button": "搜索",
        "mail_search_results": "搜索结果",
        "mail_empty": "没有邮件。",
        "mail_folders": "文件夹",
        "mail_settings": "文件夹与通讯组",
        "mail_from": "发件人",
        "mail_to": "收件人",
        "mail_cc": "抄送",
        "mail_bcc": "密送",
        "mail_bcc_help": "密送的人不会出现在其他收件人看到的名单中。",
        "mail_subject": "主题",
        "mail_body": "正文",
        "mail_time": "时间",
        "mail_attachments": "附件",
        "mail_attach": "添加附件",
        "mail_attach_help": "可上传 PDF、OFD、Word、Excel、文本或图片文件，保存或发送时一并上传。",
        "mail_important": "重要",
        "mail_receipt": "需回执",
        "mail_receipt_help": "需回执（可看到谁在何时阅读）",
        "mail_unread": "未读",
        "mail_flagged": "已标记",
        "mail_send": "发送",
        "mail_save": "保存草稿",
        "mail_picker_help": "输入姓名、拼音首字母、手机号，或部门、单位、角色、通讯组名称查找；也可直接输入姓名，以逗号分隔。",
        "mail_picker_find": "查找",
        "mail_picker_remove": "移除",
        "mail_reply": "回复",
        "mail_reply_all": "回复全部",
        "mail_forward": "转发",
        "mail_recall": "撤回",
        "mail_recall_confirm": "撤回后，尚未阅读的收件人将看不到这封邮件；已阅读的人仍保留。确定撤回吗？",
        "mail_mark_unread": "标为未读",
        "mail_mark_read": "标为已读",
        "mail_flag": "标记",
        "mail_unflag": "取消标记",
        "mail_delete": "删除",
        "mail_delete_forever": "彻底删除",
        "mail_delete_forever_confirm": "彻底删除后无法恢复。确定吗？",
        "mail_restore": "恢复",
        "mail_move": "移到",
        "mail_move_button": "移动",
        "mail_edit_draft": "继续编辑",
        "mail_thread": "同一会话",
        "mail_recipients": "收件情况",
        "mail_read_at": "阅读时间",
        "mail_not_read": "未读",
        "mail_recalled": "已撤回",
        "mail_no_receipt": "这封邮件未要求回执，不显示阅读情况。",
        "mail_trash_help": "已删除中的邮件 30 天后自动彻底删除。",
        "mail_folder_name": "文件夹名称",
        "mail_folder_add": "新建文件夹",
        "mail_group_name": "通讯组名称",
        "mail_group_members": "成员",
        "mail_group_add": "保存通讯组",
        "mail_groups": "个人通讯组",
        "mail_no_folders": "还没有个人文件夹。",
        "mail_no_groups": "还没有个人通讯组。",
        "mail_autosave_idle": "每分钟自动保存草稿。",
        "mail_autosave_saved": "草稿已自动保存",
        "mail_autosave_failed": "自动保存失败，您输入的内容仍在页面上，请稍后手动保存：",
        "mail_body_help": "每段一行。“# ”开头为小标题，“- ”开头为列表项；**文字** 为粗体；[文字](链接) 为链接。",
        "mail_forward_to_mail": "转发到邮件",
    ]
}
