import Foundation
import Gongwen

/// The texts of 督查督办 (see ``Strings``).
extension Strings {
    enum Supervision {
        static let boardTitle = "督查督办"
        static let newTitle = "督办立项"
        static let editTitle = "修改督办事项"
        static let importTitle = "导入督办事项"
        static let bulletinTitle = "督查通报"
        static let opened = "已立项，责任单位已收到通知。"
        static let saved = "已保存。"
        static let split = "子事项已分解。"
        static let reported = "进展已报送。"
        static let reportAccepted = "反馈已采纳。"
        static let reportReturned = "反馈已退回。"
        static func reminded(_ count: Int) -> String { "已向 \(count) 个责任单位催办。" }
        static let extensionAsked = "延期申请已提交。"
        static let extensionGranted = "已同意延期。"
        static let extensionRefused = "已不同意延期。"
        static let completionAsked = "办结申请已提交，等待督查室审核。"
        static let completed = "已审核办结。"
        static let completionReturned = "办结申请已退回。"
        static let evaluated = "评价已保存。"
        static let closed = "事项已关闭。"
        static let fileAdded = "附件已上传。"
        static func imported(_ count: Int) -> String { "已导入 \(count) 项督办事项。" }
        static let bulletinSent = "督查通报已生成发文草稿，请在发文中继续编辑、送审。"
        static let bulletinNoticed = "督查通报已生成通知公告草稿，请检查后送审发布。"

