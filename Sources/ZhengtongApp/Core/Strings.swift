/// Every user-facing text in one table (zh-CN), so wording is consistent and another locale can follow.
///
/// Swift code uses the nested enums; templates read ``Strings/page`` as `t` (`#(t.nav_home)`).
enum Strings {
    static let productName = "政通协同办公平台"
    /// Between the items of an inline list (departments, positions, permissions).
    static let listSeparator = "、"

    enum Error {
        static let notFound = "您访问的页面或资源不存在。"
        static let forbidden = "您没有权限执行此操作。"
        static let unauthorized = "请先登录。"
        static let badRequest = "请求格式不正确。"
        static let methodNotAllowed = "不支持此请求方式。"
        static let payloadTooLarge = "提交的内容过大，已被拒绝。"
        static let unsupportedMediaType = "不支持此内容类型。"
        static let internalError = "服务器内部错误，请稍后再试；如问题持续，请联系系统管理员。"
        static let `internal` = internalError
        static let csrf = "页面已过期或请求来源无效，请刷新页面后重试。"
        static let formInvalid = "表单有误，请按提示修改后重新提交。"
        static let rfc3339Invalid = "时间应为 RFC 3339 格式，例如 2026-12-08T09:30:00+08:00。"
        static let staleRecord = "该记录已被他人修改，请刷新后重试。"
        static let tooManyRequests = "请求过于频繁，请稍后再试。"
        /// The database is restarting or out of reach: nothing of the request was saved, and trying again shortly works.
        static let databaseUnavailable = "数据库暂时无法连接，本次操作未保存，请稍后重试；如持续出现，请联系系统管理员。"
    }

    enum Auth {
        static let badCredentials = "用户名或密码不正确。"
        static let accountDisabled = "该账户已停用，请联系系统管理员。"
        static func accountLocked(until: String) -> String { "登录失败次数过多，该账户已暂时锁定，请于 \(until) 后再试。" }
        static func addressLocked(until: String) -> String { "来自您所在地址的登录失败次数过多，已暂时禁止登录，请于 \(until) 后再试。" }
        static let passwordChangeRequired = "首次登录或密码已重置，请先修改密码。"
        static let tokenInvalid = "访问令牌无效或已过期，请重新获取。"
        static let currentPasswordWrong = "当前密码不正确。"
        static let passwordsDiffer = "两次输入的新密码不一致。"
        static let passwordUnchanged = "新密码不能与当前密码相同。"
        static let passwordChanged = "密码已修改。"
        static let loggedOut = "您已安全退出。"
        static let usernameRequired = "请输入用户名或手机号。"
        static let passwordRequired = "请输入密码。"
    }

    /// Single sign-on through the identity platform (统一身份认证): what the login page says when it fails.
    enum OIDC {
        static let notConfigured = "未启用统一身份认证登录。"
        static let stateMismatch = "统一身份认证登录已失效或被重复提交，请重新点击登录按钮。"
        static let accessDenied = "您在统一身份认证平台取消了登录。"
        static let providerError = "统一身份认证平台未能完成登录，请重试；如问题持续，请联系系统管理员。"
        static let providerUnavailable = "暂时无法连接统一身份认证平台，请稍后重试，或使用用户名和密码登录。"
        static let codeRejected = "统一身份认证平台拒绝了本次登录（授权码无效或已使用），请重新登录。"
        static let tokenInvalid = "统一身份认证平台返回的身份令牌未通过校验，已拒绝登录；请重试，如问题持续，请联系系统管理员。"
        static let claimMissing = "统一身份认证平台未提供可用于匹配账户的信息，请联系系统管理员。"
        static let unmatched = "您的统一身份认证账户未与本平台的账户对应，请联系系统管理员开通。"
        static let administratorRefused = "三员分立：系统管理员、安全管理员、审计管理员须使用本平台的用户名和密码登录，不能使用统一身份认证登录。"
        static let redirectNotAllowed = "回调地址未在本平台登记。"
        static let fieldRequired = "必填"
        static let verifierInvalid = "应为 43 到 128 位的 PKCE 校验码（code_verifier）"
    }

    enum Password {
        static func tooShort(_ min: Int) -> String { "密码长度至少 \(min) 位。" }
        static func tooLong(_ max: Int) -> String { "密码长度不能超过 \(max) 位。" }
        static let classes = "密码须至少包含大写字母、小写字母、数字、特殊字符中的三类。"
        static let containsUsername = "密码不能包含用户名。"
    }

