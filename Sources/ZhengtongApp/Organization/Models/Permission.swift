/// What a role allows. Checked only through ``Access`` (the one scoping place).
enum Permission: String, Codable, CaseIterable, Sendable {
    /// 组织机构与账户管理 — the system administrator's work.
    case organizationManage = "organization.manage"
    /// 角色与授权管理 — the security administrator's work.
    case roleManage = "role.manage"
    /// 审计日志查阅 — the audit administrator's work.
    case auditRead = "audit.read"
    /// 查看本范围内各单位人员（通讯录）.
    case directoryView = "directory.view"
    /// 公文收发登记（收发员）.
    case documentRegister = "document.register"
    /// 电子印章使用（印章管理员）.
    case sealUse = "seal.use"
    /// 公文审核（办公室审核）: the office's check of a draft before it goes to the leader.
    case documentReview = "document.review"
    /// 归档与档案管理（档案员）: file finished documents, keep the catalogue, export archive packages.
    case archiveManage = "archive.manage"
    /// 流程管理: deploy process definitions, watch and steer (suspend, resume, terminate) instances in scope.
    case workflowManage = "workflow.manage"
    /// 信息发布审核: review notices before they are published (网络管理部门, 保密审查).
    case noticeReview = "notice.review"
    /// 系统运行维护: the platform's backups and running state — the system administrator's work, platform-wide only.
    case systemOperate = "system.operate"
    /// 督查督办（督查室）: 立项, check reports, decide 延期 and 办结, 评价 and 通报 over the units in scope; in a
    /// responsible unit, handle (分解, 反馈, 延期申请, 办结申请) what it was given.
    case supervisionManage = "supervision.manage"
    /// 会务: a unit's rooms and the meetings it calls.
    case meetingManage = "meeting.manage"
    /// 效能统计查看: the figures and rankings of the units in scope (监察).
    case statisticsView = "statistics.view"
    /// 考核方案管理: define 考核 schemes for the units in scope (no document is opened: figures are counts and times).
    case assessmentManage = "assessment.manage"
    /// 值班管理: shift kinds, rotas (generate, edit, publish) and approving 换班 for the units in scope.
    case dutyManage = "duty.manage"
    /// 领导日程管理: enter the activities of the leaders of one's own unit (and of the government one's office serves)
    /// and publish their 领导周活动安排 — a leader's secretary or the office (秘书科).
    case scheduleManage = "schedule.manage"
    /// 发布预警: send 预警 (flood, fire, epidemic, safety warnings) to the units in scope and everyone in them, resend to the
    /// unconfirmed, close; see the confirmations of the alerts sent from the units in scope.
    case alertSend = "alert.send"
    /// 信息报送 as a unit's 信息员: write 信息 for the units in scope, send them through the unit's review and submit
    /// them upward, revise what was returned, answer 约稿; see the unit's points.
    case reportSubmit = "report.submit"
    /// 信息编辑 of a unit that collects information (the 市政府办公室's 信息科): the inbox of what was submitted to
    /// the units in scope, 采用 / 退回 / 存档, 约稿, 刊物 and their issues, points and ranking.
    case reportEdit = "report.edit"

    var label: String {
        switch self {
        case .organizationManage: "组织机构与账户管理"
        case .roleManage: "角色与授权管理"
        case .auditRead: "审计日志查阅"
        case .directoryView: "查看范围内人员（通讯录）"
        case .documentRegister: "公文收发登记"
        case .sealUse: "电子印章使用"
        case .workflowManage: "流程定义与流程监控"
        case .documentReview: "公文审核（办公室审核）"
        case .archiveManage: "归档与档案管理"
        case .noticeReview: "信息发布审核"
        case .systemOperate: "系统运行维护（备份与运行状态）"
        case .supervisionManage: "督查督办（督查室）"
        case .meetingManage: "会务管理（会议室与会议）"
        case .statisticsView: "效能统计查看"
        case .assessmentManage: "考核方案管理"
        case .dutyManage: "值班管理（排班与换班审批）"
        case .scheduleManage: "领导日程管理"
        case .alertSend: "发布预警"
        case .reportSubmit: "信息报送（信息员）"
        case .reportEdit: "信息编辑（采用、约稿、刊物）"
        }
    }

    /// The three administrators' permissions: held only through their built-in roles (三员分立).
    static let administrative: Set<Permission> = [.organizationManage, .roleManage, .auditRead, .systemOperate]

