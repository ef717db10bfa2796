import Foundation
import Gongwen

/// Layouts and seals built by hand for the OFD tests: a two-page 通知 set roughly as GB/T 9704 lays it out
/// (版心 156 × 225 mm from 28 mm left and 37 mm top, 22 lines of 28 characters in 3号仿宋), independent of
/// the layout engine.
enum OFDFixtures {
    /// 2026-01-05 10:30 Beijing time.
    static let issued = Date(timeIntervalSince1970: 1_767_580_200)
    static let documentID = UUID(uuidString: "6F1C2B3A-4D5E-4F60-8172-93A4B5C6D7E8")!

    static let issuer = "江北市人民政府办公室"
    static let number = "江政办发〔2026〕12号"
    static let titleLines = ["江北市人民政府办公室关于做好", "2026年春节期间安全生产工作的通知"]
    static let recipients = "各县（区）人民政府，市政府各部门："
    static let body = [
        "春节将至，为切实做好节日期间安全生产工作，保障人民群众生命财产安全，经市政府同意，现将有关事项通知如下。",
        "一、压实安全责任。各地各部门要坚持人民至上、生命至上，严格落实属地管理责任和部门监管责任，督促企业落实主体责任，层层传导压力，确保责任到岗到人。",
        "二、加强隐患排查。要聚焦道路交通、消防、燃气、危险化学品、建筑施工等重点行业领域，深入开展隐患排查整治，对发现的问题建立台账，限期整改销号。",
        "三、强化应急值守。节日期间要严格执行领导带班和值班制度，保持通信畅通，遇有重大情况及时报告，不得迟报、漏报、瞒报。",
        "四、做好宣传引导。要充分利用广播、电视、网络等渠道，广泛宣传安全生产法律法规和安全常识，提高群众安全意识和自救互救能力，营造良好节日氛围。",
        "特此通知。",
    ]
    static let cc = "抄送：市委办公室，市人大常委会办公室，市政协办公室。"

    static let bodyAdvance = 156.0 / 28
    static let linePitch = 225.0 / 22

    static func metadata() -> OFDMetadata {
        OFDMetadata(documentID: documentID, title: titleLines.joined(), author: issuer, creationDate: issued,
                    customData: [.documentNumber(number), .kind(.notice)])
    }

    /// A run whose characters advance a full em (`advance` if given), ASCII half an em.
    static func run(_ text: String, x: Double, y: Double, font: FontRole = .fangsong, size: Double = 16,
                    color: LayoutColor = .black, advance: Double? = nil) -> TextRun {
        let em = size * TextRun.millimetresPerPoint
        let advances = text.map { character -> Double in
            character.isASCII ? em / 2 : (advance ?? em)
        }
        return TextRun(text: text, x: x, y: y, font: font, size: size, color: color, advances: advances)
    }

    /// A run centred on the page.
    static func centred(_ text: String, y: Double, font: FontRole, size: Double, color: LayoutColor = .black) -> TextRun {
        let probe = run(text, x: 0, y: y, font: font, size: size, color: color)
        return run(text, x: 105 - probe.width / 2, y: y, font: font, size: size, color: color)
    }

    /// Body lines: the paragraph broken into lines of at most 28 characters, the first indented by two.
    static func bodyLines(_ paragraph: String) -> [String] {
        // 避头: a line never starts with closing punctuation; the line before ends a character early instead.
        let closing = Set("，。、；：？！）》”")
        let characters = Array("\u{3000}\u{3000}" + paragraph)
        var lines: [String] = []
        var start = 0
        while start < characters.count {
            var end = min(start + 28, characters.count)
            while end < characters.count, end - start > 1, closing.contains(characters[end]) { end -= 1 }
            lines.append(String(characters[start..<end]))
            start = end
        }
        return lines
    }

