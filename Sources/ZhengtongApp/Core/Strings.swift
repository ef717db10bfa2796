/// Every user-facing text in one table (zh-CN), so wording is consistent and another locale can follow.
///
/// Swift code uses the nested enums; templates read ``Strings/page`` as `t` (`#(t.nav_home)`).
enum Strings {
    static let productName = "政通协同办公平台"

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
        static let staleRecord = "该记录已被他人修改，请刷新后重试。"
        static let tooManyRequests = "请求过于频繁，请稍后再试。"
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
    }

    /// Texts used by templates, passed to every page as `t`.
    static let page: [String: String] = [
        "product": productName,
        "nav_home": "工作台",
        "nav_documents": "公文",
        "nav_supervision": "督办",
        "nav_notices": "通知",
        "nav_meetings": "会议",
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
        "password_title": "修改密码",
        "password_current": "当前密码",
        "password_new": "新密码",
        "password_confirm": "再次输入新密码",
        "password_rules": "至少 8 位，包含大写字母、小写字母、数字、特殊字符中的三类，且不含用户名。",
        "password_submit": "修改密码",
        "home_title": "工作台",
        "home_welcome": "您好",
        "home_open_tasks": "待办",
        "home_unread": "待阅",
        "home_to_accept": "待签收",
        "home_counters_note": "公文办理上线后，这里将显示您的待办、待阅和待签收事项。",
        "home_profile": "我的信息",
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
        "directory_count": "人",
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
        "position_new": "新建职务",
        "position_edit": "编辑职务",
        "position_rank": "级别",
        "role_new": "新建角色",
        "role_edit": "编辑角色",
        "role_permissions": "权限",
        "role_builtin": "内置",
        "role_scope": "授权范围",
        "role_scope_all": "全平台",
        "role_grant": "授予",
        "role_revoke": "收回",
        "role_holders": "担任者",
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
        "audit_chain_ok": "哈希链完整",
        "audit_chain_broken": "哈希链在此处断裂",
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
