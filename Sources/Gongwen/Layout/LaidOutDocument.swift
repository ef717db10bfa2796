/// A document laid out on A4 pages: every line of text, rule and seal with its position in millimetres
/// (origin at the page's top-left, y downwards, as OFD and CSS both measure). The print view and the OFD
/// writer draw the same layout, so what is printed and what is archived agree.
public struct LaidOutDocument: Hashable, Sendable {
    public var pages: [LaidOutPage]

    public init(pages: [LaidOutPage]) {
        self.pages = pages
    }
}

/// One A4 page.
public struct LaidOutPage: Hashable, Sendable {
    public static let width = 210.0
    public static let height = 297.0

    public var items: [LayoutItem]

    public init(items: [LayoutItem] = []) {
        self.items = items
    }
}

public enum LayoutItem: Hashable, Sendable {
    case text(TextRun)
    case rule(Rule)
    case seal(SealPlacement)
    /// A picture on an attachment's page.
    case image(PlacedImage)
}

/// The fonts GB/T 9704 names, by role; each output maps a role to an installed font family.
public enum FontRole: String, Hashable, Sendable, CaseIterable, Codable {
    /// 仿宋 (FangSong): body text, 发文字号, 版记.
    case fangsong
    /// 小标宋 (XiaoBiaoSong): 发文机关标志 and 标题.
    case xiaobiaosong
    /// 黑体 (HeiTi): 密级, 紧急程度, first-level headings, 附件N.
    case heiti
    /// 楷体 (KaiTi): second-level headings, 签发人's names.
    case kaiti
    /// 宋体 (SongTi): page numbers' digits are half-width, set in 宋体.
    case songti
}

/// An RGB colour; GB/T 9704 uses black and red only.
public struct LayoutColor: Hashable, Sendable {
    public var red: Int
    public var green: Int
    public var blue: Int

    public init(red: Int, green: Int, blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let black = LayoutColor(red: 0, green: 0, blue: 0)
    /// The red of 发文机关标志, the rule under 发文字号 and the seal.
    public static let red = LayoutColor(red: 230, green: 0, blue: 18)
}

/// One line (or part of a line) of text: placed at `x`, its baseline at `y`, each character advancing by
/// `advances[i]` millimetres (so justified and letter-spaced lines print and archive identically).
public struct TextRun: Hashable, Sendable {
    public var text: String
    public var x: Double
    /// The baseline.
    public var y: Double
    public var font: FontRole
    /// Point size (3号 = 16 pt, 2号 = 22 pt, 4号 = 14 pt).
    public var size: Double
    public var color: LayoutColor
    /// One advance per character of `text`, in millimetres; the last is the width the character takes.
    public var advances: [Double]

    public init(text: String, x: Double, y: Double, font: FontRole, size: Double, color: LayoutColor = .black, advances: [Double]) {
        self.text = text
        self.x = x
        self.y = y
        self.font = font
        self.size = size
        self.color = color
        self.advances = advances
    }

    /// Millimetres per point.
    public static let millimetresPerPoint = 25.4 / 72

    /// The run's width in millimetres.
    public var width: Double { advances.reduce(0, +) }
}

/// A straight line: the red rule under the 发文字号, the 版记's rules.
public struct Rule: Hashable, Sendable {
    public var x1: Double
    public var y1: Double
    public var x2: Double
    public var y2: Double
    /// Line width in millimetres.
    public var width: Double
    public var color: LayoutColor

    public init(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, color: LayoutColor = .black) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
        self.width = width
        self.color = color
    }
}

/// Where a seal is stamped: a circle centred at (`centerX`, `centerY`).
public struct SealPlacement: Hashable, Sendable {
    public var centerX: Double
    public var centerY: Double
    public var diameter: Double
    /// Whose seal: 0 for the document's issuer (the 主办机关), 1… for its co-issuers in order (联合行文).
    public var issuer: Int

    public init(centerX: Double, centerY: Double, diameter: Double, issuer: Int = 0) {
        self.centerX = centerX
        self.centerY = centerY
        self.diameter = diameter
        self.issuer = issuer
    }
}

/// A picture placed in the box (`x`, `y`, `width`, `height`), its proportions kept.
public struct PlacedImage: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public var image: LayoutImage

    public init(x: Double, y: Double, width: Double, height: Double, image: LayoutImage) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.image = image
    }
}
