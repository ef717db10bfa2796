extension Strings {
    /// 电子印章 (national seals) and their keys.
    enum Seals {
        static let keyUnreadable = "印章密钥无法解开：印章密钥加密密钥（ZHENGTONG_SEAL_KEY）与制作印章时的不一致"
        static func keyFileUnwritable(_ path: String) -> String { "未设置，且无法写入密钥文件 \(path)" }
        static let makerName = "政通印章制作中心"
    }
}
