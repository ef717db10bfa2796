import Fluent
import Foundation
import WorkflowEngine

/// The engine's questions answered from the organisation. The engine asks synchronously while it runs,
/// so everything it may need for one command is loaded first: the initiator's unit (members, their
/// departments, positions and roles), delegations in force, called processes and the working calendar.
struct OrganizationEnvironment: WorkflowEnvironment {
    /// A member of the initiator's unit, as assignment rules see them.
    struct Member: Sendable {
        struct Post: Sendable {
            var code: String
            var rank: Int
            /// nil: held for the whole unit (分管领导, 主要领导).
            var department: UUID?
        }

        var id: String
        var primaryDepartment: UUID?
        var departments: [UUID]
        var posts: [Post]
        var roles: Set<String>

        var highestRank: Int { posts.map(\.rank).max() ?? 0 }
    }

    var initiator: String
    /// Active members of the initiator's unit, by id.
    var members: [String: Member]
    /// Usernames named literally in the model (`camunda:assignee="zhangsan"`) → ids.
    var usernames: [String: String]
    var delegations: [DelegationRule]
    var processes: [String: ProcessDefinition]
    var calendar: WorkingCalendar
    var hooks: WorkflowHooks

    func assignees(for assignment: Assignment, activity: FlowNode, instance: ProcessInstance, at date: Date) throws -> TaskAssignees {
        let people = try named(assignment, activity: activity, instance: instance)
        return DelegationRule.apply(delegations, to: people, process: instance.processID, at: date)
    }

    private func named(_ assignment: Assignment, activity: FlowNode, instance: ProcessInstance) throws -> TaskAssignees {
        func fail(_ message: String) -> WorkflowError { .assignmentFailed(activity: activity.id, message: message) }
        func people(_ ids: [String], empty message: String) throws -> TaskAssignees {
            let unique = ids.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            guard let first = unique.first else { throw fail(message) }
            return unique.count == 1 ? TaskAssignees(assignee: first) : TaskAssignees(candidateUsers: unique)
        }
        if let rule = assignment.rule {
            switch rule {
            case .initiator:
                return TaskAssignees(assignee: instance.initiator)
            case .initiatorLeader:
                return try people(Self.leaders(of: instance.initiator, among: members), empty: Strings.Workflow.noLeader)
            case .position(let code, let within):
                return try people(holders(position: code, within: within), empty: Strings.Workflow.noHolder(code))
            case .role(let code, let within):
                return try people(holders(role: code, within: within), empty: Strings.Workflow.noHolder(code))
            case .chosenByPreviousStep:
                return try people(userIDs(in: instance.variables["nextAssignee"]), empty: Strings.Workflow.nobodyChosen)
            case .variable(let name):
                return try people(userIDs(in: instance.variables[name]), empty: Strings.Workflow.variableEmpty(name))
            }
        }
        if let assignee = assignment.assignee {
            return TaskAssignees(assignee: try resolve(assignee, activity: activity))
        }
        if !assignment.candidateUsers.isEmpty || !assignment.candidateGroups.isEmpty {
            var candidates = try assignment.candidateUsers.map { try resolve($0, activity: activity) }
            for group in assignment.candidateGroups {
                candidates += holders(role: group, within: .unit) + holders(position: group, within: .unit)
            }
            var result = try people(candidates, empty: Strings.Workflow.noCandidates)
            result.candidateGroups = assignment.candidateGroups
            if let single = result.assignee, !assignment.candidateGroups.isEmpty {
                // Groups stay claimable even when one person holds them today.
                result = TaskAssignees(candidateUsers: [single], candidateGroups: assignment.candidateGroups)
            }
            return result
        }
        // A model from another tool may leave a task unassigned: it goes back to whoever started the process.
        return TaskAssignees(assignee: instance.initiator)
    }

    /// A user id, or a username named in the model.
    private func resolve(_ text: String, activity: FlowNode) throws -> String {
        if let id = UUID(uuidString: text) { return id.uuidString }
        if let id = usernames[text] { return id }
        throw WorkflowError.assignmentFailed(activity: activity.id, message: Strings.Workflow.unknownUser(text))
    }

    private func userIDs(in value: ExpressionValue?) -> [String] {
        switch value {
        case .string(let text)?: text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.compactMap(normalised)
        case .list(let items)?: items.compactMap { if case .string(let text) = $0 { normalised(text) } else { nil } }
        default: []
        }
    }

    private func normalised(_ text: String) -> String? {
        UUID(uuidString: text)?.uuidString ?? usernames[text]
    }

    private var initiatorMember: Member? { members[initiator] }

    private func holders(position code: String, within: AssignmentRule.Within) -> [String] {
        let department = initiatorMember?.primaryDepartment
        return sorted(members.values.filter { member in
            member.posts.contains { $0.code == code && (within == .unit || $0.department == department) }
        })
    }

