/// Which letterhead (版头) a document is laid out with: GB/T 9704's 文件式, 信函式, 纪要式 and 命令式.
/// The raw value is the code used in JSON and storage.
public enum LetterheadStyle: String, CaseIterable, Codable, Hashable, Sendable {
    /// 文件格式: the red 发文机关标志 35 mm below the text block's top, 发文字号 and the red rule below it.
    case file
    /// 信函格式: red double rules, 标志 30 mm from the top of the page, no page number on page 1.
    case letter
    /// 纪要格式: a red `××××纪要` in place of the 标志.
    case minutes
    /// 命令（令）格式: a red `××××令` 20 mm below the text block's top, the 令号 below it, and the signer's title and
    /// signature in place of a seal.
    case order

    public var title: String {
        switch self {
        case .file: "文件式"
        case .letter: "信函式"
        case .minutes: "纪要式"
        case .order: "命令式"
        }
    }
}
