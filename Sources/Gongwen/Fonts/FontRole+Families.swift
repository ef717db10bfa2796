/// The font families each role is set in, in order of preference.
///
/// First the faces GB/T 9704 names and government offices install (the GB2312 仿宋/楷体 the standard was
/// written for, the Windows faces, 方正小标宋), then free faces Debian packages whose licences let a
/// document carry them: AR PL SungtiL GB (`fonts-arphic-gbsn00lp`, a 宋体), AR PL KaitiM GB
/// (`fonts-arphic-gkai00mp`, a 楷体) and WenQuanYi Micro Hei (`fonts-wqy-microhei`, a 黑体). No free
/// 仿宋 with simplified characters is packaged (cwTeX's covers traditional ones only), so 仿宋 falls back
/// to the 宋体 shape, as printers without 仿宋 do; 小标宋 falls back to 宋体 too. `docs/architecture.md` says
/// so to the information centre.
extension FontRole {
    public var preferredFamilies: [String] {
        switch self {
        case .fangsong: ["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong"]
        case .xiaobiaosong: ["方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"]
        case .heiti: ["黑体", "SimHei", "方正黑体_GBK", "华文黑体", "STHeiti"]
        case .kaiti: ["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti"]
        case .songti: ["宋体", "SimSun", "华文宋体", "STSong"]
        }
    }

    /// Free faces to use when none of `preferredFamilies` is installed.
    public var fallbackFamilies: [String] {
        switch self {
        case .fangsong, .songti: ["AR PL SungtiL GB", "AR PL UMing CN"]
        case .xiaobiaosong: ["宋体", "SimSun", "AR PL SungtiL GB", "AR PL UMing CN"]
        case .heiti: ["WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback"]
        case .kaiti: ["AR PL KaitiM GB", "AR PL UKai CN"]
        }
    }
}
