import Foundation

/// What an attachment's own pages show (GB/T 9704-2012 7.3.7 "附件应当另面编排"): each attachment starts a
/// page with `附件N` and its title, then its content. The layout can set text and place pictures; any other
/// file (a PDF, a spreadsheet) travels with the document as it is, and its pages name it.
///
/// Content is passed to the layout beside the `OfficialDocument` rather than inside it: the document's
/// fields are saved with every version, an attachment's bytes once.
public enum AttachmentContent: Hashable, Sendable {
    /// Paragraphs separated by blank lines, headings typed as in the body (一、 （一） 1. （1）).
    case text(String)
    /// A picture (a scanned table, a map), scaled to the text block.
    case image(LayoutImage)
    /// A file the layout cannot set; its page says it is sent with the document.
    case file(name: String)

    /// The content of an attached file: UTF-8 text (`.txt`) is set, PNG and JPEG pictures are placed, and
    /// anything else is named.
    public init(fileName: String, data: Data) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        if ext == "txt", let text = String(data: data, encoding: .utf8) {
            self = .text(text)
        } else if ["png", "jpg", "jpeg"].contains(ext), let image = LayoutImage(data: data) {
            self = .image(image)
        } else {
            self = .file(name: fileName)
        }
    }
}

/// A PNG or JPEG picture with its size in pixels (which gives its proportions on the page).
public struct LayoutImage: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable {
        case png
        case jpeg

        public var mediaType: String { self == .png ? "image/png" : "image/jpeg" }
    }

    public var data: Data
    public var format: Format
    public var pixelWidth: Int
    public var pixelHeight: Int

    /// The picture in `data`, or nil when it is neither a PNG nor a JPEG whose size can be read.
    public init?(data: Data) {
        let bytes = [UInt8](data.prefix(64 * 1024))
        guard let (format, width, height) = Self.pngSize(bytes) ?? Self.jpegSize(bytes), width > 0, height > 0 else { return nil }
        self.data = data
        self.format = format
        pixelWidth = width
        pixelHeight = height
    }

    /// PNG: the signature, then the IHDR chunk whose first fields are the width and height (big-endian).
    private static func pngSize(_ bytes: [UInt8]) -> (Format, Int, Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, bytes.starts(with: signature), bytes[12...15].elementsEqual(Array("IHDR".utf8)) else { return nil }
        return (.png, bigEndian(bytes, at: 16, count: 4), bigEndian(bytes, at: 20, count: 4))
    }

    /// JPEG: markers from SOI; the first start-of-frame segment (SOF0…SOF15 except DHT, JPG and DAC) holds
    /// the height and width after the precision byte.
    private static func jpegSize(_ bytes: [UInt8]) -> (Format, Int, Int)? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            let length = bigEndian(bytes, at: index + 2, count: 2)
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                return (.jpeg, bigEndian(bytes, at: index + 7, count: 2), bigEndian(bytes, at: index + 5, count: 2))
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }
}
