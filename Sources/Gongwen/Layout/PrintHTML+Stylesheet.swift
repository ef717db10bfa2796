extension PrintHTML {
    /// The print view's CSS: inlined by default, or served as a file (e.g. `/css/print.css`) and linked with
    /// `stylesheetHref` where the Content-Security-Policy forbids inline styles.
    ///
    /// - `@page { size: A4; margin: 0 }` and one 210 × 297 mm box per page with a page break after it, so
    ///   the browser prints the layout's millimetres unscaled (print at 100%, no headers and footers).
    /// - On screen the pages stand on grey with a shadow; in print there is no background, and colours are
    ///   printed exactly (the red 标志, rule and seal).
    /// - Fonts by role, the Windows fonts a 机关's computers have first (under their English and Chinese
    ///   family names and the older `_GB2312` names), then macOS, then Debian's packages (Noto CJK from
    ///   `fonts-noto-cjk`, AR PL UKai from `fonts-arphic-ukai`). 小标宋 has no free equivalent: Noto Serif
    ///   CJK Bold stands in. The `Zhengtong XiaoBiaoSong` face names 方正小标宋 by its installed names
    ///   and declares it bold, so the bold that the fallback needs is never faked on top of the real font.
    public static let stylesheet = """
        @page { size: A4; margin: 0; }
        html, body { margin: 0; padding: 0; }
        body.gw-print { background: #d7d9dc; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .gw-pages { padding: 8mm 0; }
        .gw-page {
          position: relative; width: 210mm; height: 297mm; margin: 0 auto 8mm; overflow: hidden;
          background: #fff; box-shadow: 0 0.6mm 3mm rgba(0, 0, 0, 0.35);
          break-after: page; page-break-after: always; break-inside: avoid;
        }
        .gw-page:last-child { break-after: auto; page-break-after: auto; margin-bottom: 0; }
        .gw-sheet { position: absolute; left: 0; top: 0; width: 210mm; height: 297mm; display: block; }
        .gw-seal { mix-blend-mode: multiply; }
        @font-face {
          font-family: "Zhengtong XiaoBiaoSong"; font-weight: 700;
          src: local("FZXiaoBiaoSong-B05S"), local("FZXBSJW--GB1-0"), local("方正小标宋简体"), local("方正小标宋_GBK");
        }
        .gw-f-fangsong { font-family: FangSong, "仿宋", FangSong_GB2312, "仿宋_GB2312", STFangsong, "华文仿宋", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
        .gw-f-xiaobiaosong { font-family: "Zhengtong XiaoBiaoSong", "FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif; font-weight: 700; }
        .gw-f-heiti { font-family: SimHei, "黑体", STHeiti, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
        .gw-f-kaiti { font-family: KaiTi, "楷体", KaiTi_GB2312, "楷体_GB2312", STKaiti, "华文楷体", "AR PL KaitiM GB", "AR PL UKai CN", "Noto Serif CJK SC", serif; }
        .gw-f-songti { font-family: SimSun, "宋体", STSong, "华文宋体", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
        @media print {
          body.gw-print { background: none; }
          .gw-pages { padding: 0; }
          .gw-page { margin: 0; box-shadow: none; }
        }

        """
}
