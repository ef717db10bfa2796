import Foundation
import ZIPFoundation

/// Builds small attachments for extraction tests: real ZIP packages (through ZIPFoundation) with minimal XML,
/// and PDFs written out object by object with a correct cross-reference table.
enum TestAttachments {
    enum FixtureError: Error {
        case archiveNotInMemory
    }

    /// A ZIP file holding `files` (path, contents) in order, deflated or stored.
    static func zip(_ files: [(path: String, contents: Data)], compressed: Bool = true) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for file in files {
            try archive.addEntry(
                with: file.path, type: .file, uncompressedSize: Int64(file.contents.count),
                compressionMethod: compressed ? .deflate : .none,
                provider: { position, size in file.contents.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
        guard let data = archive.data else { throw FixtureError.archiveNotInMemory }
        return data
    }

    /// A `.docx` whose body has one `w:p` per paragraph and one `w:r`/`w:t` per run, plus `extraBody` XML.
    static func docx(paragraphs: [[String]], extraBody: String = "", compressed: Bool = true) throws -> Data {
        let body = paragraphs.map { runs in
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
                + runs.map { "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\(escaped($0))</w:t></w:r>" }.joined()
                + "</w:p>"
        }.joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\(body)\(extraBody)\
            <w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>
            """
        let contentTypes = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """
        let relationships = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="word/document.xml"/></Relationships>
            """
        return try zip([
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(relationships.utf8)),
            ("word/document.xml", Data(document.utf8)),
        ], compressed: compressed)
    }

    /// An `.ofd` with one document; `pages[n]` are the `TextCode`s of `Page_n`, listed in `Document.xml` in
    /// `listingOrder` (page numbers), by default in number order.
    static func ofd(pages: [[String]], listingOrder: [Int]? = nil) throws -> Data {
        let namespace = "xmlns:ofd=\"http://www.ofdspec.org/2016\""
        let root = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ofd:OFD \(namespace) Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>\
            <ofd:DocID>6b4a0e5c2f1d4c3a9e8b7a6f5e4d3c2b</ofd:DocID></ofd:DocInfo>\
            <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>
            """
        let pageList = (listingOrder ?? Array(pages.indices)).map { index in
            "<ofd:Page ID=\"\(index + 1)\" BaseLoc=\"Pages/Page_\(index)/Content.xml\"/>"
        }.joined()
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ofd:Document \(namespace)><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID>\
            <ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>\
            <ofd:Pages>\(pageList)</ofd:Pages></ofd:Document>
            """
        var files: [(path: String, contents: Data)] = [("OFD.xml", Data(root.utf8)), ("Doc_0/Document.xml", Data(document.utf8))]
        for (index, codes) in pages.enumerated() {
            let objects = codes.enumerated().map { line, code in
                "<ofd:TextObject ID=\"\(100 * index + line + 10)\" Boundary=\"25 \(37 + 7 * line) 160 7\" Font=\"3\" Size=\"5.6\">"
                    + "<ofd:FillColor Value=\"0 0 0\"/><ofd:TextCode X=\"0\" Y=\"5.6\">\(escaped(code))</ofd:TextCode>"
                    + "</ofd:TextObject>"
            }.joined()
            let content = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ofd:Page \(namespace)><ofd:Content><ofd:Layer ID="\(100 * index + 5)">\(objects)</ofd:Layer>\
                </ofd:Content></ofd:Page>
                """
            files.append(("Doc_0/Pages/Page_\(index)/Content.xml", Data(content.utf8)))
        }
        return try zip(files)
    }

    /// A one-page PDF whose page content is `content`, FlateDecode-compressed when `compressed`, with an
    /// information dictionary whose `/Title` is `title` (PDF string syntax) when given.
    static func pdf(content: String, compressed: Bool = false, title: String? = nil) throws -> Data {
        var stream = Data(content.utf8)
        var filter = ""
        if compressed {
            stream = try zlib(stream)
            filter = " /Filter /FlateDecode"
        }
        var pdf = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ parts: Data...) {
            offsets.append(pdf.count)
            parts.forEach { pdf.append($0) }
        }
        object(Data("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".utf8))
        object(Data("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n".utf8))
        object(Data("""
            3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
            /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n
            """.utf8))
        object(Data("4 0 obj\n<< /Length \(stream.count)\(filter) >>\nstream\n".utf8), stream, Data("\nendstream\nendobj\n".utf8))
        object(Data("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n".utf8))
        if let title {
            object(Data("6 0 obj\n<< /Title \(title) /Producer (TextSearchTests) >>\nendobj\n".utf8))
        }
        let crossReference = pdf.count
        var trailer = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            trailer += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        let info = title == nil ? "" : " /Info 6 0 R"
        trailer += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R\(info) >>\nstartxref\n\(crossReference)\n%%EOF\n"
        pdf.append(Data(trailer.utf8))
        return pdf
    }

    /// `data` as a zlib stream (RFC 1950): header, raw DEFLATE from ZIPFoundation, Adler-32.
    static func zlib(_ data: Data) throws -> Data {
        var deflated = Data()
        _ = try Data.compress(
            size: Int64(data.count), bufferSize: 16 * 1024,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) },
            consumer: { deflated.append($0) }
        )
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let adler = b << 16 | a
        return Data([0x78, 0x9C]) + deflated + Data([UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)])
    }

    /// Bytes that are no format at all, the same on every run so a failure can be reproduced.
    static func garbage(count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data((0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        })
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
