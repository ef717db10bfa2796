import Logging
import Vapor

/// Ends a command with a particular exit code (e.g. 2 when `workflow check` finds problems), after
/// the command has printed what it found. `main` turns it into the process's exit status.
public struct CommandExit: DebuggableError, CustomStringConvertible {
    public var code: Int32
    public init(code: Int32) { self.code = code }

    public var identifier: String { "exit\(code)" }
    public var reason: String { "exit \(code)" }
    public var description: String { reason }
    /// Not a fault: the command already said what happened, so Vapor's report stays out of the output.
    public var logLevel: Logger.Level { .debug }
}
