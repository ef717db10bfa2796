import Foundation

/// The texts of 会议 (see ``Strings``).
extension Strings {
    enum Meetings {
        static let listTitle = "会议"
        static let newTitle = "新建会议"
        static let editTitle = "修改会议"
        static let roomsTitle = "会议室"
        static let newRoomTitle = "新增会议室"
        static let editRoomTitle = "修改会议室"
        static let seatChartTitle = "座次图"
        static let nameCardsTitle = "席卡"
        static let created = "会议已保存为草稿，会议室已预订。确认无误后请发通知。"
        static let saved = "已保存。"
        static let notified = "会议通知已发出。"
        static let submitted = "已送审批，审批同意后自动发出会议通知。"
        static let underReview = "会议正在审批中。"
        static let processMissing = "会议审批流程尚未部署，请联系流程管理员。"
        static let rejectReasonRequired = "不同意时请写明理由，会务将看到。"
        static func returnedTitle(_ title: String) -> String { "会议审批未通过：\(title)" }
        static let cancelledDone = "会议已取消，已通知参会人员，会议室已释放。"
        static let replied = "回执已提交。"
        static let received = "已签收会议通知，请报名参会人员。"
        static let named = "参会人员已报送。"
        static func reminded(_ count: Int) -> String { "已向 \(count) 人催报。" }
        static func seatsArranged(unseated: Int) -> String { unseated > 0 ? "座次已排好，另有 \(unseated) 人座位不足，请调整。" : "座次已按职级排好。" }
        static let seatMoved = "座位已调整。"
        static let signedIn = "已签到。"
        static let signInUndone = "已撤销签到。"
        static let minutesDrafted = "纪要已起草为发文草稿，请在发文中继续编辑、送审。"
        static let fileAdded = "会议资料已上传。"
        static let serviceMarked = "已标记为落实。"
        static let roomCreated = "会议室已新增。"
        static let booked = "已预订。"
        static let bookedPending = "已提交预订，等待审批；审批前该时段为您保留。"
        static let bookingCancelled = "预订已取消。"
        static let bookingApprovedDone = "已同意预订。"
        static let bookingRefusedDone = "已不同意预订，该时段已释放。"
        static let videoRoom = "视频会议室"

        static let titleRequired = "请填写会议名称（200 字以内）。"
        static let kindRequired = "请选择会议类型。"
        static let timeInvalid = "请填写开始日期和时间，例如 2026-12-08 09:30。"
        static let endBeforeStart = "结束时间应晚于开始时间。"
        static let tooLong = "一次会议或预订不能超过 24 小时。"
        static let timeInPast = "会议时间已过，请选择以后的时间。"
        static let venueRequired = "请选择会议地点类型。"
        static let roomRequired = "请选择可用的会议室。"
        static let placeRequired = "请填写会议地点。"
        static let placeTooLong = "地点不能超过 200 字。"
        static let videoRequired = "请填写视频会议室名称或入会链接。"
        static let videoURLInvalid = "入会链接应以 http:// 或 https:// 开头。"
        static let notesTooLong = "会议说明不能超过 5000 字。"
        static let agendaInvalid = "议程每项需填写议题（200 字以内），用时为 0 至 600 分钟，最多 50 项。"
        static let tooManyAttendees = "一次会议最多点名 500 人，更多人员请邀请单位报名。"
        static let attendeeInvalid = "参会人员中有已停用或不存在的账户。"
        static let attendeesRequired = "请至少选择一位参会人员或一个参会单位。"
        static let hostInvalid = "主持人应为在用账户。"
        static let quotaInvalid = "单位名额应为 0 至 50（0 表示不限）。"
        static let unitInvalid = "参会单位中有已停用或不存在的单位。"
        static let serviceNoteTooLong = "服务要求不能超过 500 字。"
        static let materialsAfterEnd = "资料开放时间不能晚于会议结束。"
        static let reasonRequired = "请填写理由（500 字以内）。"
        static let reasonTooLong = "说明不能超过 200 字。"
        static let replyRequired = "请选择参加、请假或委派。"
        static let leaveReasonRequired = "请假请填写事由。"
        static let substituteRequired = "委派请选择一位在用的代替人员（不能是本人）。"
        static let substituteCannotDelegate = "您是受委派参会，不能再委派他人，可以请假。"
        static let substituteAlreadyCalled = "该人员已在参会名单中，请另选代替人员。"
        static let namesRequired = "请至少选择一位参会人员。"
        static let namesOutsideUnit = "只能报名本单位的在用人员。"
        static func overQuota(_ quota: Int) -> String { "本单位名额为 \(quota) 人，报名人数超出。" }
        static let alreadyCalled = "所选人员中有人已在参会名单中。"
        static let roomNameRequired = "请填写会议室名称（60 字以内）。"
        static let roomNameTaken = "本单位已有同名会议室。"
        static let roomLocationTooLong = "位置不能超过 120 字。"
        static let roomEquipmentTooLong = "设备说明不能超过 1000 字。"
        static let roomCapacityInvalid = "容纳人数应为 1 至 2000。"
        static let roomLayoutInvalid = "座位布局：排数、每排座位为 1 至 60，主席台座位为 0 至 40。"
        static let roomApproverInvalid = "审批人应为本单位的在用账户。"
        static let bookingTitleRequired = "请填写预订用途（100 字以内）。"
        static let seatOutsideRoom = "该座位不在会议室布局内。"