    enum Organization {
        static let nameRequired = "请填写名称。"
        static let nameTooLong = "名称不能超过 60 个字。"
        static let codeInvalid = "编码只能由字母、数字、下划线和短横线组成，且不超过 32 位。"
        static let codeTaken = "该编码已被使用。"
        static let parentInvalid = "上级不存在，或您无权管理它。"
        static let parentCycle = "不能把单位或部门移到它自己或它的下级之下。"
        static let unitRequired = "请选择所属单位。"
        static let departmentWrongUnit = "部门不属于所选单位。"
        static let usernameInvalid = "用户名须为 2 到 32 位字母、数字、下划线、点或短横线，以字母开头。"
        static let usernameTaken = "该用户名已被使用。"
        static let phoneInvalid = "手机号须为 11 位数字，以 1 开头。"
        static let phoneTaken = "该手机号已被其他人员使用。"
        static let emailInvalid = "电子邮箱格式不正确。"
        static let personNameRequired = "请填写姓名。"
        static let positionUnknown = "职务不存在。"
        static let roleUnknown = "角色不存在。"
        static let adminRolesExclusive = "三员分立：系统管理员、安全管理员、审计管理员须由不同人员担任，一个账户只能担任其中之一。"
        static let adminWithoutBusiness = "三员分立：系统管理员、安全管理员、审计管理员不能同时担任收发员、流程管理员等可以查阅公文的业务角色。"
        static let adminRoleNotGrantable = "自定义角色不能包含三员（系统、安全、审计管理）权限。"
        static let cannotChangeOwnRoles = "不能修改自己的角色。"
        static let cannotDisableSelf = "不能停用自己的账户。"
        static let protectedAdministrator = "三员分立：系统管理员不能修改、停用安全管理员或审计管理员的账户，也不能重置其密码；如需重置，请在服务器上使用 zhengtong account reset-password。"
        static let scopeOutside = "授权范围超出了您自己的管理范围。"
        static let saved = "已保存。"
        static let disabled = "已停用。"
        static let enabled = "已启用。"
        static func passwordIssued(_ username: String, _ password: String) -> String {
            "账户 \(username) 的初始密码为：\(password)（仅显示这一次，请当面或通过安全渠道告知本人；首次登录须修改）。"
        }
        static let unitPeopleForbidden = "您无权查看该单位的人员。"
        static let unitKindRequired = "请选择单位类型。"
        static let sortOrderInvalid = "排序号应为整数。"
        static let positionCatalogueShared = "职务目录为全平台共用，只有全平台范围的系统管理员可以修改。"
        static let positionNameTaken = "该职务名称已存在。"
        static let builtinRoleFixed = "内置角色的权限不可修改。"
        static let permissionUnknown = "含有未知的权限。"
    }

    /// Query-parameter problems reported by the JSON API (message, and the short text for the field).
    enum API {
        static func invalidID(_ name: String) -> String { "参数 \(name) 不是有效的编号。" }
        static let invalidIDField = "无效的编号"
        static let pageInvalid = "参数 page 应为正整数。"
        static let pageInvalidField = "应为正整数"
        static func perPageOutOfRange(_ limit: Int) -> String { "参数 perPage 应在 1 到 \(limit) 之间。" }
        static let perPageOutOfRangeField = "超出范围"
        static func flagInvalid(_ name: String) -> String { "参数 \(name) 应为 true 或 false。" }
        static let flagInvalidField = "应为 true 或 false"
        static let notFound = "所请求的资源不存在，或您无权查看。"
        static let requestInvalid = "请求内容有误，请按 fields 中各项的说明修改后重新发送。"
        static let staleRecord = "该记录已被他人修改，请重新读取后再提交。"
        static let outgoingEditedMeanwhile = "文稿已被他人修改，您的修改未保存；请重新读取最新版本（version）后再提交。"
        static func valueInvalid(_ name: String) -> String { "参数 \(name) 的值无效，可用的值见接口说明。" }
        static let valueInvalidField = "无效的值"
    }

