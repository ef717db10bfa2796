import Fluent
import Foundation
import Vapor

/// 委托: a person sets a deputy for a period; new tasks meant for them go to the deputy, and both see them.
struct DelegationController {
    struct Form: Content, Sendable {
        var deputy: String?
        var startsAt: String?
        var endsAt: String?
        var processes: String?
    }

    struct Row: Encodable, Sendable {
        var person: String
        var deputy: String
        var period: String
        var processes: String
        var endHref: String?
    }

    struct Page: Encodable, Sendable {
        var mine: [Row]
        var toMe: [Row]
        var people: [SelectOption]
        var form: Form
        var errors: [String: String]
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.delegations, use: list)
        routes.post(SiteURL.delegations, use: create)
        routes.post(SiteURL.delegationEnd, use: end)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await render(req, form: Form(), errors: [:], error: nil)
    }

    /// `2026-12-01T09:00` from a datetime-local input, Beijing time.
    static func parse(_ text: String?) -> Date? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = DisplayFormat.timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(Form.self)
        var errors: [String: String] = [:]
        let deputy = form.deputy.flatMap(UUID.init(uuidString:))
        if deputy == nil || deputy == access.userID { errors["deputy"] = Strings.Workflow.personRequired }
        let starts = Self.parse(form.startsAt)
        let ends = Self.parse(form.endsAt)
        if starts == nil || ends == nil || (starts ?? .distantFuture) >= (ends ?? .distantPast) { errors["period"] = Strings.Workflow.delegationPeriodInvalid }
        // A deputy is added to the person's work like a 转办: the same people may be chosen.
        if let deputy {
            let allowed = (try? await WorkParticipants.requireAllowed([deputy.uuidString], by: access.userID, on: req.db)) != nil
            if !allowed || deputy == access.userID { errors["deputy"] = Strings.Workflow.personUnavailable }
        }
        guard errors.isEmpty, let deputy, let starts, let ends else {
            return try await render(req, form: form, errors: errors, error: Strings.Error.formInvalid, status: .unprocessableEntity)
        }
        let record = DelegationRecord()
        record.$person.id = access.userID
        record.$deputy.id = deputy
        record.startsAt = starts
        record.endsAt = ends
        record.processKeys = (form.processes ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init).joined(separator: ",")
        let actor = req.auditActor()
        try await req.write { db in
            try await record.create(on: db)
            try await AuditLog.record(AuditEvent(action: "workflow.delegation.create", targetType: "delegation", targetID: record.id?.uuidString,
                                                 targetLabel: access.username, after: ["deputy": deputy.uuidString, "from": DisplayFormat.dateTime(starts),
                                                                                       "until": DisplayFormat.dateTime(ends), "processes": record.processKeys]),
                                      by: actor, on: db)
        }
        req.flash(Strings.Workflow.delegationSaved)
        return req.redirect(to: SiteURL.delegations.path)
    }

    @Sendable func end(req: Request) async throws -> Response {
        let access = try await req.access()
        guard let record = try await DelegationRecord.find(try req.idParameter("delegationID"), on: req.db), record.$person.id == access.userID
        else { throw AppError.notFound() }
        let now = Date()
        let actor = req.auditActor()
        try await req.write { db in
            record.endsAt = max(record.startsAt, now)
            try await record.update(on: db)
            try await AuditLog.record(AuditEvent(action: "workflow.delegation.end", targetType: "delegation", targetID: record.id?.uuidString,
                                                 targetLabel: access.username, after: ["until": DisplayFormat.dateTime(record.endsAt)]), by: actor, on: db)
        }
        req.flash(Strings.Workflow.delegationEnded)
        return req.redirect(to: SiteURL.delegations.path)
    }

    private func render(_ req: Request, form: Form, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let now = Date()
        let records = try await DelegationRecord.query(on: req.db).filter(\.$endsAt > now)
            .group(.or) { $0.filter(\.$person.$id == access.userID).filter(\.$deputy.$id == access.userID) }.sort(\.$startsAt).all()
        let names = try await TaskView.names(Set(records.flatMap { [$0.$person.id, $0.$deputy.id] }), on: req.db)
        func row(_ record: DelegationRecord, mine: Bool) throws -> Row {
            Row(person: names[record.$person.id] ?? "—", deputy: names[record.$deputy.id] ?? "—",
                period: "\(DisplayFormat.minute(record.startsAt)) — \(DisplayFormat.minute(record.endsAt))",
                processes: record.processKeys.isEmpty ? "—" : record.processKeys,
                endHref: mine ? SiteURL.delegationEnd.link(try record.requireID()) : nil)
        }
        let page = Page(mine: try records.filter { $0.$person.id == access.userID }.map { try row($0, mine: true) },
                        toMe: try records.filter { $0.$deputy.id == access.userID }.map { try row($0, mine: false) },
                        people: try await WorkParticipants.options(for: access.userID, on: req.db).map { SelectOption(value: $0.id, label: $0.label, selected: false) },
                        form: form, errors: errors, error: error)
        return try await req.renderPage("workflow/delegations", title: Strings.page["delegation_title"]!, section: .tasks, page, status: status)
    }
}