        static let notOrganizer = "只有本单位会务人员可以进行此操作。"
        static let notAttendee = "您不在这次会议的参会名单中。"
        static let notUnitClerk = "只有受邀单位的收发员可以签收和报名。"
        static let notBooker = "只有预订人或会务人员可以取消预订。"
        static let notApprover = "只有会议室审批人或会务人员可以审批预订。"
        static let editedMeanwhile = "内容已被他人修改，请刷新后重试。"
        static let cancelled = "会议已取消。"
        static let notNotified = "会议通知尚未发出。"
        static let alreadyNotified = "会议通知已发出。"
        static let meetingOver = "会议已结束。"
        static let alreadyReceived = "本单位已签收。"
        static let alreadySignedIn = "已签到，无需重复签到。"
        static let delegatedCannotSignIn = "已委派他人参会，由代替人员签到。"
        static func signInClosed(_ opens: String) -> String { "不在签到时间内：会前半小时（\(opens)）起至会议结束可签到。" }
        static let minutesExist = "纪要已起草，请在发文中继续办理。"
        static let minutesTooEarly = "会议开始后才能起草纪要。"
        static let noRoomLayout = "会议不在本平台的会议室举行，无法排座。"
        static let roomDisabled = "该会议室已停用。"
        static func roomTaken(_ holder: String?) -> String {
            holder.map { "该会议室此时段已被预订（\($0)），请另选时间或会议室。" } ?? "该会议室此时段已被预订，请另选时间或会议室。"
        }
        static let bookingOfMeeting = "这是会议的预订，请在会议中修改时间或取消会议。"
        static let bookingClosed = "该预订已取消或未获批准。"
        static let bookingDecided = "该预订已审批。"
        static let serviceAlreadyDone = "该服务已落实。"
        static let fileRefused = "请上传 PDF、OFD、Word、Excel、PowerPoint、文本或 PNG/JPEG 图片文件。"
        static func materialsLater(_ from: String) -> String { "会议资料将于 \(from) 起向参会人员开放。" }

        static func calledTitle(_ title: String) -> String { "会议通知：\(title)" }
        static func unitCalledTitle(_ title: String) -> String { "会议通知（请签收并报名）：\(title)" }
        static func changedTitle(_ title: String) -> String { "会议变更：\(title)" }
        static func cancelledTitle(_ title: String) -> String { "会议取消：\(title)" }
        static func delegatedTitle(_ title: String) -> String { "受委派参会：\(title)" }
        static func remindTitle(_ title: String) -> String { "请尽快回执或报名：\(title)" }
        static func bookingToDecide(room: String, title: String) -> String { "会议室预订待审批：\(room) \(title)" }
        static func bookingApproved(_ title: String) -> String { "会议室预订已批准：\(title)" }
        static func bookingRefused(_ title: String) -> String { "会议室预订未获批准：\(title)" }
        static func minutesTitle(_ title: String) -> String { title.hasSuffix("纪要") ? title : title + "纪要" }
        static func minutesBody(date: String, place: String, title: String, agenda: [String]) -> String {
            var text = "\(date)，在\(place.isEmpty ? "" : place)召开\(title)。会议研究了以下事项：\n"
            for (index, item) in agenda.enumerated() { text += "\(index + 1). \(item)\n" }
            return text + "会议议定：\n"
        }

        static func kindLabel(_ kind: Meeting.Kind) -> String {
            switch kind {
            case .standing: "常务会"
            case .office: "办公会"
            case .topical: "专题会"
            case .video: "电视电话会议"
            case .other: "其他会议"
            }
        }

        static func venueLabel(_ venue: Meeting.Venue) -> String {
            switch venue {
            case .room: "本单位会议室"
            case .external: "外部地点"
            case .video: "视频会议"
            }
        }