    /// Two pages: letterhead, number, red rule, title, recipients and body on the first; the rest of the
    /// body, signature, date, seal and 版记 on the second; page numbers on both. Also where the seal goes:
    /// over the 署名 and 成文日期, as the layout's `.seal` item says.
    static func sample() -> (layout: LaidOutDocument, sealPlacement: SealPlacement) {
        var first: [LayoutItem] = [
            .text(centred(issuer + "文件", y: 72, font: .xiaobiaosong, size: 34, color: .red)),
            .text(centred(number, y: 90, font: .fangsong, size: 16)),
            .rule(Rule(x1: 28, y1: 94, x2: 184, y2: 94, width: 0.5, color: .red)),
            .text(centred(titleLines[0], y: 112, font: .xiaobiaosong, size: 22)),
            .text(centred(titleLines[1], y: 124, font: .xiaobiaosong, size: 22)),
            .text(run(recipients, x: 28, y: 140, advance: bodyAdvance)),
        ]
        var second: [LayoutItem] = []
        var y = 140 + linePitch
        var onSecondPage = false
        for line in body.flatMap(bodyLines) {
            if !onSecondPage, y > 262 {
                onSecondPage = true
                y = 44
            }
            let item = LayoutItem.text(run(line, x: 28, y: y, advance: bodyAdvance))
            if onSecondPage { second.append(item) } else { first.append(item) }
            y += linePitch
        }
        first.append(.text(run("— 1 —", x: 151, y: 283, font: .songti, size: 14)))

        let signatureY = y + 2 * linePitch
        let dateY = signatureY + linePitch
        let placement = SealPlacement(centerX: 140, centerY: (signatureY + dateY) / 2 - 3, diameter: 42)
        second += [
            .text(run(issuer, x: 112, y: signatureY)),
            .text(run("2026年1月5日", x: 118, y: dateY)),
            .seal(placement),
            .rule(Rule(x1: 28, y1: 236, x2: 184, y2: 236, width: 0.35)),
            .text(run(cc, x: 33.6, y: 243, size: 14)),
            .rule(Rule(x1: 28, y1: 246, x2: 184, y2: 246, width: 0.25)),
            .text(run(issuer, x: 33.6, y: 253, size: 14)),
            .text(run("2026年1月5日印发", x: 140, y: 253, size: 14)),
            .rule(Rule(x1: 28, y1: 256, x2: 184, y2: 256, width: 0.35)),
            .text(run("— 2 —", x: 35, y: 283, font: .songti, size: 14)),
        ]
        return (LaidOutDocument(pages: [LaidOutPage(items: first), LaidOutPage(items: second)]), placement)
    }

    static func sampleLayout() -> LaidOutDocument { sample().layout }

    /// A 机关 seal drawn by hand: ring, ten-point star, the name on a 240° arc, each character turned so its
    /// foot points at the centre.
    static func sealDesign(name: String = issuer, diameter: Double = 42) -> SealDesign {
        let ringWidth = diameter / 35
        let starOuter = 0.2 * diameter
        let starInner = starOuter * 0.382
        let star = (0..<10).map { index -> SealPoint in
            let angle = Double(index) * 36 * .pi / 180
            let distance = index.isMultiple(of: 2) ? starOuter : starInner
            return SealPoint(x: distance * sin(angle), y: -distance * cos(angle))
        }
        let characters = name.map(String.init)
        let size = 17.0
        let em = size * TextRun.millimetresPerPoint
        let centreRadius = diameter / 2 - ringWidth - 0.8 - em / 2
        let step = characters.count > 1 ? 240 / Double(characters.count - 1) : 0
        let glyphs = characters.enumerated().map { index, character -> SealGlyph in
            let degrees = (Double(index) - Double(characters.count - 1) / 2) * step
            let angle = degrees * .pi / 180
            return SealGlyph(character: character, x: centreRadius * sin(angle), y: -centreRadius * cos(angle),
                             rotation: degrees, size: size)
        }
        return SealDesign(diameter: diameter, ringWidth: ringWidth, star: star, glyphs: glyphs)
    }

    static func seal(value: OFDSignature.Value = .bytes(Data([0x30, 0x45, 0x02, 0x20, 0x01, 0x02, 0x03])),
                     pageIndex: Int = 1) -> OFDSeal {
        OFDSeal(design: sealDesign(), placement: sample().sealPlacement, pageIndex: pageIndex,
                signature: OFDSignature(signerName: "王五", time: issued, value: value))
    }
}
