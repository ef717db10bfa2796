import Foundation

/// Why a message was not caught or waited for, or a start event not started at; the instance is left as it was.
///
/// Apart from `WorkflowError` so that callers that list every `WorkflowError` keep compiling; a caller that
/// delivers messages handles both.
public enum EventError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing in the instance waits for a message of this name.
    case notWaiting(message: String)
    /// Something waits for the message, but with another correlation key (`expected`: the keys waited for).
    case correlationMismatch(message: String, key: String?, expected: [String])
    /// The process has no message start event for this message.
    case noMessageStart(message: String, process: String)
    /// The node is not a timer start event of the process.
    case notATimerStart(node: String, process: String)
    /// A token reached a message element whose `zt:correlationKey` has no value to wait for or send.
    case correlationKeyFailed(activity: String, message: String)

    public var description: String {
        switch self {
        case .notWaiting(let message):
            "流程实例没有等待消息「\(message)」的节点 / nothing in the instance waits for the message \(message)"
        case .correlationMismatch(let message, let key, let expected):
            "消息「\(message)」的关联键 \(key ?? "（无）") 与等待的 \(expected.joined(separator: "、")) 不符 / "
                + "the message \(message) has the correlation key \(key ?? "(none)"), the instance waits for \(expected.joined(separator: ", "))"
        case .noMessageStart(let message, let process):
            "流程 \(process) 没有由消息「\(message)」启动的开始事件 / process \(process) has no start event for the message \(message)"
        case .notATimerStart(let node, let process):
            "\(node) 不是流程 \(process) 的定时开始事件 / \(node) is not a timer start event of process \(process)"
        case .correlationKeyFailed(let activity, let message):
            "\(activity) 的关联键 zt:correlationKey 无法取值：\(message) / the correlation key of \(activity) has no value: \(message)"
        }
    }
}
