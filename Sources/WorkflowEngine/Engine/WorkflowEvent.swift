import Foundation

/// What happened, in order: the instance's history, and the lines `workflow simulate` prints.
public enum WorkflowEvent: Sendable, Equatable {
    case processStarted(process: String)
    case taskCreated(task: Int, activity: String, name: String?, assignee: String?, candidates: [String])
    case taskCompleted(task: Int, activity: String, by: String, outcome: String?)
    case taskCancelled(task: Int, activity: String)
    case activityCompleted(activity: String)
    case gatewayTaken(gateway: String, flow: String)
    case serviceCalled(activity: String, hook: String)
    case timerFired(timer: String, activity: String?)
    case processCompleted
    case processTerminated(by: String?)
    case taskTransferred(task: Int, from: String, to: String)
    case taskReturned(task: Int, activity: String, to: String, reason: String)
    case taskWithdrawn(task: Int, activity: String, by: String)
    case signerAdded(task: Int, signer: String, before: Bool)
    case taskReminded(task: Int, by: String)
    case circulationSent(item: Int, reader: String, by: String)
    case circulationRead(item: Int, reader: String)
    /// A message was caught at `activity` (a catch event, receive task, boundary or message start event).
    case messageCaught(message: String, activity: String, correlationKey: String?)
    /// A send task or message throw event sent a message: the application delivers it (to another instance,
    /// another process's message start, or outside), with the key the sending element's `zt:correlationKey` gave
    /// and the variables its `zt:payload` names (null for one the instance does not have).
    case messageSent(message: String, activity: String, correlationKey: String?, payload: [String: ExpressionValue])

    /// The JSON object `workflow simulate` prints for the event (keys sorted, so lines compare).
    public var json: [String: ExpressionValue] {
        switch self {
        case .processStarted(let process):
            ["event": "processStarted", "process": .string(process)]
        case .taskCreated(let task, let activity, let name, let assignee, let candidates):
            ["event": "taskCreated", "task": ExpressionValue(task), "activity": .string(activity), "name": name.map(ExpressionValue.string) ?? .null,
             "assignee": assignee.map(ExpressionValue.string) ?? .null, "candidates": .list(candidates.map(ExpressionValue.string))]
        case .taskCompleted(let task, let activity, let by, let outcome):
            ["event": "taskCompleted", "task": ExpressionValue(task), "activity": .string(activity), "by": .string(by),
             "outcome": outcome.map(ExpressionValue.string) ?? .null]
        case .taskCancelled(let task, let activity):
            ["event": "taskCancelled", "task": ExpressionValue(task), "activity": .string(activity)]
        case .activityCompleted(let activity):
            ["event": "activityCompleted", "activity": .string(activity)]
        case .gatewayTaken(let gateway, let flow):
            ["event": "gatewayTaken", "gateway": .string(gateway), "flow": .string(flow)]
        case .serviceCalled(let activity, let hook):
            ["event": "serviceCalled", "activity": .string(activity), "hook": .string(hook)]
        case .timerFired(let timer, let activity):
            ["event": "timerFired", "timer": .string(timer), "activity": activity.map(ExpressionValue.string) ?? .null]
        case .processCompleted:
            ["event": "processCompleted"]
        case .processTerminated(let by):
            ["event": "processTerminated", "by": by.map(ExpressionValue.string) ?? .null]
        case .taskTransferred(let task, let from, let to):
            ["event": "taskTransferred", "task": ExpressionValue(task), "from": .string(from), "to": .string(to)]
        case .taskReturned(let task, let activity, let to, let reason):
            ["event": "taskReturned", "task": ExpressionValue(task), "activity": .string(activity), "to": .string(to), "reason": .string(reason)]
        case .taskWithdrawn(let task, let activity, let by):
            ["event": "taskWithdrawn", "task": ExpressionValue(task), "activity": .string(activity), "by": .string(by)]
        case .signerAdded(let task, let signer, let before):
            ["event": "signerAdded", "task": ExpressionValue(task), "signer": .string(signer), "before": .bool(before)]
        case .taskReminded(let task, let by):
            ["event": "taskReminded", "task": ExpressionValue(task), "by": .string(by)]
        case .circulationSent(let item, let reader, let by):
            ["event": "circulationSent", "item": ExpressionValue(item), "reader": .string(reader), "by": .string(by)]
        case .circulationRead(let item, let reader):
            ["event": "circulationRead", "item": ExpressionValue(item), "reader": .string(reader)]
        case .messageCaught(let message, let activity, let key):
            ["event": "messageCaught", "message": .string(message), "activity": .string(activity), "correlationKey": key.map(ExpressionValue.string) ?? .null]
        case .messageSent(let message, let activity, let key, let payload):
            ["event": "messageSent", "message": .string(message), "activity": .string(activity), "correlationKey": key.map(ExpressionValue.string) ?? .null,
             "payload": .object(payload)]
        }
    }
}

