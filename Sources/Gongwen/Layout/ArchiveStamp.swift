import Foundation

/// 归档章 (DA/T 22-2015 §7.3): stamped on the first page of an archived document, "首页上端居中或右上角的空白
/// 位置". Six cells of 15 × 8 mm in two rows — 全宗号 | 年度 | 件号 above, 机构（问题） | 保管期限 | 页数 below —
/// 45 × 16 mm in all, in red. On a GB/T 9704 page the stamp sits in the top margin (天头, above the 37 mm text
/// block), its right edge on the text block's, so it covers neither the 版头 nor the body.
public struct ArchiveStamp: Hashable, Sendable {
    /// 全宗号, e.g. `J012`.
    public var fondsCode: String
    /// 年度.
    public var year: Int
    /// 件号 as printed (four digits, zero-padded: `0007`).
    public var itemNumber: Int
    /// 机构 or 问题 (the class below the year); empty when the unit classifies by neither.
    public var classLabel: String
    /// 保管期限 as printed: `永久`, `30年`, `10年`.
    public var retention: String
    /// 页数.
    public var pages: Int

    public init(fondsCode: String, year: Int, itemNumber: Int, classLabel: String, retention: String, pages: Int) {
        self.fondsCode = fondsCode
        self.year = year
        self.itemNumber = itemNumber
        self.classLabel = classLabel
        self.retention = retention
        self.pages = pages
    }

    public static let cellWidth = 15.0
    public static let cellHeight = 8.0
    public static let width = 3 * cellWidth
    public static let height = 2 * cellHeight
    /// The stamp's top-left corner on the page: right edge on the text block's (184 mm), 4 mm above it (33 mm).
    public static let origin = (x: 184.0 - width, y: 37.0 - 4.0 - height)
    /// 10.5 pt (五号), which fits four characters in a 15 mm cell.
    static let textSize = 10.5

    /// The six values, row by row.
    public var cells: [String] {
        [fondsCode, String(year), String(format: "%04d", itemNumber), classLabel, retention, String(pages)]
    }

    /// The stamp's frame and values as layout items, in red.
    public var items: [LayoutItem] {
        let (left, top) = Self.origin
        var items: [LayoutItem] = []
        let line = 0.3
        for row in 0...2 {
            let y = top + Double(row) * Self.cellHeight
            items.append(.rule(Rule(x1: left, y1: y, x2: left + Self.width, y2: y, width: line, color: .red)))
        }
        for column in 0...3 {
            let x = left + Double(column) * Self.cellWidth
            items.append(.rule(Rule(x1: x, y1: top, x2: x, y2: top + Self.height, width: line, color: .red)))
        }
        let em = Self.textSize * TextRun.millimetresPerPoint
        for (index, value) in cells.enumerated() where !value.isEmpty {
            let row = index / 3
            let column = index % 3
            // Fitted into the cell: a long 机构 name is narrowed rather than spilling over the frame.
            let glyphs = DocumentLayout.Glyph.glyphs(value, font: .songti, size: Self.textSize)
            let natural = glyphs.width
            let room = Self.cellWidth - 1.0
            let scale = natural > room ? room / natural : 1
            let advances = glyphs.map { $0.advance * scale }
            let width = natural * scale
            let x = left + Double(column) * Self.cellWidth + (Self.cellWidth - width) / 2
            // Baseline so the em box is centred in the cell (0.88 em above the baseline, as elsewhere).
            let y = top + Double(row) * Self.cellHeight + (Self.cellHeight - em) / 2 + 0.88 * em
            items.append(.text(TextRun(text: value, x: x, y: y, font: .songti, size: Self.textSize, color: .red, advances: advances)))
        }
        return items
    }
}

extension LaidOutDocument {
    /// The same document with the 归档章 on its first page.
    public func stamped(_ stamp: ArchiveStamp) -> LaidOutDocument {
        guard !pages.isEmpty else { return self }
        var copy = self
        copy.pages[0].items += stamp.items
        return copy
    }
}
