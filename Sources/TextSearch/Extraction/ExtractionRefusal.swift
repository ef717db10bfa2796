/// Why a file's text was not read although its format is supported: a limit of ``ExtractionLimits`` was
/// reached, or the container is built to mislead a reader. Either way the file is indexed by name only.
public enum ExtractionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// More bytes would have been unpacked than ``ExtractionLimits/inflatedBytes``.
    case inflatedBytes(limit: Int)
    /// The container lists more entries than ``ExtractionLimits/entries``.
    case entries(limit: Int)
    /// Reading took more processor time than ``ExtractionLimits/processorTime``.
    case processorTime(limit: Duration)
    /// The ZIP container's entries overlap, lie outside the file or disagree with their local headers.
    case container(ZipContainer.Problem)

    /// For the log: which limit, in words an operator can act on.
    public var description: String {
        switch self {
        case .inflatedBytes(let limit): "more than \(limit) bytes to inflate"
        case .entries(let limit): "more than \(limit) entries"
        case .processorTime(let limit): "more than \(limit) of processor time"
        case .container(let problem): "unsafe ZIP container: \(problem)"
        }
    }
}
