import Foundation

/// The texts of 刊物 and 信息专供 (see ``Strings``).
extension Strings {
    enum Bulletins {
        static let listTitle = "刊物"
        static let readingTitle = "信息专供"
        static let readingAddTitle = "加入信息专供"
        static let instructTitle = "批示"
        static let created = "刊物已创建。"
        static let issueCreated = "已新建一期（草稿）。"
        static let saved = "已保存。"
        static let itemAdded = "稿件已加入本期。"
        static let itemRemoved = "稿件已移出本期。"
        static let submitted = "已送审，审批同意后即发布。"
        static let instructed = "批示已送达编辑和报送单位。"
        static let supervised = "已转为督办事项。"
        static let readingAdded = "已加入该领导的信息专供。"

        static let notEditor = "只有本单位的信息编辑可以编辑刊物。"
        static let nameInvalid = "请填写刊物名称（50 字以内）。"
        static let nameTaken = "本单位已有同名刊物。"
        static let kindInvalid = "请选择刊物类别。"
        static let readersInvalid = "阅读对象中有无效的人员或单位。"
        static let footerTooLong = "报、送、发各不能超过 300 字。"
        static let copiesInvalid = "印数应为 1 至 100000。"
        static let notDraft = "只有草稿可以修改；审批中或已发布的一期不能再改。"
        static let editedMeanwhile = "这一期已被他人修改，请刷新后重新操作。"
        static let itemTitleRequired = "请填写稿件标题。"
        static let itemTitleTooLong = "稿件标题不能超过 200 字。"
        static let itemBodyRequired = "请填写稿件正文。"
        static let itemBodyTooLong = "稿件正文不能超过 20000 字。"
        static let sourceTooLong = "来源单位不能超过 100 字。"
        static let noteTooLong = "按语或备注过长。"
        static let reportNotAdopted = "该信息未被采用或不在您的编辑范围内。"
        static let reportAlreadyIn = "该信息已在本期中。"
        static let tooManyItems = "一期最多 50 篇稿件。"
        static let orderInvalid = "排序须包含本期的每一篇稿件，且各一次。"
        static let noItems = "本期还没有稿件。"
        static let noReaders = "请选择阅读对象（领导或单位）。"
        static let processMissing = "刊物审批流程尚未部署，请联系流程管理员。"
        static let rejectReasonRequired = "不同意时请在意见中写明理由，编辑将据此修改。"
        static let returnedTitle = "刊物被退回修改"
        static let strokesInvalid = "手写批示无法识别（笔画过多或超出画布），请清除后重写。"
        static let handwritingLabel = "手写批示"
        static let handwritingOnly = "（手写批示）"
        static let notLeaderReader = "只有收阅本期的领导可以批示。"
        static let instructionTooLong = "批示不能超过 1000 字。"
        static let instructionEmpty = "请填写批示或手写批示。"
        static let notSupervisor = "转督办需要督查室（督查员）权限。"
        static let alreadySupervised = "这条批示已转为督办事项。"
        static let notReadingKeeper = "只有信息编辑和文书可以为领导加入信息专供。"
        static let leaderInvalid = "请选择您所服务单位的领导。"
        static let notPublished = "只有已发布的刊物可以加入信息专供。"
        static let leaderCannotSee = "该领导无权查看此公文，不能加入其信息专供。"
        static let kindOutgoing = "发文"
        /// An issue before publishing has no 期号 yet.
        static let unnumbered = "未编期号"
        static let kindIncoming = "收文"

        static func approvalTitle(_ name: String) -> String { "\(name)审批" }
        static func numberText(year: Int, number: Int, total: Int?) -> String {
            "\(year)年第\(number)期" + (total.map { "（总第\($0)期）" } ?? "")
        }
        static func issueLabel(name: String, year: Int, number: Int) -> String {
            number > 0 ? "《\(name)》\(year)年第\(number)期" : "《\(name)》（草稿）"
        }
        static func publishedTitle(_ label: String) -> String { "请阅：\(label)" }
        static func publishedEditorTitle(_ label: String) -> String { "\(label)已审批发布" }
        static func instructionTitle(leader: String, item: String) -> String { "\(leader)批示：\(item)" }
        static func instructionReporterTitle(leader: String, item: String, issue: String) -> String { "您报送的信息《\(item)》刊于\(issue)，\(leader)已批示" }
        static func supervisionSource(issue: String, leader: String) -> String { "\(issue)\(leader)批示" }
        static func supervisionRequirement(leader: String, text: String) -> String { "\(leader)批示：\(text)" }
        static func readingAddedTitle(_ label: String) -> String { "信息专供：\(label)" }

