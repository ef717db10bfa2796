import Foundation

/// Written by hand only so that instances stored before message events existed still read (see `init(from:)`);
/// the keys are the properties' names, as the synthesized conformance wrote them.
extension ProcessInstance {
    private enum CodingKeys: String, CodingKey {
        case id, processID, status, initiator, variables, tokens, scopes, tasks, timers, messageSubscriptions, caughtMessageIDs,
             circulations, joins, startedAt, endedAt, lastID, version
    }

    /// Reads instances stored before message events existed: they have no subscriptions and have caught no
    /// message, so those keys may be missing (the application keeps every running instance's state as JSON).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        processID = try container.decode(String.self, forKey: .processID)
        status = try container.decode(Status.self, forKey: .status)
        initiator = try container.decode(String.self, forKey: .initiator)
        variables = try container.decode([String: ExpressionValue].self, forKey: .variables)
        tokens = try container.decode([Token].self, forKey: .tokens)
        scopes = try container.decode([Scope].self, forKey: .scopes)
        tasks = try container.decode([WorkTask].self, forKey: .tasks)
        timers = try container.decode([TimerJob].self, forKey: .timers)
        messageSubscriptions = try container.decodeIfPresent([MessageSubscription].self, forKey: .messageSubscriptions) ?? []
        caughtMessageIDs = try container.decodeIfPresent([String].self, forKey: .caughtMessageIDs) ?? []
        circulations = try container.decode([CirculationItem].self, forKey: .circulations)
        joins = try container.decode([JoinArrival].self, forKey: .joins)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        endedAt = try container.decodeIfPresent(Date.self, forKey: .endedAt)
        lastID = try container.decode(Int.self, forKey: .lastID)
        version = try container.decode(Int.self, forKey: .version)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(processID, forKey: .processID)
        try container.encode(status, forKey: .status)
        try container.encode(initiator, forKey: .initiator)
        try container.encode(variables, forKey: .variables)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(scopes, forKey: .scopes)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(timers, forKey: .timers)
        try container.encode(messageSubscriptions, forKey: .messageSubscriptions)
        try container.encode(caughtMessageIDs, forKey: .caughtMessageIDs)
        try container.encode(circulations, forKey: .circulations)
        try container.encode(joins, forKey: .joins)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(endedAt, forKey: .endedAt)
        try container.encode(lastID, forKey: .lastID)
        try container.encode(version, forKey: .version)
    }
}
