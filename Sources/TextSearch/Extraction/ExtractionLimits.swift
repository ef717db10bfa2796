/// How much work reading one attached file may take before it is given up and the file is indexed by its name
/// only.
///
/// An upload is small but what it unpacks need not be: a 67 KB `.ofd` whose entries all point at one 64 MB
/// stream, a 65 KB `.docx` that inflates to gigabytes, a 250-page package whose every page is megabytes of
/// XML. The limits sit far above what real documents need (a 300-page 公文 with pictures inflates to a few
/// megabytes of XML in a few hundred entries and reads in well under a second) and far below what would
/// hold a thread for long. A value, so tests and tools can lower or raise them.
public struct ExtractionLimits: Sendable, Equatable {
    /// Bytes unpacked from all of one file's compressed parts together (ZIP entries, PDF streams).
    public var inflatedBytes: Int
    /// Entries a ZIP container (`.docx`, `.ofd`) may list.
    public var entries: Int
    /// Processor time the reading thread may spend on one file (not wall-clock time: a busy machine does not
    /// make a real document fail).
    public var processorTime: Duration

    public init(inflatedBytes: Int = 64 * 1024 * 1024, entries: Int = 10_000, processorTime: Duration = .seconds(5)) {
        self.inflatedBytes = inflatedBytes
        self.entries = entries
        self.processorTime = processorTime
    }

    /// The limits the search index reads attachments with.
    public static let standard = ExtractionLimits()
}
