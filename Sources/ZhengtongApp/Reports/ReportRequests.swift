import Fluent
import Foundation
import Gongwen
import Vapor

/// 约稿: an editor of a collecting unit asks named units below it for 信息 on a topic by a deadline. It waits on
/// those units' 信息员's 工作台 until the unit has sent one 信息 answering it (or the deadline passes), and they are told.
enum ReportRequests {
    typealias Actor = WorkflowService.Actor

    struct Input: Sendable {
        var unitID: UUID?
        var topic: String?
        var details: String?
        var deadline: String?
        var unitIDs: [UUID]
    }

    /// A 约稿 as lists and the API show it; `answered` is for the caller's unit.
    struct Line: Content, Sendable {
        var id: UUID
        var unitId: UUID
        var unitName: String
        var topic: String
        var details: String
        var deadline: Date
        var deadlineText: String
        var unitIds: [UUID]
        var unitNames: [String]
        /// How many of the units asked have answered (for the editor); whether the caller's unit has (for a 信息员).
        var answeredCount: Int
        var answered: Bool
        var overdue: Bool
        var createdAt: Date
    }

    static func create(_ input: Input, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> ReportRequest {
        let s = Strings.Reports.self
        let collecting = try await ReportScheme.collectingUnits(on: app.db)
        guard let unit = input.unitID ?? editorUnits(access: access, collecting: collecting).first, access.editsReports(for: unit) else {
            throw AppError.forbidden(s.notEditor)
        }
        guard try await ReportScheme.collects(unit, on: app.db) else { throw AppError.validation(s.notCollecting, fields: ["unitId": s.notCollecting]) }
        var errors: [String: String] = [:]
        let topic = FieldRules.trimmed(input.topic)
        if topic.isEmpty || topic.count > 200 { errors["topic"] = s.topicRequired }
        let details = FieldRules.trimmed(input.details)
        var deadline: Date?
        if let day = DocumentDate(iso: FieldRules.trimmed(input.deadline)), !(day < DocumentDate(now)) { deadline = NoticeService.endOfDay(day) } else { errors["deadline"] = s.deadlineInvalid }
        var units: [UUID] = []
        for id in input.unitIDs where !units.contains(id) { units.append(id) }
        if units.isEmpty { errors["units"] = s.unitsRequired }
        for id in units where !(try await ReportScheme.targets(for: id, tree: access.tree, on: app.db).contains { $0.id == unit }) {
            errors["units"] = s.unitsRequired
        }
        guard errors.isEmpty, let deadline else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let asked = units
        return try await app.write { db in
            let request = ReportRequest()
            request.id = UUID()
            request.unitID = unit
            request.authorID = access.userID
            request.topic = topic
            request.details = String(details.prefix(2000))
            request.deadline = deadline
            request.unitIDs = InfoReport.encode(asked)
            request.createdAt = now
            try await request.create(on: db)
            let reporters = try await PermissionHolders.people(with: .reportSubmit, in: asked, on: db)
            try await Notifier.send(NotificationDraft(kind: .reportRequest, title: s.requestTitle(topic), body: s.requestBody(deadline: DisplayFormat.date(deadline)),
                                                      link: SiteURL.reportRequests.path, key: "report-request:\(request.id?.uuidString ?? "")"),
                                    to: reporters, at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "report.request", targetType: "report_request", targetID: request.id?.uuidString, targetLabel: topic,
                                                 after: ["units": String(asked.count), "deadline": DisplayFormat.date(deadline)]), by: actor.audit, on: db)
            return request
        }
    }

    /// The collecting units an editor handles.
    static func editorUnits(access: Access, collecting: [UUID]) -> [UUID] {
        collecting.filter { access.editsReports(for: $0) }
    }

    /// The 约稿 the person sees: those of their collecting units (an editor) and those asking their unit (a 信息员),
    /// newest first; `openOnly` keeps those the caller's unit still owes.
    static func list(access: Access, openOnly: Bool = false, now: Date = Date(), on db: any Database) async throws -> [Line] {
        let all = try await ReportRequest.query(on: db).sort(\.$createdAt, .descending).limit(500).all()
        let asked = all.filter { access.editsReports(for: $0.unitID) || (access.writesReports && $0.units.contains(access.unitID)) }
        guard !asked.isEmpty else { return [] }
        let answers = try await InfoReport.query(on: db).filter(\.$requestID ~~ asked.compactMap(\.id))
            .filter(\.$state ~~ [InfoReport.State.reviewing.rawValue, InfoReport.State.submitted.rawValue]).all()
        var lines: [Line] = []
        for request in asked {
            let id = try request.requireID()
            let answeredUnits = Set(answers.filter { $0.requestID == id }.map(\.unitID))
            let mineAnswered = answeredUnits.contains(access.unitID)
            if openOnly && (mineAnswered || request.deadline < now || !request.units.contains(access.unitID)) { continue }
            lines.append(Line(id: id, unitId: request.unitID, unitName: access.tree.nameOf[request.unitID] ?? "", topic: request.topic, details: request.details,
                              deadline: request.deadline, deadlineText: DisplayFormat.date(request.deadline), unitIds: request.units,
                              unitNames: request.units.map { access.tree.nameOf[$0] ?? "" }, answeredCount: answeredUnits.intersection(request.units).count,
                              answered: mineAnswered, overdue: request.deadline < now, createdAt: request.createdAt))
        }
        return lines
    }
}
