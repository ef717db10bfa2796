import Foundation

/// The state of one running (or finished) process: tokens in a tree of scopes, tasks, armed timers
/// and variables. A value: a command works on a copy and either returns the new state or throws,
/// leaving the old one untouched ("the instance stays at its last wait state").
public struct ProcessInstance: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case running, suspended, completed, terminated
    }

    public var id: String
    /// The process (definition id) the instance runs.
    public var processID: String
    public var status: Status
    public var initiator: String
    public var variables: [String: ExpressionValue]
    public var tokens: [Token]
    public var scopes: [Scope]
    /// Every task the instance created, open and done, in creation order. After `compacted()`: the open
    /// tasks plus the done ones commands still read (the last completed task of each step, and the tasks
    /// open tasks refer to, back along their completed previous steps), still in creation order.
    public var tasks: [WorkTask]
    public var timers: [TimerJob]
    /// Message catch events, receive tasks and boundary messages waiting now, with the correlation key each
    /// expects: what `ProcessRunner.deliverMessage` matches, and what the application indexes to find the
    /// instance a message is for.
    public var messageSubscriptions: [MessageSubscription]
    /// Ids of the messages the instance has caught: a message delivered again with the same id is caught once.
    public var caughtMessageIDs: [String]
    /// 传阅 items: reading, separate from tasks. After `compacted()`: only the queued and unread ones.
    public var circulations: [CirculationItem]
    /// Tokens that reached a parallel or inclusive join and wait for the others.
    public var joins: [JoinArrival]
    public var startedAt: Date
    public var endedAt: Date?
    /// Source of token, scope, task and timer ids, so the same commands give the same ids.
    public var lastID: Int
    /// Bumped by every command: persistence guards each command with it (optimistic concurrency).
    public var version: Int

    public init(id: String, processID: String, initiator: String, variables: [String: ExpressionValue], startedAt: Date) {
        self.id = id
        self.processID = processID
        self.status = .running
        self.initiator = initiator
        self.variables = variables
        self.tokens = []
        self.scopes = []
        self.tasks = []
        self.timers = []
        self.messageSubscriptions = []
        self.caughtMessageIDs = []
        self.circulations = []
        self.joins = []
        self.startedAt = startedAt
        self.lastID = 0
        self.version = 0
    }

    /// Open tasks, in creation order.
    public var openTasks: [WorkTask] {
        // By index: `filter` copies every task out, strings retained, only to read its state.
        var open: [WorkTask] = []
        for index in tasks.indices where tasks[index].state == .open { open.append(tasks[index]) }
        return open
    }

    public func task(_ id: Int) -> WorkTask? {
        // By index, so that only the task found is copied out; from the newest, because a command mostly acts
        // on a task still open, near the end of the list (ids are unique, so the direction changes nothing else).
        tasks.lastIndex { $0.id == id }.map { tasks[$0] }
    }

    /// Activities currently holding a token (for the diagram: "current steps").
    public var activeNodes: [String] { tokens.map(\.node) }
}

/// A point of execution: at a node, inside a scope.
public struct Token: Sendable, Equatable, Codable {
    public var id: Int
    public var node: String
    public var scope: Int
}

/// A running process, embedded sub-process, called process or multi-instance body.
public struct Scope: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        /// The instance itself (always id 0).
        case process
        /// An embedded sub-process, or a call activity running `processID`.
        case subProcess
        /// The instances of a multi-instance activity.
        case multiInstance(MultiInstanceState)
    }

    public var id: Int
    public var kind: Kind
    /// Which process's nodes this scope runs (differs from the instance's for a call activity).
    public var processID: String
    /// The node that opened the scope (sub-process, call activity or multi-instance activity); nil for the process.
    public var node: String?
    public var parent: Int?
    /// The token in the parent scope waiting at `node` for this scope to finish.
    public var parentToken: Int?
    /// For one instance of a multi-instance sub-process or call activity: which (its `loopCounter` and element).
    public var loopIndex: Int?
}