    enum Audit {
        static let chainOK = "哈希链完整"
        static let chainBroken = "哈希链在此处断裂"
        static let fromDateInvalid = "起始日期格式应为 2026-01-05。"
        static let toDateInvalid = "截止日期格式应为 2026-01-05。"
        static func verifiedPage(checked: Int) -> String { "\(chainOK)：已校验 \(checked) 条记录。" }
        static func brokenPage(seq: Int, problem: String) -> String { "\(chainBroken)：序号 \(seq)，\(problem)" }
        /// Why a link of the chain is broken.
        static func recordMissing(seq: Int) -> String { "缺少序号 \(seq) 的记录（已被删除）" }
        static let linkMismatch = "与上一条记录的链接不符"
        static let hashMismatch = "记录内容与其哈希不符（已被篡改）"
    }

    /// Problems found in a CSV file by `zhengtong org import`; nothing is imported while there are any.
    enum Import {
        static func atLine(_ line: Int, _ message: String) -> String { "第 \(line) 行：\(message)" }
        static let encodingUnknown = "文件既不是 UTF-8 也不是 GBK 编码的文本。"
        static func unparseable(_ error: String) -> String { "无法解析 CSV：\(error)" }
        static func unknownColumn(_ header: String) -> String { "无法识别的列“\(header)”。" }
        static let unitColumnMissing = "缺少“单位”列。"
        static let unitEmpty = "“单位”为空。"
        static func unitNameTooLong(_ name: String) -> String { "单位名称“\(name)”过长。" }
        static func unitKindUnknown(_ kind: String) -> String { "未知的单位类型“\(kind)”（可用：人民政府、办公室、局委办、乡镇（街道）、其他）。" }
        static func unitCodeInvalid(_ problem: String) -> String { "单位编码：\(problem)" }
        static func usernameRepeated(_ username: String, firstLine: Int) -> String { "用户名“\(username)”与第 \(firstLine) 行重复。" }
        static func phoneRepeated(firstLine: Int) -> String { "手机号与第 \(firstLine) 行重复。" }
        static func positionUnknown(_ name: String) -> String { "未知的职务“\(name)”（请先在职务管理中添加）。" }
        static func roleUnknown(_ name: String) -> String { "未知的角色“\(name)”。" }
        static func adminRoleNotImportable(_ role: String) -> String { "三员角色（\(role)）不能批量导入，请由安全管理员单独授予。" }
        static func initialPasswordUnfit(_ problem: String) -> String { "初始密码不适用于该用户：\(problem)" }
        static let noRows = "文件中没有数据行。"
        static func usernameExists(_ username: String) -> String { "用户名“\(username)”已存在。" }
        static func phoneInUse(_ phone: String, by username: String) -> String { "手机号 \(phone) 已被 \(username) 使用。" }
        static func unitCodeRepeated(_ code: String, line: Int, path: String) -> String { "单位编码“\(code)”在第 \(line) 行已用于“\(path)”。" }
        static func unitCodeTaken(_ code: String, by unit: String) -> String { "单位编码“\(code)”已被“\(unit)”使用。" }
    }

