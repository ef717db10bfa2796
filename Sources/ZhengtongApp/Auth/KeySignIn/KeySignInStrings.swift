import Foundation

/// The texts of sign-in with a certificate or USB key (see ``Strings``).
extension Strings {
    enum KeySignIn {
        static let required = "您所在单位要求使用数字证书（USB Key）登录，不能使用密码或统一身份认证登录。请插入 USB Key 后点击“使用 USB Key 登录”或“使用证书登录”。"
        static let unavailable = "本系统未配置证书登录。"
        static let certificateMissing = "未收到客户端证书：请确认已插入 USB Key 并在浏览器提示时选择证书。"
        static let certificateUnreadable = "证书无法识别：请提供 PEM 或 DER 格式的 X.509 证书。"
        static let signatureUnreadable = "签名格式不正确。"
        static let unbound = "该证书未绑定任何账户，请联系安全管理员绑定。"
        static let revoked = "该证书的绑定已被撤销，不能用于登录。"
        static func expired(_ date: String) -> String { "证书已于 \(date) 过期。" }
        static func notYetValid(_ date: String) -> String { "证书自 \(date) 起才生效。" }
        static let untrusted = "证书不是由本系统信任的证书机构签发的。"
        static let notSM2 = "USB Key 登录须使用 SM2 证书。"
        static let signatureInvalid = "签名验证失败：签名与证书或登录挑战不符。"
        static let challengeInvalid = "登录挑战无效或已使用，请重新登录。"
        static let challengeExpired = "登录挑战已过期，请重新登录。"
        static let signerFailed = "无法连接 USB Key 签名服务，请确认已插入 USB Key 并已启动厂商的签名服务。"

        static let bound = "证书已绑定。"
        static let revokedNotice = "证书绑定已撤销。"
        static let fileOrPemRequired = "请上传证书文件或粘贴 PEM 格式的证书。"
        static let personUnknown = "找不到该人员，或其不在您的管理范围内。"
        static let alreadyBound = "该证书已绑定到一个账户，请先撤销原绑定。"
        static let certificateIsAuthority = "这是证书机构（CA）的证书，不能绑定为个人登录证书。"
        static let alreadyRevoked = "该绑定已撤销。"
        static let lastAdministratorCertificate = "所在单位要求证书登录，这是该管理员（三员）唯一有效的证书；撤销后其将无法登录。请先为其绑定新证书，或先取消单位的证书登录要求。"
        static func administratorsWithoutCertificate(_ names: String) -> String {
            "以下管理员（三员）尚无有效的证书绑定，开启后将无法登录：\(names)。请先为其绑定证书。"
        }
        static let requirementOn = "已要求本单位人员使用证书登录。"
        static let requirementOff = "已取消本单位的证书登录要求。"

        static func caBundleMissing(_ path: String) -> String { "所指的证书机构文件不存在或不可读：\(path)" }
        static func caBundleUnreadable(_ path: String) -> String { "所指文件中没有可识别的 CA 证书（须为 PEM 格式、均为 CA 证书）：\(path)" }
        static func caBundleWithoutRoot(_ path: String) -> String { "所指文件中没有根证书（自签名的 CA 证书）：\(path)" }
        static let caBundleRequired = "启用证书登录（ZHENGTONG_CLIENT_CERT_HEADER 或 ZHENGTONG_KEY_SIGNER_URL）时必须配置信任的证书机构"
        static func headerInvalid(_ raw: String) -> String { "不是有效的请求头名称：\(raw)" }
        static let proxiesMissing = "设置了 ZHENGTONG_CLIENT_CERT_HEADER 时必须列出可信代理的地址"
    }

    static let keySignInPage: [String: String] = [
        "admin_certificates": "证书登录",
        "admin_certificates_desc": "为人员绑定数字证书（USB Key），撤销绑定，设置单位是否要求证书登录。",
        "cert_bind_title": "绑定证书",
        "cert_person": "人员（用户名）",
        "cert_file": "证书文件（.cer / .crt / .pem）",
        "cert_pem": "或粘贴 PEM 证书",
        "cert_bind": "绑定",
        "cert_bindings": "有效的证书绑定",
        "cert_revoked_list": "已撤销的绑定",
        "cert_subject": "证书主题",
        "cert_issuer": "签发者",
        "cert_serial": "序列号",
        "cert_validity": "有效期",
        "cert_fingerprint": "SM3 指纹",
        "cert_bound_by": "绑定人",
        "cert_revoked_by": "撤销人",
        "cert_revoke": "撤销",
        "cert_none": "暂无证书绑定。",
        "cert_units": "单位证书登录要求",
        "cert_unit_required": "要求证书登录",
        "cert_unit_optional": "允许密码登录",
        "cert_require": "要求证书登录",
        "cert_unrequire": "取消要求",
        "cert_units_hint": "要求证书登录的单位，其人员（包括三员）不能再用密码登录网页或获取 API 令牌。开启前须为该单位的三员绑定证书。",
        "cert_unavailable": "本系统尚未配置信任的证书机构（ZHENGTONG_CA_CERTS），证书登录不可用。",
        "login_with_certificate": "使用证书登录",
        "login_with_key": "使用 USB Key 登录",
        "login_key_or": "或",
        "login_key_working": "正在请 USB Key 签名……",
        "login_key_failed": "无法连接 USB Key 签名服务，请确认已插入 USB Key 并已启动厂商的签名服务。",
    ]
}
