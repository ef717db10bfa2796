import Foundation
import WorkflowEngine

/// The service-task hooks (`zt:hook`) the application provides. A model naming any other hook is
/// refused when it is deployed, so an instance never stops at a hook nobody answers.
///
/// Later features (文号 assignment, dispatch) add theirs here.
struct WorkflowHooks: Sendable {
    /// 催办: every open task of the instance gets a reminder (used on deadline timers).
    static let remind = "remind"
    /// 分发: the business object is dispatched (发文: status, 印发日期); see ``WorkflowBusiness``.
    static let dispatch = "dispatch"

    var names: Set<String> = [WorkflowHooks.remind, WorkflowHooks.dispatch]

    func knows(_ hook: String) -> Bool { names.contains(hook) }

    /// Hooks a model names that the application does not provide.
    func unknown(in processes: [ProcessDefinition]) -> [(node: String, hook: String)] {
        processes.flatMap { process in
            process.nodeOrder.compactMap { id -> (node: String, hook: String)? in
                guard case .serviceTask(let hook)? = process.nodes[id]?.kind, !knows(hook) else { return nil }
                return (id, hook)
            }
        }
    }

    /// What the hooks called during a command still ask of the engine: `remind` reminds every open
    /// task's holder, as the system.
    func followUp(_ outcome: ProcessRunner.Outcome, runner: ProcessRunner, at now: Date) throws -> ProcessRunner.Outcome {
        let reminds = outcome.events.contains { if case .serviceCalled(_, WorkflowHooks.remind) = $0 { true } else { false } }
        guard reminds else { return outcome }
        var result = outcome
        for task in outcome.instance.openTasks {
            let next = try runner.remind(task.id, in: result.instance, by: WorkflowActorID.system, at: now)
            result.instance = next.instance
            result.instance.version = outcome.instance.version
            result.events += next.events
        }
        return result
    }
}

/// How the engine names the system when it acts by itself (timers, hooks).
enum WorkflowActorID {
    static let system = "system"
}