        static func stateLabel(_ state: Meeting.State) -> String {
            switch state {
            case .draft: "草稿"
            case .reviewing: "审批中"
            case .notified: "已通知"
            case .cancelled: "已取消"
            }
        }

        static func replyLabel(_ reply: MeetingAttendee.Reply) -> String {
            switch reply {
            case .pending: "未回执"
            case .attend: "参加"
            case .leave: "请假"
            case .delegate: "委派"
            }
        }

        static func unitStateLabel(_ state: MeetingUnit.State) -> String {
            switch state {
            case .sent: "待签收"
            case .received: "已签收，待报名"
            case .named: "已报名"
            }
        }

        static func bookingStateLabel(_ state: RoomBooking.State) -> String {
            switch state {
            case .pending: "待审批"
            case .confirmed: "已预订"
            case .refused: "未批准"
            case .cancelled: "已取消"
            }
        }

        static func serviceLabel(_ kind: MeetingServiceRequest.Kind) -> String {
            switch kind {
            case .tea: "茶水"
            case .nameCards: "桌签（席卡）"
            case .projector: "投影"
            case .sound: "音响话筒"
            case .photo: "摄影摄像"
            case .other: "其他"
            }
        }

        static func seatLabel(zone: MeetingAttendee.Zone, row: Int, number: Int) -> String {
            zone == .rostrum ? "主席台 \(number) 号" : "第 \(row) 排 \(number) 座"
        }

        static let weekdays = ["一", "二", "三", "四", "五", "六", "日"]

        /// `12月8日（周二）09:30–11:30`, the end's day written only when it differs.
        static func timeText(_ start: Date, _ end: Date) -> String {
            let day = BeijingTime.day(start)
            let parts = day.split(separator: "-").compactMap { Int($0) }
            let label = parts.count == 3 ? "\(parts[0])年\(parts[1])月\(parts[2])日（周\(weekdays[BeijingTime.weekday(start) - 1])）" : day
            let endText = BeijingTime.day(end) == day ? BeijingTime.time(end) : BeijingTime.day(end) + " " + BeijingTime.time(end)
            return label + " " + BeijingTime.time(start) + "–" + endText
        }
    }

