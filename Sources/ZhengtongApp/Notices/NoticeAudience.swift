import Fluent
import Foundation
import Vapor

/// Whom a notice is for, as the publisher chose it: whole units (with or without the units under them),
/// departments, holders of roles, single people. Its reach is the publishing unit and the units under it (a
/// department's board, the unit's board, the boards of its subordinate units); anything outside is refused.
/// The people are worked out once, when the notice is published (``NoticeRecipient``).
struct NoticeAudience: Codable, Sendable, Equatable {
    struct UnitReach: Codable, Sendable, Equatable {
        var unit: UUID
        /// The units under it too.
        var withSubunits: Bool
    }

    var units: [UnitReach] = []
    var departments: [UUID] = []
    /// Role codes: their holders within the reach.
    var roles: [String] = []
    var people: [UUID] = []

    var isEmpty: Bool { units.isEmpty && departments.isEmpty && roles.isEmpty && people.isEmpty }

    init(units: [UnitReach] = [], departments: [UUID] = [], roles: [String] = [], people: [UUID] = []) {
        self.units = units
        self.departments = departments
        self.roles = roles
        self.people = people
    }

    /// Any of the four may be left out (the API sends only what it chooses).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        units = try container.decodeIfPresent([UnitReach].self, forKey: .units) ?? []
        departments = try container.decodeIfPresent([UUID].self, forKey: .departments) ?? []
        roles = try container.decodeIfPresent([String].self, forKey: .roles) ?? []
        people = try container.decodeIfPresent([UUID].self, forKey: .people) ?? []
    }

    static func decode(_ text: String) -> NoticeAudience {
        (try? JSONDecoder().decode(NoticeAudience.self, from: Data(text.utf8))) ?? NoticeAudience()
    }

    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// The units a notice of `unit` may reach: it and every unit under it — for a 政府办公室, every unit under the
    /// 人民政府 it serves (the office publishes for its government: a county office to the county's 局 and 乡镇).
    static func reach(of unit: UUID, tree: UnitTree, on db: any Database) async throws -> Set<UUID> {
        try await ExchangeUnits.served(by: unit, on: db).reduce(into: Set<UUID>()) { $0.formUnion(tree.subtree(of: $1)) }
    }

    /// Throws 422 `audience_invalid` (naming the field) unless everything chosen lies within the reach of `unit`.
    func check(publishedBy unit: UUID, tree: UnitTree, on db: any Database) async throws {
        let reach = try await Self.reach(of: unit, tree: tree, on: db)
        func refuse(_ field: String) -> AppError {
            AppError(status: .unprocessableEntity, code: "audience_invalid", message: Strings.Notices.audienceOutside, fields: [field: Strings.Notices.audienceOutside])
        }
        guard !isEmpty else {
            throw AppError(status: .unprocessableEntity, code: "audience_required", message: Strings.Notices.audienceRequired,
                           fields: ["audience": Strings.Notices.audienceRequired])
        }
        if !units.allSatisfy({ reach.contains($0.unit) }) { throw refuse("units") }
        if !departments.isEmpty {
            let found = try await Department.query(on: db).filter(\.$id ~~ departments).all()
            if found.count != Set(departments).count || !found.allSatisfy({ reach.contains($0.$unit.id) }) { throw refuse("departments") }
        }
        if !roles.isEmpty {
            let known = Set(try await Role.query(on: db).filter(\.$code ~~ roles).all().map(\.code))
            if !Set(roles).isSubset(of: known) { throw refuse("roles") }
        }
        if !people.isEmpty {
            let found = try await User.query(on: db).filter(\.$id ~~ people).filter(\.$isDisabled == false).all()
            if found.count != Set(people).count || !found.allSatisfy({ reach.contains($0.$unit.id) }) { throw refuse("people") }
        }
    }

    /// The active people it names, each once, with their unit (never `except`, the author).
    func people(publishedBy unit: UUID, tree: UnitTree, except author: UUID, on db: any Database) async throws -> [(user: UUID, unit: UUID)] {
        let reach = try await Self.reach(of: unit, tree: tree, on: db)
        var found: [UUID: UUID] = [:]
        func add(_ users: [User]) {
            for user in users where reach.contains(user.$unit.id) { if let id = user.id { found[id] = user.$unit.id } }
        }
        let whole = units.reduce(into: Set<UUID>()) { result, reachUnit in
            if reachUnit.withSubunits { result.formUnion(tree.subtree(of: reachUnit.unit)) } else { result.insert(reachUnit.unit) }
        }.intersection(reach)
        if !whole.isEmpty {
            add(try await User.query(on: db).filter(\.$unit.$id ~~ Array(whole)).filter(\.$isDisabled == false).field(\.$id).field(\.$unit.$id).all())
        }
        if !departments.isEmpty {
            let members = try await UserDepartment.query(on: db).filter(\.$department.$id ~~ departments).all().map(\.$user.id)
            if !members.isEmpty {
                add(try await User.query(on: db).filter(\.$id ~~ members).filter(\.$isDisabled == false).field(\.$id).field(\.$unit.$id).all())
            }
        }
        if !roles.isEmpty {
            let roleIDs = try await Role.query(on: db).filter(\.$code ~~ roles).all().compactMap(\.id)
            let holders = roleIDs.isEmpty ? [] : try await UserRole.query(on: db).filter(\.$role.$id ~~ roleIDs).all().map(\.$user.id)
            if !holders.isEmpty {
                add(try await User.query(on: db).filter(\.$id ~~ holders).filter(\.$isDisabled == false).field(\.$id).field(\.$unit.$id).all())
            }
        }
        if !people.isEmpty {
            add(try await User.query(on: db).filter(\.$id ~~ people).filter(\.$isDisabled == false).field(\.$id).field(\.$unit.$id).all())
        }
        found.removeValue(forKey: author)
        return found.map { ($0.key, $0.value) }.sorted { $0.user.uuidString < $1.user.uuidString }
    }
}