        static let titleRequired = "请填写事项名称。"
        static let titleTooLong = "事项名称不能超过 200 字。"
        static let requirementsTooLong = "办理要求不能超过 5000 字。"
        static let sourceTooLong = "来源不能超过 200 字。"
        static let sourceRequired = "请填写来源（会议名称、报告章节等）。"
        static let categoryRequired = "请选择督办类别。"
        static let cycleRequired = "请选择反馈周期。"
        static let cycleDaysInvalid = "自定义周期应为 1 至 60 个工作日。"
        static let deadlineInvalid = "日期格式应为 2026-12-31。"
        static let deadlineInPast = "办结时限不能早于今天。"
        static let classificationInvalid = "密级应为秘密、机密或绝密，非密请留空。"
        static let classifiedRefused = "本平台不是涉密网络，不能处理涉密督办事项。"
        static let leaderInvalid = "责任领导应为在职的单位领导。"
        static let leadUnitRequired = "请至少选择一个主办单位。"
        static let unitOutsideScope = "主办、协办单位只能是本督查室督办范围内的在用单位。"
        static let incomingRequired = "找不到这份收文，或您无权查看。"
        static let childTargetInvalid = "子事项只能交给本单位的部门或下级单位。"
        static func childDeadlineLate(_ day: String) -> String { "时限不能晚于上级事项的办结时限（\(day)）。" }
        static func extensionNotLater(_ day: String) -> String { "延期后的时限应晚于现在的办结时限（\(day)）。" }
        static let reasonRequired = "请填写理由（500 字以内）。"
        static let summaryRequired = "请填写办理情况（5000 字以内）。"
        static let reportTextRequired = "请填写进展情况（5000 字以内）。"
        static let progressInvalid = "完成进度应为 0 至 100 的整数。"
        static let messageTooLong = "催办内容不能超过 500 字。"
        static let scoreInvalid = "评分应为 0 至 100 的整数。"
        static let remarkTooLong = "评语不能超过 500 字。"
        static let unitUnknown = "该单位不是这个事项的责任单位。"
        static let fileRefused = "请上传 PDF、OFD、Word、Excel、文本或 PNG/JPEG 图片文件。"
        static let notOffice = "只有本事项的督查室可以进行此操作。"
        static func meetingSource(title: String, day: String) -> String { "\(title)（\(day)）议定事项" }
        static let notDecider = "只有督查室或责任领导可以审批延期。"
        static let notLead = "只有主办单位可以进行此操作。"
        static let notResponsible = "只有责任单位可以报送进展。"
        static let notFileOwner = "只能给自己报送、尚未审核的反馈添加附件。"
        static let notOpen = "事项不在办理中，不能进行此操作。"
        static let alreadyClosed = "事项已经关闭。"
        static let editedMeanwhile = "这个事项已被他人修改，请刷新后重新填写。"
        static let reportDecided = "这份反馈已经审核过了。"
        static let extensionPending = "已有一份延期申请等待审批。"
        static let extensionDecided = "这份延期申请已经审批过了。"
        static let childrenOpen = "还有子事项没有办结，不能申请办结。"
        static let noCompletionRequest = "没有等待审核的办结申请。"
        static let notCompleted = "事项办结后才能评价。"
        static let watchName = "系统自动催办"
        static let filterInvalid = "筛选条件无效。"
        static let unclassified = "非密"
        static let closingRequired = "请选择终止或撤销。"
        static let periodInvalid = "请填写有效的起止日期（如 2026-11-01 至 2026-11-30）。"
        static let bulletinTextRequired = "请填写通报正文（50000 字以内）。"
        static let importUnreadable = "无法读取这个文件，请上传 CSV（UTF-8 或 GBK）或 XLSX 表格。"
        static let importEmpty = "表格中没有督办事项。"
        static let importTooMany = "一次最多导入 1000 项。"
        static func importRefused(_ count: Int) -> String { "有 \(count) 处问题，未导入任何事项。请修改后重新上传。" }
        static func importUnknownColumn(_ name: String) -> String { "无法识别的列“\(name)”。" }
        static func importMissingColumn(_ name: String) -> String { "缺少“\(name)”列。" }
        static func importUnitUnknown(_ name: String) -> String { "单位“\(name)”不存在或不在督办范围内。" }
        static func importCategoryUnknown(_ name: String) -> String { "督办类别“\(name)”无法识别（领导批示件、重点工作、会议议定事项、建议提案）。" }
        static func importCycleUnknown(_ name: String) -> String { "反馈周期“\(name)”无法识别（一次性、每周、每月、每N个工作日）。" }
        static func importLeaderUnknown(_ name: String) -> String { "责任领导“\(name)”不存在或不唯一。" }
        static func importRow(_ row: Int) -> String { row <= 0 ? "文件" : "第 \(row) 行" }
        static func bulletinDocumentTitle(unit: String, from: String, to: String) -> String { "\(unit)关于\(printed(from))至\(printed(to))督查督办工作情况的通报" }
        /// `2026-12-01` as a 公文 writes it: 2026年12月1日.
        static func printed(_ day: String) -> String { DocumentDate(iso: day)?.formatted ?? day }
        static func bulletinOverview(_ f: SupervisionBulletin.Figures) -> String {
            "一、总体情况。\(printed(f.from))至\(printed(f.to))，在办督办事项 \(f.handled) 项，其中新立项 \(f.opened) 项；办结 \(f.completed) 项，其中按时办结 \(f.completedOnTime) 项，按时办结率 \(f.onTimeRate)%；逾期未办结 \(f.overdue) 项。"
        }
        static func bulletinCategories(_ text: String) -> String { "二、分类情况。\(text)。" }
        static let bulletinNoOverdue = "三、逾期情况。本期无逾期未办结事项。"
        static let bulletinOverdueHeading = "三、逾期情况。以下单位主办的事项逾期未办结："
        static func bulletinReports(_ f: SupervisionBulletin.Figures) -> String {
            let late = f.lateReporters.isEmpty ? "各责任单位均按时报送进展。" : "未按时报送进展的单位：\(f.lateReporters.joined(separator: "、"))。"
            return "四、反馈情况。本期共报送进展 \(f.reports) 次，按时 \(f.reportsOnTime) 次。\(late)"
        }
        static let bulletinClosing = "请逾期单位认真分析原因，抓紧办理，按时报送进展；督查室将继续跟踪督办。"
        static let bulletinClosingNoneLate = "请各责任单位继续按时办理、按时报送进展；督查室将继续跟踪督办。"
        static let noLeader = "（未定责任领导）"
        static let defaultReminder = "请抓紧办理，按时报送进展。"

