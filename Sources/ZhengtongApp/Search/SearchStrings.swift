/// The texts of 全文检索 (see ``Strings``).
extension Strings {
    enum Search {
        static let queryRequired = "请输入要查找的字词。"
        static func title(_ q: String) -> String { q.isEmpty ? "查找" : "查找：\(q)" }
        static func reindexed(_ count: Int) -> String { "已重建索引：\(count) 份公文 / reindexed \(count) document(s)" }
        static let reindexHelp = "重建全文检索索引 / rebuild the full-text index"
        static let help = "全文检索 / full-text search"
        static let generateHelp = "生成检索基准测试用的公文 / generate documents for the search benchmark"
        static func generated(_ total: Int, seconds: Double) -> String { "基准单位现有 \(total) 份公文（用时 \(Int(seconds)) 秒）/ \(total) documents in the benchmark unit (\(Int(seconds)) s)" }
    }

    static let searchPage: [String: String] = [
        "search_title": "查找",
        "search_box": "查找公文",
        "search_placeholder": "标题、文号、正文、意见、附件中的字词",
        "search_button": "查找",
        "search_advanced": "筛选",
        "search_type": "类别",
        "search_outgoing": "发文",
        "search_notice": "通知公告",
        "search_incoming": "收文",
        "search_year": "年度",
        "search_kind": "文种",
        "search_unit": "单位",
        "search_status": "状态",
        "search_classification": "密级",
        "search_any": "不限",
        "search_empty": "没有找到您可以查看的公文。",
        "search_hint": "输入一个或几个字词；汉字按字和相邻两字查找，数字和字母按整词查找（如“2026 12”可找到“〔2026〕12号”）。",
        "search_previous": "上一页",
        "search_next": "下一页",
    ]
}
