extension DocumentLayout {
    /// Breaks a long 标题 into lines the way GB/T 9704 asks: "回行时，要做到词意完整，排列对称，长短适宜，间距恰当，
    /// 标题排列应当使用梯形或菱形". Without a dictionary the meaning is approximated by the places a drafter
    /// breaks a title by hand; among the partitions whose lines fit, the cheapest wins:
    ///
    /// - where a line ends: after 关于 costs 0, after punctuation 0.5, after 的 1, before 关于 1.5, before a
    ///   common verb that opens the subject (印发, 做好, 加强 …) or after a year (`2026年`) 2, after 和/与/及 3,
    ///   between two words of a short list of terms common in titles (人民政府, 安全生产, 实施方案 …) 3, next to
    ///   an ASCII word 6, and inside one of those terms 12. Anywhere else between two characters costs 7 (it
    ///   may be inside a word), less 0.5 an even number of characters after the last known boundary and more
    ///   0.5 an odd number, as most Chinese words have two characters (中央|财政|衔接, not 中央财|政);
    /// - the shape: a line longer than the one above costs 2.5 plus 0.3 per character (a trapezoid with the
    ///   longer lines first is preferred, as the brief for this layout asks), a shorter one 0.15 per character
    ///   of difference (so lines stay balanced); a line under four characters costs 6;
    /// - 5 per line, so a title is not spread over more lines than it needs for a slightly better break.
    enum TitleBreaker {
        /// Verbs that open a title's subject after 关于 (关于印发…, 关于做好…): a natural place to break before.
        static let subjectOpeners: [String] = [
            "印发", "转发", "批转", "做好", "加强", "开展", "进一步", "推进", "深入", "切实", "全面", "贯彻", "落实",
            "实施", "建立", "健全", "完善", "调整", "成立", "表彰", "公布", "下达", "规范", "促进", "支持", "认真",
            "组织", "召开", "举办", "申请", "请求", "报送", "拨付", "同意", "批准", "给予", "废止", "修订",
        ]

        /// Terms common in titles that a line must not split, and whose edges are good places to break.
        static let terms: [String] = [
            "人民政府", "办公室", "办公厅", "委员会", "人民代表大会", "常务委员会", "领导小组", "指挥部",
            "安全生产", "专项整治", "三年行动", "实施方案", "工作方案", "实施意见", "管理办法", "实施细则", "暂行规定",
            "应急管理", "防汛抗旱", "疫情防控", "乡村振兴", "营商环境", "高质量发展", "生态环境", "城乡建设", "交通运输",
            "农业农村", "卫生健康", "市场监督管理", "自然资源", "社会保障", "公共服务", "财政预算", "专项资金",
            "春节", "国庆", "期间", "工作", "经费", "资金", "项目", "建设", "改革", "发展", "规划", "检查", "考核",
            "表彰", "先进", "集体", "个人", "同志", "任免", "机构", "会议", "活动", "通知", "决定", "意见", "请示",
            "报告", "批复", "纪要", "通报", "公告", "通告", "中央财政", "财政", "预算", "补助", "设立", "开发区",
            "经济技术开发区", "高新技术产业开发区", "年度", "全市", "全县", "全省", "第一批", "第二批", "进一步",
        ]