    /// Business permissions: each opens official documents (registering, sealing, reviewing, filing them, or
    /// administering the processes they run in). 三员 accounts hold none of them: administering people,
    /// grants or the audit log must not come with reading the documents.
    static let business: Set<Permission> = [.documentRegister, .sealUse, .documentReview, .archiveManage, .workflowManage, .noticeReview, .supervisionManage, .meetingManage, .dutyManage, .scheduleManage, .alertSend, .reportSubmit, .reportEdit]
}

/// The built-in roles every installation has.
enum BuiltinRole: String, CaseIterable, Sendable {
    case sysAdmin
    case secAdmin
    case auditAdmin
    case clerk
    case sealKeeper
    case officeReviewer
    case recordsOfficer
    case processAdmin
    case networkReviewer
    case secrecyReviewer
    case supervisor
    case inspector
    case meetingOrganizer
    case dutyManager
    case scheduleKeeper
    case alertSender
    case reporter
    case infoEditor

    var name: String {
        switch self {
        case .sysAdmin: "系统管理员"
        case .secAdmin: "安全管理员"
        case .auditAdmin: "审计管理员"
        case .clerk: "收发员"
        case .sealKeeper: "印章管理员"
        case .officeReviewer: "公文审核员"
        case .recordsOfficer: "档案员"
        case .processAdmin: "流程管理员"
        case .networkReviewer: "网络管理审核员"
        case .secrecyReviewer: "保密审查员"
        case .supervisor: "督查员"
        case .inspector: "监察"
        case .meetingOrganizer: "会务员"
        case .dutyManager: "值班管理员"
        case .scheduleKeeper: "领导日程管理员"
        case .alertSender: "预警发布员"
        case .reporter: "信息员"
        case .infoEditor: "信息编辑"
        }
    }

    var description: String {
        switch self {
        case .sysAdmin: "管理单位、部门、职务和人员账户；备份与运行状态；考核方案。"
        case .secAdmin: "管理角色、权限和授权范围。"
        case .auditAdmin: "查阅和检查审计日志。"
        case .clerk: "公文的登记、收发与交换。"
        case .sealKeeper: "保管和使用本单位电子印章。"
        case .officeReviewer: "发文的办公室审核：依据、程序、文种、格式、文字；收文拟办。"
        case .recordsOfficer: "办结、封发的公文归档，档案目录、归档章、移交档案包。"
        case .processAdmin: "部署流程定义，维护节假日与调休，在授权范围内监控、挂起、恢复、终止流程（可查看其中的公文）。"
        case .networkReviewer: "网络管理部门：审核拟对外公开发布的信息。"
        case .secrecyReviewer: "对外公开发布前的保密审查。"
        case .supervisor: "督查室：督办事项立项、审核反馈、延期与办结、评价和督查通报；在责任单位承办分解、反馈和申请。"
        case .inspector: "查看授权范围内各单位的效能统计和考核排名，制定考核方案。"
        case .meetingOrganizer: "管理本单位会议室与预订审批，召集会议、发通知、排座次、签到和起草纪要。"
        case .dutyManager: "维护班次，生成、调整和发布排班，审批换班。"
        case .scheduleKeeper: "领导秘书或办公室：录入本单位（政府办公室还有所服务的政府）领导的活动安排，发布领导周活动安排。"
        case .alertSender: "向授权范围内的单位及其全体人员发布预警（一般、重大），查看确认情况，向未确认的人员再次发送，结束预警。"
        case .reporter: "撰写本单位信息，经本单位审核后向上级信息收集单位报送；修改被退回的信息，响应约稿，查看本单位积分。"
        case .infoEditor: "信息收集单位的编辑：处理各单位报送的信息（采用、退回、存档），约稿，编辑和发布刊物，维护积分与排名。"
        }
    }

    var permissions: [Permission] {
        switch self {
        case .sysAdmin: [.organizationManage, .directoryView, .systemOperate, .assessmentManage]
        case .secAdmin: [.roleManage, .directoryView]
        case .auditAdmin: [.auditRead]
        case .clerk: [.documentRegister]
        case .sealKeeper: [.sealUse]
        case .officeReviewer: [.documentReview]
        case .recordsOfficer: [.archiveManage]
        case .processAdmin: [.workflowManage]
        case .networkReviewer, .secrecyReviewer: [.noticeReview]
        case .supervisor: [.supervisionManage]
        case .inspector: [.statisticsView, .assessmentManage]
        case .meetingOrganizer: [.meetingManage]
        case .dutyManager: [.dutyManage]
        case .scheduleKeeper: [.scheduleManage]
        case .alertSender: [.alertSend]
        case .reporter: [.reportSubmit]
        case .infoEditor: [.reportEdit]
        }
    }

    /// 三员: no account may hold two of these.
    static let administrators: Set<BuiltinRole> = [.sysAdmin, .secAdmin, .auditAdmin]
}
