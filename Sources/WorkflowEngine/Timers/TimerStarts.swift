import Foundation

/// One start of a timer start event: when it is due, which occurrence it is, and how many the cycle has left.
public struct TimerStartDue: Sendable, Equatable {
    /// The timer start event's id (for `ProcessRunner.startFromTimer`).
    public var startEvent: String
    public var due: Date
    /// 1 for the event's first start, 2 for the second, …; counted from the cycle's start, so starts that fell
    /// before the deployment count too.
    public var occurrence: Int
    /// Starts still to come after this one: 0 after the last, nil for a cycle without end (`R/…`).
    public var remaining: Int?

    public init(startEvent: String, due: Date, occurrence: Int, remaining: Int?) {
        self.startEvent = startEvent
        self.due = due
        self.occurrence = occurrence
        self.remaining = remaining
    }
}

/// When the timer start events of a deployed process are due. The engine keeps no clock: the application's job
/// remembers the last moment it started instances for, asks what is due since, and starts each with
/// `ProcessRunner.startFromTimer`.
///
/// The moments: a `timeDate` once, at its date; a `timeDuration` once, that long after the deployment; a
/// `timeCycle` with a start date at the start and every interval after it, one without every interval after the
/// deployment, `Rn` limiting it to n starts. The n-th repetition is the start plus n intervals (calendar parts
/// in Beijing time, or working days with `zt:calendar="workdays"`), so a monthly cycle from 31 January is due on
/// 28 February and 31 March. Moments at or before the deployment are never due: the process did not exist.
extension ProcessDefinition {
    /// For each timer start event, its first start after `instant` (and after `deployedAt`), earliest first;
    /// events that are spent have none.
    public func nextTimerStarts(deployedAt: Date, after instant: Date, calendar: WorkingCalendar = .weekendsOnly) -> [TimerStartDue] {
        timerStartEvents.compactMap { event in
            TimerStartSchedule(event: event, deployedAt: deployedAt, calendar: calendar)?.next(after: max(instant, deployedAt))
        }
        .sorted { ($0.due, $0.startEvent) < ($1.due, $1.startEvent) }
    }

    /// Every start after `instant` up to and including `end`, earliest first, at most `limit` (a job that was
    /// down a long time catches up without starting thousands of instances at once).
    public func timerStarts(deployedAt: Date, after instant: Date, through end: Date, calendar: WorkingCalendar = .weekendsOnly,
                            limit: Int = 100) -> [TimerStartDue] {
        var due: [TimerStartDue] = []
        for event in timerStartEvents {
            guard let schedule = TimerStartSchedule(event: event, deployedAt: deployedAt, calendar: calendar) else { continue }
            var next = schedule.next(after: max(instant, deployedAt))
            var taken = 0
            while let start = next, start.due <= end, taken < limit {
                due.append(start)
                taken += 1
                next = schedule.occurrence(start.occurrence)
            }
        }
        return Array(due.sorted { ($0.due, $0.startEvent) < ($1.due, $1.startEvent) }.prefix(limit))
    }
}

/// The moments of one timer start event.
private struct TimerStartSchedule {
    let event: String
    let timer: TimerDefinition
    let deployedAt: Date
    /// The calendar for days and weeks, when the event counts working days.
    let workingDays: WorkingCalendar?

    /// The search for the next moment gives up past this many repetitions (2^24: thirty years of a cycle every minute).
    private static let searchLimit = 1 << 24

    init?(event: FlowNode, deployedAt: Date, calendar: WorkingCalendar) {
        guard case .timerStart(let timer) = event.kind else { return nil }
        self.event = event.id
        self.timer = timer
        self.deployedAt = deployedAt
        self.workingDays = event.countsWorkingDays ? calendar : nil
    }

    /// The `index`-th moment (0-based), nil past the last.
    func occurrence(_ index: Int) -> TimerStartDue? {
        let due: Date
        var remaining: Int? = 0
        switch timer {
        case .date(let date):
            guard index == 0 else { return nil }
            due = date
        case .duration(let duration):
            guard index == 0 else { return nil }
            due = add(duration, to: deployedAt)
        case .cycle(let repetitions, let interval, let start):
            if let repetitions {
                guard index < repetitions else { return nil }
                remaining = repetitions - index - 1
            } else {
                remaining = nil
            }
            due = start.map { add(interval.multiplied(by: index), to: $0) } ?? add(interval.multiplied(by: index + 1), to: deployedAt)
        }
        return TimerStartDue(startEvent: event, due: due, occurrence: index + 1, remaining: remaining)
    }

    /// The first moment after `instant`: moments grow with their index, so the index is found by doubling, then
    /// halving, rather than by stepping through every repetition since the cycle's start.
    func next(after instant: Date) -> TimerStartDue? {
        func isAfter(_ index: Int) -> Bool? { occurrence(index).map { $0.due > instant } }
        var high = 0
        // Stops at an index after `instant`, or past the last repetition (the answer, if any, lies below).
        while isAfter(high) == false {
            guard high < Self.searchLimit else { return nil }
            high = max(1, high * 2)
        }
        // Every index below `low` is at or before `instant` (`high / 2` was, when `high` was doubled from it).
        var low = high / 2
        while low < high {
            let middle = (low + high) / 2
            if isAfter(middle) ?? true { high = middle } else { low = middle + 1 }
        }
        guard let found = occurrence(low), found.due > instant else { return nil }
        return found
    }

    private func add(_ duration: ISODuration, to date: Date) -> Date {
        workingDays.map { $0.adding(duration, to: date) } ?? duration.added(to: date)
    }
}
