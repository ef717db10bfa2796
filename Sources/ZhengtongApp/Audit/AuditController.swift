import Fluent
import Vapor

/// 审计日志: the audit administrator searches the log (and only the audit administrator).
struct AuditController {
    struct Row: Encodable, Sendable {
        var seq: Int
        var time: String
        var actor: String
        var action: String
        var target: String
        var address: String
        var succeeded: Bool
        var changes: [Change]
    }

    struct Change: Encodable, Sendable {
        var field: String
        var before: String
        var after: String
    }

    struct AuditPage: Encodable, Sendable {
        var q: String
        var actor: String
        var action: String
        var from: String
        var to: String
        var rows: [Row]
        var total: Int
        var pager: Pager
        var verification: String?
        var verificationOK: Bool
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminAudit, use: search)
    }

    @Sendable func search(req: Request) async throws -> Response {
        let access = try await req.access()
        try access.require(.auditRead)
        let q = FieldRules.trimmed(req.queryValue("q"))
        let actor = FieldRules.trimmed(req.queryValue("actor"))
        let action = FieldRules.trimmed(req.queryValue("action"))
        let fromText = FieldRules.trimmed(req.queryValue("from"))
        let toText = FieldRules.trimmed(req.queryValue("to"))
        let page = max(1, min(100_000, Int(req.queryValue("page") ?? "") ?? 1))
        let perPage = 50
        var error: String?

        let query = AuditEntry.query(on: req.db)
        if case .units(let ids) = access.scope(of: .auditRead) {
            query.filter(\.$unitID ~~ Array(ids).map(Optional.some))
        }
        if !q.isEmpty { query.filter(\.$targetLabel ~~ q) }
        if !actor.isEmpty { query.filter(\.$actorName ~~ actor) }
        if !action.isEmpty { query.filter(\.$action ~~ action) }
        if !fromText.isEmpty {
            if let from = Self.parseDay(fromText) { query.filter(\.$occurredAtMilliseconds >= from) } else { error = Strings.Audit.fromDateInvalid }
        }
        if !toText.isEmpty {
            if let to = Self.parseDay(toText) { query.filter(\.$occurredAtMilliseconds < to + 86_400_000) } else { error = Strings.Audit.toDateInvalid }
        }
        let total = try await query.copy().count()
        let entries = try await query.sort(\.$id, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        let rows = entries.map { entry in
            let before = AuditLog.decodeFields(entry.before)
            let after = AuditLog.decodeFields(entry.after)
            let changes = Set(before.keys).union(after.keys).sorted().map { Change(field: $0, before: before[$0] ?? "", after: after[$0] ?? "") }
            return Row(seq: entry.id ?? 0, time: DisplayFormat.dateTime(entry.occurredAt), actor: entry.actorName, action: entry.action,
                       target: entry.targetLabel, address: entry.clientAddress, succeeded: entry.succeeded, changes: changes)
        }
        var verification: String?
        var verificationOK = true
        if req.queryValue("verify") != nil {
            let result = try await AuditLog.verify(on: req.db)
            if let broken = result.firstBroken {
                verificationOK = false
                verification = Strings.Audit.brokenPage(seq: broken.seq, problem: broken.problem)
            } else {
                verification = Strings.Audit.verifiedPage(checked: result.checked)
            }
        }
        return try await req.renderPage("admin/audit", title: Strings.page["audit_title"]!, section: .admin,
                                        AuditPage(q: q, actor: actor, action: action, from: fromText, to: toText, rows: rows, total: total,
                                                  pager: Pager(page: page, perPage: perPage, total: total, request: req),
                                                  verification: verification, verificationOK: verificationOK, error: error))
    }

    /// Midnight of `yyyy-MM-dd` in Beijing time, in milliseconds.
    static func parseDay(_ text: String) -> Int64? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DisplayFormat.timeZone
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
        return Int64(date.timeIntervalSince1970 * 1000)
    }
}