    /// Configuration mistakes found at start-up (``ConfigurationError``).
    enum Config {
        /// The whole message: what is wrong with `variable`, and an example of a good value.
        static func error(variable: String, problem: String, example: String) -> String {
            let sentence = problem.hasSuffix("。") ? String(problem.dropLast()) : problem
            return "配置错误：环境变量 \(variable) \(sentence)。请设置 \(variable)，例如：\(example)"
        }
        static func urlInvalid(_ raw: String) -> String { "不是有效的网址：\(raw)" }
        static func bcryptCostInvalid(_ raw: String) -> String { "应为 4 到 16 之间的整数，现为 \(raw)" }
        static func sealsPerUnitInvalid(_ raw: String) -> String { "应为 1 到 10 之间的整数，现为 \(raw)" }
        static let sealKeyInvalid = "应为 64 位十六进制数字（32 字节的印章密钥加密密钥）"
        static func jobIntervalInvalid(_ raw: String) -> String { "应为 1 到 3600 之间的秒数，现为 \(raw)" }
        static func maxBodyInvalid(_ raw: String) -> String { "应为 1 到 1024 之间的整数（兆字节），现为 \(raw)" }
        static func trustProxyInvalid(_ raw: String) -> String { "应为 1 或 0，现为 \(raw)" }
        static func flagInvalid(_ raw: String) -> String { "应为 1 或 0，现为 \(raw)" }
        static let secretTooShort = "应为至少 16 个字符的共享密钥（与短信网关约定）"
        static func portInvalid(_ raw: String) -> String { "应为 1 到 65535 之间的端口号，现为 \(raw)" }
        static func smtpSecurityInvalid(_ raw: String) -> String { "应为 starttls、tls 或 none，现为 \(raw)" }
        static let smtpFromMissing = "应为发件地址（须含 @）"
        static let databaseURLExample = "postgres://zhengtong:密码@127.0.0.1:5432/zhengtong 或 sqlite:///var/lib/zhengtong/zhengtong.sqlite"
        static func sqlitePathNotAbsolute(_ raw: String) -> String { "SQLite 地址须为绝对路径（sqlite:///路径），现为 \(raw)" }
        static func databaseSchemeUnsupported(_ raw: String) -> String { "只支持 postgres:// 或 sqlite:// 地址，现为 \(raw)" }
        static let postgresURLIncomplete = "PostgreSQL 地址须含用户名、主机和数据库名"
        static func directoryMissing(_ path: String) -> String { "目录不存在：\(path)" }
        static func passwordRejected(_ problem: String) -> String { "不符合密码规则：\(problem)" }
        static func fileMissing(_ path: String) -> String { "文件不存在或不可读：\(path)" }
        static func oidcIssuerInvalid(_ raw: String) -> String { "应为统一身份认证平台的 https:// 地址（不含查询参数；http:// 仅限本机），现为 \(raw)" }
        static let oidcClientIDMissing = "未设置：配置了 ZHENGTONG_OIDC_ISSUER 时须给出在统一身份认证平台登记的客户端编号"
        static func oidcTokenAuthInvalid(_ raw: String) -> String { "应为 client_secret_basic 或 client_secret_post，现为 \(raw)" }
        static let oidcSecretMissing = "未设置：选择了 ZHENGTONG_OIDC_TOKEN_AUTH 时须给出客户端密钥"
        static let oidcRedirectMissing = "未设置，也无法从 ZHENGTONG_PUBLIC_URL 推出：须给出在统一身份认证平台登记的回调地址"
        static func oidcScopesInvalid(_ raw: String) -> String { "须包含 openid，现为 \(raw)" }
        static func oidcMatchInvalid(_ raw: String) -> String { "应为 username、phone 或 email（与令牌声明比对的账户字段），现为 \(raw)" }
    }

