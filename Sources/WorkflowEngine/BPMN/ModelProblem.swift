import Foundation

/// Something wrong with a process model, found while importing BPMN 2.0 XML or checking its structure.
///
/// Every problem carries the id of the element it is about (when the element has one), so a process
/// designer can find it in the modeler, and a message in Chinese and in English.
public struct ModelProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable, Hashable {
        /// The model cannot be run as it is: `BPMNCheck` fails.
        case error
        /// The model runs, but probably not as the designer meant.
        case warning
    }

    /// The BPMN id of the element the problem is about; `nil` for problems with the whole file.
    public var elementID: String?
    public var severity: Severity
    /// The message in Chinese, for the pages and the command line.
    public var message: String
    /// The same message in English.
    public var englishMessage: String

    public init(elementID: String?, severity: Severity, message: String, englishMessage: String) {
        self.elementID = elementID
        self.severity = severity
        self.message = message
        self.englishMessage = englishMessage
    }

    static func error(_ elementID: String?, _ message: String, _ englishMessage: String) -> ModelProblem {
        ModelProblem(elementID: elementID, severity: .error, message: message, englishMessage: englishMessage)
    }

    static func warning(_ elementID: String?, _ message: String, _ englishMessage: String) -> ModelProblem {
        ModelProblem(elementID: elementID, severity: .warning, message: message, englishMessage: englishMessage)
    }

    public var isError: Bool { severity == .error }

    /// `[Task_1] 中文 / English`; without the brackets when the problem is about the whole file.
    public var description: String {
        (elementID.map { "[\($0)] " } ?? "") + "\(message) / \(englishMessage)"
    }
}

extension Sequence<ModelProblem> {
    /// Whether any problem is an error, i.e. the model is not executable.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
