extension DocumentLayout {
    /// 页码 (GB/T 9704-2012 7.5): "一般用4号半角宋体阿拉伯数字，编排在公文版心下边缘之下，数字左右各放一条一字线；一字线上距版心
    /// 下边缘7mm。单页码居右空一字，双页码居左空一字".
    enum PageNumber {
        /// The number's top edge lies 7 mm below the text block (262 + 7 = 269 mm); its baseline 0.88 em lower.
        static let gap = 7.0

        /// `— 3 —` for page `number` (1-based): em dashes full-width, spaces and digits half-width, 4号 (14 pt);
        /// odd pages end one 4号 character (4.875 mm) from the right edge of the text block, even pages start
        /// one from its left edge.
        static func run(_ number: Int) -> TextRun {
            let size = PageGeometry.footerSize
            let character = PageGeometry.fullWidth(size: size)
            let text = "\u{2014} \(number) \u{2014}"
            let width = TextRun.gridWidth(text, size: size)
            let x = number.isMultiple(of: 2) ? PageGeometry.left + character : PageGeometry.right - character - width
            let baseline = PageGeometry.bottom + gap + PageGeometry.ascent * PageGeometry.emHeight(size: size)
            return .grid(text, x: x, baseline: baseline, font: .songti, size: size)
        }
    }
}
