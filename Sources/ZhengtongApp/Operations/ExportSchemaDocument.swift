import Foundation

/// `schema.md` of a full export: how to read it, then every table — what it holds, its key, each column with its
/// type, whether it may be empty and what it refers to — generated from the catalogue (``ExportSchema``), so it
/// always matches the files beside it. Written in Chinese with the code's names, for the successor's engineers.
enum ExportSchemaDocument {
    /// What each table holds (a table not listed here is described by its columns alone).
    static let descriptions: [String: String] = [
        "_fluent_sessions": "网页登录会话（键、会话数据）",
        "api_tokens": "API 令牌（只存散列）",
        "archive_item_files": "归档件的文件：盖归档章的正本、来文原件、附件、定稿及修改记录、处理单",
        "archive_items": "归档件（DA/T 22）：全宗号、年度、保管期限、分类、件号、档号、题名、责任者",
        "archive_settings": "各单位的档案设置：全宗号、分类方案（机构或问题）及类目",
        "audit_entries": "审计日志：按 seq 顺序的散列链（每行的 hash 覆盖本行内容和上一行的 hash），可用 zhengtong audit verify 校验",
        "calendar_days": "工作日历：节假日与调休上班日",
        "departments": "部门（处室），单位内的树",
        "desk_preferences": "个人工作台的版块设置",
        "desk_role_layouts": "按角色的工作台默认版块",
        "distribution_lists": "分发名单（收文单位的常用组合）",
        "exchange_deliveries": "公文交换的投递：每个收文单位一行，签收、拒收、回执",
        "exchange_package_files": "交换包随附的文件",
        "exchange_packages": "交换包：封发时的公文（字段 JSON 与 OFD），发出后不再改变",
        "incoming_documents": "收文：登记信息、收文编号、状态、办理流程",
        "incoming_files": "收文的文件：纸质来文的扫描件及其后添加的文件",
        "issuer_codes": "机关代字（发文字号前缀）",
        "jobs": "后台任务队列（含定时任务）",
        "login_throttles": "登录失败计数（防暴力破解）",
        "notice_attachments": "通知公告的附件",
        "notice_columns": "通知公告栏目",
        "notice_recipients": "通知公告的接收人：阅读时间与回执",
        "notice_versions": "通知公告的修改版本",
        "notices": "通知公告",
        "notification_outbox": "待发送的短信等外部通知",
        "notifications": "站内通知（提醒）",
        "number_counters": "编号计数器（发文字号、收文编号、件号等的当前值）",
        "number_registrations": "发文字号登记簿",
        "outgoing_attachments": "发文的附件",
        "outgoing_documents": "发文：公文的 18 个要素（content，OfficialDocument JSON）、状态、流程、文号",
        "outgoing_versions": "发文的修改版本（痕迹保留）",
        "positions": "岗位（职务）",
        "receiving_settings": "各单位的收文设置",
        "roles": "角色及其权限",
        "seal_applications": "用印记录（签章值）",
        "search_documents": "全文检索的文档（检索词与排序键）；SQLite 的 FTS5 表导入时由它重建",
        "search_queue": "待建索引的文档队列",
        "unit_seals": "单位电子印章（旧 P-256 印章含私钥 PEM；国密印章含证书、SESeal 与经 SM4 加密的私钥：请按涉密载体妥善保管本导出）",
        "seal_makers": "印章制作机构（证书与经 SM4 加密的私钥）",
        "units": "单位，组成一棵树",
        "user_departments": "人员所属部门",
        "user_positions": "人员担任的岗位",
        "user_roles": "人员的角色授权及范围",
        "users": "人员（账户；口令只存 bcrypt 散列）",
        "workflow_circulations": "传阅",
        "workflow_definitions": "已部署的流程定义（BPMN 2.0 XML）",
        "workflow_delegations": "委托规则",
        "workflow_history": "流程历史（每个命令的事件）",
        "workflow_instances": "流程实例（状态 JSON）",
        "workflow_message_subscriptions": "流程等待的消息",
        "workflow_reminders": "催办记录",
        "workflow_requests": "流程命令的请求编号（重试只生效一次）",
        "workflow_task_candidates": "待办的候选人",
        "workflow_tasks": "待办与已办（意见、结果、时间）",
        "workflow_timer_starts": "定时启动的流程已启动到的时刻",
        "workflow_tokens": "流程实例中的令牌（当前所在步骤）",
    ]

    static let typeNotes: [(ExportSchema.ColumnType, String)] = [
        (.uuid, "字符串，小写 UUID"),
        (.text, "字符串（UTF-8）"),
        (.integer, "整数；是/否字段为 1/0"),
        (.real, "数"),
        (.datetime, "字符串，UTC 时间，ISO 8601，精确到微秒：`2026-12-07T02:23:52.123456Z`"),
        (.blob, "字符串：导出目录中保存该文件内容的相对路径（`files/…`），文件即原样内容"),
        (.json, "JSON 值（数组或对象），键按字母排序"),
    ]

    static func markdown(_ schema: ExportSchema) -> String {
        var text = """
        # 政通 全量导出：数据说明

        本目录是政通平台在某一时刻的全部数据（合同终止交接用），不需要政通程序即可阅读。

        - `tables/<表名>.jsonl`：每张表一个文件，每行一条记录（JSON Lines，UTF-8），按主键排序；每条记录的键为列名，按字母排序。
        - `files/<表名>/<主键>/<文件名>`：数据库中保存的每个文件（附件、扫描件、OFD 等）原样导出，记录中对应列给出其路径。
        - `documents/outgoing/<发文 id>/`：每件发文的发文稿纸 `form.html` 和 OFD `document.ofd`（已盖章的取封发时的 OFD；盖章后尚未封发的没有 OFD）。
        - `documents/incoming/<收文 id>/`：每件收文的收文处理笺 `form.html`，经公文交换收到的还有来文原件 `original.ofd`。
        - `archive/<单位代码>-<年度>.zip`：各单位各年度的档案移交包，与 `zhengtong archive export` 生成的相同，可用 `zhengtong archive check` 校验。
        - `manifest.json`：每个文件的大小和 SHA-256、各表行数、最后一次数据库迁移、导出时间。两次导出同样的数据，只有 manifest.json 不同。

        用 `zhengtong import 目录` 可把本导出导入一个新建的空数据库（SQLite 或 PostgreSQL）。

        ## 值的写法

        | 类型 | 写法 |
        |---|---|

        """
        for (type, note) in typeNotes { text += "| \(type.rawValue) | \(note) |\n" }
        text += "\n空值写作 `null`。\n\n## 表\n\n按导入顺序排列（被引用的表在前）。\n"
        for table in schema.tables {
            text += "\n### \(table.name)\n\n"
            if let description = descriptions[table.name] { text += description + "。\n\n" }
            text += "文件：`tables/\(table.name).jsonl`。主键：\(table.primaryKey.isEmpty ? "无" : table.primaryKey.map { "`\($0)`" }.joined(separator: ", "))。\n\n"
            text += "| 列 | 类型 | 可为空 | 说明 |\n|---|---|---|---|\n"
            for column in table.columns {
                var notes: [String] = []
                if table.primaryKey == [column.name] { notes.append("主键") }
                if let target = table.references[column.name] { notes.append("引用 `\(target)`") }
                if column.type == .blob { notes.append("文件路径") }
                text += "| `\(column.name)` | \(column.type.rawValue) | \(column.nullable ? "是" : "否") | \(notes.joined(separator: "；")) |\n"
            }
        }
        return text
    }
}
