import Foundation

/// Plain text from an attachment's bytes, for the search index: `.txt`, `.docx`, `.ofd` and `.pdf`.
///
/// Everything runs in process with no outside service. The format comes from the file name's extension
/// and must agree with the bytes (a ZIP signature for `.docx`/`.ofd`, `%PDF-` for `.pdf`). Nothing here
/// throws or traps on damaged or hostile input: what cannot be read gives no text. The work one file may
/// cost is bounded by ``ExtractionLimits`` (bytes unpacked, ZIP entries, processor time), and a file that
/// reaches a limit gives no text at all rather than part of it, with the limit named so the caller can log it.
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

    /// What reading a file gave.
    public enum Result: Sendable, Equatable {
        /// The file's text, at most the requested number of UTF-8 bytes.
        case text(String)
        /// An unsupported type, bytes that do not match the extension, a damaged file, or one without text.
        case unreadable
        /// A limit was reached or the container is hostile: the file is to be indexed by its name only.
        case refused(ExtractionRefusal)

        /// The text, when there is some.
        public var text: String? {
            if case .text(let text) = self { return text }
            return nil
        }
    }

    /// Whether an attachment of this name is worth passing to ``extract(fileName:data:limits:maximumBytes:)``.
    public static func isSupported(fileName: String) -> Bool {
        AttachmentFormat(fileName: fileName) != nil
    }

    /// The attachment's text, at most `maximumBytes` of UTF-8; nil for an unsupported type, bytes that do not
    /// match the extension, a file with no readable text, or one that reached a limit of `.standard`.
    public static func text(fileName: String, data: Data, maximumBytes: Int = maximumTextBytes) -> String? {
        extract(fileName: fileName, data: data, maximumBytes: maximumBytes).text
    }

    /// Reads the attachment's text within `limits`.
    public static func extract(fileName: String, data: Data, limits: ExtractionLimits = .standard,
                               maximumBytes: Int = maximumTextBytes) -> Result {
        guard let format = AttachmentFormat(fileName: fileName), format.matches(data) else { return .unreadable }
        let budget = ExtractionBudget(limits)
        var collector = TextCollector(limit: maximumBytes)
        switch format {
        case .txt:
            guard let text = PlainTextDecoding.decode(data) else { return .unreadable }
            collector.append(text)
        case .docx, .ofd:
            let zip: ZipContainer
            do throws(ZipContainer.Problem) {
                zip = try ZipContainer(data: data, maximumEntries: limits.entries)
            } catch .notZip {
                return .unreadable
            } catch .tooManyEntries(let limit) {
                return .refused(.entries(limit: limit))
            } catch {
                return .refused(.container(error))
            }
            if format == .docx {
                WordDocumentText.extract(from: zip, into: &collector, partLimit: maximumPartBytes, budget: budget)
            } else {
                OFDText.extract(from: zip, into: &collector, partLimit: maximumPartBytes, budget: budget)
            }
        case .pdf:
            PDFText.extract(from: data, into: &collector, budget: budget)
        }
        if let refusal = budget.refusal { return .refused(refusal) }
        let text = collector.text
        return text.contains(where: { !$0.isWhitespace }) ? .text(text) : .unreadable
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