    /// What the `zhengtong` commands print and their help texts (operator console).
    enum Console {
        static let backupHelp = "在线备份数据库（服务运行时也可以）：SQLite 用 VACUUM INTO，PostgreSQL 用 pg_dump；另写 manifest.json（时间、最后一次迁移、文件的 SHA-256、各表行数）。"
        static func backupDone(_ directory: String, tables: Int, rows: Int, bytes: Int) -> String {
            "备份完成：\(directory)（\(tables) 张表，\(rows) 行，\(bytes) 字节）"
        }
        static func backupToolMissing(_ tool: String) -> String { "找不到 \(tool)：请安装 PostgreSQL 客户端（apt-get install postgresql-client），或把它所在目录加入 PATH。" }
        static func backupToolFailed(_ tool: String, status: Int32, output: String) -> String { "\(tool) 失败（退出码 \(status)）：\(output)" }
        static let backupUnsupported = "内存数据库不能备份。"
        static let backupEmpty = "数据库是空的（从未运行过 zhengtong serve 或 migrate）：没有可备份的内容。请检查 ZHENGTONG_DATA_DIR 或 DATABASE_URL。"
        static let restoreHelp = "把 zhengtong backup 做的备份恢复到当前配置的数据库：先按清单核对文件的 SHA-256，只恢复到空数据库（--force 时 SQLite 旧文件改名保留，PostgreSQL 覆盖备份中的表），恢复后逐表核对行数。"
        static func restoreNoManifest(_ path: String) -> String { "不是备份目录：找不到 \(path)。" }
        static func restoreDamaged(_ file: String) -> String { "备份文件 \(file) 与清单不符（大小或 SHA-256），已损坏或被改动，未恢复。" }
        static func restoreOtherKind(backup: String, target: String) -> String { "这是 \(backup) 的备份，当前数据库是 \(target)：不能直接恢复（跨库迁移请用导出和导入）。" }
        static let restoreNotEmpty = "目标数据库不是空的：为防止覆盖数据，未恢复。确需覆盖时加 --force。"
        static func restoreCountsDiffer(_ tables: [String]) -> String { "恢复后这些表的行数与清单不符：\(tables.joined(separator: "、"))。" }
        static func verifyAuditBroken(_ seq: Int) -> String { "恢复出的审计链在第 \(seq) 条断开。" }
        static let verifyHelp = "把备份恢复到一个临时数据库（SQLite 临时文件，或同一 PostgreSQL 服务器上的临时库，用后删除），核对文件的 SHA-256、各表行数和审计链。"
        static func verifyDone(_ directory: String, tables: Int, rows: Int) -> String { "备份可用：\(directory) 恢复到临时数据库后 \(tables) 张表、\(rows) 行与清单一致，审计链完整。" }
        static func restoreDone(_ directory: String, tables: Int, rows: Int) -> String { "已从 \(directory) 恢复：\(tables) 张表，\(rows) 行，行数与清单一致。" }
        static let exportHelp = "全量导出（交接）：每张表一个 JSON Lines 文件、schema.md、原样导出的文件、每件发文和收文的 OFD 与处理单、档案包，以及含每个文件 SHA-256 的 manifest.json。用法：zhengtong export --all --to 目录"
        static let exportUsage = "请写明 --all 和 --to 目录：zhengtong export --all --to 目录"
        static func exportDirectoryNotEmpty(_ path: String) -> String { "导出目录 \(path) 不是空的：为防止混入旧文件，请指定一个新目录。" }
        static func exportTableDone(_ table: String, rows: Int) -> String { "  \(table)：\(rows) 行" }
        static func exportStep(_ step: String) -> String { "  \(step) …" }
        static func exportDone(_ directory: String, files: Int, rows: Int, bytes: Int, seconds: Int) -> String {
            "导出完成：\(directory)（\(files) 个文件，\(rows) 行，\(bytes) 字节，用时 \(seconds) 秒）"
        }
        static let importHelp = "把 zhengtong export --all 的导出导入当前配置的数据库（须为新建的空库，SQLite 或 PostgreSQL 均可）：先按 manifest.json 核对每个文件的 SHA-256，在一个事务中写入，然后核对各表行数和审计链。"
        static func importNoManifest(_ path: String) -> String { "不是导出目录：找不到 \(path)。" }
        static func importDamaged(_ file: String) -> String { "导出文件 \(file) 与 manifest.json 不符（缺失、大小或 SHA-256 不同），已损坏或被改动，未导入。" }
        static func importOtherSchema(export: String, database: String) -> String {
            "导出的数据库结构（最后一次迁移 \(export)）与当前数据库（\(database)）不同：请用同一版本的政通导入。"
        }
        static let importNotEmpty = "目标数据库不是空的（已有单位、人员或审计记录）：为防止覆盖数据，未导入。请导入一个新建的空数据库（不要先运行 serve）。"
        static func importUnknownTable(_ table: String) -> String { "导出中的表 \(table) 在当前数据库中不存在：请用同一版本的政通导入。" }
        static func importBadRow(_ file: String, line: Int) -> String { "\(file) 第 \(line) 行无法读取，未导入。" }
        static func importDone(_ directory: String, tables: Int, rows: Int) -> String { "已从 \(directory) 导入：\(tables) 张表，\(rows) 行，行数与清单一致，审计链完整。" }
        static let gongwenHelp = "公文工具：不连接数据库，按 GB/T 9704 排版并输出打印稿与 OFD。"
        static let gongwenRenderHelp = "把 JSON 描述的一份公文排版为打印稿（--html）和/或 OFD（--ofd）；公文有问题时逐条列出，退出码 2。"
        static let gongwenFontsHelp = "列出 OFD 嵌入所用的字体：每种字体角色用哪个字体文件，缺少首选字体时用的替代字体，以及不能使用的字体文件。"
        static func gongwenFontRole(_ role: String, family: String, path: String, preferred: Bool) -> String {
            "\(role)：\(family)（\(path)）" + (preferred ? "" : "——未安装首选字体，以此替代")
        }
        static func gongwenFontMissing(_ role: String) -> String { "\(role)：没有可嵌入的字体，OFD 只写字体名称，由阅读器替换" }
        static func gongwenFontSkipped(_ path: String, _ reason: String) -> String { "不能使用：\(path)（\(reason)）" }
        static let gongwenNoOutput = "请至少给出 --html 或 --ofd 之一。"
        static func gongwenUnreadable(_ detail: String) -> String { "无法读取公文 JSON：\(detail)" }
        static func gongwenRendered(pages: Int) -> String { "已排版，共 \(pages) 页。" }
        static func unwritableFile(_ path: String, _ detail: String) -> String { "无法写入 \(path)：\(detail)" }
        static let workflowHelp = "流程模型工具（BPMN 2.0）：部署前检查与模拟运行，以及部署。"
        static let deliveryBenchmarkHelp = "消息发送基准测试：在独立的测试单位中建立人员并为每人排入一条短信和一封邮件，供多个服务进程发送。"
        static let reportsBenchmarkHelp = "信息报送基准测试：建立独立的信息收集单位和报送单位，写入一年的信息、采用与积分，供计时收件箱和排名。"
        static let workflowBenchmarkHelp = "流程引擎含持久化的基准测试：部署模型，发起实例并逐一办理全部任务（每次办理一个已提交的事务），输出每秒发起数和办理数。"
        static let workflowDeployHelp = "部署 BPMN 模型：与流程管理页面相同的检查；文件有变化的流程增加一个版本，运行中的实例保持原版本。有问题时退出码 2。"
        static let workflowCheckHelp = "检查 BPMN 模型能否执行：有问题时逐条列出（元素编号、中英文说明），退出码 2。"
        static let workflowSimulateHelp = "在内存中模拟运行模型，每个事件输出一行 JSON；退出码 0 完成、1 运行出错、3 停在等待。"
        static func workflowCheckPassed(_ processes: String, warnings: Int) -> String {
            "模型可以执行：\(processes)" + (warnings > 0 ? "（\(warnings) 条提示）" : "") + " / the model is executable"
        }
        static func workflowCheckFailed(_ errors: Int) -> String { "模型有 \(errors) 处错误，不能执行 / \(errors) error(s): the model cannot run" }
        static func unreadableFile(_ path: String, _ reason: String) -> String { "无法读取文件 \(path)：\(reason) / cannot read \(path)" }
        static func unknownProcess(_ id: String) -> String { "文件中没有流程 \(id) / no process \(id) in the file" }
        static let badVariables = "--vars 应为 JSON 对象，例如 {\"amount\": 8000} / --vars must be a JSON object"
        static func badMessage(_ text: String) -> String {
            "--message 应为 名称[:关联键][=JSON 对象]，例如 批复:42={\"批复意见\":\"同意\"}，现为 \(text) / --message must be NAME[:KEY][=JSON object]"
        }
        static func badDuration(_ text: String) -> String { "--advance 应为 ISO 8601 时长，例如 PT1H，现为 \(text) / --advance must be an ISO 8601 duration" }