/// Why a command was refused; the instance is left as it was.
public enum WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownProcess(String)
    case unknownNode(String)
    case noStartEvent(process: String)
    case noMatchingFlow(gateway: String)
    case conditionFailed(flow: String, message: String)
    case multiInstanceInvalid(activity: String, message: String)
    case serviceFailed(activity: String, hook: String, message: String)
    case assignmentFailed(activity: String, message: String)
    case taskNotFound(Int)
    case taskNotOpen(Int)
    case notAssignee(task: Int, user: String)
    case instanceNotRunning(ProcessInstance.Status)
    case returnNotAllowed(task: Int, target: String, reason: String)
    case withdrawNotAllowed(task: Int, reason: String)
    case taskOnHold(task: Int, waitingFor: Int)
    case circulationNotFound(Int)
    case notReader(item: Int, user: String)
    case invalidCommand(String)

    public var description: String {
        switch self {
        case .unknownProcess(let id): "未知的流程 \(id) / unknown process \(id)"
        case .unknownNode(let id): "未知的节点 \(id) / unknown node \(id)"
        case .noStartEvent(let process): "流程 \(process) 没有开始事件 / process \(process) has no start event"
        case .noMatchingFlow(let gateway): "网关 \(gateway) 没有满足条件的出口，也没有默认出口 / gateway \(gateway): no condition matched and there is no default flow"
        case .conditionFailed(let flow, let message): "顺序流 \(flow) 的条件无法计算：\(message) / condition of flow \(flow) failed: \(message)"
        case .multiInstanceInvalid(let activity, let message): "会签节点 \(activity)：\(message) / multi-instance \(activity): \(message)"
        case .serviceFailed(let activity, let hook, let message): "服务任务 \(activity)（\(hook)）失败：\(message) / service task \(activity) (\(hook)) failed: \(message)"
        case .assignmentFailed(let activity, let message): "无法确定 \(activity) 的办理人：\(message) / cannot assign \(activity): \(message)"
        case .taskNotFound(let id): "任务 \(id) 不存在 / task \(id) not found"
        case .taskNotOpen(let id): "任务 \(id) 已办结或已取消 / task \(id) is no longer open"
        case .notAssignee(let task, let user): "\(user) 不是任务 \(task) 的办理人 / \(user) is not the assignee of task \(task)"
        case .instanceNotRunning(let status): "流程实例不在运行中（\(status.rawValue)）/ the instance is not running (\(status.rawValue))"
        case .returnNotAllowed(let task, let target, let reason): "任务 \(task) 不能退回到 \(target)：\(reason) / task \(task) cannot be returned to \(target): \(reason)"
        case .withdrawNotAllowed(let task, let reason): "任务 \(task) 不能收回：\(reason) / task \(task) cannot be withdrawn: \(reason)"
        case .taskOnHold(let task, let waitingFor): "任务 \(task) 正在等待加签任务 \(waitingFor) 办理 / task \(task) waits for the added task \(waitingFor)"
        case .circulationNotFound(let id): "传阅件 \(id) 不存在 / circulation item \(id) not found"
        case .notReader(let item, let user): "\(user) 不是传阅件 \(item) 的阅件人 / \(user) is not the reader of item \(item)"
        case .invalidCommand(let message): message
        }
    }
}
