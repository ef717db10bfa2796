/// The texts of 发文 (see ``Strings``).
extension Strings {
    enum Outgoing {
        static let issuerCodeUnavailable = "该机关代字不属于本单位或已停用。"
        static let numberAlreadyVoided = "该文号已作废。"
        static let voidReasonRequired = "请填写作废原因。"
        static let codeInvalid = "机关代字不能为空，不能含空格或括号，不能以数字结尾（如 X政办发）。"
        static let codeTaken = "本单位已有该机关代字。"
        static let issuerMarkRequired = "请填写发文机关标志（如 江北市人民政府办公室文件）。"
        static let styleInvalid = "请选择版式：文件式、信函式或纪要式。"
        static let saved = "已保存。"
        static let numberVoided = "文号已作废，登记簿中保留该记录。"
        static let codeInUse = "该机关代字已用于编号，不能改名；可停用后新增。"
        static let registerForbidden = "只有本单位收发员可以查看和管理发文登记簿。"
        static let yearInvalid = "年份应为四位数字。"
    }

    static let outgoingPage: [String: String] = [
        "issuer_codes": "机关代字",
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
    ]
}