        static let archiveHelp = "档案包：导出、检查 / archive packages: export and check"
        static let archiveExportHelp = "导出一个单位某年度的档案包 / export a unit's archive package of a year"
        static let archiveCheckHelp = "检查档案包是否完整、未被改动 / check an archive package is complete and unaltered"
        static let archiveExportUsage = "用法：zhengtong archive export --unit 单位代码 --year 年度 [--out 文件] / usage: archive export --unit CODE --year YEAR [--out FILE]"
        static func unknownUnit(_ code: String) -> String { "没有代码为 \(code) 的单位 / no unit with code \(code)" }
        static func archiveExported(path: String, items: Int) -> String { "已导出 \(items) 件到 \(path) / exported \(items) item(s) to \(path)" }

        static let hostnameOption = "监听地址（默认 127.0.0.1）"
        static let portOption = "端口（默认 8080）"
        static let bindOption = "地址:端口"

        static let serveHelp = "启动服务（生产环境）：执行数据库迁移，空库时创建管理员账户，然后提供服务。"
        static func accountCreated(role: String, username: String, password: String) -> String {
            "已创建\(role)账户：\(username)  初始密码：\(password)"
        }
        static let passwordsShownOnce = "以上密码只显示这一次，请立即记录；生成的密码在首次登录时须修改。"

        static let demoHelp = "以演示数据启动：嵌入式数据库（./demo-data）中的示范城市，然后提供服务。"
        static let demoDataDirOption = "数据目录（默认 ./demo-data）"
        static let demoDatabaseURLOption = "改用 PostgreSQL 数据库（postgres://用户:密码@主机:端口/库名），用于在生产数据库上试用"
        static func demoPasswordOption(default password: String) -> String { "演示账户的密码（默认 \(password)）" }
        static func demoStarted(seeded: Bool, dataDirectory: String) -> String {
            "政通 演示环境\(seeded ? "（已创建示范城市）" : "（沿用已有数据）")：数据目录 \(dataDirectory)"
        }
        static func demoOpen(_ url: String) -> String { "打开 \(url) 登录。" }
        static func demoAccountsSeeded(password: String) -> String { "演示账户（密码均为 \(password)）：" }
        static func demoAccountsExisting(defaultPassword: String) -> String { "演示账户（密码为首次创建时所设，默认 \(defaultPassword)）：" }

