import Foundation
import ZIPFoundation

/// The uploads that froze the server (issue 13 §5), written byte by byte as an attacker would: ZIP containers no
/// ZIP library would produce.
enum HostileAttachments {
    /// A small `.ofd` (the was 67 KB; zlib's default level makes this one about 200 KB) whose thirty page
    /// entries all point at one stream that inflates to 64 MB.
    static func overlappingOFD() throws -> Data {
        let size = 64 * 1024 * 1024
        let stream = try deflated(count: size, repeating: "<ofd:TextObject><ofd:TextCode>安全</ofd:TextCode></ofd:TextObject>")
        var zip = Writer()
        let offset = zip.add("Doc_0/Pages/Page_0/Content.xml", payload: stream, size: size)
        for page in 1..<30 {
            zip.list("Doc_0/Pages/Page_\(page)/Content.xml", at: offset, payload: stream.count, size: size)
        }
        return zip.finished()
    }

    /// A `.docx` of a couple of hundred KB whose `word/document.xml` inflates to 65 MB.
    static func docxBomb() throws -> Data {
        let size = 65 * 1024 * 1024
        var zip = Writer()
        zip.add("word/document.xml", payload: try deflated(count: size, repeating: "<w:p><w:r><w:t>炸</w:t></w:r></w:p>"), size: size)
        return zip.finished()
    }

    /// A 16 MB `.ofd` of 250 pages, each about 64 KB compressed and a megabyte of XML drawing with hardly any
    /// text: everything a real package has, only far too much of it.
    static func bigOFD(pages: Int = 250) throws -> Data {
        var random: UInt64 = 0x5EED
        var page = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content><ofd:Layer>"
        page += "<ofd:TextObject><ofd:TextCode>第一页上的几个字</ofd:TextCode></ofd:TextObject>"
        // Paths that do not repeat (about 64 KB once compressed), then drawing that does (a megabyte of it).
        while page.utf8.count < 560 * 1024 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            page += "<ofd:PathObject><ofd:AbbreviatedData>M \(String(random, radix: 16)) L 0 0</ofd:AbbreviatedData></ofd:PathObject>"
        }
        while page.utf8.count < 1024 * 1024 {
            page += "<ofd:PathObject Boundary=\"0 0 210 297\"><ofd:AbbreviatedData>M 0 0 L 210 297</ofd:AbbreviatedData></ofd:PathObject>"
        }
        page += "</ofd:Layer></ofd:Content></ofd:Page>"
        let content = Data(page.utf8)
        let payload = try deflated(content)
        var zip = Writer()
        let list = (0..<pages).map { "<ofd:Page ID=\"\($0 + 1)\" BaseLoc=\"Pages/Page_\($0)/Content.xml\"/>" }.joined()
        let document = Data("<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Pages>\(list)</ofd:Pages></ofd:Document>".utf8)
        zip.add("OFD.xml", payload: try deflated(Data("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>".utf8)), size: 48)
        zip.add("Doc_0/Document.xml", payload: try deflated(document), size: document.count)
        for index in 0..<pages {
            zip.add("Doc_0/Pages/Page_\(index)/Content.xml", payload: payload, size: content.count)
        }
        return zip.finished()
    }

    /// Raw DEFLATE of `count` bytes repeating `pattern`, made without holding them all.
    private static func deflated(count: Int, repeating pattern: String) throws -> Data {
        let unit = Data(pattern.utf8)
        var deflated = Data()
        _ = try Data.compress(size: Int64(count), bufferSize: 64 * 1024, provider: { position, size in
            var chunk = Data(capacity: size)
            var offset = Int(position) % unit.count
            while chunk.count < size {
                let take = min(unit.count - offset, size - chunk.count)
                chunk += unit[offset..<(offset + take)]
                offset = 0
            }
            return chunk
        }, consumer: { deflated.append($0) })
        return deflated
    }

    private static func deflated(_ data: Data) throws -> Data {
        var deflated = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024,
                              provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) },
                              consumer: { deflated.append($0) })
        return deflated
    }

    /// Local entries, then a central directory listing whatever it is told to.
    private struct Writer {
        private var data = Data()
        private var directory = Data()
        private var count = 0

        @discardableResult
        mutating func add(_ name: String, payload: Data, size: Int) -> Int {
            let offset = data.count
            append(to: &data, [0x0403_4B50], 4)
            append(to: &data, [20, 0, 8, 0, 0], 2)
            append(to: &data, [0, payload.count, size], 4)
            append(to: &data, [name.utf8.count, 0], 2)
            data += Data(name.utf8) + payload
            list(name, at: offset, payload: payload.count, size: size)
            return offset
        }

        mutating func list(_ name: String, at offset: Int, payload: Int, size: Int) {
            append(to: &directory, [0x0201_4B50], 4)
            append(to: &directory, [20, 20, 0, 8, 0, 0], 2)
            append(to: &directory, [0, payload, size], 4)
            append(to: &directory, [name.utf8.count, 0, 0, 0, 0], 2)
            append(to: &directory, [0, offset], 4)
            directory += Data(name.utf8)
            count += 1
        }

        func finished() -> Data {
            var end = Data()
            append(to: &end, [0x0605_4B50], 4)
            append(to: &end, [0, 0, count, count], 2)
            append(to: &end, [directory.count, data.count], 4)
            append(to: &end, [0], 2)
            return data + directory + end
        }

        /// Little-endian fields of `width` bytes.
        private func append(to target: inout Data, _ values: [Int], _ width: Int) {
            for value in values {
                target += Data((0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
            }
        }
    }
}
