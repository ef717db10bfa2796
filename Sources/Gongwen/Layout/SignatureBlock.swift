import Foundation
extension DocumentLayout {
    /// 发文机关署名, 成文日期, 印章 and 附注 (GB/T 9704-2012 7.3.5 and 7.3.6), as lines that follow the body
    /// (or the 附件说明) and stay on one page with its last line.
    enum SignatureBlock {
        /// The seal's diameter: GB/T 9704 does not fix it; 42 mm is the usual 机关 seal (as `SealDesign`).
        static let sealDiameter = 42.0

        static func lines(_ document: OfficialDocument) -> [FlowLine] {
            let name = document.signatureName?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            let date = document.date?.formatted
            var lines: [FlowLine]
            if document.style == .order {
                lines = signed(title: name, signer: document.signers.first?.trimmingCharacters(in: .whitespaces).nilIfEmpty, date: date)
            } else if let name, document.sealed {
                lines = document.isJoint ? jointSealed(names: [name] + document.coIssuerNames, date: date) : sealed(name: name, date: date)
            } else if name != nil || date != nil {
                lines = unsealed(names: (name.map { [$0] } ?? []) + (name == nil ? [] : document.coIssuerNames), date: date)
            } else {
                lines = []
            }

            // 附注: "居左空二字加圆括号编排在成文日期下一行"; later lines flush left like the body's.
            if let note = document.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty {
                // The note takes the place of the line kept free for the seal's lower edge.
                if lines.last?.runs.isEmpty == true && lines.last?.isSpacer == false { lines.removeLast() }
                if lines.isEmpty { lines.append(.spacer()) }
                let glyphs = Glyph.glyphs("（\(note)）", font: .fangsong, size: PageGeometry.bodySize)
                lines += BodyFlow.set(glyphs, firstX: PageGeometry.left + 2 * PageGeometry.characterPitch, restX: PageGeometry.left)
            }
            // Everything but the last line keeps with the next, so the block never splits across pages.
            for index in lines.indices.dropLast() { lines[index].keepWithNext = true }
            return lines
        }

        /// With a seal (7.3.5.1): "成文日期一般右空四字编排…以成文日期为准居中编排发文机关署名，印章端正、居中下压发文机关署名和
        /// 成文日期，使发文机关署名和成文日期居印章中心偏下位置，印章顶端应当上距正文（或附件说明）一行之内".
        ///
        /// Let E be the bottom edge of the last line of text. The seal's centre sits on the centre of the
        /// 署名's line, so the 署名 runs through the middle of the seal and the date below it (the pair is
        /// centred half a line below the seal's centre: "偏下"). With the 署名 on the third line after E its
        /// centre is E + 2.5 × 10.227 = E + 25.57 mm and the 42 mm seal's top E + 4.57 mm: below the text, and
        /// within one line (10.227 mm) of it as the rule demands. (On the second line the seal would cover the
        /// text; on the fourth its top would be 14.8 mm down.) So two blank lines, 署名, date. The seal's
        /// lower edge reaches 5.66 mm into the line after the date, which is kept free (or holds the 附注).
        private static func sealed(name: String, date: String?) -> [FlowLine] {
            let size = PageGeometry.bodySize
            let character = PageGeometry.characterPitch
            let baseline = PageGeometry.baselineOffset(size: size)
            // The date's right edge four characters in; without a date, the 署名 takes its place.
            let anchorRight = PageGeometry.right - 4 * character
            let anchorWidth = TextRun.gridWidth(date ?? name, size: size)
            let centre = anchorRight - anchorWidth / 2
            let nameWidth = TextRun.gridWidth(name, size: size)
            // Centred over the date; a name too long for that is moved left to end at the text block's edge.
            let nameX = max(PageGeometry.left, min(centre - nameWidth / 2, PageGeometry.right - nameWidth))
            let seal = SealPlacement(centerX: centre, centerY: PageGeometry.linePitch / 2, diameter: sealDiameter)

            var lines: [FlowLine] = [.spacer(), .spacer()]
            lines.append(FlowLine(runs: [.grid(name, x: nameX, baseline: baseline, font: .fangsong, size: size)], seals: [seal]))
            if let date {
                lines.append(FlowLine(runs: [.grid(date, x: anchorRight - anchorWidth, baseline: baseline, font: .fangsong, size: size)]))
            }
            lines.append(.reserved())
            return lines
        }

