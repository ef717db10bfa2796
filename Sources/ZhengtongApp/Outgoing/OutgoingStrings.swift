/// The texts of 发文 (see ``Strings``).
extension Strings {
    enum Outgoing {
        static let issuerCodeUnavailable = "该机关代字不属于本单位或已停用。"
        static let numberAlreadyVoided = "该文号已作废。"
        static let voidReasonRequired = "请填写作废原因。"
        static let codeInvalid = "机关代字不能为空，不能含空格或括号，不能以数字结尾（如 X政办发）。"
        static let codeTaken = "本单位已有该机关代字。"
        static let issuerMarkRequired = "请填写发文机关标志（如 江北市人民政府办公室文件）。"
        static let styleInvalid = "请选择版式：文件式、信函式、纪要式或命令式。"
        static let saved = "已保存。"
        static let numberVoided = "文号已作废，登记簿中保留该记录。"
        static let codeInUse = "该机关代字已用于编号，不能改名；可停用后新增。"
        static let registerForbidden = "只有本单位收发员可以查看和管理发文登记簿。"
        static let yearInvalid = "年份应为四位数字。"
        static let editedMeanwhile = "文稿已被他人修改并保存，您的修改未保存；请复制您的修改，刷新后重新编辑。"
        static let notEditable = "当前不能修改该文稿。"
        static let kindInvalid = "请选择文种。"
        static let issuerCodeRequired = "请选择机关代字；如没有，请单位管理员先设置。"
        static let created = "已新建文稿。"
        static let draftSaved = "已保存为新版本。"
        static let nothingChanged = "内容没有变化，未增加版本。"
        static let fieldTooLong = "内容过长。"
        static let coIssuersTooMany = "联合发文机关最多 8 个，每个不超过 60 字。"
        static func coSealWaiting(_ title: String) -> String { "联合发文待本单位用印：\(title)" }
        static let notCoIssuerSealKeeper = "只有联合发文单位的印章管理员可以加盖本单位印章。"
        static let coSealNotYet = "主办机关用印后、封发前才能加盖联合发文单位的印章。"
        static let coSealed = "已加盖本单位印章。"
        static let coIssuerSealed = "已用印"
        static let coIssuerUnsealed = "待用印"
        static let coIssuerOffPlatform = "平台外（纸质会签、用印）"
        static func coIssuerSealState(_ state: OutgoingCoIssuers.SealState) -> String {
            switch state {
            case .sealed: coIssuerSealed
            case .unsealed: coIssuerUnsealed
            case .offPlatform: coIssuerOffPlatform
            }
        }
        static func coSealsMissing(_ names: [String]) -> String { "联合发文单位尚未用印：\(names.joined(separator: "、"))。" }
        static let bodyTooLong = "正文不能超过 50000 字。"
        static let untitled = "（未填写标题）"
        static let numberFirst = "编号登记须先取得发文字号（选定机关代字编号），再提交。"
        static let sealFirst = "须先加盖本单位印章，再提交。"
        static func notReady(_ problems: [String]) -> String { "还不能封发：" + problems.joined(separator: "") }
        static func cannotSubmit(_ problems: [String]) -> String { "文稿还有问题，请修改后再送审：" + problems.joined(separator: "") }
        static let alreadySubmitted = "文稿已送审。"
        static let submitted = "已送核稿。"
        static let processMissing = "发文流程尚未部署，请联系系统管理员。"
        static let numbered = "已编号。"
        static let alreadyNumbered = "该文稿已有文号。"
        static let sealed = "已加盖印章。"
        static let alreadySealed = "该文稿已用印。"
        static let notAtStep = "只有当前环节的办理人可以执行此操作。"
        static let countersignNoDirector = "所选部门没有负责人，无法会签。"
        static let countersignNoLeader = "所选会签单位没有主要领导，无法会签。"
        static let changedAfterSigning = "签发后修改了文稿内容，须重新签发。"
        static let sentBackToSigner = "已保存。文稿在签发后有实质修改，已退回签发人重新签发。"
        static let none = "无"
        static let notClassified = "非涉密"
        static let attachmentTooLarge = "附件不能超过 20 MB。"
        static let attachmentTypeRefused = "只能上传 PDF、OFD、Word、WPS、Excel、图片或文本文件。"
        static let attachmentUploaded = "附件已上传。"
        static let attachmentDeleted = "附件已删除。"

        static func statusLabel(_ status: String) -> String {
            switch status {
            case "drafting": "拟稿中"
            case "approving": "审批中"
            case "dispatched": "已封发"
            case "cancelled": "已作废"
            default: status
            }
        }
    }

