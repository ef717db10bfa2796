import Foundation

/// Best-effort text of a `.pdf`: the text-showing operators of its content streams, without a PDF library.
///
/// Every `stream … endstream` is looked at; streams with no filter are read as they are, `FlateDecode`
/// streams are inflated (``Inflater``), and streams with any other filter, images, fonts, object and
/// cross-reference streams are skipped. Object streams are not unpacked (they hold dictionaries, never
/// page content), and encrypted files are not read at all.
///
/// The document's `/Title` comes first, when there is one.
///
/// What this cannot read: shown strings are taken as PDFDocEncoding (Latin-1); fonts' encodings and
/// `ToUnicode` maps are not applied. Most Chinese PDFs show text through composite (CID) fonts whose
/// strings are glyph numbers, so their page text is not found (only their title); such strings are
/// recognised by their control bytes and dropped rather than indexed as noise.
enum PDFText {
    /// A stream inflates to at most this; the whole file to at most the budget's ``ExtractionLimits/inflatedBytes``.
    static let maximumStreamBytes = 16 * 1024 * 1024

    /// Whether `data` has the `%PDF-` header (which may follow some junk, as readers allow).
    static func hasSignature(_ data: Data) -> Bool {
        let head = [UInt8](data.prefix(1024))
        return head.firstRange(of: Array("%PDF-".utf8)) != nil
    }

    static func extract(from data: Data, into collector: inout TextCollector, budget: ExtractionBudget) {
        let bytes = [UInt8](data)
        guard !isEncrypted(bytes) else { return }
        if let title = title(in: bytes) {
            collector.append(title)
            collector.hardBreak()
        }
        var searchFrom = 0
        while !collector.isFull, budget.hasTime(), let keyword = bytes.firstRange(of: streamKeyword, from: searchFrom) {
            searchFrom = keyword.upperBound
            guard !bytes[..<keyword.lowerBound].hasSuffix("end"),
                  let dataStart = dataStart(after: keyword.upperBound, in: bytes),
                  let end = bytes.firstRange(of: endstreamKeyword, from: dataStart)
            else { continue }
            searchFrom = end.upperBound
            var dataEnd = end.lowerBound
            while dataEnd > dataStart, bytes[dataEnd - 1] == 0x0A || bytes[dataEnd - 1] == 0x0D {
                dataEnd -= 1
            }
            let dictionary = StreamDictionary(bytes, endingAt: keyword.lowerBound)
            guard !dictionary.isSkipped else { continue }
            let content: [UInt8]
            if dictionary.isFlateEncoded {
                guard let inflated = Inflater.inflate(zlib: Data(bytes[dataStart..<dataEnd]), limit: maximumStreamBytes, budget: budget)
                else { continue }
                content = [UInt8](inflated)
            } else {
                content = Array(bytes[dataStart..<dataEnd])
            }
            PDFContentText.extract(from: content, into: &collector, budget: budget)
        }
    }

    /// The `/Title` of the document information dictionary, when it is stored outside object streams.
    ///
    /// Worth reading even where the pages are not: a Chinese title is a UTF-16 text string, readable when the
    /// page text is in glyph numbers, and it is often the document's name (关于……的通知).
    static func title(in bytes: [UInt8]) -> String? {
        let key = Array("/Title".utf8)
        var from = 0
        while let found = bytes.firstRange(of: key, from: from) {
            from = found.upperBound
            var index = found.upperBound
            while index < bytes.count, PDFSyntax.isWhitespace(bytes[index]) {
                index += 1
            }
            guard index < bytes.count else { return nil }
            let string: [UInt8]
            if bytes[index] == UInt8(ascii: "(") {
                string = PDFSyntax.literalString(in: bytes, at: index).bytes
            } else if bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "<") {
                string = PDFSyntax.hexString(in: bytes, at: index).bytes
            } else {
                continue
            }
            if let title = PDFSyntax.textString(string), title.contains(where: { !$0.isWhitespace }) {
                return title
            }
        }
        return nil
    }

    private static let streamKeyword = Array("stream".utf8)
    private static let endstreamKeyword = Array("endstream".utf8)

    /// Stream data starts after the end of line that follows the keyword; without one it is not a stream.
    private static func dataStart(after index: Int, in bytes: [UInt8]) -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x0A { return index + 1 }
        if bytes[index] == 0x0D {
            return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
        }
        return nil
    }

    /// Whether the trailer names an `/Encrypt` dictionary (and not, say, `/EncryptMetadata`).
    private static func isEncrypted(_ bytes: [UInt8]) -> Bool {
        let name = Array("/Encrypt".utf8)
        var from = 0
        while let found = bytes.firstRange(of: name, from: from) {
            if found.upperBound >= bytes.count || !PDFSyntax.isRegular(bytes[found.upperBound]) { return true }
            from = found.upperBound
        }
        return false
    }

    /// The names in a stream's dictionary (from its `obj` keyword to `stream`), enough to tell what it holds.
    private struct StreamDictionary {
        private var names: Set<String> = []

        init(_ bytes: [UInt8], endingAt end: Int) {
            let window = max(0, end - 8192)..<end
            let start = bytes[window].lastRange(of: Array("obj".utf8))?.upperBound ?? window.lowerBound
            var index = start
            while index < end {
                guard bytes[index] == UInt8(ascii: "/") else {
                    index += 1
                    continue
                }
                var nameEnd = index + 1
                while nameEnd < end, PDFSyntax.isRegular(bytes[nameEnd]) {
                    nameEnd += 1
                }
                names.insert(String(decoding: bytes[(index + 1)..<nameEnd], as: UTF8.self))
                index = nameEnd
            }
        }

        private static let otherFilters: Set<String> = [
            "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW", "RunLengthDecode", "RL",
            "CCITTFaxDecode", "CCF", "JBIG2Decode", "DCTDecode", "DCT", "JPXDecode", "Crypt",
        ]
        /// Images, fonts, embedded files, metadata and the file's own structure never hold page text.
        private static let notContent: Set<String> = [
            "Image", "XRef", "ObjStm", "Metadata", "EmbeddedFile", "Length1", "Length2", "Length3",
            "Type1C", "CIDFontType0C", "OpenType", "XML", "CMap",
        ]

        var isFlateEncoded: Bool { names.contains("FlateDecode") || names.contains("Fl") }

        var isSkipped: Bool { !names.isDisjoint(with: Self.otherFilters) || !names.isDisjoint(with: Self.notContent) }
    }
}
