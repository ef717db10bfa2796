import Foundation

/// The print view: a laid-out document as one HTML5 page that prints on A4 exactly as laid out.
///
/// Each page is a 210 × 297 mm box holding one inline SVG whose user unit is the millimetre
/// (`viewBox="0 0 210 297"`), so the layout's numbers are written as they are: text by its baseline, with
/// every character's x position listed (the grid pitch differs from a font's natural advance, so only
/// explicit positions reproduce the layout, justified lines included), rules as lines, attachments' pictures
/// as images, and the seal from its `SealDesign` (ring, star, turned glyphs) at its `SealPlacement`.
///
/// Positions are SVG attributes, never `style` attributes: the application's Content-Security-Policy has
/// `style-src 'self'`, which blocks inline style attributes and `<style>` elements alike. By default the
/// stylesheet (`PrintHTML.stylesheet`: page size, screen presentation, font lists) is inlined so the file
/// stands alone (a download, the `gongwen render` output); pages served under that policy pass
/// `stylesheetHref` and serve `stylesheet` at that path instead. No scripts, no external resources.
public enum PrintHTML {
    /// The whole HTML document. `title` is the browser's title; `seal`, when given, is drawn at every
    /// `SealPlacement` (scaled to its diameter); without it the seal's place stays empty.
    public static func render(_ layout: LaidOutDocument, title: String, seal: SealDesign?, stylesheetHref: String? = nil) -> String {
        render(layout, title: title, seals: seal.map { [$0] } ?? [], stylesheetHref: stylesheetHref)
    }

    /// The same, with one seal per issuer (联合行文): `seals[i]` is drawn at the placements of issuer `i`; a
    /// placement whose issuer has no seal (nil, or past the end) stays empty.
    public static func render(_ layout: LaidOutDocument, title: String, seals: [SealDesign?], stylesheetHref: String? = nil) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"color-scheme\" content=\"light\">\n"
        html += "<title>\(escape(title))</title>\n"
        if let stylesheetHref {
            html += "<link rel=\"stylesheet\" href=\"\(escape(stylesheetHref))\">\n"
        } else {
            html += "<style>\n\(stylesheet)</style>\n"
        }
        html += "</head>\n<body class=\"gw-print\">\n<main class=\"gw-pages\">\n"
        let count = layout.pages.count
        for (index, page) in layout.pages.enumerated() {
            html += "<section class=\"gw-page\" aria-label=\"第\(index + 1)页，共\(count)页\">\n"
            html += "<svg class=\"gw-sheet\" xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\" "
                + "viewBox=\"0 0 \(number(LaidOutPage.width)) \(number(LaidOutPage.height))\">\n"
            // Rules and text first, the seal last: it is stamped over the 署名 and the date.
            for item in page.items {
                switch item {
                case .text(let run): html += text(run)
                case .rule(let rule): html += line(rule)
                case .image(let image): html += picture(image)
                case .seal: break
                }
            }
            for case .seal(let placement) in page.items where seals.indices.contains(placement.issuer) {
                if let design = seals[placement.issuer] { html += stamp(design, at: placement) }
            }
            html += "</svg>\n</section>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    // MARK: Elements

    /// A run as SVG text on its baseline with one x position per character. Spaces become no-break spaces,
    /// which SVG does not collapse, so positions and characters stay paired. A run with a character that
    /// is more than one UTF-16 unit (an extension-B ideograph, a combining sequence) gets one `<tspan>` per
    /// character, as SVG counts positions per UTF-16 unit.
    static func text(_ run: TextRun) -> String {
        let characters = Array(run.text)
        var positions: [Double] = []
        var x = run.x
        for index in characters.indices {
            positions.append(x)
            x += index < run.advances.count ? run.advances[index] : 0
        }
        let size = run.size * TextRun.millimetresPerPoint
        var element = "<text class=\"gw-f-\(run.font.rawValue)\" y=\"\(number(run.y))\" font-size=\"\(number(size))\" fill=\"\(hex(run.color))\""
        if characters.allSatisfy({ $0.utf16.count == 1 }) {
            element += " x=\"\(positions.map(number).joined(separator: " "))\">"
            element += escape(visible(run.text))
        } else {
            element += ">"
            for (character, x) in zip(characters, positions) {
                element += "<tspan x=\"\(number(x))\">\(escape(visible(String(character))))</tspan>"
            }
        }
        return element + "</text>\n"
    }

    static func line(_ rule: Rule) -> String {
        "<line x1=\"\(number(rule.x1))\" y1=\"\(number(rule.y1))\" x2=\"\(number(rule.x2))\" y2=\"\(number(rule.y2))\" "
            + "stroke=\"\(hex(rule.color))\" stroke-width=\"\(number(rule.width))\"/>\n"
    }

    /// A picture in its box, carried in the page as a `data:` URL (the file stands alone; the policy's
    /// `img-src` allows `data:`).
    static func picture(_ placed: PlacedImage) -> String {
        "<image x=\"\(number(placed.x))\" y=\"\(number(placed.y))\" width=\"\(number(placed.width))\" height=\"\(number(placed.height))\" "
            + "preserveAspectRatio=\"xMidYMid meet\" href=\"data:\(placed.image.format.mediaType);base64,\(placed.image.data.base64EncodedString())\"/>\n"
    }

    /// The seal drawn from its design: the red ring, the star and the name's glyphs each turned so its foot
    /// points at the centre, moved to the placement and scaled to its diameter. Multiplied onto the page,
    /// so the 署名 and date under it stay legible, as with ink.
    static func stamp(_ design: SealDesign, at placement: SealPlacement) -> String {
        let scale = design.diameter > 0 ? placement.diameter / design.diameter : 1
        let colour = hex(design.color)
        var svg = "<g class=\"gw-seal\" transform=\"translate(\(number(placement.centerX)) \(number(placement.centerY))) scale(\(number(scale)))\">\n"
        svg += "<circle cx=\"0\" cy=\"0\" r=\"\(number(design.diameter / 2 - design.ringWidth / 2))\" fill=\"none\" "
            + "stroke=\"\(colour)\" stroke-width=\"\(number(design.ringWidth))\"/>\n"
        if !design.star.isEmpty {
            let points = design.star.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
            svg += "<polygon points=\"\(points)\" fill=\"\(colour)\"/>\n"
        }
        for glyph in design.glyphs {
            let x = number(glyph.x)
            let y = number(glyph.y)
            svg += "<text class=\"gw-f-\(glyph.font.rawValue)\" x=\"\(x)\" y=\"\(y)\" font-size=\"\(number(glyph.size * TextRun.millimetresPerPoint))\" "
                + "font-weight=\"bold\" fill=\"\(colour)\" text-anchor=\"middle\" dominant-baseline=\"central\" "
                + "transform=\"rotate(\(number(glyph.rotation)) \(x) \(y))\">\(escape(visible(glyph.character)))</text>\n"
        }
        return svg + "</g>\n"
    }

    // MARK: Text

    static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text, controlCharacters: .noBreakSpace)
    }

    /// Spaces as no-break spaces, which SVG keeps.
    private static func visible(_ text: String) -> String {
        text.replacingOccurrences(of: " ", with: "\u{00A0}")
    }

    static func hex(_ color: LayoutColor) -> String { SVGFormat.hex(color) }

    static func number(_ value: Double) -> String { SVGFormat.number(value) }
}
