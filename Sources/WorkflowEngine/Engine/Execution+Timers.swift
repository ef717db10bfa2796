import Foundation

extension Execution {
    mutating func armTimer(_ node: FlowNode, timer: TimerDefinition, token: Int, scope: Int) {
        let due = timer.firstDue(armedAt: now, workingDays: workingDays(for: node))
        instance.timers.append(TimerJob(id: nextID(), node: node.id, token: token, scope: scope, due: due, firedCount: 0))
    }

    /// The environment's calendar for a timer marked `zt:calendar="workdays"`; nil: calendar days.
    func workingDays(for timer: FlowNode) -> WorkingCalendar? {
        timer.countsWorkingDays ? runner.environment.calendar : nil
    }

    /// Arms the timers attached to an activity as its token arrives, and subscribes its boundary messages.
    mutating func armBoundaryEvents(for activity: FlowNode, token: Int, scope: Int) throws {
        for boundary in try definition(ofScope: scope).boundaryEvents(on: activity.id) {
            guard case .boundaryTimer(_, let timer, _) = boundary.kind else { continue }
            armTimer(boundary, timer: timer, token: token, scope: scope)
        }
        try subscribeBoundaryMessages(for: activity, token: token, scope: scope)
    }

    /// Fires one due timer.
    mutating func fire(_ job: TimerJob) throws {
        let node = try node(job.node, scope: job.scope)
        switch node.kind {
        case .intermediateTimer:
            instance.timers.removeAll { $0.id == job.id }
            events.append(.timerFired(timer: node.id, activity: nil))
            events.append(.activityCompleted(activity: node.id))
            try leave(token: job.token, node: node)
        case .boundaryTimer(let attachedTo, let timer, let interrupting):
            events.append(.timerFired(timer: node.id, activity: attachedTo))
            if interrupting {
                // Interrupting: the activity stops, its tasks and inner scopes are cancelled, the path continues from the timer.
                cancelActivity(token: job.token)
            } else if let next = timer.nextDue(after: job.due, firedCount: job.firedCount + 1, workingDays: workingDays(for: node)),
                      let index = instance.timers.firstIndex(where: { $0.id == job.id }) {
                instance.timers[index].due = next
                instance.timers[index].firedCount += 1
            } else {
                instance.timers.removeAll { $0.id == job.id }
            }
            let path = newToken(at: node.id, scope: job.scope)
            schedule(token: path, node: node.id, via: nil)
        default:
            instance.timers.removeAll { $0.id == job.id }
        }
    }
}
