import Foundation

/// The texts of 值班 (see ``Strings``).
extension Strings {
    enum Duty {
        static let title = "值班"
        static let printTitle = "值班表"
        static let notManager = "只有本单位的值班管理员可以进行此操作。"
        static let kindNameRequired = "请填写班次名称（不超过 20 字）。"
        static let timeInvalid = "时间应为 HH:mm，如 08:30；上下班时间不能相同。"
        static let staffCountInvalid = "每班值班员人数应为 1 至 10。"
        static let rotaTitleRequired = "请填写排班名称（不超过 100 字）。"
        static let dayInvalid = "日期应为 YYYY-MM-DD。"
        static let periodReversed = "结束日期不能早于开始日期。"
        static let periodTooLong = "一次排班不超过 62 天。"
        static let peopleRequired = "请按轮值顺序填写值班员。"
        static let personOutside = "所填人员不在本单位（或本级政府）人员中，或账户已停用。"
        static let leaveInvalid = "请假记录有误：应为本排班人员，日期为 YYYY-MM-DD 且起始不晚于结束。"
        static let kindsRequired = "本单位还没有设置班次，请先添加班次。"
        static let alreadyPublished = "排班已发布，不能再生成或重新发布。"
        static let editedMeanwhile = "这期间已有其他人修改过，请刷新后重新操作。"
        static let rotaEmpty = "排班中还没有班次，请先生成排班。"
        static func rotaIncomplete(_ day: String, count: Int) -> String {
            "有 \(count) 个班次缺少值班员或带班领导（最早为 \(day)），节假日和需要带班的班次必须有带班领导，请补齐后再发布。"
        }
        static func publishedTitle(_ title: String) -> String { "排班已发布：\(title)" }
        static let publishedBody = "请查看您的值班安排，如需换班请在值班页面提出申请。"
        static let staffRequired = "请至少安排一名值班员。"
        static let leaderRequired = "节假日和需要带班的班次必须有带班领导。"
        static let alreadyHandedOver = "本班已交接班，不能再修改。"
        static func shiftChangedTitle(_ day: String) -> String { "值班安排有调整：\(day)" }
        static let shiftRequired = "请选择要换的班次。"
        static let notOnShift = "您不在本班次值班。"
        static let shiftStarted = "班次已开始，不能再换班。"
        static let reasonRequired = "请填写理由（不超过 200 字）。"
        static let reasonTooLong = "理由不超过 200 字。"
        static let targetInvalid = "请选择本单位的另一位同事。"
        static let targetAlreadyOn = "对方已在该班次值班。"
        static let targetShiftInvalid = "对换的班次不存在或不属于本单位已发布的排班。"
        static let targetNotOnShift = "对方不在所选班次担任相同的值班角色。"
        static let swapPending = "您对这个班次已有未处理的换班申请。"
        static func swapAskedTitle(_ day: String) -> String { "换班申请：\(day)，请确认是否同意" }
        static let notSwapTarget = "只有被申请人可以答复换班申请。"
        static let swapDecided = "该换班申请已被处理。"
        static let swapNotAgreed = "被申请人尚未同意，暂不能审批。"
        static let swapAgreedTitle = "换班申请已获同意，等待值班管理员审批"
        static let swapDeclinedTitle = "换班申请未获同意"
        static let swapApprovedTitle = "换班已批准，值班表已调整"
        static let swapRejectedTitle = "换班申请未获批准"
        static let swapStale = "值班安排已变化，该换班申请不能再执行。"
        static let notOnDutyNow = "只有本班值班人员在值班期间（交接班前）可以记录和处理。"
        static let entryKindRequired = "请选择记录类型。"
        static let contentRequired = "请填写内容（不超过 2000 字）。"
        static let callerRequired = "来电记录请至少填写来电人、来电单位或电话之一。"
        static let occurredInFuture = "时间不能晚于现在。"
        static let entryClosed = "该记录已办结。"
        static let leaderInvalid = "请选择一位领导。"
        static let alreadyForwarded = "该记录已呈送这位领导。"
        static func forwardedTitle(_ text: String) -> String { "值班信息呈阅：\(text)" }
        static let alreadySupervised = "该记录已转为督办事项。"
        static func supervisionSource(_ day: String) -> String { "值班日志 \(day)" }
        static let alreadyRegistered = "该记录已登记为收文。"
        static let dutyPhone = "值班电话"
        static let handoverNoteRequired = "请填写交接班说明（不超过 2000 字）。"
        static func handedOverTitle(_ count: Int) -> String { count > 0 ? "交接班：有 \(count) 条待处理事项交给本班" : "交接班：上一班已交班" }
        static let notShiftLeader = "只有本班带班领导可以签认。"
        static let notHandedOver = "本班尚未交接班，暂不能签认。"
        static let alreadySignedOff = "本班已签认。"
        static let unknownPerson = "（未知人员）"
        static let nextDay = "次日"
        static let linesUnknown = "以下人员未找到："
        static let takeOver = "不对换（请对方代班）"
        static let noLeader = "（无带班领导）"

        // Flash messages.
        static let kindAdded = "班次已添加。"
        static let rotaCreated = "排班已建立，请填写轮值人员后生成。"
        static let generated = "排班已生成，请检查后发布。"
        static let published = "排班已发布，相关人员已收到通知。"
        static let shiftSaved = "班次人员已调整。"
        static let logged = "已记录。"
        static let handedOver = "已交接班。"
        static let signedOff = "已签认。"
        static let swapAsked = "换班申请已提交，等待对方确认。"
        static let swapAgreed = "已同意，等待值班管理员审批。"
        static let swapDeclined = "已不同意。"
        static let swapApproved = "已批准，值班表已调整。"
        static let swapRejected = "已不批准。"
        static let entryClosedDone = "已办结。"
        static let forwarded = "已呈送领导。"
        static let supervised = "已转为督办事项。"
        static let registered = "已登记为收文。"

