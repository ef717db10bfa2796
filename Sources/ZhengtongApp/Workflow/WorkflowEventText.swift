import Foundation
import WorkflowEngine

/// One line of an instance's history in Chinese, with people's and steps' names.
enum WorkflowEventText {
    static func describe(_ event: [String: ExpressionValue], names: [String: String], definition: ProcessDefinition) -> String {
        func text(_ key: String) -> String {
            if case .string(let value)? = event[key] { return value }
            return ""
        }
        func person(_ key: String) -> String {
            let id = text(key)
            return id == WorkflowActorID.system ? Strings.Workflow.systemActor : (names[id] ?? id)
        }
        func step(_ key: String) -> String {
            let id = text(key)
            return "「\(definition.nodes[id]?.name ?? id)」"
        }
        func key() -> String {
            let key = text("correlationKey")
            return key.isEmpty ? "" : "（关联键 \(key)）"
        }
        switch text("event") {
        case "processStarted": return "发起流程"
        case "taskCreated":
            let holder = text("assignee").isEmpty ? "待认领" : person("assignee")
            return "\(step("activity")) 交 \(holder) 办理"
        case "taskCompleted":
            let outcome = Strings.Workflow.outcomeLabel(text("outcome"))
            return "\(person("by")) 办结\(step("activity"))" + (outcome.isEmpty ? "" : "（\(outcome)）")
        case "taskCancelled": return "\(step("activity")) 的任务取消"
        case "activityCompleted": return "\(step("activity")) 完成"
        case "gatewayTaken":
            let flow = text("flow")
            return "\(step("gateway")) 选择路径「\(definition.flows[flow]?.name ?? flow)」"
        case "serviceCalled": return "\(step("activity")) 执行 \(text("hook"))"
        case "timerFired": return "\(step("timer")) 定时触发"
        case "processCompleted": return "流程办结"
        case "processTerminated": return "流程被终止"
        case "taskTransferred": return "\(person("from")) 转办给 \(person("to"))"
        case "taskReturned": return "\(step("activity")) 退回到\(step("to"))：\(text("reason"))"
        case "taskWithdrawn": return "\(person("by")) 收回\(step("activity"))"
        case "signerAdded":
            let before = event["before"] == .bool(true)
            return "加签 \(person("signer"))（\(before ? "之前" : "之后")）"
        case "taskReminded": return "\(person("by")) 催办"
        case "circulationSent": return "\(person("by")) 传阅给 \(person("reader"))"
        case "circulationRead": return "\(person("reader")) 已阅"
        case "messageCaught": return "\(step("activity")) 收到消息「\(text("message"))」" + key()
        case "messageSent": return "\(step("activity")) 发出消息「\(text("message"))」" + key()
        case "messageDelivered": return "消息「\(text("message"))」已送达「\(text("title"))」"
        case "messageUndelivered": return "消息「\(text("message"))」" + key() + " 无人等待，未送达"
        default: return text("event")
        }
    }
}
