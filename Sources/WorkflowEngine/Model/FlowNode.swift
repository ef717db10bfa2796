import Foundation

/// A node of the process graph: an event, an activity or a gateway.
public struct FlowNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A none start event: where `ProcessRunner.start` begins, and the start of every sub-process and called process.
        case startEvent
        /// A timer start event of the process: the application asks `ProcessDefinition.timerStarts` when it is
        /// due and starts an instance there (`ProcessRunner.startFromTimer`); the engine keeps no clock of its own.
        case timerStart(TimerDefinition)
        /// A message start event of the process: a message of that name starts an instance (`ProcessRunner.startByMessage`).
        case messageStart(message: String)
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
        /// A message the token waits for in the middle of a flow (intermediate catch event).
        case messageCatch(message: String)
        /// An activity whose work is to wait for a message; it may carry boundary events and multi-instance markers.
        case receiveTask(message: String)
        /// A message attached to an activity; `cancelActivity` false means non-interrupting (it may catch again
        /// while the activity lasts).
        case boundaryMessage(attachedTo: String, message: String, cancelActivity: Bool)
        /// An intermediate throw event with a message: the engine records `WorkflowEvent.messageSent` and moves on;
        /// delivering the message is the application's business.
        case messageThrow(message: String)
        /// A send task: as `messageThrow`, as an activity (boundary events, multi-instance).
        case sendTask(message: String)
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
    /// `zt:correlationKey` on a message event, receive or send task: the variable (`docId`) or expression
    /// (`${doc.id}`) whose value, read when the token arrives, a message must carry to be caught here, or that a
    /// sent message carries. On a message start event, a variable name that receives the starting message's key.
    public var correlationKey: String?
    /// `zt:payload` on a send task or message throw event (`title,handler`, comma-separated): the variables the
    /// sent message carries, so that the catching instance receives them as its own.
    public var messagePayload: [String]
    /// Free-form extension attributes (`zt:*` and the common `camunda:`/`flowable:` ones) the app may read, e.g. a form key.
    public var properties: [String: String]

    public init(id: String, name: String? = nil, kind: Kind, scope: String? = nil, incoming: [String] = [], outgoing: [String] = [],
                defaultFlow: String? = nil, assignment: Assignment? = nil, multiInstance: MultiInstance? = nil,
                returnTargets: [String] = [], properties: [String: String] = [:], dueIn: ISODuration? = nil, dueDate: String? = nil, countsWorkingDays: Bool = false,
                correlationKey: String? = nil, messagePayload: [String] = []) {
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
        self.correlationKey = correlationKey
        self.messagePayload = messagePayload
    }

    /// Activities hold a token while work is done (tasks, sub-processes, call activities).
    public var isActivity: Bool {
        switch kind {
        case .userTask, .serviceTask, .passThrough, .subProcess, .callActivity, .receiveTask, .sendTask: true
        default: false
        }
    }

    /// Start events of every kind (none, timer, message): nothing flows into them.
    public var isStartEvent: Bool {
        switch kind {
        case .startEvent, .timerStart, .messageStart: true
        default: false
        }
    }

    /// Events attached to an activity, armed while it runs.
    public var isBoundaryEvent: Bool {
        switch kind {
        case .boundaryTimer, .boundaryMessage: true
        default: false
        }
    }

    /// The activity a boundary event is attached to; nil for other nodes.
    public var attachedTo: String? {
        switch kind {
        case .boundaryTimer(let activity, _, _), .boundaryMessage(let activity, _, _): activity
        default: nil
        }
    }

    /// The name of the message the node catches, starts on or sends; nil for nodes without one.
    public var messageName: String? {
        switch kind {
        case .messageStart(let message), .messageCatch(let message), .receiveTask(let message), .messageThrow(let message),
             .sendTask(let message), .boundaryMessage(_, let message, _):
            message
        default: nil
        }
    }
}
