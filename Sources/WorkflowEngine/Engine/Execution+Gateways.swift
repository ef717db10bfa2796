import Foundation

extension Execution {
    /// Exclusive split: the first outgoing flow (document order) whose condition holds, else the default.
    /// As a join it simply passes each token on.
    mutating func exclusiveSplit(token tokenID: Int, node: FlowNode) throws {
        guard let token = token(tokenID) else { return }
        let definition = try definition(ofScope: token.scope)
        let flows = definition.outgoingFlows(of: node)
        var chosen: SequenceFlow?
        for flow in flows where flow.id != node.defaultFlow {
            if try holds(flow, scope: token.scope) { chosen = flow; break }
        }
        if chosen == nil, let defaultID = node.defaultFlow { chosen = definition.flows[defaultID] }
        guard let flow = chosen else { throw WorkflowError.noMatchingFlow(gateway: node.id) }
        events.append(.gatewayTaken(gateway: node.id, flow: flow.id))
        take([flow], token: tokenID, scope: token.scope)
    }

    /// Parallel gateway: joins wait for a token on every incoming flow, then one token splits to all outgoing flows.
    mutating func parallelGateway(token tokenID: Int, node: FlowNode, via flow: String?) throws {
        guard let token = token(tokenID) else { return }
        if node.incoming.count > 1 {
            removeToken(tokenID)
            instance.joins.append(JoinArrival(gateway: node.id, scope: token.scope, flow: flow ?? ""))
            let arrived = Set(instance.joins.filter { $0.gateway == node.id && $0.scope == token.scope }.map(\.flow))
            guard Set(node.incoming).isSubset(of: arrived) else { return }
            consumeArrivals(gateway: node.id, scope: token.scope, flows: Set(node.incoming))
            let merged = newToken(at: node.id, scope: token.scope)
            try split(token: merged, node: node, scope: token.scope, conditional: false)
        } else {
            try split(token: tokenID, node: node, scope: token.scope, conditional: false)
        }
    }

    /// Inclusive gateway: a join fires once no other token in its scope can still reach it (checked in
    /// `drain`); the split takes every flow whose condition holds, else the default.
    mutating func inclusiveGateway(token tokenID: Int, node: FlowNode, via flow: String?) throws {
        guard let token = token(tokenID) else { return }
        if node.incoming.count > 1 {
            removeToken(tokenID)
            instance.joins.append(JoinArrival(gateway: node.id, scope: token.scope, flow: flow ?? ""))
        } else {
            try split(token: tokenID, node: node, scope: token.scope, conditional: true)
        }
    }

    /// Fires one inclusive join that is ready, if any; returns whether it did.
    mutating func fireReadyInclusiveJoin() throws -> Bool {
        let pending = Set(instance.joins.map { "\($0.scope)\u{1}\($0.gateway)" })
        for key in pending.sorted() {
            let parts = key.split(separator: "\u{1}").map(String.init)
            guard let scopeID = Int(parts[0]) else { continue }
            let gateway = try node(parts[1], scope: scopeID)
            guard case .inclusiveGateway = gateway.kind else { continue }
            let arrived = Set(instance.joins.filter { $0.gateway == gateway.id && $0.scope == scopeID }.map(\.flow))
            if !Set(gateway.incoming).isSubset(of: arrived), try anotherTokenCanReach(gateway, scope: scopeID) { continue }
            consumeArrivals(gateway: gateway.id, scope: scopeID, flows: arrived)
            let merged = newToken(at: gateway.id, scope: scopeID)
            try split(token: merged, node: gateway, scope: scopeID, conditional: true)
            return true
        }
        return false
    }

    /// Whether some token of the scope (a token inside a child scope counts at its parent activity,
    /// a token waiting at another join counts at that join) has a path to `gateway`.
    func anotherTokenCanReach(_ gateway: FlowNode, scope scopeID: Int) throws -> Bool {
        var positions: [String] = []
        for token in instance.tokens {
            if let position = try position(of: token.scope, node: token.node, in: scopeID) { positions.append(position) }
        }
        for arrival in instance.joins where arrival.gateway != gateway.id {
            if let position = try position(of: arrival.scope, node: arrival.gateway, in: scopeID) { positions.append(position) }
        }
        let definition = try definition(ofScope: scopeID)
        return positions.contains { reaches(from: $0, to: gateway.id, in: definition) }
    }

    /// Where a token at `node` in `tokenScope` stands as seen from `scopeID` (its ancestor activity), or nil if outside.
    func position(of tokenScope: Int, node: String, in scopeID: Int) throws -> String? {
        var scopeID_ = tokenScope
        var node_ = node
        while scopeID_ != scopeID {
            guard let scope = scope(scopeID_), let parent = scope.parent, let activity = scope.node else { return nil }
            scopeID_ = parent
            node_ = activity
        }
        return node_
    }

    /// Graph search along sequence flows (and from activities to their boundary events), not passing through `target`.
    func reaches(from start: String, to target: String, in definition: ProcessDefinition) -> Bool {
        var seen: Set<String> = [start]
        var stack = [start]
        while let current = stack.popLast() {
            guard let node = definition.nodes[current] else { continue }
            var next = node.outgoing.compactMap { definition.flows[$0]?.target }
            next += definition.boundaryEvents(on: current).map(\.id)
            for candidate in next {
                if candidate == target { return true }
                if seen.insert(candidate).inserted { stack.append(candidate) }
            }
        }
        return false
    }

    mutating func consumeArrivals(gateway: String, scope: Int, flows: Set<String>) {
        for flow in flows {
            if let index = instance.joins.firstIndex(where: { $0.gateway == gateway && $0.scope == scope && $0.flow == flow }) {
                instance.joins.remove(at: index)
            }
        }
    }

    /// Leaves a gateway: every outgoing flow (parallel), or those whose condition holds else the default (inclusive).
    mutating func split(token tokenID: Int, node: FlowNode, scope: Int, conditional: Bool) throws {
        let definition = try definition(ofScope: scope)
        let flows = definition.outgoingFlows(of: node)
        var chosen: [SequenceFlow] = []
        for flow in flows where flow.id != node.defaultFlow {
            let taken = try conditional ? holds(flow, scope: scope) : true
            if taken { chosen.append(flow) }
        }
        if chosen.isEmpty, let defaultID = node.defaultFlow, let flow = definition.flows[defaultID] { chosen = [flow] }
        if chosen.isEmpty {
            if flows.isEmpty { removeToken(tokenID); return }
            throw WorkflowError.noMatchingFlow(gateway: node.id)
        }
        for flow in chosen { events.append(.gatewayTaken(gateway: node.id, flow: flow.id)) }
        take(chosen, token: tokenID, scope: scope)
    }
}
