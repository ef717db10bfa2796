/// The workflow's texts (see ``Strings``).
extension Strings {
    enum Workflow {
        static let noLeader = "找不到发起人的上级领导。"
        static func noHolder(_ code: String) -> String { "本单位（部门）没有人担任“\(code)”。" }
        static let nobodyChosen = "上一步没有选择下一步办理人。"
        static func variableEmpty(_ name: String) -> String { "流程变量 \(name) 中没有办理人。" }
        static let noCandidates = "没有可以认领此任务的人员。"
        static func unknownUser(_ name: String) -> String { "流程中指定的用户“\(name)”不存在。" }
        static func unknownHook(_ hook: String) -> String { "系统不提供服务任务钩子“\(hook)”。" }
        static let definitionUnreadable = "流程定义无法读取，请联系系统管理员。"
        static let fileNotXML = "请上传 UTF-8 编码的 BPMN 2.0 XML 文件。"
        static let fileTooLarge = "BPMN 文件不能超过 4 MB。"
        static let documentTypeRefused = "BPMN 文件含有文档类型声明（DOCTYPE）或实体定义，为防止实体展开拖垮服务器，不予接受。请从流程设计器重新导出后上传。"
        static let noProcess = "文件中没有可执行的流程。"
        static func modelInvalid(_ problems: [String]) -> String { "流程模型有误：" + problems.joined(separator: "；") }
        static let processNotDeployed = "该流程尚未部署或已停用。"
        static func messageNoReceiver(_ name: String, key: String?) -> String {
            "没有等待消息「\(name)」\(key.map { "（关联键 \($0)）" } ?? "")的流程，也没有由它启动的流程。"
        }
        static func messageAmbiguous(_ name: String) -> String { "有多个流程在等待消息「\(name)」，请给出关联键。" }
        static let messageNameInvalid = "消息名称不能为空，且不超过 200 个字符。"
        static let messageKeyInvalid = "关联键不超过 200 个字符。"
        static let messageIDInvalid = "消息编号不超过 200 个字符。"
        static func messagePayloadInvalid(_ name: String) -> String { "消息内容 \(name) 只能是文字（不超过 2000 字）、数字、真假或空值。" }
        static let messagePayloadTooLarge = "消息内容最多 50 项。"
        static let messageNotForStart = "该消息将发起新流程，不能带 expectedVersion。"
        static let messageTooDeep = "消息连续转发层数过多，已停止。"
        static let timerStartNoDeployer = "该流程版本不是由人员部署的，定时启动没有发起人。"
        static func timerStartTitle(_ process: String, at moment: String) -> String { "\(process)（\(moment) 定时启动）" }
        static let taskNoLongerOpen = "该任务已办结或已被收回，无法再办理。"
        static let instanceChanged = "流程已被他人推进，请刷新后查看最新状态。"
        static func taskHandled(by name: String?, state: String) -> String {
            let what = state == "completed" ? "办理" : (state == "withdrawn" ? "收回" : (state == "returned" ? "退回" : "处理"))
            return name.map { "该任务已由\($0)\(what)，请刷新后查看最新状态。" } ?? "该任务已被\(what)，请刷新后查看最新状态。"
        }
        static let personUnavailable = "所选人员不存在或已停用。"
        static let titleRequired = "请填写标题。"
        static let titleTooLong = "标题不能超过 200 个字。"
        static let opinionTooLong = "意见不能超过 2000 个字。"
        static let personRequired = "请选择人员。"
        static let readersRequired = "请选择阅件人。"
        static let started = "流程已发起。"
        static let completed = "已提交。"
        static let returned = "已退回。"
        static let withdrawn = "已收回。"
        static let transferred = "已转办。"
        static let signerAdded = "已加签。"
        static let reminded = "已催办。"
        static let reminderTooLong = "催办留言不能超过 200 字。"
        static let overdueTitle = "逾期事项"
        static let overdueForbidden = "逾期事项由本单位收发员、公文审核员、单位领导和流程管理员查看。"
        static let awaitingClaim = "待认领"
        /// `3天2小时`, `5小时`, `不到1小时`.
        static func lateText(_ seconds: Double) -> String {
            let hours = Int(seconds / 3600)
            if hours < 1 { return "不到1小时" }
            return hours >= 24 ? "\(hours / 24)天" + (hours % 24 > 0 ? "\(hours % 24)小时" : "") : "\(hours)小时"
        }
        static func dueSoonTitle(task: String, document: String) -> String { "即将到期：“\(task)”——\(document)" }
        static func overdueTitle(task: String, document: String) -> String { "已逾期：“\(task)”——\(document)" }
        static func overdueLeaderTitle(person: String, task: String, document: String) -> String { "\(person)的“\(task)”已逾期——\(document)" }
        static func dueBody(_ due: String) -> String { "办理时限：\(due)" }
        static func reminderTitle(task: String, document: String) -> String { "催办：请尽快办理“\(task)”——\(document)" }
        static func reminderBody(by person: String?, message: String?) -> String {
            (person.map { "\($0)催办" } ?? "办理时限将到，系统催办") + (message.map { "：\($0)" } ?? "。")
        }
        static let circulated = "已传阅。"
        static let read = "已阅。"
        static let passedOn = "已转阅。"
        static let claimed = "已认领。"
        static let unclaimed = "已退回待认领。"
        static let suspended = "流程已挂起。"
        static let resumed = "流程已恢复。"
        static let terminated = "流程已终止。"
        static func deployed(_ versions: [String]) -> String {
            versions.isEmpty ? "文件与当前版本相同，未增加新版本。" : "已部署：" + versions.joined(separator: "、")
        }
        static let fileRequired = "请选择 BPMN 文件。"
        static let definitionDisabled = "已停用该流程版本。"
        static let definitionEnabled = "已启用该流程版本。"
        static let jobRetried = "已重新排队。"
        static let dayInvalid = "日期格式应为 2026-10-01。"
        static let dayNameRequired = "请填写名称（如“国庆节”）。"
        static let daySaved = "已保存。"
        static let delegationPeriodInvalid = "请填写有效的起止时间，且结束晚于开始。"
        static let delegationSaved = "委托已设置。"
        static let delegationEnded = "委托已结束。"
        static let statusInvalid = "参数 status 的取值无效。"
        static let systemActor = "系统"
        static let positionInvalid = "加签位置应为 before（之前）或 after（之后）。"
        // What a step's holder may decide (StepDecisions) and who may be added to the work (WorkParticipants).
        static func nextHolderLabel(_ step: String?) -> String { step.map { "\($0)人" } ?? "下一步办理人" }
        static let nobodyToChoose = "没有可以选择的人员，请联系单位管理员设置领导职务。"
        static func outcomeNotAllowed(_ offered: [String]) -> String {
            offered.isEmpty ? "此步骤不需要选择办理结果。" : "办理结果只能是：" + offered.joined(separator: "、") + "。"
        }
        static func decisionNotAllowed(_ name: String) -> String { "此步骤不能设置“\(name)”。" }
        static func decisionRequired(_ label: String) -> String { "请选择\(label)。" }
        static func choiceNotAllowed(_ label: String) -> String { "\(label)只能从此步骤列出的选项中选择。" }
        static func choiceMalformed(_ label: String) -> String { "\(label)的取值格式不对。" }
        static func dateInvalid(_ label: String) -> String { "\(label)应为日期，如 2026-12-31。" }
        static func dateInPast(_ label: String) -> String { "\(label)不能早于今天。" }
        static let personNotAllowed = "只能选择本单位（及本单位服务的人民政府）的在岗人员。"
        static let processBound = "该流程只能由对应的公文（如送审发文、签收来文）发起，不能单独发起。"
        static func variableNotAllowed(_ name: String) -> String { "发起时不能设置“\(name)”：只能填写流程条件用到的数据。" }
        static func variableMalformed(_ name: String) -> String { "“\(name)”应为不超过 2000 字的文字、数字或是否。" }
        static let returnReasonRequired = "请填写退回理由。"
        static let noteTooLong = "附言不能超过 500 字。"
        static func taskClaimed(by name: String?) -> String { "该任务已被\(name ?? "他人")认领。" }

