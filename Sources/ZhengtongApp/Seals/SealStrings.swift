extension Strings {
    /// 电子印章 (national seals) and their keys.
    enum Seals {
        static let keyUnreadable = "印章密钥无法解开：印章密钥加密密钥（ZHENGTONG_SEAL_KEY）与制作印章时的不一致"
        static func keyFileUnwritable(_ path: String) -> String { "未设置，且无法写入密钥文件 \(path)" }
        static let makerName = "政通印章制作中心"
        static let nameInvalid = "请填写印章名称（不超过 40 个字）"
        static let nameTaken = "本单位已有同名的有效印章"
        static let keeperInvalid = "印章管理员须是本单位具有“电子印章使用”权限的人员"
        static func limitReached(_ limit: Int) -> String { "本单位已有 \(limit) 枚有效印章，达到上限；请先停用不再使用的印章" }
        static let alreadyRevoked = "该印章已停用"
        static let notYours = "您不是该印章的印章管理员，或该印章已停用、已过有效期"
        static let noneUsable = "本单位没有您可以使用的有效印章"
        static let created = "印章已制作"
        static let revoked = "印章已停用"
        static let keeperSaved = "印章管理员已更新"
        static let anyKeeper = "本单位任一印章管理员"
    }
}

extension Strings {
    static let sealsPage: [String: String] = [
        "unit_seals_title": "印章管理",
        "unit_seals_hint": "国密电子印章（GB/T 38540，SM2 签名），由平台印章制作机构签发；每枚印章可指定一名印章管理员，只有他（或未指定时本单位任一印章管理员）能用它用印。停用后不能再用印，已盖章的文件仍可验证。",
        "unit_seals_list": "本单位印章",
        "unit_seals_inactive": "已停用",
        "unit_seals_algorithm": "印章类型",
        "unit_seals_sm2": "国密电子印章（SM2）",
        "unit_seals_p256": "早期印章（P-256）",
        "unit_seals_keeper": "印章管理员",
        "unit_seals_any_keeper": "本单位任一印章管理员",
        "unit_seals_maker": "制章机构",
        "unit_seals_valid_until": "有效期至",
        "unit_seals_revoked_at": "停用时间",
        "unit_seals_revoke": "停用",
        "unit_seals_revoke_confirm": "停用后不能再用这枚印章用印，确定停用吗？",
        "unit_seals_new": "制作印章",
        "unit_seals_name": "印章名称",
        "unit_seals_new_hint": "印章图案由印章名称生成，签名密钥加密保存在服务器上。",
        "unit_seals_make": "制作",
        "unit_seals_full": "有效印章已达上限，请先停用不再使用的印章。",
        "unit_seals_manage": "印章管理",
        "outgoing_seal_choose": "使用印章",
    ]
}