        /// Splits `title` into lines no wider than `capacity` (in full-width characters; ASCII counts half).
        static func lines(_ title: String, capacity: Double) -> [String] {
            let characters = Array(title)
            let count = characters.count
            guard count > 0 else { return [] }
            let widths = characters.map { Glyph.isHalfWidth($0) ? 0.5 : 1.0 }
            var prefix = [0.0]
            for width in widths { prefix.append(prefix[prefix.count - 1] + width) }
            func width(_ start: Int, _ end: Int) -> Double { prefix[end] - prefix[start] }
            if width(0, count) <= capacity + 1e-9 { return [title] }

            // Where the terms lie: breaking inside one is expensive, at its edges cheap.
            var insideTerm = Set<Int>()
            var termEdge = Set<Int>()
            for term in terms {
                let letters = Array(term)
                guard letters.count <= count else { continue }
                for start in 0...(count - letters.count) where Array(characters[start..<(start + letters.count)]) == letters {
                    insideTerm.formUnion((start + 1)..<(start + letters.count))
                    termEdge.formUnion([start, start + letters.count])
                }
            }
            var breakCost = (0...count).map { index -> Double? in
                guard let base = cost(breakingBefore: index, in: characters) else { return nil }
                if insideTerm.contains(index) { return max(base, 12) }
                if termEdge.contains(index) { return min(base, 3) }
                return base
            }
            var lastBoundary = 0
            for index in 1..<count {
                guard let cost = breakCost[index] else { continue }
                if cost <= 3 {
                    lastBoundary = index
                } else if cost == 7 {
                    breakCost[index] = (index - lastBoundary).isMultiple(of: 2) ? 6.5 : 7.5
                }
            }

            // best[end][start]: the cheapest way to set characters[0..<end] with the last line characters[start..<end].
            struct Entry { var cost: Double; var previousStart: Int? }
            var best = [[Int: Entry]](repeating: [:], count: count + 1)
            func lineCost(_ start: Int, _ end: Int) -> Double {
                5 + (width(start, end) < 4 ? 6 : 0)
            }
            for end in 1...count where width(0, end) <= capacity + 1e-9 && breakCost[end] != nil {
                best[end][0] = Entry(cost: lineCost(0, end), previousStart: nil)
            }
            for start in 1..<count {
                guard let costHere = breakCost[start] else { continue }
                for (previousStart, entry) in best[start] {
                    let above = width(previousStart, start)
                    var end = start + 1
                    while end <= count && width(start, end) <= capacity + 1e-9 {
                        if breakCost[end] != nil {
                            let below = width(start, end)
                            let shape = below > above + 1e-9 ? 2.5 + 0.3 * (below - above) : 0.15 * (above - below)
                            let total = entry.cost + costHere + shape + lineCost(start, end)
                            if best[end][start].map({ total < $0.cost }) ?? true {
                                best[end][start] = Entry(cost: total, previousStart: previousStart)
                            }
                        }
                        end += 1
                    }
                }
            }
            guard let last = best[count].min(by: { $0.value.cost < $1.value.cost || ($0.value.cost == $1.value.cost && $0.key < $1.key) })
            else {
                // Nothing fits the rules (a title of unbreakable ASCII): fall back to plain breaking.
                return LineBreaker.lines(characters.map { Glyph($0, font: .xiaobiaosong, size: PageGeometry.bodySize) },
                                         firstX: 0, restX: 0, right: capacity * PageGeometry.characterPitch, justify: false)
                    .map { String($0.glyphs.map(\.character)) }
            }
            var lines: [String] = []
            var end = count
            var start: Int? = last.key
            while let lineStart = start {
                lines.append(String(characters[lineStart..<end]))
                let previous = best[end][lineStart]?.previousStart
                end = lineStart
                start = previous
            }
            return lines.reversed()
        }

        /// What it costs to end a line before `characters[index]`; nil where a line must not break
        /// (避头尾, inside an ASCII word). Index 0 and the end are free.
        static func cost(breakingBefore index: Int, in characters: [Character]) -> Double? {
            guard index > 0 && index < characters.count else { return 0 }
            let before = characters[index - 1]
            let after = characters[index]
            if LineBreaker.noLineStart.contains(after) || LineBreaker.noLineEnd.contains(before) { return nil }
            if LineBreaker.isWordCharacter(before) && LineBreaker.isWordCharacter(after) { return nil }
            func follows(_ word: String) -> Bool {
                index >= word.count && String(characters[(index - word.count)..<index]) == word
            }
            func precedes(_ word: String) -> Bool {
                index + word.count <= characters.count && String(characters[index..<(index + word.count)]) == word
            }
            if follows("关于") { return 0 }
            if "，、；：）》」".contains(before) { return 0.5 }
            if before == "的" { return 1 }
            if precedes("关于") { return 1.5 }
            if subjectOpeners.contains(where: precedes) { return 2 }
            if before == "年" && index >= 2 && characters[index - 2].isASCII && characters[index - 2].isNumber { return 2 }
            if "和与及".contains(before) { return 3 }
            if before.isASCII || after.isASCII { return 6 }
            return 7
        }
    }
}
