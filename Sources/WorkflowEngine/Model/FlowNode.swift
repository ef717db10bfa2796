import Foundation

/// A node of the process graph: an event, an activity or a gateway.
public struct FlowNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A none start event (the only start the engine runs; timer and message starts are refused by `check`).
        case startEvent
        /// An end event; a terminate end event ends every token of its scope at once.
        case endEvent(terminate: Bool)
        /// Work for a person: creates a task and waits.
        case userTask
        /// Work for the application: a named hook (`zt:hook`, or `camunda:/flowable:` `delegateExpression`/`expression`/`class`/`type`).
        case serviceTask(hook: String)
        /// `task` and `manualTask`: nothing to do, the token passes straight through (as in other engines).
        case passThrough
        case exclusiveGateway
        case parallelGateway
        case inclusiveGateway
        /// An embedded sub-process: its nodes have this node's id as `scope`.
        case subProcess
        /// Runs another process (`calledElement`) as a child scope.
        case callActivity(calledElement: String)
        /// A timer attached to an activity; `cancelActivity` false means non-interrupting.
        case boundaryTimer(attachedTo: String, timer: TimerDefinition, cancelActivity: Bool)
        /// A timer the token waits on in the middle of a flow.
        case intermediateTimer(TimerDefinition)
    }

    public var id: String
    public var name: String?
    public var kind: Kind
    /// The enclosing embedded sub-process's id; `nil` at the top level of the process.
    public var scope: String?
    /// Incoming and outgoing sequence flow ids, in document order.
    public var incoming: [String]
    public var outgoing: [String]
    /// `default` flow of a gateway (or activity): taken when no condition matches.
    public var defaultFlow: String?
    /// Who does a user task.
    public var assignment: Assignment?
    /// 会签 and other multi-instance activities.
    public var multiInstance: MultiInstance?
    /// Steps a 退回 from this task may go back to (`zt:returnTo`, comma-separated ids); empty: the previous step only.
    public var returnTargets: [String]
    /// `zt:dueIn` on a user task (`P3D`, `PT4H`): each task created at the step is due this long after it
    /// was created (`WorkTask.dueAt`), days and weeks counting working days of the environment's calendar,
    /// as 办理时限 are set.
    public var dueIn: ISODuration?
    /// `zt:dueDate` on a user task: an expression (`${deadline}`) or literal giving an ISO 8601 date-time by which
    /// each task at the step is due — a deadline someone set (the leader's at 批办, the 办理时限 of a received
    /// document). With `dueIn` as well, the earlier of the two; an empty or unreadable value sets none.
    public var dueDate: String?
    /// `zt:calendar="workdays"` on a timer event: the days and weeks of its `timeDuration`, or of its
    /// `timeCycle` interval, count working days of the environment's calendar (a `timeDate` is a moment
    /// and is unaffected). False: calendar days, as in every other engine.
    public var countsWorkingDays: Bool
    /// Free-form extension attributes (`zt:*` and the common `camunda:`/`flowable:` ones) the app may read, e.g. a form key.
    public var properties: [String: String]

    public init(id: String, name: String? = nil, kind: Kind, scope: String? = nil, incoming: [String] = [], outgoing: [String] = [],
                defaultFlow: String? = nil, assignment: Assignment? = nil, multiInstance: MultiInstance? = nil,
                returnTargets: [String] = [], properties: [String: String] = [:], dueIn: ISODuration? = nil, dueDate: String? = nil, countsWorkingDays: Bool = false) {
        self.id = id
        self.name = name
        self.kind = kind
        self.scope = scope
        self.incoming = incoming
        self.outgoing = outgoing
        self.defaultFlow = defaultFlow
        self.assignment = assignment
        self.multiInstance = multiInstance
        self.returnTargets = returnTargets
        self.properties = properties
        self.dueIn = dueIn
        self.dueDate = dueDate
        self.countsWorkingDays = countsWorkingDays
    }

    /// Activities hold a token while work is done (tasks, sub-processes, call activities).
    public var isActivity: Bool {
        switch kind {
        case .userTask, .serviceTask, .passThrough, .subProcess, .callActivity: true
        default: false
        }
    }
}