        static func weekday(_ number: Int) -> String {
            ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][max(0, min(6, number - 1))]
        }

        static func stateLabel(_ state: DutyRota.State) -> String {
            switch state {
            case .draft: "草稿"
            case .published: "已发布"
            }
        }

        static func swapStateLabel(_ state: DutySwap.State) -> String {
            switch state {
            case .requested: "待对方确认"
            case .accepted: "待审批"
            case .declined: "对方不同意"
            case .approved: "已批准"
            case .rejected: "未批准"
            }
        }

        static func entryKindLabel(_ kind: DutyLogEntry.Kind) -> String {
            switch kind {
            case .call: "来电"
            case .event: "事件"
            }
        }

        static func roleLabel(_ role: DutyAssignment.Role) -> String {
            switch role {
            case .leader: "带班领导"
            case .staff: "值班员"
            }
        }

        static func shiftLabel(day: String, weekday: Int, kind: String) -> String { "\(day) \(Self.weekday(weekday)) \(kind)" }
    }
}

extension Strings {
    static let dutyPage: [String: String] = [
        "nav_duty": "值班",
        "duty_title": "值班",
        "duty_my_shifts": "我的值班",
        "duty_no_shifts": "近期没有您的值班安排。",
        "duty_off_day": "休息日",
        "duty_handed_over": "已交班",
        "duty_signed_off": "已签认",
        "duty_on_duty": "值班中",
        "duty_swaps": "换班申请",
        "duty_swap_shift": "班次",
        "duty_swap_requester": "申请人",
        "duty_swap_target": "换班对象",
        "duty_swap_with": "对换班次",
        "duty_take_over": "请对方代班",
        "duty_reason": "理由",
        "duty_state": "状态",
        "duty_agree": "同意",
        "duty_disagree": "不同意",
        "duty_approve": "批准",
        "duty_reject": "不批准",
        "duty_rotas": "排班表",
        "duty_no_rotas": "还没有可查看的排班。",
        "duty_rota_title": "排班名称",
        "duty_period": "期间",
        "duty_new_rota": "新建排班",
        "duty_start_day": "开始日期",
        "duty_end_day": "结束日期",
        "duty_create_rota": "建立排班",
        "duty_kinds": "班次设置",
        "duty_no_kinds": "还没有设置班次。",
        "duty_kind_name": "班次名称",
        "duty_starts": "开始时间",
        "duty_ends": "结束时间",
        "duty_staff_count": "值班员人数",
        "duty_needs_leader": "工作日也需带班领导",
        "duty_needs_leader_hint": "工作日也需要带班领导（节假日每个班次都需要）",
        "duty_add_kind": "添加班次",
        "duty_print": "打印",
        "duty_back_to_rota": "返回排班",
        "duty_no_shifts_yet": "还没有生成班次。",
        "duty_date": "日期",
        "duty_weekday": "星期",
        "duty_shift": "班次",
        "duty_leader": "带班领导",
        "duty_staff": "值班员",
        "duty_phone": "联系电话",
        "duty_incomplete": "待补齐",
        "duty_publish": "发布排班",
        "duty_generate": "生成排班",
        "duty_generate_hint": "按轮值顺序每行填写一人（姓名或用户名）；已请假的人员在请假期间自动跳过，顺延下一位。节假日和周末的每个班次从带班领导名单中轮流安排。",
        "duty_people": "值班员（轮值顺序）",
        "duty_leaders": "带班领导（轮值顺序）",
        "duty_leaves": "请假",
        "duty_leaves_example": "黄磊 2026-12-10 2026-12-12 年休假",
        "duty_leaves_hint": "每行一条：姓名 开始日期 结束日期 事由",
        "duty_printed_on": "制表日期",
        "duty_hours": "时间",
        "duty_log": "值班日志",
        "duty_no_entries": "本班还没有记录。",
        "duty_open": "待处理",
        "duty_closed": "已办结",
        "duty_carried": "上一班移交",
        "duty_handed_on": "已移交下一班",
        "duty_not_started": "未开始",
        "duty_caller": "来电人",
        "duty_caller_unit": "来电单位",
        "duty_content": "内容",
        "duty_handling": "处理情况",
        "duty_forwarded_to": "已呈",
        "duty_supervision_item": "督办事项",
        "duty_incoming": "收文",
        "duty_entry_actions": "处理",
        "duty_close_entry": "办结",
        "duty_forward_to": "呈送领导",
        "duty_forward": "呈领导阅示",
        "duty_item_title": "督办事项名称",
        "duty_lead_unit": "主办单位",
        "duty_deadline": "办结时限",
        "duty_to_supervision": "转督办",
        "duty_incoming_title": "收文标题",
        "duty_to_incoming": "登记为收文",
        "duty_add_entry": "记录来电或事件",
        "duty_entry_kind": "类型",
        "duty_time": "时间",
        "duty_closed_now": "已当场处理完毕",
        "duty_record": "记录",
        "duty_handover": "交接班",
        "duty_previous_handover": "上一班交接说明",
        "duty_handover_hint": "交班后本班日志不再修改，待处理的记录移交下一班。",
        "duty_handover_note": "交接说明",
        "duty_hand_over": "交班",
        "duty_sign_off": "带班领导签认",
        "duty_ask_swap": "申请换班",
        "duty_edit_shift": "调整本班人员",
    ]
}