        /// 联合行文 with seals (7.3.5.1): "一般将各发文机关署名按照发文机关顺序整齐排列在相应位置，并将印章一一对应、端正、居中下压
        /// 发文机关署名，最后一个印章端正、居中下压发文机关署名和成文日期，印章之间排列整齐、互不相交或相切，每排印章两端不得超出
        /// 版心，首排印章顶端应当上距正文（或附件说明）一行之内".
        ///
        /// Seals stand in rows of at most three (`columns`), their centres spread evenly across the text block, so
        /// a row never reaches beyond it and 42 mm seals 52 mm apart leave 10 mm between them; fewer columns
        /// when a 署名 is wider than its share of the line. Rows fill in issuing order; a last, shorter row takes
        /// the rightmost columns, so the last seal stands over the 成文日期 at the right as a single seal does.
        /// The first row sits as a single seal does (署名 on the third line after the text, the seal's top
        /// within a line of it); each further row's 署名 five lines lower (51.1 mm: the 42 mm seals do not touch).
        /// Each 署名 is centred under its seal; the date, on the line after the last row, under the last seal.
        private static func jointSealed(names: [String], date: String?) -> [FlowLine] {
            let size = PageGeometry.bodySize
            let character = PageGeometry.characterPitch
            let baseline = PageGeometry.baselineOffset(size: size)
            let widest = names.map { TextRun.gridWidth($0, size: size) }.max() ?? 0
            let columns = (1...min(maximumSealsPerRow, names.count)).last { PageGeometry.textWidth / Double($0) - character >= widest } ?? 1
            let centres = (0..<columns).map { PageGeometry.left + PageGeometry.textWidth * Double(2 * $0 + 1) / Double(2 * columns) }
            let rows = stride(from: 0, to: names.count, by: columns).map { Array($0..<min($0 + columns, names.count)) }

            var lines: [FlowLine] = [.spacer(), .spacer()]
            for (rowIndex, row) in rows.enumerated() {
                if rowIndex > 0 { lines += Array(repeating: FlowLine.spacer(), count: rowPitch - 1) }
                let first = columns - row.count // a shorter last row takes the rightmost columns
                var runs: [TextRun] = []
                var seals: [SealPlacement] = []
                for (offset, issuer) in row.enumerated() {
                    let centre = centres[first + offset]
                    let width = TextRun.gridWidth(names[issuer], size: size)
                    runs.append(.grid(names[issuer], x: min(max(PageGeometry.left, centre - width / 2), PageGeometry.right - width), baseline: baseline,
                                      font: .fangsong, size: size))
                    seals.append(SealPlacement(centerX: centre, centerY: PageGeometry.linePitch / 2, diameter: sealDiameter, issuer: issuer))
                }
                lines.append(FlowLine(runs: runs, seals: seals))
            }
            if let date, let last = centres.last {
                let width = TextRun.gridWidth(date, size: size)
                lines.append(FlowLine(runs: [.grid(date, x: min(last - width / 2, PageGeometry.right - width), baseline: baseline, font: .fangsong, size: size)]))
            }
            lines.append(.reserved())
            return lines
        }

        /// At most three seals side by side: three 42 mm seals fill 126 of the 156 mm text block.
        static let maximumSealsPerRow = 3
        /// Lines from one row of 署名 to the next.
        static let rowPitch = 5

        /// A 命令 (7.3.5.4, 10.2): "在正文（或附件说明）下空二行右空四字加盖签发人签名章，签名章左空二字标注签发人职务，以签名章为准
        /// 上下居中排布。在签发人签名章下空一行右空四字编排成文日期". The signature is the signer's name in 楷体 where the
        /// 签名章 stands (a personal signature seal's picture replaces it once such seals are kept); `title` is the 职务.
        private static func signed(title: String?, signer: String?, date: String?) -> [FlowLine] {
            let size = PageGeometry.bodySize
            let character = PageGeometry.characterPitch
            let baseline = PageGeometry.baselineOffset(size: size)
            var lines: [FlowLine] = [.spacer(), .spacer()]
            var runs: [TextRun] = []
            let signatureX = PageGeometry.right - 4 * character - TextRun.gridWidth(signer ?? "", size: size)
            if let signer { runs.append(.grid(signer, x: signatureX, baseline: baseline, font: .kaiti, size: size)) }
            if let title {
                runs.append(.grid(title, x: max(PageGeometry.left, signatureX - 2 * character - TextRun.gridWidth(title, size: size)), baseline: baseline,
                                  font: .fangsong, size: size))
            }
            if !runs.isEmpty { lines.append(FlowLine(runs: runs)) }
            if let date {
                lines.append(.spacer())
                lines.append(FlowLine(runs: [.grid(date, x: PageGeometry.right - 4 * character - TextRun.gridWidth(date, size: size), baseline: baseline,
                                                   font: .fangsong, size: size)]))
            }
            return lines.count == 2 ? [] : lines
        }

        /// Without a seal (7.3.5.2): "在正文（或附件说明）下空一行右空二字编排发文机关署名，在发文机关署名下一行编排成文日期，
        /// 首字比发文机关署名首字右移二字，如成文日期长于发文机关署名，应当使成文日期右空二字编排，并相应增加发文机关署名右空字数。
        /// 联合行文时，应当先编排主办机关署名，其余发文机关署名依次向下编排". The names end at the same right edge; the date is
        /// placed against the last one. A date without a 署名 stands alone, two characters from the right.
        private static func unsealed(names: [String], date: String?) -> [FlowLine] {
            let size = PageGeometry.bodySize
            let character = PageGeometry.characterPitch
            let baseline = PageGeometry.baselineOffset(size: size)
            let limit = PageGeometry.right - 2 * character
            var lines: [FlowLine] = [.spacer()]
            let lastWidth = TextRun.gridWidth(names.last ?? "", size: size)
            var right = limit
            var dateX = limit - lastWidth + 2 * character
            if let date {
                let dateWidth = TextRun.gridWidth(date, size: size)
                if names.isEmpty || dateX + dateWidth > limit {
                    dateX = limit - dateWidth
                    right = dateX - 2 * character + lastWidth
                }
            }
            for name in names {
                lines.append(FlowLine(runs: [.grid(name, x: max(PageGeometry.left, right - TextRun.gridWidth(name, size: size)), baseline: baseline,
                                                   font: .fangsong, size: size)]))
            }
            if let date { lines.append(FlowLine(runs: [.grid(date, x: dateX, baseline: baseline, font: .fangsong, size: size)])) }
            return lines
        }
    }
}

private extension String {
    /// nil for an empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