    static let outgoingPage: [String: String] = [
        "issuer_codes": "机关代字",
        "unit_seal": "电子印章",
        "unit_seal_none": "本单位尚未制作电子印章；首次用印时会自动制作一枚以单位名称命名的印章。",
        "unit_seal_fingerprint": "密钥指纹",
        "unit_seal_created": "生成时间",
        "issuer_codes_hint": "发文字号由机关代字、年份和序号组成，如 X政办发〔2026〕12号。每个代字按年度连续编号，停用的代字保留在登记簿中。",
        "issuer_code": "机关代字",
        "issuer_code_new": "新增机关代字",
        "issuer_code_example": "江政办发",
        "issuer_style": "版式",
        "issuer_mark": "发文机关标志",
        "register_title": "发文登记簿",
        "register_year": "年度",
        "register_code": "机关代字",
        "register_status": "状态",
        "register_all": "全部",
        "register_number": "发文字号",
        "register_doc_title": "标题",
        "register_assigned_by": "编号人",
        "register_assigned_at": "编号时间",
        "register_assigned": "有效",
        "register_voided": "已作废",
        "register_void": "作废",
        "register_void_reason": "作废原因",
        "register_filter": "筛选",
        "register_export": "导出 CSV",
        "register_empty": "没有符合条件的文号。",
        "nav_outgoing": "发文",
        "outgoing_title": "我的发文",
        "outgoing_new": "拟稿",
        "outgoing_edit": "编辑文稿",
        "outgoing_kind": "文种",
        "outgoing_code": "机关代字",
        "outgoing_create": "新建文稿",
        "outgoing_status": "状态",
        "outgoing_number": "发文字号",
        "outgoing_updated": "最后修改",
        "outgoing_empty": "还没有文稿。",
        "outgoing_register": "发文登记簿",
        "outgoing_urgency": "紧急程度",
        "outgoing_classification": "密级",
        "outgoing_classification_period": "保密期限",
        "outgoing_copy_number": "份号",
        "outgoing_signers": "签发人",
        "outgoing_title_field": "标题",
        "outgoing_main_recipients": "主送机关",
        "outgoing_cc_recipients": "抄送机关",
        "outgoing_co_issuers": "联合行文",
        "outgoing_co_seal": "加盖本单位印章",
        "outgoing_co_issuers_label": "联合发文机关",
        "outgoing_co_issuers_hint": "与本单位联合发文时填写，每行一个机关全称，按发文顺序（本单位为主办机关，排在最前）。版头依次排列各机关名称，每个机关署名并加盖印章；本平台上的单位由其主要领导会签。",
        "outgoing_minutes_lists": "纪要：出席、请假、列席人员",
        "outgoing_minutes_hint": "只有纪要标注；每行一个，写单位和姓名，如“市财政局 周××”。",
        "outgoing_attendees": "出席",
        "outgoing_on_leave": "请假",
        "outgoing_observers": "列席",
        "outgoing_body": "正文",
        "outgoing_body_help": "段落之间空一行；层次序号依次为“一、”“（一）”“1.”“（1）”。",
        "outgoing_heading_toolbar": "层次序号",
        "outgoing_heading_1": "第一层：一、（黑体）",
        "outgoing_heading_2": "第二层：（一）（楷体）",
        "outgoing_heading_3": "第三层：1.（仿宋）",
        "outgoing_heading_4": "第四层：（1）（仿宋）",
        "outgoing_outline": "文档结构",
        "outgoing_heading_1_label": "一、",
        "outgoing_heading_2_label": "（一）",
        "outgoing_heading_3_label": "1.",
        "outgoing_heading_4_label": "（1）",
        "outgoing_names_help": "多个用顿号分隔或每行一个。",
        "outgoing_signature_name": "发文机关署名",
        "outgoing_note": "附注",
        "outgoing_printed_by": "印发机关",
        "outgoing_save": "保存",
        "outgoing_view": "查看",
        "outgoing_autosave_idle": "每分钟自动保存。",
        "outgoing_autosave_saved": "已自动保存",
        "outgoing_autosave_failed": "自动保存失败，您输入的内容仍在页面上，请稍后手动保存：",
        "outgoing_problems": "检查意见",
        "outgoing_problems_none": "未发现问题。",
        "outgoing_problems_saved": "按最近一次保存的内容检查；修改后请先保存。",
        "outgoing_versions": "修改记录",
        "outgoing_version": "版本",
        "outgoing_author": "修改人",
        "outgoing_step": "环节",
        "outgoing_time": "时间",
        "outgoing_revisions": "痕迹对比",
        "outgoing_print": "打印稿",
        "outgoing_ofd": "下载 OFD",
        "outgoing_attachments": "附件",
        "outgoing_attachment_upload": "上传附件",
        "outgoing_attachment_delete": "删除",
        "outgoing_attachment_help": "PDF、OFD、Word、WPS、Excel、图片或文本，单个不超过 20 MB。",
        "outgoing_editing_as": "当前环节",
        "outgoing_instance": "查看流程",
        "outgoing_submit": "送审",
        "outgoing_number_action": "编号",
        "outgoing_seal_action": "加盖印章",
        "outgoing_seal_check": "验证印章",
        "outgoing_countersign_departments": "会签部门",
        "outgoing_countersign_help": "需要其他部门会签时选择（可多选），由各部门负责人会签。",
        "outgoing_countersign_units": "会签单位",
        "outgoing_countersign_units_help": "联合发文或涉及其他单位职责时选择，由各单位主要领导会签。",
        "seal_title": "印章验证",
        "processing_form": "发文稿纸",
        "processing_form_suffix": "发文稿纸",
        "processing_form_print_hint": "用浏览器的“打印”即可打印本页（打印时不显示导航）。",
        "form_number": "发文字号",
        "form_classification": "密级",
        "form_urgency": "紧急程度",
        "form_drafter_unit": "拟稿单位",
        "form_drafter": "拟稿人",
        "form_title": "标题",
        "form_main": "主送",
        "form_cc": "抄送",
        "form_attachments": "附件",
        "revisions_from": "原稿",
        "revisions_to": "修改稿",
        "revisions_mode": "显示方式",
        "revisions_inline": "修改痕迹",
        "revisions_side": "左右对照",
        "revisions_all": "全部痕迹（花脸稿）",
        "revisions_clean": "清稿",
        "revisions_show": "显示",
        "revisions_inserted": "增加的文字",
        "revisions_deleted": "删除的文字",
        "seal_name": "印章",
        "seal_signer": "用印人",
        "seal_time": "用印时间",
        "seal_version": "用印时版本 / 当前版本",
        "seal_key": "印章密钥",
        "seal_key_ok": "与本单位登记的印章一致",
        "seal_key_unknown": "不是本单位登记的印章",
        "seal_none": "该文稿尚未用印。",
    ]
}