        static func incomingSource(number: String, title: String) -> String { "收文 \(number)《\(title)》" }
        static func assignedTitle(_ title: String) -> String { "督办事项：\(title)" }
        static func dueBody(_ day: String) -> String { "办结时限：\(day)" }
        static func reportedTitle(unit: String, item: String) -> String { "\(unit)报送了进展：\(item)" }
        static func reportReturnedTitle(_ title: String) -> String { "反馈被退回：\(title)" }
        static func remindedTitle(_ title: String) -> String { "督办催办：\(title)" }
        static func extensionAskedTitle(_ title: String) -> String { "延期申请：\(title)" }
        static func extensionDecidedTitle(_ title: String, granted: Bool) -> String { granted ? "已同意延期：\(title)" : "不同意延期：\(title)" }
        static func completionAskedTitle(_ title: String) -> String { "办结申请：\(title)" }
        static func completionDecidedTitle(_ title: String, approved: Bool) -> String { approved ? "已办结：\(title)" : "办结申请被退回：\(title)" }
        static func closedTitle(_ title: String, _ how: SupervisionService.Closing) -> String {
            how == .terminate ? "督办事项已终止：\(title)" : "督办事项已撤销：\(title)"
        }
        static func autoReportSoon(_ day: String) -> String { "请于 \(day) 前报送进展。" }
        static func autoReportLate(_ day: String) -> String { "应于 \(day) 报送的进展尚未报送，已逾期。" }
        static func autoDeadlineSoon(_ day: String) -> String { "办结时限 \(day) 即将到期。" }
        static func autoDeadlineLate(_ day: String) -> String { "已超过办结时限 \(day)，尚未办结。" }

        static func sourceLabel(_ source: SupervisionItem.Source) -> String {
            switch source {
            case .instruction: "领导批示（收文）"
            case .meeting: "会议议定"
            case .workReport: "政府工作报告任务"
            case .manual: "自行立项"
            }
        }

        static func categoryLabel(_ category: SupervisionItem.Category) -> String {
            switch category {
            case .leaderInstruction: "领导批示件"
            case .keyWork: "重点工作"
            case .meetingDecision: "会议议定事项"
            case .proposal: "建议提案"
            }
        }

        static func cycleLabel(_ cycle: SupervisionItem.Cycle, days: Int?) -> String {
            switch cycle {
            case .once: "一次性"
            case .weekly: "每周"
            case .monthly: "每月"
            case .custom: "每 \(days ?? 0) 个工作日"
            }
        }

        static func stateLabel(_ state: SupervisionItem.State) -> String {
            switch state {
            case .open: "办理中"
            case .completionRequested: "办结审核中"
            case .completed: "已办结"
            case .terminated: "已终止"
            case .cancelled: "已撤销"
            }
        }

        static func lightLabel(_ light: SupervisionLight) -> String {
            switch light {
            case .normal: "正常"
            case .nearing: "临期"
            case .overdue: "逾期"
            case .done: "办结"
            }
        }

        static func roleLabel(_ role: SupervisionAssignment.Role) -> String { role == .lead ? "主办" : "协办" }

        static func reportStateLabel(_ state: SupervisionReport.State) -> String {
            switch state {
            case .submitted: "待审核"
            case .accepted: "已采纳"
            case .returned: "已退回"
            }
        }

        static func extensionStateLabel(_ state: SupervisionExtension.State) -> String {
            switch state {
            case .pending: "待审批"
            case .granted: "已同意"
            case .refused: "不同意"
            }
        }
    }
}