/// Counters of a multi-instance activity, under the names BPMN engines give them.
public struct MultiInstanceState: Sendable, Equatable, Codable {
    public var isSequential: Bool
    public var nrOfInstances: Int
    public var nrOfCompletedInstances: Int
    public var nrOfActiveInstances: Int
    /// The collection's elements (one instance each), when the activity has a collection.
    public var elements: [ExpressionValue]
    /// Sequential: the index of the next instance to start.
    public var nextIndex: Int
}

/// A unit of work for a person (待办 while open, 已办 when done).
public struct WorkTask: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        /// 待办. `completed`: 已办. `returned`: sent back by 退回. `withdrawn`: taken back by the sender (收回).
        case open, completed, cancelled, returned, withdrawn
    }

    /// How the task came about (加签 adds tasks to a step without a token of their own).
    public enum Origin: String, Sendable, Codable {
        case step, addedBefore, addedAfter, returned, withdrawn
    }

    public var id: Int
    public var node: String
    public var name: String?
    public var scope: Int
    public var token: Int
    public var state: State
    /// The person the task is for; nil while only candidates may claim it.
    public var assignee: String?
    public var candidateUsers: [String]
    public var candidateGroups: [String]
    public var createdAt: Date
    /// 办理时限: when it should be done, from the step's `zt:dueIn` in working days; nil without one.
    /// The engine only records it; reminding and overdue lists are the application's.
    public var dueAt: Date?
    /// When the holder first opened it (收回 is allowed only before).
    public var openedAt: Date?
    public var completedAt: Date?
    public var completedBy: String?
    public var outcome: String?
    /// The opinion (意见) entered on completion, shown on the processing form.
    public var opinion: String?
    /// The multi-instance element this task is for (0-based), if any.
    public var loopIndex: Int?
    /// The task whose completion led here (for 退回 and 收回).
    public var previousTask: Int?
    public var origin: Origin = .step
    /// 前加签: this task waits until the added task `onHoldFor` is done.
    public var onHoldFor: Int?
    /// For an added task: the task it was added to.
    public var addedTo: Int?
    /// 后加签: people still to sign after this task, in order.
    public var signersAfter: [String] = []
    /// 委托: the person the task was meant for, when a deputy holds it.
    public var delegatedFrom: String?
    /// 催办: how often, and when last, the holder was reminded.
    public var reminders: Int = 0
    public var lastRemindedAt: Date?
}

/// A 传阅 item: a document sent to a reader for reading (待阅 until read, then 已阅).
public struct CirculationItem: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        /// Waiting for earlier readers of an ordered circulation.
        case queued
        case unread
        case read
    }

    public var id: Int
    /// Items sent together share a batch (an ordered list is delivered one reader after another).
    public var batch: Int
    public var reader: String
    public var sentBy: String
    /// The task the item was sent from, if any.
    public var fromTask: Int?
    public var note: String?
    public var state: State
    public var sentAt: Date
    public var readAt: Date?
    public var comment: String?
    /// The item this one was passed on from (a reader may pass a document on to another reader).
    public var passedFrom: Int?
}

/// A timer armed for a waiting token: an intermediate timer, or a boundary timer on an activity.
public struct TimerJob: Sendable, Equatable, Codable {
    public var id: Int
    /// The timer event node.
    public var node: String
    /// The token waiting at the intermediate timer, or at the activity the boundary timer is attached to.
    public var token: Int
    public var scope: Int
    public var due: Date
    public var firedCount: Int
}

/// A token waiting for a message: at an intermediate catch event or receive task, or at the activity a boundary
/// message is attached to.
public struct MessageSubscription: Sendable, Equatable, Codable {
    public var id: Int
    /// The catching node (catch event, receive task or boundary event).
    public var node: String
    /// The message name it waits for.
    public var message: String
    /// The value of the node's `zt:correlationKey` when the token arrived; nil when the node names none and any
    /// message of that name sent to the instance is caught.
    public var correlationKey: String?
    /// The token waiting at the node, or at the activity the boundary message is attached to.
    public var token: Int
    public var scope: Int
}

/// A token that reached a join and waits there: which gateway, which scope, along which flow.
public struct JoinArrival: Sendable, Equatable, Codable {
    public var gateway: String
    public var scope: Int
    public var flow: String
}
