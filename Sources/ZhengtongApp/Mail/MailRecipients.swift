import Fluent
import Foundation
import Vapor

/// The recipient picker: people found by name, pinyin initials (张伟 → zw) or phone, and departments, units, roles
/// and one's own groups by name. Mail goes between everyone on the platform, so the picker reaches every active
/// person; it shows a name and a unit, never a phone number.
///
/// Initials come from Foundation's `applyingTransform(.mandarinToLatin)` (it works on Linux with Swift 6.3.1) and
/// are computed once per name into `mail_pinyin`, refreshed when a search finds names it has not seen.
enum MailRecipients {
    struct Candidates: Content, Sendable {
        var items: [Candidate]
    }

    struct Candidate: Sendable, Codable, Equatable {
        var address: String
        var kind: MailAddress.Kind
        var label: String
        var detail: String
    }

    /// 张三丰 → zsf: the first letter of each syllable, other letters as they are.
    static func initials(of name: String) -> String {
        guard let latin = name.applyingTransform(.mandarinToLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false) else {
            return name.lowercased()
        }
        return latin.lowercased().split(whereSeparator: { $0 == " " || $0 == "·" || $0 == "-" }).compactMap(\.first).map(String.init).joined()
    }

    /// Fills `mail_pinyin` for people whose name it does not yet hold (or holds an older name of).
    static func refreshInitials(on db: any Database) async throws {
        let known = Dictionary(try await MailPinyin.query(on: db).all().compactMap { row in row.id.map { ($0, row.name) } }, uniquingKeysWith: { a, _ in a })
        let users = try await User.query(on: db).filter(\.$isDisabled == false).field(\.$id).field(\.$name).all()
        for user in users {
            guard let id = user.id, known[id] != user.name else { continue }
            if known[id] != nil { try await MailPinyin.query(on: db).filter(\.$id == id).delete() }
            let row = MailPinyin()
            row.id = id
            row.name = user.name
            row.initials = initials(of: user.name)
            try await row.create(on: db)
        }
    }

    static func search(_ raw: String, access: Access, app: Application, limit: Int = 20) async throws -> [Candidate] {
        let text = FieldRules.trimmed(raw)
        guard !text.isEmpty, text.count <= 50 else { return [] }
        if try await MailPinyin.query(on: app.db).count() < (try await User.query(on: app.db).filter(\.$isDisabled == false).count()) {
            try await app.write { db in try await refreshInitials(on: db) }
        }
        let db = app.db
        var found: [Candidate] = []
        let lowered = text.lowercased()
        var people = try await User.query(on: db).filter(\.$isDisabled == false).group(.or) { group in
            group.filter(\.$name ~~ text).filter(\.$username == lowered)
            if text.count >= 4, text.allSatisfy(\.isNumber) { group.filter(\.$phone ~~ text) }
        }.limit(limit).all()
        if lowered.allSatisfy({ $0.isASCII && $0.isLetter }) {
            let byInitials = try await MailPinyin.query(on: db).filter(\.$initials =~ lowered).limit(limit).all().compactMap(\.id)
            if !byInitials.isEmpty {
                people += try await User.query(on: db).filter(\.$id ~~ byInitials).filter(\.$isDisabled == false).all()
            }
        }
        var seen = Set<UUID>()
        for user in people {
            guard let id = user.id, seen.insert(id).inserted else { continue }
            found.append(Candidate(address: MailAddress(kind: .person, id: id.uuidString).token, kind: .person, label: user.name,
                                   detail: access.tree.nameOf[user.$unit.id] ?? ""))
        }
        for department in try await Department.query(on: db).filter(\.$isDisabled == false).filter(\.$name ~~ text).limit(limit).all() {
            let unit = access.tree.nameOf[department.$unit.id] ?? ""
            found.append(Candidate(address: MailAddress(kind: .department, id: try department.requireID().uuidString).token, kind: .department,
                                   label: unit + department.name, detail: Strings.Mail.kindLabel(.department)))
        }
        for (id, name) in access.tree.nameOf where name.contains(text) {
            found.append(Candidate(address: MailAddress(kind: .unit, id: id.uuidString).token, kind: .unit, label: name, detail: Strings.Mail.kindLabel(.unit)))
        }
        for role in try await Role.query(on: db).filter(\.$name ~~ text).all() where !BuiltinRole.administrators.map(\.rawValue).contains(role.code) {
            found.append(Candidate(address: MailAddress(kind: .role, id: role.code).token, kind: .role, label: Strings.Mail.roleLabel(role.name),
                                   detail: Strings.Mail.kindLabel(.role)))
        }
        for group in try await MailGroup.query(on: db).filter(\.$ownerID == access.userID).filter(\.$name ~~ text).all() {
            found.append(Candidate(address: MailAddress(kind: .group, id: try group.requireID().uuidString).token, kind: .group,
                                   label: Strings.Mail.groupLabel(group.name), detail: Strings.Mail.kindLabel(.group)))
        }
        return Array(found.prefix(limit))
    }
}

extension MailRecipients {
    /// A name typed without the picker: the one active person of that name (or username, or phone), or one's group
    /// of that name; nil when none or several match.
    static func exact(_ name: String, access: Access, on db: any Database) async throws -> MailAddress? {
        let people = try await User.query(on: db).filter(\.$isDisabled == false).group(.or) { group in
            group.filter(\.$name == name).filter(\.$username == name.lowercased()).filter(\.$phone == name)
        }.limit(2).all()
        if people.count == 1, let id = people[0].id { return MailAddress(kind: .person, id: id.uuidString) }
        if people.isEmpty, let group = try await MailGroup.query(on: db).filter(\.$ownerID == access.userID).filter(\.$name == name).first(), let id = group.id {
            return MailAddress(kind: .group, id: id.uuidString)
        }
        return nil
    }
}