extension Strings {
    static let supervisionPage: [String: String] = [
        "supervision_title": "督查督办",
        "supervision_todo": "待我办理",
        "supervision_all": "全部事项",
        "supervision_new": "督办立项",
        "supervision_edit": "修改",
        "supervision_import": "导入事项",
        "supervision_bulletin": "督查通报",
        "supervision_status": "状态",
        "supervision_any": "全部",
        "supervision_choose": "请选择",
        "supervision_category": "督办类别",
        "supervision_lead_unit": "主办单位",
        "supervision_assist_unit": "协办单位",
        "supervision_units_help": "可多选（按住 Ctrl 或 ⌘）；只能选择本督查室督办范围内的单位。",
        "supervision_leader": "责任领导",
        "supervision_opened_from": "立项自",
        "supervision_opened_to": "立项至",
        "supervision_empty": "没有督办事项。",
        "supervision_light": "状态",
        "supervision_item_title": "事项名称",
        "supervision_responsible": "责任单位",
        "supervision_deadline": "办结时限",
        "supervision_progress": "进度",
        "supervision_state": "办理状态",
        "supervision_child": "子事项",
        "supervision_next_report": "下次反馈",
        "supervision_next_due": "最近应办",
        "supervision_by_leader": "按责任领导",
        "supervision_by_unit": "按主办单位",
        "supervision_normal": "正常",
        "supervision_nearing": "临期",
        "supervision_overdue": "逾期",
        "supervision_done": "办结",
        "supervision_source": "来源",
        "supervision_source_text": "来源说明",
        "supervision_instruction": "领导批示",
        "supervision_no_instruction": "这份收文还没有领导批示。",
        "supervision_requirements": "办理要求",
        "supervision_cycle": "反馈周期",
        "supervision_cycle_days": "自定义周期（工作日）",
        "supervision_classification": "密级",
        "supervision_open": "立项",
        "supervision_incoming": "查看收文",
        "supervision_parent": "上级事项",
        "supervision_office": "督查室",
        "supervision_on_time": "按时办结",
        "supervision_late_done": "逾期办结",
        "supervision_late": "逾期",
        "supervision_completion_summary": "办理情况",
        "supervision_completion_returned": "办结申请被退回",
        "supervision_parts": "责任单位",
        "supervision_unit": "单位",
        "supervision_role": "分工",
        "supervision_score": "评分",
        "supervision_remark": "评语",
        "supervision_mine": "我单位",
        "supervision_children": "子事项",
        "supervision_report": "报送进展",
        "supervision_report_text": "进展情况",
        "supervision_report_progress": "完成进度（%）",
        "supervision_report_submit": "报送",
        "supervision_attachment": "附件",
        "supervision_reports": "进展反馈",
        "supervision_return_reason": "退回理由",
        "supervision_accept": "采纳",
        "supervision_return": "退回",
        "supervision_extensions": "延期申请",
        "supervision_decision_reason": "审批意见",
        "supervision_grant": "同意延期",
        "supervision_refuse": "不同意",
        "supervision_completion_review": "审核办结申请",
        "supervision_approve_completion": "同意办结",
        "supervision_return_completion": "退回",
        "supervision_evaluate": "评价",
        "supervision_request_extension": "申请延期",
        "supervision_new_deadline": "申请延期至",
        "supervision_reason": "理由",
        "supervision_split": "分解子事项",
        "supervision_child_target": "交给（本单位部门或下级单位）",
        "supervision_request_completion": "申请办结",
        "supervision_remind": "催办",
        "supervision_all_units": "全部责任单位",
        "supervision_remind_message": "催办内容",
        "supervision_files": "附件",
        "supervision_upload": "上传",
        "supervision_reminders": "催办记录",
        "supervision_close": "终止或撤销",
        "supervision_close_how": "方式",
        "supervision_terminate": "终止（不再办理）",
        "supervision_cancel": "撤销（立项有误）",
        "supervision_import_row": "位置",
        "supervision_import_problem": "问题",
        "supervision_import_help": "第一行为列名，可用的列：",
        "supervision_import_file": "表格文件（CSV 或 XLSX）",
        "supervision_period_from": "起始日期",
        "supervision_period_to": "截止日期",
        "supervision_generate": "生成",
        "supervision_fig_handled": "在办事项",
        "supervision_fig_opened": "新立项",
        "supervision_fig_completed": "办结",
        "supervision_fig_on_time": "按时办结",
        "supervision_fig_overdue": "逾期未办结",
        "supervision_fig_reports": "按时反馈 / 反馈次数",
        "supervision_bulletin_title": "通报标题",
        "supervision_bulletin_text": "通报正文（可修改）",
        "supervision_issuer_code": "机关代字",
        "supervision_send_outgoing": "生成发文草稿",
        "supervision_send_notice": "生成通知公告草稿",
        "supervision_notice_column": "通知公告栏目",
        "supervision_notice_help": "发布范围为本期事项的各责任单位；草稿送审通过后发布。",
        "supervision_start": "立项督办",
    ]
}