        static func stateLabel(_ state: String) -> String {
            switch state {
            case "open": "待办"
            case "completed": "已办"
            case "cancelled": "已取消"
            case "returned": "已退回"
            case "withdrawn": "已收回"
            default: state
            }
        }

        /// The page's two outcomes in words; other outcomes (from the API or a model) as they are.
        static func outcomeLabel(_ outcome: String) -> String {
            switch outcome {
            case "approve": "同意"
            case "reject": "不同意"
            case "circled": "圈阅"
            case "return": "退回来文单位"
            default: outcome
            }
        }

        static func statusLabel(_ status: String) -> String {
            switch status {
            case "running": "运行中"
            case "suspended": "已挂起"
            case "completed": "已办结"
            case "terminated": "已终止"
            default: status
            }
        }
    }

    static let workflowPage: [String: String] = [
        "nav_tasks": "待办",
        "tasks_open": "待办",
        "tasks_done": "已办",
        "circulations_unread": "待阅",
        "circulations_read": "已阅",
        "tasks_empty": "暂无事项。",
        "task_title": "标题",
        "task_step": "当前步骤",
        "task_step_name": "办理步骤",
        "task_from": "发起人",
        "task_received": "收到时间",
        "task_due": "办理期限",
        "task_overdue": "已超期",
        "task_completed_at": "办理时间",
        "task_opinion": "意见",
        "task_outcome": "办理结果",
        "task_delegated_from": "委托人",
        "task_claim": "认领",
        "task_unclaim": "放弃认领",
        "task_submit": "提交",
        "task_outcome_approve": "同意",
        "task_outcome_reject": "不同意",
        "task_outcome_circled": "圈阅",
        "task_next_assignee": "下一步办理人",
        "task_return": "退回",
        "task_return_to": "退回到",
        "task_return_reason": "退回理由",
        "task_transfer": "转办",
        "task_transfer_to": "转办给",
        "task_add_signer": "加签",
        "task_add_signer_before": "在我之前（加签人办完后回到我）",
        "task_add_signer_after": "在我之后（我办完后再由加签人办理）",
        "task_withdraw": "收回",
        "task_withdraw_hint": "下一步办理人尚未打开时，可以收回重新办理。",
        "task_remind": "催办",
        "task_remind_message": "催办留言",
        "task_remind_placeholder": "如：请于今天下班前办理",
        "task_reminders": "催办记录",
        "overdue_title": "逾期事项",
        "overdue_empty": "没有逾期事项。",
        "overdue_item": "事项",
        "overdue_step": "环节",
        "overdue_holder": "办理人",
        "overdue_unit": "单位",
        "overdue_due": "办理时限",
        "overdue_late": "逾期",
        "overdue_reminders": "催办次数",
        "overdue_chase": "查看并催办",
        "overdue_link": "逾期事项",
        "task_circulate": "传阅",
        "task_circulate_readers": "阅件人",
        "task_circulate_ordered": "依次传阅",
        "task_circulate_note": "附言",
        "task_unsent_opinion": "您填写的以下意见没有提交，可复制后另行处理：",
        "task_on_hold": "正在等待加签人办理，办完后回到您这里。",
        "task_candidates_hint": "此任务可由多人认领，认领后由您办理。",
        "task_history": "办理记录",
        "task_view_instance": "查看流程图",
        "task_business": "办理事项",
        "task_state": "状态",
        "choose_person": "请选择",
        "circulation_from": "传阅人",
        "circulation_sent_at": "传阅时间",
        "circulation_read_at": "阅读时间",
        "circulation_comment": "阅读意见",
        "circulation_mark_read": "已阅",
        "circulation_pass_on": "转给他人阅",
        "instance_process": "流程",
        "instance_started": "发起时间",
        "instance_ended": "结束时间",
        "instance_diagram": "流程图",
        "instance_tasks": "办理过程",
        "instance_circulations": "传阅情况",
        "instance_history": "流程日志",
        "instance_suspend": "挂起",
        "instance_resume": "恢复",
        "instance_terminate": "终止",
        "instance_terminate_confirm": "终止后流程不能恢复，确定终止吗？",
        "instance_person": "办理人",
        "start_title": "发起流程",
        "start_process": "流程",
        "start_subject": "标题",
        "start_note": "说明",
        "start_submit": "发起",
        "start_none": "暂无可发起的流程。",
        "admin_workflow": "流程管理",
        "admin_workflow_hint": "部署 BPMN 2.0 流程，查看版本、预览流程图、导出；配置节假日与调休；查看失败的后台任务。",
        "definition_upload": "部署流程",
        "definition_file": "BPMN 文件",
        "definition_preview": "预览",
        "definition_deploy": "部署",
        "definition_export": "导出",
        "definition_versions": "版本",
        "definition_key": "流程标识",
        "definition_name": "名称",
        "definition_version": "版本",
        "definition_deployed_at": "部署时间",
        "definition_enabled": "启用",
        "definition_disabled": "已停用",
        "definition_disable": "停用",
        "definition_enable": "启用",
        "definition_instances": "实例数",
        "definition_new_version": "将部署为版本",
        "definition_unchanged": "与当前版本相同",
        "calendar_title": "节假日与调休",
        "calendar_day": "日期",
        "calendar_kind": "类型",
        "calendar_holiday": "放假",
        "calendar_workday": "调休上班",
        "calendar_name": "名称",
        "calendar_add": "添加",
        "calendar_remove": "删除",
        "jobs_dead": "失败的任务",
        "jobs_kind": "类型",
        "jobs_attempts": "尝试次数",
        "jobs_error": "错误",
        "jobs_retry": "重试",
        "jobs_none": "没有失败的任务。",
        "delegation_title": "委托办理",
        "delegation_deputy": "受托人",
        "delegation_starts": "开始时间",
        "delegation_ends": "结束时间",
        "delegation_processes": "限定流程",
        "delegation_processes_help": "留空表示全部流程；多个用逗号分隔流程标识。",
        "delegation_add": "设置委托",
        "delegation_end": "结束委托",
        "delegation_mine": "我的委托",
        "delegation_to_me": "委托给我的",
        "delegation_none": "暂无委托。",
    ]
}
