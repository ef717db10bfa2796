import Fluent
import Foundation
import Vapor

/// One addressee as chosen in the picker: a person, a department, a unit, a role (its holders in the sender's own
/// unit) or one of the sender's personal groups. Written `kind:id` in forms (`person:…`, `role:clerk`).
struct MailAddress: Codable, Sendable, Equatable, Hashable {
    enum Kind: String, Codable, Sendable, CaseIterable {
        case person, department, unit, role, group
    }

    var kind: Kind
    /// A UUID, or for a role its code.
    var id: String
    /// The name shown (filled in from the database when saved).
    var label: String?

    init(kind: Kind, id: String, label: String? = nil) {
        self.kind = kind
        self.id = id
        self.label = label
    }

    /// `person:UUID` as the compose form sends it.
    init?(token: String) {
        let parts = token.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]), !parts[1].isEmpty, parts[1].count <= 64 else { return nil }
        self.init(kind: kind, id: parts[1])
    }

    var token: String { "\(kind.rawValue):\(id)" }

    static func == (lhs: MailAddress, rhs: MailAddress) -> Bool { lhs.kind == rhs.kind && lhs.id == rhs.id }
    func hash(into hasher: inout Hasher) { hasher.combine(kind); hasher.combine(id) }
}

/// The addressees of a message: 收件人, 抄送, 密送.
struct MailAddressing: Codable, Sendable, Equatable {
    var to: [MailAddress] = []
    var cc: [MailAddress] = []
    var bcc: [MailAddress] = []

    var isEmpty: Bool { to.isEmpty && cc.isEmpty && bcc.isEmpty }

    static func decode(_ text: String) -> MailAddressing {
        (try? JSONDecoder().decode(MailAddressing.self, from: Data(text.utf8))) ?? MailAddressing()
    }

    func encoded() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }

    /// The same addressees with their current names, refusing (422, naming the field) what does not exist or is not
    /// the sender's to use (another person's group).
    func resolved(sender: Access, on db: any Database) async throws -> MailAddressing {
        var result = MailAddressing()
        func resolve(_ list: [MailAddress], field: String) async throws -> [MailAddress] {
            var out: [MailAddress] = []
            for address in list where !out.contains(address) {
                guard let label = try await MailAddressing.label(of: address, sender: sender, on: db) else {
                    throw AppError(status: .unprocessableEntity, code: "mail_recipient_invalid", message: Strings.Mail.recipientInvalid,
                                   fields: [field: Strings.Mail.recipientInvalid])
                }
                var named = address
                named.label = label
                out.append(named)
            }
            return out
        }
        result.to = try await resolve(to, field: "to")
        result.cc = try await resolve(cc, field: "cc")
        result.bcc = try await resolve(bcc, field: "bcc")
        return result
    }

    /// The name of an addressee, or nil when it cannot be used.
    static func label(of address: MailAddress, sender: Access, on db: any Database) async throws -> String? {
        if address.kind == .role {
            return try await Role.query(on: db).filter(\.$code == address.id).first().map { Strings.Mail.roleLabel($0.name) }
        }
        guard let id = UUID(uuidString: address.id) else { return nil }
        switch address.kind {
        case .person:
            guard let user = try await User.find(id, on: db), !user.isDisabled else { return nil }
            return "\(user.name)（\(sender.tree.nameOf[user.$unit.id] ?? "")）"
        case .department:
            guard let department = try await Department.find(id, on: db), !department.isDisabled else { return nil }
            return "\(sender.tree.nameOf[department.$unit.id] ?? "")\(department.name)"
        case .unit:
            guard let name = sender.tree.nameOf[id] else { return nil }
            return Strings.Mail.unitLabel(name)
        case .group:
            guard let group = try await MailGroup.find(id, on: db), group.ownerID == sender.userID else { return nil }
            return Strings.Mail.groupLabel(group.name)
        case .role:
            return nil
        }
    }

    /// The active people each list names at this moment, each person once and in the first list naming them
    /// (收件人 before 抄送 before 密送), never the sender.
    func people(sender: Access, on db: any Database) async throws -> [(user: UUID, kind: MailDelivery.Kind)] {
        var seen: Set<UUID> = [sender.userID]
        var result: [(UUID, MailDelivery.Kind)] = []
        for (list, kind) in [(to, MailDelivery.Kind.to), (cc, .cc), (bcc, .bcc)] {
            for user in try await Self.expand(list, sender: sender, on: db) where seen.insert(user).inserted {
                result.append((user, kind))
            }
        }
        return result
    }

    private static func expand(_ list: [MailAddress], sender: Access, on db: any Database) async throws -> [UUID] {
        var result: [UUID] = []
        func ids(_ kind: MailAddress.Kind) -> [UUID] { list.filter { $0.kind == kind }.compactMap { UUID(uuidString: $0.id) } }
        var candidates = ids(.person)
        let units = ids(.unit)
        if !units.isEmpty {
            candidates += try await User.query(on: db).filter(\.$unit.$id ~~ units).field(\.$id).all().compactMap(\.id)
        }
        let departments = ids(.department)
        if !departments.isEmpty {
            candidates += try await UserDepartment.query(on: db).filter(\.$department.$id ~~ departments).all().map(\.$user.id)
        }
        let roles = list.filter { $0.kind == .role }.map(\.id)
        if !roles.isEmpty {
            let roleIDs = try await Role.query(on: db).filter(\.$code ~~ roles).all().compactMap(\.id)
            if !roleIDs.isEmpty {
                let holders = try await UserRole.query(on: db).filter(\.$role.$id ~~ roleIDs).all().map(\.$user.id)
                // A role reaches its holders in the sender's own unit: 收发员 means this unit's clerks.
                if !holders.isEmpty {
                    candidates += try await User.query(on: db).filter(\.$id ~~ holders).filter(\.$unit.$id == sender.unitID).field(\.$id).all().compactMap(\.id)
                }
            }
        }
        let groups = ids(.group)
        if !groups.isEmpty {
            for group in try await MailGroup.query(on: db).filter(\.$id ~~ groups).filter(\.$ownerID == sender.userID).all() {
                candidates += group.memberIDs
            }
        }
        guard !candidates.isEmpty else { return [] }
        let active = Set(try await User.query(on: db).filter(\.$id ~~ Array(Set(candidates))).filter(\.$isDisabled == false).field(\.$id).all().compactMap(\.id))
        var seen = Set<UUID>()
        for id in candidates where active.contains(id) && seen.insert(id).inserted { result.append(id) }
        return result
    }
}
