import Foundation

extension FontRole {
    /// The name written as `FontName` and `FamilyName` in PublicRes.xml. No font is embedded: an OFD reader
    /// substitutes an installed font by name, so these are the names Chinese readers and systems know.
    ///
    /// - 仿宋, 楷体, 黑体, 宋体: the Windows system fonts (simfang, simkai, simhei, simsun) every reader maps,
    ///   rather than the older 仿宋_GB2312 / 楷体_GB2312 that many machines lack.
    /// - 方正小标宋简体 (FZXiaoBiaoSong-B05S): the 小标宋 GB/T 9704 names for 发文机关标志 and 标题;
    ///   readers without it fall back to a 宋体, which is also how a printer without it sets the title.
    public var ofdFontName: String {
        switch self {
        case .fangsong: "仿宋"
        case .xiaobiaosong: "方正小标宋简体"
        case .heiti: "黑体"
        case .kaiti: "楷体"
        case .songti: "宋体"
        }
    }

    /// Whether the face has serifs (all but 黑体); a reader substituting a missing font uses it.
    var ofdIsSerif: Bool { self != .heiti }
}
