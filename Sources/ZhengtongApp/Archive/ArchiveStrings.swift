/// The texts of 归档 (see ``Strings``).
extension Strings {
    enum Archive {
        static let catalogueTitle = "档案目录"
        static let pendingTitle = "待归档"
        static let settingsTitle = "归档设置"
        static let forbidden = "归档由本单位档案员办理。"
        static let notFinished = "只有已封发的发文和已办结的收文可以归档。"
        static let classRequired = "请选择分类（机构或问题）。"
        static let retentionRequired = "请选择保管期限。"
        static let filed = "已归档。"
        static let corrected = "档案信息已更正。"
        static let correctionReasonRequired = "请填写更正原因。"
        static let editedMeanwhile = "档案信息已被他人更正，请刷新后重新填写。"
        static let titleRequired = "题名不能为空。"
        static let settingsSaved = "归档设置已保存。"
        static let fondsInvalid = "全宗号为 1 至 12 位字母、数字或连字符。"
        static let classesInvalid = "每行一个分类：代码（字母或数字）、空格、名称，如“01 办公室”；代码不能重复。"
        static let scanNote = "纸质来文，扫描件按原样归档，归档章记录在目录中。"
        static let proposedTitle = "待归档"
        static func fileRole(_ role: String) -> String {
            switch ArchiveItemFile.Role(rawValue: role) {
            case .document?: "正本（盖归档章）"
            case .attachment?: "附件"
            case .history?: "定稿及修改记录"
            case .form?: "处理单"
            case .original?: "来文原件"
            case nil: role
            }
        }
        static func alreadyFiled(_ code: String) -> String { "这份公文已归档，档号 \(code)。" }
        static func proposed(_ title: String) -> String { "待归档：\(title)" }
    }

    enum ArchiveCheck {
        static let ok = "档案包完整：每个文件都在，校验值一致，元数据齐全。"
        static let notZip = "不是 ZIP 格式的档案包。"
        static let unsafeZip = "档案包的 ZIP 结构异常（条目越界、互相重叠或与本地文件头不符），未读取。"
        static let noManifest = "缺少清单文件 manifest.json。"
        static let badManifest = "清单文件 manifest.json 无法读取。"
        static func missing(_ path: String) -> String { "缺少文件：\(path)" }
        static func altered(_ path: String) -> String { "文件被改动（SHA-256 不符）：\(path)" }
        static func unlisted(_ path: String) -> String { "清单中没有的文件：\(path)" }
        static func metadataMissing(_ path: String, _ field: String) -> String { "\(path) 缺少元数据“\(field)”" }
        static func problems(_ count: Int) -> String { "发现 \(count) 个问题。" }
    }

    static let archivePage: [String: String] = [
        "nav_archive": "档案",
        "archive_title": "档案目录",
        "archive_pending": "待归档",
        "archive_pending_empty": "没有待归档的公文。",
        "archive_empty": "没有档案。",
        "archive_settings": "归档设置",
        "archive_export": "导出档案包",
        "archive_csv": "导出目录（CSV）",
        "archive_code": "档号",
        "archive_year": "年度",
        "archive_class": "机构（问题）",
        "archive_retention": "保管期限",
        "archive_item_number": "件号",
        "archive_doc_title": "题名",
        "archive_number": "文号",
        "archive_responsible": "责任者",
        "archive_date": "日期",
        "archive_kind": "文种",
        "archive_classification": "密级",
        "archive_pages": "页数",
        "archive_filed": "归档时间",
        "archive_filed_by": "归档人",
        "archive_files": "文件",
        "archive_source": "来源",
        "archive_source_outgoing": "发文",
        "archive_source_incoming": "收文",
        "archive_file": "归档",
        "archive_finished": "办结/封发时间",
        "archive_view_stamped": "查看盖章正本",
        "archive_correct": "更正档案信息",
        "archive_correct_reason": "更正原因",
        "archive_note": "备注",
        "archive_all": "全部",
        "archive_filter": "筛选",
        "archive_fonds": "全宗号",
        "archive_scheme": "分类方式",
        "archive_scheme_department": "按机构",
        "archive_scheme_subject": "按问题",
        "archive_classes": "分类（每行：代码 名称）",
        "archive_classes_help": "机构分类填部门代码和名称，如“01 办公室”；问题分类填问题代码和名称，如“ZH 综合”。年度、分类、保管期限相同的文件，件号从 1 起连续编号。",
        "archive_save": "保存",
        "archive_hash": "SHA-256",
    ]
}
