import Foundation
import ZIPFoundation

/// A small `.xlsx` as a spreadsheet program writes one — shared strings for text, numbers as values (a date as its
/// serial) — to feed the imports.
enum WorkbookFixture {
    enum Cell {
        case text(String)
        case number(Double)
    }

    static func make(_ rows: [[Cell]]) throws -> Data {
        var strings: [String] = []
        func index(of text: String) -> Int {
            if let found = strings.firstIndex(of: text) { return found }
            strings.append(text)
            return strings.count - 1
        }
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        func column(_ index: Int) -> String {
            var name = ""
            var n = index + 1
            while n > 0 {
                let rest = (n - 1) % 26
                name = String(UnicodeScalar(65 + rest).map(Character.init) ?? "A") + name
                n = (n - 1) / 26
            }
            return name
        }
        var sheet = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            sheet += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let reference = column(c) + String(r + 1)
                switch cell {
                case .text(let text): sheet += #"<c r="\#(reference)" t="s"><v>\#(index(of: text))</v></c>"#
                case .number(let value): sheet += #"<c r="\#(reference)"><v>\#(value)</v></c>"#
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        var shared = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
        for text in strings { shared += "<si><t>\(escaped(text))</t></si>" }
        shared += "</sst>"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>"#),
            ("xl/sharedStrings.xml", shared),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }
}