    private func holders(role code: String, within: AssignmentRule.Within) -> [String] {
        let department = initiatorMember?.primaryDepartment
        return sorted(members.values.filter { member in
            member.roles.contains(code) && (within == .unit || department.map(member.departments.contains) == true)
        })
    }

    /// The initiator's department head; for a head (nobody ranks above them in the department), the
    /// unit's leaders of the lowest rank above them (分管领导 before 主要领导).
    static func leaders(of person: String, among members: [String: Member]) -> [String] {
        guard let me = members[person] else { return [] }
        let myRank = me.highestRank
        if let department = me.primaryDepartment {
            let above = members.values.compactMap { member -> (String, Int)? in
                guard member.id != person, let rank = member.posts.filter({ $0.department == department }).map(\.rank).max(), rank > myRank
                else { return nil }
                return (member.id, rank)
            }
            if let top = above.map(\.1).max() { return above.filter { $0.1 == top }.map(\.0).sorted() }
        }
        let unitLeaders = members.values.compactMap { member -> (String, Int)? in
            guard member.id != person, let rank = member.posts.filter({ $0.department == nil }).map(\.rank).max(), rank > myRank else { return nil }
            return (member.id, rank)
        }
        guard let nearest = unitLeaders.map(\.1).min() else { return [] }
        return unitLeaders.filter { $0.1 == nearest }.map(\.0).sorted()
    }

    private func sorted(_ members: [Member]) -> [String] { members.map(\.id).sorted() }

    func runService(hook: String, activity: FlowNode, instance: ProcessInstance) throws -> [String: ExpressionValue] {
        guard hooks.knows(hook) else {
            throw WorkflowError.serviceFailed(activity: activity.id, hook: hook, message: Strings.Workflow.unknownHook(hook))
        }
        return [:]
    }

    func process(withID id: String) -> ProcessDefinition? { processes[id] }
}

extension OrganizationEnvironment {
    /// The active people of a unit with their departments, posts and roles.
    static func members(ofUnit unitID: UUID, on db: any Database) async throws -> [String: Member] {
        let users = try await User.query(on: db).filter(\.$unit.$id == unitID).filter(\.$isDisabled == false).all()
        let ids = users.compactMap(\.id)
        let memberships = try await UserDepartment.query(on: db).filter(\.$user.$id ~~ ids).all()
        let posts = try await UserPosition.query(on: db).filter(\.$user.$id ~~ ids).with(\.$position).all()
        let roles = try await UserRole.query(on: db).filter(\.$user.$id ~~ ids).with(\.$role).all()
        var members: [String: Member] = [:]
        for user in users {
            guard let id = user.id else { continue }
            let mine = memberships.filter { $0.$user.id == id }
            members[id.uuidString] = Member(
                id: id.uuidString,
                primaryDepartment: (mine.first { $0.isPrimary } ?? mine.first)?.$department.id,
                departments: mine.map(\.$department.id),
                posts: posts.filter { $0.$user.id == id }.map { Member.Post(code: $0.position.code, rank: $0.position.rank, department: $0.$department.id) },
                roles: Set(roles.filter { $0.$user.id == id }.map(\.role.code)))
        }
        return members
    }

    /// Loads what the engine may ask about while running `definition` for `initiator`.
    /// The unit's members, the calendar and 委托 come from `cache`, checked against the generation inside the
    /// command's transaction.
    static func load(initiator: UUID, definition: DeployedDefinition, hooks: WorkflowHooks, cache: OrganizationCache,
                     on db: any Database) async throws -> OrganizationEnvironment {
        let generation = try await cache.synchronize(on: db)
        let members = try await cache.members(ofUnit: try await cache.unit(of: initiator, generation, on: db), generation, on: db)
        let calendar = try await cache.calendar(generation, on: db)
        let literal = definition.literalUsernames
        var usernames: [String: String] = [:]
        if !literal.isEmpty {
            for user in try await User.query(on: db).filter(\.$username ~~ Array(literal)).all() {
                usernames[user.username] = user.id?.uuidString
            }
        }
        let rules = try await cache.delegations(generation, on: db)
        return OrganizationEnvironment(
            initiator: initiator.uuidString, members: members, usernames: usernames, delegations: rules,
            processes: try await definition.calledProcesses(on: db), calendar: calendar, hooks: hooks)
    }

    /// 委托 rules not yet over.
    static func delegations(on db: any Database) async throws -> [DelegationRule] {
        let now = Date()
        return try await DelegationRecord.query(on: db).filter(\.$endsAt > now).all().map { record in
            DelegationRule(person: record.$person.id.uuidString, deputy: record.$deputy.id.uuidString, from: record.startsAt, until: record.endsAt,
                           processes: record.processKeys.split(separator: ",").map(String.init))
        }
    }
}
