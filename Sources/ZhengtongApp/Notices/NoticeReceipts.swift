import Fluent
import Foundation

/// 已读/未读 and 回执 of a published notice, per unit and per person, for those who manage it; and the table as CSV.
struct NoticeReceipts: Sendable {
    struct UnitLine: Sendable, Codable {
        var unitID: UUID
        var unit: String
        var total: Int
        var read: Int
        var unread: Int
        var replied: Int
    }

    struct PersonLine: Sendable, Codable {
        var userID: UUID
        var name: String
        var unit: String
        var readAt: Date?
        var remindedAt: Date?
        var reply: NoticeReply?
        var repliedAt: Date?
    }

    var units: [UnitLine]
    var people: [PersonLine]
    var replyFields: [NoticeReplyField]

    var total: Int { people.count }
    var read: Int { people.filter { $0.readAt != nil }.count }

    static func load(_ notice: Notice, on db: any Database) async throws -> NoticeReceipts {
        let rows = try await NoticeRecipient.query(on: db).filter(\.$noticeID == notice.requireID()).all()
        let users = try await User.query(on: db).filter(\.$id ~~ rows.map(\.userID)).all()
        let byUser = Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { first, _ in first })
        let units = try await Unit.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.unitID)))).all()
        let unitNames = Dictionary(units.compactMap { unit in unit.id.map { ($0, unit.name) } }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(units.compactMap { unit in unit.id.map { ($0, unit.sortOrder) } }, uniquingKeysWith: { first, _ in first })
        let unitLines = Dictionary(grouping: rows, by: \.unitID).map { unitID, group in
            let read = group.filter { $0.readAt != nil }.count
            return UnitLine(unitID: unitID, unit: unitNames[unitID] ?? "", total: group.count, read: read, unread: group.count - read,
                            replied: group.filter { $0.repliedAt != nil }.count)
        }.sorted { (order[$0.unitID] ?? 0, $0.unit) < (order[$1.unitID] ?? 0, $1.unit) }
        // People unit by unit in the order of the unit table, the unread first (whom to chase), then by name.
        let place = Dictionary(unitLines.enumerated().map { ($1.unitID, $0) }, uniquingKeysWith: { first, _ in first })
        let people = rows.map { row in
            (place[row.unitID] ?? 0, PersonLine(userID: row.userID, name: byUser[row.userID]?.name ?? "—", unit: unitNames[row.unitID] ?? "",
                                                readAt: row.readAt, remindedAt: row.remindedAt, reply: NoticeReply.decode(row.reply), repliedAt: row.repliedAt))
        }.sorted { ($0.0, $0.1.readAt == nil ? 0 : 1, $0.1.name) < ($1.0, $1.1.readAt == nil ? 0 : 1, $1.1.name) }.map(\.1)
        return NoticeReceipts(units: unitLines, people: people, replyFields: NoticeReplyField.decode(notice.replyFields))
    }

    /// The table as CSV (UTF-8 with BOM, so a spreadsheet opens the Chinese right): one line per person.
    func csv() -> String {
        let t = Strings.Notices.self
        var header = [t.csvUnit, t.csvName, t.csvRead, t.csvReadAt]
        header += replyFields.map(\.label)
        header.append(t.csvRepliedAt)
        var lines = [header.map(CSVField.cell).joined(separator: ",")]
        for person in people {
            var cells = [person.unit, person.name, person.readAt == nil ? t.unread : t.read, person.readAt.map(DisplayFormat.minute) ?? ""]
            for field in replyFields {
                switch field {
                case .attendance: cells.append(person.reply?.attending.map { $0 ? t.attending : t.notAttending } ?? "")
                case .count: cells.append(person.reply?.count.map(String.init) ?? "")
                case .contact: cells.append(person.reply?.contact ?? "")
                case .note: cells.append(person.reply?.note ?? "")
                }
            }
            cells.append(person.repliedAt.map(DisplayFormat.minute) ?? "")
            lines.append(cells.map(CSVField.cell).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }
}
