import Foundation
import Gongwen

/// GB/T 9704-2012's numbers, restated here from the standard (not read from the engine), and documents
/// to lay out.
enum GBT9704 {
    static let top = 37.0
    static let left = 28.0
    static let right = 28.0 + 156
    static let bottom = 37.0 + 225
    static let centre = 28.0 + 156 / 2
    /// 225 / 22.
    static let line = 225.0 / 22
    /// 156 / 28: a full-width 3号 character.
    static let character = 156.0 / 28
    /// A full-width 4号 character: 156 / 28 × 14 / 16.
    static let footerCharacter = 156.0 / 28 * 14 / 16

    static func em(_ size: Double) -> Double { size * 25.4 / 72 }
    /// Equal to a hundredth of a millimetre (or `tolerance`).
    static func near(_ a: Double, _ b: Double, within tolerance: Double = 0.01) -> Bool { abs(a - b) <= tolerance }
    /// A run's top edge: its baseline less 0.88 em (the CJK em box the layout uses).
    static func topEdge(_ run: TextRun) -> Double { run.y - 0.88 * em(run.size) }
    static func bottomEdge(_ run: TextRun) -> Double { topEdge(run) + em(run.size) }
    /// The grid line (1-based) a run's em box is centred in, or nil when it is off the grid.
    static func gridLine(_ run: TextRun) -> Int? {
        let centre = topEdge(run) + em(run.size) / 2
        let position = (centre - top) / line - 0.5
        let rounded = position.rounded()
        return abs(position - rounded) < 1e-6 ? Int(rounded) + 1 : nil
    }
}

enum LayoutFixtures {
    static let date = DocumentDate(year: 2026, month: 1, day: 5)

    static func notice(body: String = "为做好安全生产工作，现通知如下。\n\n一、提高认识\n\n（一）加强领导。各地要落实责任。\n\n1.明确分工。",
                       sealed: Bool = true) -> OfficialDocument {
        OfficialDocument(kind: .notice, issuerMark: "江北市人民政府办公室文件", number: "江政办发〔2026〕12号",
                         title: "江北市人民政府办公室关于做好安全生产工作的通知",
                         mainRecipients: ["各县（区）人民政府", "市政府各部门"], body: body,
                         signatureName: "江北市人民政府办公室", date: date, sealed: sealed,
                         ccRecipients: ["市委办公室", "市人大常委会办公室"], printedBy: "江北市人民政府办公室", printedDate: date)
    }

    /// `count` paragraphs of 60 characters each (three lines: 26 + 28 + 6).
    static func longBody(paragraphs count: Int) -> String {
        let paragraph = String(repeating: "安全生产责任重于泰山各地要切实加强领导", count: 3) + "抓落实"
        return Array(repeating: paragraph, count: count).joined(separator: "\n\n")
    }

    static func runs(_ page: LaidOutPage) -> [TextRun] {
        page.items.compactMap { if case .text(let run) = $0 { run } else { nil } }
    }

    static func rules(_ page: LaidOutPage) -> [Rule] {
        page.items.compactMap { if case .rule(let rule) = $0 { rule } else { nil } }
    }

    static func seals(_ page: LaidOutPage) -> [SealPlacement] {
        page.items.compactMap { if case .seal(let seal) = $0 { seal } else { nil } }
    }

    /// The first run whose text is `text`, with its page index.
    static func run(_ text: String, in layout: LaidOutDocument) -> (page: Int, run: TextRun)? {
        for (index, page) in layout.pages.enumerated() {
            if let run = runs(page).first(where: { $0.text == text }) { return (index, run) }
        }
        return nil
    }

    /// The 3号 black runs in the text block below `y` (on page 1, below the red rule).
    static func bodyRuns(_ page: LaidOutPage, below y: Double = GBT9704.top) -> [TextRun] {
        runs(page).filter { $0.size == 16 && $0.color == .black && $0.y > y && $0.y < GBT9704.bottom }
    }

    /// Lines of 3号 text on a page below `y`, runs on one baseline joined, top to bottom.
    static func lines(_ page: LaidOutPage, below y: Double = GBT9704.top) -> [(y: Double, x: Double, text: String, end: Double)] {
        let grouped = Dictionary(grouping: bodyRuns(page, below: y), by: { ($0.y * 1000).rounded() })
        return grouped.keys.sorted().map { key in
            let runs = grouped[key]!.sorted { $0.x < $1.x }
            return (runs[0].y, runs[0].x, runs.map(\.text).joined(), runs.last!.x + runs.last!.width)
        }
    }
}
