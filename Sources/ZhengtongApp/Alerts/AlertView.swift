import Fluent
import Foundation
import Vapor

/// A line of the received or sent list, as the API returns it and the list page shows it.
struct AlertSummaryView: Content, Sendable {
    var id: UUID
    var title: String
    var level: String
    var levelLabel: String
    var category: String
    var categoryLabel: String
    var state: String
    var stateLabel: String
    var sentAt: Date
    var sender: String
    var unit: String
    /// The caller's own confirmation (received alerts only).
    var confirmedAt: Date?
    /// How many it reached and how many confirmed (sent alerts only).
    var total: Int?
    var confirmed: Int?
}

/// One unit's line of the status table.
struct AlertUnitLine: Content, Sendable {
    var unitId: UUID
    var unit: String
    var total: Int
    var confirmed: Int
    var unconfirmed: Int
}

/// One recipient as the sender follows them.
struct AlertPersonLine: Content, Sendable {
    var userId: UUID
    var name: String
    var unit: String
    var phone: String?
    var confirmedAt: Date?
    var lastRound: Int
    var lastSentAt: Date
}

/// A sending: the first and each 再次发送.
struct AlertRoundLine: Content, Sendable {
    var round: Int
    var sentAt: Date
    var sentBy: String
    var recipients: Int
}

/// What the sender (and the holders of `alert.send` over the sender's unit) see: confirmations per unit and per person,
/// the unconfirmed first, and the rounds.
struct AlertStatusView: Content, Sendable {
    var total: Int
    var confirmed: Int
    var unconfirmed: Int
    var units: [AlertUnitLine]
    var people: [AlertPersonLine]
    var rounds: [AlertRoundLine]
}

/// The caller's own state as a recipient.
struct AlertReceiptView: Content, Sendable {
    var confirmedAt: Date?
    var lastSentAt: Date
}

/// An alert: what it says, whom it went to, and — by who asks — the caller's own confirmation and/or the status.
struct AlertDetailView: Content, Sendable {
    var id: UUID
    var title: String
    var body: String
    var level: String
    var levelLabel: String
    var category: String
    var categoryLabel: String
    var state: String
    var stateLabel: String
    var round: Int
    var sentAt: Date
    var closedAt: Date?
    var sender: String
    var unit: String
    /// The recipients as chosen (`清河县人民政府及其下级单位`).
    var targets: [String]
    var mine: AlertReceiptView?
    var status: AlertStatusView?
    var canConfirm: Bool
    var canFollow: Bool
}