    static let meetingsPage: [String: String] = [
        "nav_meetings": "会议",
        "meetings_title": "会议",
        "meetings_new": "新建会议",
        "meetings_rooms": "会议室",
        "meetings_tab_mine": "我的会议",
        "meetings_tab_organized": "本单位会议",
        "meetings_tab_invited": "单位报名",
        "meetings_upcoming": "即将召开",
        "meetings_past": "已结束",
        "meetings_empty": "没有会议。",
        "meetings_name": "会议名称",
        "meetings_kind": "会议类型",
        "meetings_time": "时间",
        "meetings_place": "地点",
        "meetings_unit": "召集单位",
        "meetings_state": "状态",
        "meetings_my_reply": "我的回执",
        "meetings_urgent": "紧急",
        "meetings_urgent_hint": "紧急会议的通知同时以短信发送",
        "meetings_date": "日期",
        "meetings_start": "开始",
        "meetings_end": "结束",
        "meetings_end_date": "结束日期（跨日时填写）",
        "meetings_venue": "地点类型",
        "meetings_room": "会议室",
        "meetings_external_place": "外部地点 / 视频会议室名称",
        "meetings_video_url": "视频会议入会链接",
        "meetings_join_video": "进入视频会议",
        "meetings_host": "主持人",
        "meetings_none": "（无）",
        "meetings_notes": "会议说明",
        "meetings_agenda": "议程",
        "meetings_agenda_title": "议题",
        "meetings_agenda_reporter": "汇报单位",
        "meetings_agenda_minutes": "用时（分钟）",
        "meetings_minutes_unit": "分钟",
        "meetings_attendees": "参会人员",
        "meetings_attendees_hint": "按住 Ctrl 多选；勾选“主席台”的人员排在主席台",
        "meetings_rostrum": "主席台",
        "meetings_hall": "台下",
        "meetings_units": "参会单位（由单位报名）",
        "meetings_quota": "名额",
        "meetings_quota_hint": "每行一个：选择单位并填写名额，0 表示不限",
        "meetings_services": "会议服务",
        "meetings_service_note": "要求",
        "meetings_materials_from": "资料开放时间（留空则通知后即开放）",
        "meetings_save": "保存",
        "meetings_cancel_edit": "返回",
        "meetings_draft_hint": "草稿仅会务人员可见；发通知后参会人员和参会单位才会收到。",
        "meetings_notify": "发通知",
        "meetings_submit": "送审批",
        "meetings_submit_hint": "需要领导审批的会议请送审批，审批同意后自动发出通知。",
        "meetings_returned": "审批退回：",
        "meetings_reviewing": "会议正在审批中，审批同意后自动发出通知。",
        "meetings_edit": "修改",
        "meetings_cancel": "取消会议",
        "meetings_cancel_reason": "取消原因",
        "meetings_cancelled_because": "取消原因：",
        "meetings_organizer": "会务",
        "meetings_reply": "回执",
        "meetings_reply_attend": "参加",
        "meetings_reply_leave": "请假",
        "meetings_reply_delegate": "委派他人",
        "meetings_reason": "事由",
        "meetings_substitute": "代替人员",
        "meetings_submit_reply": "提交回执",
        "meetings_my_answer": "我的回执：",
        "meetings_sign_in": "签到",
        "meetings_sign_in_now": "我已到会，签到",
        "meetings_signed_in": "已签到",
        "meetings_not_signed_in": "未签到",
        "meetings_tick": "代签到",
        "meetings_untick": "撤销签到",
        "meetings_absent": "缺席",
        "meetings_counts": "回执情况",
        "meetings_called": "应到",
        "meetings_pending": "未回执",
        "meetings_remind": "催报",
        "meetings_seat": "座位",
        "meetings_seats": "座次",
        "meetings_arrange": "按职级自动排座",
        "meetings_move": "调整座位",
        "meetings_drag_hint": "可把姓名拖到另一个座位上（原座位上的人互换），也可用下面的表单调整。",
        "meetings_row": "排",
        "meetings_number": "号",
        "meetings_seat_chart": "打印座次图",
        "meetings_name_cards": "打印席卡",
        "meetings_stage": "主 席 台",
        "meetings_unit_name": "单位",
        "meetings_via": "由单位报名",
        "meetings_stands_in": "代替",
        "meetings_unit_state": "报名情况",
        "meetings_receive": "签收",
        "meetings_name_attendees": "报名参会人员",
        "meetings_names_hint": "按住 Ctrl（手机上逐个点选）可选择多人；报名即视为签收。",
        "meetings_no_files": "暂无会议资料。",
        "rooms_equipment_short": "设备",
        "meetings_files": "会议资料",
        "meetings_file_upload": "上传资料",
        "meetings_materials_later": "会议资料将于以下时间开放：",
        "meetings_minutes": "会议纪要",
        "meetings_draft_minutes": "起草纪要",
        "meetings_open_minutes": "查看纪要（发文）",
        "meetings_supervise": "议定事项立项督办",
        "meetings_done": "已落实",
        "meetings_mark_done": "标记落实",
        "meetings_print": "打印",
        "meetings_back": "返回会议",
        "rooms_title": "会议室",
        "rooms_new": "新增会议室",
        "rooms_empty": "本单位还没有会议室。",
        "rooms_name": "名称",
        "rooms_location": "位置",
        "rooms_capacity": "容纳人数",
        "rooms_equipment": "设备（每行一项）",
        "rooms_layout": "座位布局",
        "rooms_rows": "排数",
        "rooms_seats_per_row": "每排座位",
        "rooms_rostrum_seats": "主席台座位",
        "rooms_approver": "预订审批人",
        "rooms_no_approver": "（无需审批）",
        "rooms_disabled": "停用",
        "rooms_edit": "修改会议室",
        "rooms_week": "本周预订",
        "rooms_prev_week": "上一周",
        "rooms_next_week": "下一周",
        "rooms_book": "预订",
        "rooms_purpose": "用途",
        "rooms_booked_by": "预订人",
        "rooms_approve": "同意",
        "rooms_refuse": "不同意",
        "rooms_cancel_booking": "取消预订",
        "rooms_pending_hint": "待审批的预订在审批前为预订人保留时段。",
    ]
}

extension Strings.Meetings {
    static func layoutText(rows: Int, seats: Int, rostrum: Int) -> String {
        rostrum > 0 ? "主席台 \(rostrum) 座，台下 \(rows) 排 × \(seats) 座" : "\(rows) 排 × \(seats) 座"
    }
}

extension Strings.Meetings {
    static func rowLabel(_ row: Int) -> String { "第\(row)排" }
}

extension Strings.Meetings {
    static let viewInvalid = "view 应为 mine、organized 或 invited；when 应为 upcoming 或 past。"
    static let rangeInvalid = "查询区间应为正，且不超过 92 天。"
    static let approveRequired = "请说明同意（true）还是不同意（false）。"
}