/// A field of a notice's 回执, as the publisher asks for it.
enum NoticeReplyField: String, Codable, Sendable, CaseIterable {
    /// 参加 / 不参加.
    case attendance
    /// 人数.
    case count
    /// 联系人（及电话）.
    case contact
    /// 备注.
    case note

    var label: String { Strings.Notices.replyFieldLabel(self) }

    static func decode(_ text: String) -> [NoticeReplyField] {
        (try? JSONDecoder().decode([NoticeReplyField].self, from: Data(text.utf8))) ?? []
    }
}

/// A reader's 回执.
struct NoticeReply: Codable, Sendable, Equatable {
    var attending: Bool?
    var count: Int?
    var contact: String?
    var note: String?

    /// Checks the reply against the fields asked for: each asked field is given (备注 may be empty), none other.
    func checked(against fields: [NoticeReplyField]) throws -> NoticeReply {
        var errors: [String: String] = [:]
        var reply = NoticeReply()
        let asked = Set(fields)
        if asked.contains(.attendance) {
            if let attending { reply.attending = attending } else { errors["attending"] = Strings.Notices.replyAttendanceRequired }
        }
        if asked.contains(.count) {
            if let count, (0...10_000).contains(count) { reply.count = count } else { errors["count"] = Strings.Notices.replyCountInvalid }
        }
        if asked.contains(.contact) {
            let text = FieldRules.trimmed(contact)
            if text.isEmpty || text.count > 100 { errors["contact"] = Strings.Notices.replyContactRequired } else { reply.contact = text }
        }
        if asked.contains(.note) {
            let text = FieldRules.trimmed(note)
            if text.count > 500 { errors["note"] = Strings.Notices.replyNoteTooLong } else { reply.note = text.isEmpty ? nil : text }
        }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return reply
    }

    static func decode(_ text: String?) -> NoticeReply? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(NoticeReply.self, from: Data(text.utf8))
    }

    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }
}
