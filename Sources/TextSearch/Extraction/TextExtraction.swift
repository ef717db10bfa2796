import Foundation

/// Plain text from an attachment's bytes, for the search index: `.txt`, `.docx`, `.ofd` and `.pdf`.
///
/// Everything runs in process with no outside service. The format comes from the file name's extension
/// and must agree with the bytes (a ZIP signature for `.docx`/`.ofd`, `%PDF-` for `.pdf`). Nothing here
/// throws or traps on damaged or hostile input: what cannot be read gives nil, and compressed parts are
/// inflated only up to a cap, so a small ZIP bomb cannot take the server's memory.
///
/// Extraction is synchronous and CPU-bound (a large attachment takes a noticeable fraction of a second):
/// run it off the event loop, in a job or on a thread pool.
public enum TextExtraction {
    /// Extracted text is cut after this many UTF-8 bytes (2 MB), more than any official document needs.
    public static let maximumTextBytes = 2 * 1024 * 1024
    /// One compressed part (an XML file of a package) is inflated to at most this many bytes.
    static let maximumPartBytes = 64 * 1024 * 1024

    /// The extensions whose text can be read, lowercased.
    public static let supportedExtensions: Set<String> = Set(AttachmentFormat.allCases.map(\.rawValue))

    /// Whether an attachment of this name is worth passing to ``text(fileName:data:maximumBytes:)``.
    public static func isSupported(fileName: String) -> Bool {
        AttachmentFormat(fileName: fileName) != nil
    }

    /// The attachment's text, at most `maximumBytes` of UTF-8; nil for an unsupported type, bytes that do not
    /// match the extension, or a file with no readable text.
    public static func text(fileName: String, data: Data, maximumBytes: Int = maximumTextBytes) -> String? {
        guard let format = AttachmentFormat(fileName: fileName), format.matches(data) else { return nil }
        var collector = TextCollector(limit: maximumBytes)
        switch format {
        case .txt:
            guard let text = PlainTextDecoding.decode(data) else { return nil }
            collector.append(text)
        case .docx:
            guard let zip = ZipContainer(data: data) else { return nil }
            WordDocumentText.extract(from: zip, into: &collector, partLimit: maximumPartBytes)
        case .ofd:
            guard let zip = ZipContainer(data: data) else { return nil }
            OFDText.extract(from: zip, into: &collector, partLimit: maximumPartBytes)
        case .pdf:
            PDFText.extract(from: data, into: &collector)
        }
        let text = collector.text
        return text.contains(where: { !$0.isWhitespace }) ? text : nil
    }
}

/// The attachment types text is read from, named by their extension.
enum AttachmentFormat: String, CaseIterable {
    case txt, docx, ofd, pdf

    /// From the last extension of a name or path, in any case: `通知.DOCX` is a Word document.
    init?(fileName: String) {
        let name = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
        guard let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex else { return nil }
        self.init(rawValue: name[name.index(after: dot)...].lowercased())
    }

    /// Whether the bytes start the way this format does; plain text has no signature to check.
    func matches(_ data: Data) -> Bool {
        switch self {
        case .txt: true
        case .docx, .ofd: ZipContainer.hasSignature(data)
        case .pdf: PDFText.hasSignature(data)
        }
    }
}