enum AlertViews {
    static func names(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all().compactMap { user in user.id.map { ($0, user.name) } },
                          uniquingKeysWith: { first, _ in first })
    }

    static func targetLabels(_ alert: Alert, tree: UnitTree) -> [String] {
        AlertTarget.decode(alert.targets).map { target in
            let name = tree.nameOf[target.unit] ?? "—"
            return target.withSubunits ? name + Strings.Alerts.withSubunits : name
        }
    }

    static func summaries(_ alerts: [Alert], access: Access, received: Bool, on db: any Database) async throws -> [AlertSummaryView] {
        let ids = try alerts.map { try $0.requireID() }
        let senders = try await names(alerts.map(\.senderID), on: db)
        var mine: [UUID: Date?] = [:]
        var counts: [UUID: (Int, Int)] = [:]
        if !ids.isEmpty {
            if received {
                for row in try await AlertRecipient.query(on: db).filter(\.$alertID ~~ ids).filter(\.$userID == access.userID).all() { mine[row.alertID] = row.confirmedAt }
            } else {
                for row in try await AlertRecipient.query(on: db).filter(\.$alertID ~~ ids).field(\.$alertID).field(\.$confirmedAt).all() {
                    let current = counts[row.alertID] ?? (0, 0)
                    counts[row.alertID] = (current.0 + 1, current.1 + (row.confirmedAt == nil ? 0 : 1))
                }
            }
        }
        return try alerts.map { alert in
            let id = try alert.requireID()
            return AlertSummaryView(id: id, title: alert.title, level: alert.level, levelLabel: Strings.Alerts.levelLabel(alert.levelValue),
                                    category: alert.category, categoryLabel: Strings.Alerts.categoryLabel(alert.categoryValue), state: alert.state,
                                    stateLabel: Strings.Alerts.stateLabel(alert.stateValue), sentAt: alert.sentAt, sender: senders[alert.senderID] ?? "—",
                                    unit: access.tree.nameOf[alert.unitID] ?? "", confirmedAt: received ? (mine[id] ?? nil) : nil,
                                    total: received ? nil : (counts[id]?.0 ?? 0), confirmed: received ? nil : (counts[id]?.1 ?? 0))
        }
    }

    static func status(_ alert: Alert, tree: UnitTree, on db: any Database) async throws -> AlertStatusView {
        let id = try alert.requireID()
        let rows = try await AlertRecipient.query(on: db).filter(\.$alertID == id).all()
        let users = try await User.query(on: db).filter(\.$id ~~ rows.map(\.userID)).all()
        let byUser = Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { first, _ in first })
        let units = try await Unit.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.unitID)))).all()
        let order = Dictionary(units.compactMap { unit in unit.id.map { ($0, (tree.depth(of: $0), unit.sortOrder, unit.name)) } }, uniquingKeysWith: { first, _ in first })
        let unitLines = Dictionary(grouping: rows, by: \.unitID).map { unitID, group in
            let confirmed = group.filter { $0.confirmedAt != nil }.count
            return AlertUnitLine(unitId: unitID, unit: tree.nameOf[unitID] ?? "", total: group.count, confirmed: confirmed, unconfirmed: group.count - confirmed)
        }.sorted { (order[$0.unitId] ?? (0, 0, "")) < (order[$1.unitId] ?? (0, 0, "")) }
        let place = Dictionary(unitLines.enumerated().map { ($1.unitId, $0) }, uniquingKeysWith: { first, _ in first })
        // The unconfirmed first (whom to call), unit by unit in the table's order, then by name.
        let people = rows.map { row in
            (place[row.unitID] ?? 0, AlertPersonLine(userId: row.userID, name: byUser[row.userID]?.name ?? "—", unit: tree.nameOf[row.unitID] ?? "",
                                                     phone: byUser[row.userID]?.phone.flatMap { $0.isEmpty ? nil : $0 }, confirmedAt: row.confirmedAt,
                                                     lastRound: row.lastRound, lastSentAt: row.lastSentAt))
        }.sorted { ($0.1.confirmedAt == nil ? 0 : 1, $0.0, $0.1.name) < ($1.1.confirmedAt == nil ? 0 : 1, $1.0, $1.1.name) }.map(\.1)
        let rounds = try await AlertRound.query(on: db).filter(\.$alertID == id).sort(\.$round).all()
        let senders = try await names(rounds.map(\.sentBy), on: db)
        let confirmed = rows.filter { $0.confirmedAt != nil }.count
        return AlertStatusView(total: rows.count, confirmed: confirmed, unconfirmed: rows.count - confirmed, units: unitLines, people: people,
                               rounds: rounds.map { AlertRoundLine(round: $0.round, sentAt: $0.sentAt, sentBy: senders[$0.sentBy] ?? "—", recipients: $0.recipients) })
    }

    static func detail(_ alert: Alert, access: Access, on db: any Database) async throws -> AlertDetailView {
        let id = try alert.requireID()
        let mine = try await access.receipt(of: id, on: db)
        let follows = access.follows(alert)
        let sender = try await names([alert.senderID], on: db)[alert.senderID] ?? "—"
        return AlertDetailView(
            id: id, title: alert.title, body: alert.body, level: alert.level, levelLabel: Strings.Alerts.levelLabel(alert.levelValue), category: alert.category,
            categoryLabel: Strings.Alerts.categoryLabel(alert.categoryValue), state: alert.state, stateLabel: Strings.Alerts.stateLabel(alert.stateValue),
            round: alert.round, sentAt: alert.sentAt, closedAt: alert.closedAt, sender: sender, unit: access.tree.nameOf[alert.unitID] ?? "",
            targets: targetLabels(alert, tree: access.tree), mine: mine.map { AlertReceiptView(confirmedAt: $0.confirmedAt, lastSentAt: $0.lastSentAt) },
            status: follows ? try await status(alert, tree: access.tree, on: db) : nil,
            canConfirm: mine != nil && mine?.confirmedAt == nil && alert.stateValue == .open, canFollow: follows)
    }
}