        static let accountHelp = "账户工具"
        static let resetPasswordHelp = "为账户生成新的初始密码（首次登录须修改），记入审计日志。"
        static let usernameArgument = "用户名"
        static func accountNotFound(_ username: String) -> String { "没有用户名为 \(username) 的账户。" }
        static func passwordReset(username: String, name: String, password: String) -> String {
            "账户 \(username)（\(name)）的新初始密码：\(password)"
        }
        static let passwordResetNote = "首次登录须修改；该账户的锁定与 API 令牌已清除。"

        static let auditHelp = "审计日志工具"
        static let auditVerifyHelp = "校验审计日志哈希链，报告第一处断裂。"
        static func auditBroken(seq: Int, problem: String, checked: Int) -> String {
            "审计日志哈希链断裂：序号 \(seq)：\(problem)（此前 \(checked) 条完好）"
        }
        static func auditIntact(checked: Int) -> String { "审计日志完整：已校验 \(checked) 条记录。" }

        static let orgHelp = "组织机构工具"
        static let orgImportHelp = "从 CSV 导入单位、部门和人员；任何一行有误则整批不导入。"
        static let orgFileArgument = "CSV 文件（UTF-8 或 GBK）"
        static let orgPasswordOption = "所有导入人员的初始密码（首次登录须修改）；不给则为每人生成并写入 FILE.passwords.csv"
        static func orgFileUnreadable(_ file: String, _ error: String) -> String { "无法读取文件 \(file)：\(error)" }
        static func orgImportRejected(problems: Int) -> String { "导入未执行：共 \(problems) 处错误，未写入任何数据。" }
        static func orgImportDone(units: Int, departments: Int, people: Int, positions: Int) -> String {
            "导入完成：新建单位 \(units) 个，部门 \(departments) 个，人员 \(people) 人，职务 \(positions) 个。"
        }
        /// Header row of `FILE.passwords.csv`.
        static let passwordsFileHeader = "用户名,姓名,初始密码"
        static func passwordsWritten(_ path: String) -> String { "初始密码已写入 \(path)（仅本机管理员可读；分发后请删除）。" }
    }

    /// Texts used by templates, passed to every page as `t`.
    /// The page table: the shared entries and each feature's (``workflowPage`` …).
    static let page: [String: String] = [workflowPage, outgoingPage, notificationsPage, exchangePage, incomingPage, archivePage, searchPage, noticesPage, deskPage, backupsPage, supervisionPage, statisticsPage, meetingsPage, dutyPage, schedulePage, calendarPage, deliveryPage, alertsPage, mailPage, reportsPage, bulletinsPage, sealsPage, keySignInPage]
        .reduce(sharedPage) { table, feature in table.merging(feature) { shared, _ in shared } }