        static func kindLabel(_ kind: Bulletin.Kind) -> String {
            switch kind {
            case .briefing: "简报"
            case .special: "专报"
            case .express: "信息快报"
            }
        }

        static func statusLabel(_ status: BulletinIssue.Status) -> String {
            switch status {
            case .draft: "草稿"
            case .reviewing: "审批中"
            case .published: "已发布"
            }
        }

        static func readingKindLabel(_ kind: ReadingListEntry.Kind) -> String {
            switch kind {
            case .issue: "刊物"
            case .item: "稿件"
            case .outgoing: kindOutgoing
            case .incoming: kindIncoming
            }
        }
    }

    static let bulletinsPage: [String: String] = [
        "nav_bulletins": "刊物",
        "nav_reading": "信息专供",
        "bulletins_title": "刊物",
        "bulletins_empty": "还没有刊物。",
        "bulletins_new": "新建刊物",
        "bulletins_name": "刊物名称",
        "bulletins_kind": "类别",
        "bulletins_create": "创建",
        "bulletins_issues": "各期",
        "bulletins_new_issue": "新建一期",
        "bulletins_no_issues": "还没有发布的期。",
        "bulletins_draft": "草稿",
        "bulletins_status": "状态",
        "bulletins_number": "期号",
        "bulletins_published_at": "发布时间",
        "bulletins_readers": "阅读对象",
        "bulletins_reader_people": "领导（人员）",
        "bulletins_reader_units": "单位（其领导收阅）",
        "bulletins_reader_help": "按住 Ctrl 或 Command 多选。",
        "bulletins_report_to": "报",
        "bulletins_send_to": "送",
        "bulletins_distribute_to": "发",
        "bulletins_copies": "印数（份，可不填）",
        "bulletins_save": "保存",
        "bulletins_items": "稿件",
        "bulletins_no_items": "本期还没有稿件。",
        "bulletins_item_title": "标题",
        "bulletins_item_body": "正文",
        "bulletins_item_body_help": "每段一行。",
        "bulletins_item_source": "来源单位",
        "bulletins_item_note": "按语",
        "bulletins_item_note_help": "编者按，印在稿件标题之前（可不填）。",
        "bulletins_add_item": "手工添加稿件",
        "bulletins_add": "加入本期",
        "bulletins_adopted": "从采用信息中选稿",
        "bulletins_adopted_none": "暂无可选的采用信息。",
        "bulletins_adopted_pick": "选用",
        "bulletins_edit_item": "修改",
        "bulletins_remove": "移出",
        "bulletins_up": "上移",
        "bulletins_down": "下移",
        "bulletins_submit": "送审",
        "bulletins_submit_hint": "送本单位主要负责同志审批，同意后即发布并编入期号。",
        "bulletins_returned": "退回意见",
        "bulletins_print": "版式预览",
        "bulletins_ofd": "下载 OFD",
        "bulletins_note_label": "按",
        "bulletins_instructions": "领导批示",
        "bulletins_instruct": "批示",
        "bulletins_instruct_text": "批示内容",
        "bulletins_handwriting": "手写批示",
        "bulletins_handwriting_help": "可在框内用手指或鼠标书写。",
        "bulletins_clear": "清除",
        "bulletins_send": "提交批示",
        "bulletins_supervise": "转督办",
        "bulletins_supervise_deadline": "办理时限",
        "bulletins_supervise_lead": "主办单位",
        "bulletins_supervised": "已转督办",
        "bulletins_read_status": "阅读情况",
        "bulletins_read": "已阅",
        "bulletins_unread": "未读",
        "bulletins_add_reading": "加入领导信息专供",
        "bulletins_leader": "领导",
        "bulletins_reading_note": "附言",
        "bulletins_add_reading_submit": "加入",
        "bulletins_source": "来源",
        "reading_title": "信息专供",
        "reading_empty": "暂无专供信息。",
        "reading_new": "新",
        "reading_add_title": "加入信息专供",
        "reading_add_kind": "类型",
        "reading_add_target": "编号",
    ]
}
