import Logging
import NIOConcurrencyHelpers

/// Keeps what an application logs, so a test can read the notes it leaves for an operator.
final class CapturedLog: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    /// A logger writing here.
    var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    var text: String { lines.withLockedValue { $0.joined(separator: "\n") } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            log.lines.withLockedValue { $0.append("[\(event.level)] \(event.message) [\(fields)]") }
        }
    }
}