    private static let sharedPage: [String: String] = [
        "product": productName,
        "html_lang": "zh-CN",
        "list_separator": listSeparator,
        "comma": "，",
        "colon": "：",
        "paren_open": "（",
        "paren_close": "）",
        "total_prefix": "共",
        "count_people": "人",
        "count_entries": "条",
        "pager_label": "分页",
        "nav_home": "工作台",
        "nav_documents": "公文",
        "nav_supervision": "督办",
        "nav_notices": "通知",
        "nav_meetings": "会议",
        "nav_reports": "信息报送",
        "nav_schedule": "日程",
        "nav_directory": "通讯录",
        "nav_admin": "管理",
        "menu": "菜单",
        "logout": "退出",
        "change_password": "修改密码",
        "skip_to_content": "跳到正文",
        "login_title": "用户登录",
        "login_username": "用户名或手机号",
        "login_password": "密码",
        "login_submit": "登录",
        "login_hint": "请使用本单位分配的账户登录。连续多次输错密码，账户将被暂时锁定。",
        "login_or": "或",
        "password_title": "修改密码",
        "password_current": "当前密码",
        "password_new": "新密码",
        "password_confirm": "再次输入新密码",
        "password_rules": "至少 8 位，包含大写字母、小写字母、数字、特殊字符中的三类，且不含用户名。",
        "password_submit": "修改密码",
        "password_forced": "首次登录或密码已被重置，请先设置您自己的密码。",
        "home_title": "工作台",
        "home_welcome": "您好",
        "unit": "单位",
        "department": "部门",
        "departments": "部门",
        "positions": "职务",
        "roles": "角色",
        "phone": "手机",
        "email": "电子邮箱",
        "name": "姓名",
        "username": "用户名",
        "title_field": "名称",
        "short_name": "简称",
        "code": "编码",
        "kind": "类型",
        "parent": "上级",
        "sort_order": "排序号",
        "status": "状态",
        "active": "正常",
        "disabled": "已停用",
        "actions": "操作",
        "edit": "编辑",
        "save": "保存",
        "cancel": "取消",
        "create": "新建",
        "disable": "停用",
        "enable": "启用",
        "search": "查询",
        "reset": "重置",
        "all": "全部",
        "none": "无",
        "back": "返回",
        "no_records": "没有符合条件的记录。",
        "required": "必填",
        "directory_title": "通讯录",
        "directory_query": "姓名、手机号或用户名",
        "admin_title": "系统管理",
        "admin_units": "单位管理",
        "admin_departments": "部门管理",
        "admin_users": "人员管理",
        "admin_positions": "职务管理",
        "admin_roles": "角色与授权",
        "admin_audit": "审计日志",
        "admin_units_desc": "单位树：市、县（区）、乡镇及各局委办。",
        "admin_users_desc": "账户、所属单位与部门、职务；停用而不删除。",
        "admin_positions_desc": "职务目录：主任、副主任、科员、分管领导、主要领导等。",
        "admin_roles_desc": "角色的权限，以及谁在哪个范围内担任哪个角色。",
        "admin_audit_desc": "登录、组织机构、账户与角色的每一次变更；哈希链防篡改。",
        "admin_none": "您的账户没有管理权限。",
        "unit_new": "新建单位",
        "unit_edit": "编辑单位",
        "department_new": "新建部门",
        "department_edit": "编辑部门",
        "user_new": "新建人员",
        "user_edit": "编辑人员",
        "user_reset_password": "重置密码",
        "user_roles": "角色授权",
        "user_disabled_notice": "该账户已停用。",
        "user_unit_help": "更换单位即调动人员；请随后重新选择部门。",
        "user_positions_help": "分管领导、主要领导为单位级职务；其他职务在主部门任职。",
        "user_reset_password_confirm": "确定为该账户重置密码？",
        "user_disable_confirm": "确定停用该账户？停用后不能登录，记录保留。",
        "user_roles_self": Organization.cannotChangeOwnRoles,
        "unit_disable_confirm": "确定停用该单位？",
        "department_disable_confirm": "确定停用该部门？",
        "position_new": "新建职务",
        "position_edit": "编辑职务",
        "position_rank": "级别",
        "position_code_help": "流程定义按编码引用职务，例如 director。",
        "position_rank_help": "级别 90 及以上为单位级领导职务。",
        "role_new": "新建角色",
        "role_edit": "编辑角色",
        "role_permissions": "权限",
        "role_builtin": "内置",
        "role_scope": "授权范围",
        "role_scope_all": "全平台",
        "role_grant": "授予",
        "role_revoke": "收回",
        "role_holders": "担任者",
        "role_builtin_hint": "内置角色体现三员分立等基本规则，其权限不可修改。",
        "role_revoke_confirm": "确定收回该角色？",
        "role_scope_help": "角色作用于所选单位及其下级单位。",
        "roles_grant_hint": "为人员授予角色：在“人员管理”中找到该人员，点击“角色授权”。",
        "description": "说明",
        "include_disabled": "含已停用",
        "audit_title": "审计日志",
        "audit_time": "时间",
        "audit_actor": "操作人",
        "audit_action": "操作",
        "audit_target": "对象",
        "audit_address": "地址",
        "audit_result": "结果",
        "audit_changes": "变更内容",
        "audit_before": "变更前",
        "audit_after": "变更后",
        "audit_from": "起始日期",
        "audit_to": "截止日期",
        "audit_action_placeholder": "操作（如 auth.login）",
        "audit_verify": "校验哈希链",
        "audit_chain_ok": Audit.chainOK,
        "audit_chain_broken": Audit.chainBroken,
        "success": "成功",
        "failure": "失败",
        "error_title": "出错了",
        "error_home": "返回工作台",
        "error_back": "返回上一页",
        "previous_page": "上一页",
        "next_page": "下一页",
        "department_members": "成员",
        "department_primary": "主部门",
        "move_hint": "修改“上级”即可移动。",
    ]
}
