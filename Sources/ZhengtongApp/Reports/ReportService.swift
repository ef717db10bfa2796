import Fluent
import Foundation
import SQLKit
import Vapor

/// 信息报送's business actions, each one call that pages, API and demo use alike, in one transaction with its audit
/// record: 起草 and 修改, 送审 (the unit's review, ``ReportBusiness``), 报送 (when the review approves: a row per target),
/// the editor's 采用 / 退回 / 存档 on one target's row, and the unit's 重报 after a 退回 (a new text version).
enum ReportService {
    typealias Actor = WorkflowService.Actor
    static let businessType = "report"
    static let process = "report-review"

    /// What a 信息员 types.
    struct Input: Sendable {
        var title: String?
        var body: String?
        var category: String?
        var urgency: String?
        var targetIDs: [UUID]
        var requestID: UUID?
    }

    struct Checked: Sendable {
        var title: String
        var body: String
        var category: InfoReport.Category
        var urgency: InfoReport.Urgency
        var targets: [UUID]
        var requestID: UUID?
    }

    /// A title, a body, a known category and urgency, targets among the collecting units above the unit (may be
    /// empty while drafting; 送审 needs one).
    static func check(_ input: Input, unit: UUID, access: Access, on db: any Database) async throws -> Checked {
        let s = Strings.Reports.self
        var errors: [String: String] = [:]
        let title = FieldRules.trimmed(input.title)
        if title.isEmpty { errors["title"] = s.titleRequired } else if title.count > 200 { errors["title"] = s.titleTooLong }
        let body = (input.body ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty { errors["body"] = s.bodyRequired } else if body.count > 20_000 { errors["body"] = s.bodyTooLong }
        let category = InfoReport.Category(rawValue: FieldRules.trimmed(input.category))
        if category == nil { errors["category"] = s.categoryRequired }
        let urgencyText = FieldRules.trimmed(input.urgency)
        let urgency = urgencyText.isEmpty ? InfoReport.Urgency.normal : InfoReport.Urgency(rawValue: urgencyText)
        if urgency == nil { errors["urgency"] = s.urgencyInvalid }
        let offered = Set(try await ReportScheme.targets(for: unit, tree: access.tree, on: db).map(\.id))
        var targets: [UUID] = []
        for target in input.targetIDs where !targets.contains(target) { targets.append(target) }
        if targets.contains(where: { !offered.contains($0) }) { errors["targets"] = s.targetInvalid }
        if let requestID = input.requestID {
            guard let request = try await ReportRequest.find(requestID, on: db), request.units.contains(unit) else {
                throw AppError.validation(s.requestInvalid, fields: ["request": s.requestInvalid])
            }
        }
        guard errors.isEmpty, let category, let urgency else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Checked(title: title, body: body, category: category, urgency: urgency, targets: targets, requestID: input.requestID)
    }

    private static func apply(_ checked: Checked, to report: InfoReport) {
        report.title = checked.title
        report.body = checked.body
        report.category = checked.category.rawValue
        report.urgency = checked.urgency.rawValue
        report.targetIDs = InfoReport.encode(checked.targets)
        report.requestID = checked.requestID
    }

    /// 起草: a 信息员 starts a 信息 of their unit.
    static func create(_ input: Input, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> InfoReport {
        guard access.writesReports else { throw AppError.forbidden(Strings.Reports.notReporter) }
        let checked = try await check(input, unit: access.unitID, access: access, on: app.db)
        return try await app.write { db in
            let report = InfoReport()
            report.id = UUID()
            report.unitID = access.unitID
            report.reporterID = access.userID
            apply(checked, to: report)
            report.state = InfoReport.State.draft.rawValue
            report.version = 0
            report.revision = 1
            report.createdAt = now
            report.updatedAt = now
            try await report.create(on: db)
            try await AuditLog.record(AuditEvent(action: "report.create", targetType: "report", targetID: report.id?.uuidString, targetLabel: report.title,
                                                 after: ["category": checked.category.rawValue]), by: actor.audit, on: db)
            return report
        }
    }

    /// 修改: a draft by its unit's 信息员, or a submitted one being revised after a 退回 (the change reaches the
    /// targets with 重报). Guarded by `expectedRevision`.
    @discardableResult
    static func edit(_ id: UUID, _ input: Input, expectedRevision: Int, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> InfoReport {
        let report = try await ReportLookup.visible(id, access: access, on: app.db)
        guard access.manages(report) else { throw AppError.forbidden(Strings.Reports.notEditable) }
        var input = input
        if report.stateValue == .submitted { input.targetIDs = report.targets; input.requestID = report.requestID }
        let checked = try await check(input, unit: report.unitID, access: access, on: app.db)
        return try await app.write { db in
            guard let current = try await InfoReport.find(id, on: db) else { throw AppError.notFound() }
            guard current.revision == expectedRevision else { throw AppError.conflict(Strings.Reports.editedMeanwhile) }
            switch current.stateValue {
            case .draft: break
            case .reviewing: throw AppError.conflict(Strings.Reports.underReview)
            case .submitted:
                let rows = try await ReportSubmission.query(on: db).filter(\.$reportID == id).all()
                guard rows.contains(where: { $0.stateValue == .returned }) else { throw AppError.conflict(Strings.Reports.notEditableNow) }
            }
            apply(checked, to: current)
            current.revision += 1
            current.updatedAt = now
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "report.update", targetType: "report", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["revision": String(current.revision)]), by: actor.audit, on: db)
            return current
        }
    }

    /// 送审: the unit's review (`report-review`; its first step goes to the unit's office reviewer). Needs a target.
    static func submitForReview(_ id: UUID, access: Access, actor: Actor, app: Application) async throws -> InfoReport {
        let report = try await ReportLookup.visible(id, access: access, on: app.db)
        guard access.manages(report) else { throw AppError.forbidden(Strings.Reports.notEditable) }
        guard report.stateValue == .draft else { throw AppError.conflict(Strings.Reports.alreadySubmitted) }
        guard !report.targets.isEmpty else { throw AppError.validation(Strings.Reports.targetRequired, fields: ["targets": Strings.Reports.targetRequired]) }
        guard try await WorkflowDefinitions.newest(process, on: app.db) != nil else { throw AppError.validation(Strings.Reports.processMissing) }
        let expected = report.revision
        _ = try await app.workflow.start(processKey: process, title: report.title, businessType: businessType, businessID: id.uuidString, by: actor) { instanceID, db in
            guard let current = try await InfoReport.find(id, on: db), current.revision == expected, current.stateValue == .draft else {
                throw AppError.conflict(Strings.Reports.editedMeanwhile)
            }
            current.state = InfoReport.State.reviewing.rawValue
            current.instanceID = instanceID
            current.returnedReason = nil
            current.revision += 1
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "report.review", targetType: "report", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["process": process]), by: actor.audit, on: db)
        }
        return try await ReportLookup.visible(id, access: access, on: app.db)
    }

    /// 报送, when the unit's review approves (inside its command's transaction): version 1 of the text is kept and
    /// each chosen collecting unit gets its row; their editors are told.
    static func send(_ report: InfoReport, at now: Date, by actor: AuditActor, on db: any Database) async throws {
        let id = try report.requireID()
        report.state = InfoReport.State.submitted.rawValue
        report.version += 1
        report.revision += 1
        report.submittedAt = now
        report.updatedAt = now
        try await report.update(on: db)
        try await snapshot(report, by: report.reporterID, at: now, on: db)
        for target in report.targets {
            let row = ReportSubmission()
            row.reportID = id
            row.targetUnitID = target
            row.state = ReportSubmission.State.submitted.rawValue
            row.reportVersion = report.version
            row.revision = 1
            row.submittedAt = now
            row.updatedAt = now
            try await row.create(on: db)
        }
        let editors = try await PermissionHolders.people(with: .reportEdit, in: report.targets, on: db)
        try await Notifier.send(NotificationDraft(kind: .report, title: Strings.Reports.arrivedTitle(report.title), body: nil,
                                                  link: SiteURL.report.link(id), key: "report-sent:\(id.uuidString):\(report.version)"),
                                to: editors, at: now, on: db)
        try await AuditLog.record(AuditEvent(action: "report.submit", targetType: "report", targetID: id.uuidString, targetLabel: report.title,
                                             after: ["targets": String(report.targets.count), "version": String(report.version)]), by: actor, on: db)
    }

    /// The unit's reviewer sent it back (or the review was stopped): a draft again, with the reason.
    static func reviewReturned(_ report: InfoReport, reason: String?, at now: Date, on db: any Database) async throws {
        let id = try report.requireID()
        report.state = InfoReport.State.draft.rawValue
        report.returnedReason = reason.map(FieldRules.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        report.instanceID = nil
        report.revision += 1
        report.updatedAt = now
        try await report.update(on: db)
        try await Notifier.send(NotificationDraft(kind: .report, title: Strings.Reports.reviewReturnedTitle(report.title), body: report.returnedReason,
                                                  link: SiteURL.report.link(id), key: "report-review-returned:\(id.uuidString):\(report.revision)"),
                                to: [report.reporterID], at: now, on: db)
    }

    private static func snapshot(_ report: InfoReport, by person: UUID, at now: Date, on db: any Database) async throws {
        let id = try report.requireID()
        let files = try await ReportFile.query(on: db).filter(\.$reportID == id).sort(\.$createdAt).all().map(\.name)
        let version = ReportVersion()
        version.reportID = id
        version.version = report.version
        version.title = report.title
        version.body = report.body
        version.fileNames = String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
        version.createdBy = person
        version.createdAt = now
        try await version.create(on: db)
    }

    /// The row of `report` the editor acts on: the one for `target`, or the only one in their scope.
    static func row(of reportID: UUID, target: UUID?, access: Access, on db: any Database) async throws -> ReportSubmission {
        let rows = try await ReportSubmission.query(on: db).filter(\.$reportID == reportID).all().filter { access.editsReports(for: $0.targetUnitID) }
        if let target {
            guard let row = rows.first(where: { $0.targetUnitID == target }) else { throw AppError.forbidden(Strings.Reports.notEditor) }
            return row
        }
        guard !rows.isEmpty else { throw AppError.forbidden(Strings.Reports.notEditor) }
        guard rows.count == 1 else { throw AppError.validation(Strings.Reports.targetAmbiguous, fields: ["target": Strings.Reports.targetAmbiguous]) }
        return rows[0]
    }

    /// Moves a row to `to` if it is still open and at `revision`: false when another editor decided first. One
    /// UPDATE whose WHERE carries the check, so two editors at once cannot both pass it.
    private static func decide(_ row: ReportSubmission, to: ReportSubmission.State, revision: Int, level: ReportLevel?, reason: String?, by person: UUID,
                               at now: Date, on db: any Database) async throws -> Bool {
        let sql = try db.sqlDatabase()
        let open = [ReportSubmission.State.submitted.rawValue, ReportSubmission.State.resubmitted.rawValue]
        let moved = try await sql.raw("""
            UPDATE report_submissions SET state = \(bind: to.rawValue), revision = revision + 1, level_id = \(bind: level?.id), level_name = \(bind: level?.name),
            points = \(bind: level?.points), reason = \(bind: reason), decided_by = \(bind: person), decided_at = \(bind: now), updated_at = \(bind: now)
            WHERE id = \(bind: try row.requireID()) AND revision = \(bind: revision) AND state IN (\(bind: open[0]), \(bind: open[1])) RETURNING id
            """).all()
        return !moved.isEmpty
    }

    /// 采用 at a level of the target's scheme: the row is adopted and the reporting unit and 信息员 earn its points.
    /// `expectedRevision` is the row's revision the editor saw (nil: the one read now).
    @discardableResult
    static func adopt(_ id: UUID, target: UUID?, levelID: UUID?, expectedRevision: Int?, access: Access, actor: Actor, app: Application,
                      now: Date = Date()) async throws -> ReportSubmission {
        let report = try await ReportLookup.visible(id, access: access, on: app.db)
        let row = try await row(of: id, target: target, access: access, on: app.db)
        guard row.stateValue.isOpen else { throw AppError.conflict(Strings.Reports.alreadyDecided) }
        guard let levelID, let level = try await ReportLevel.find(levelID, on: app.db), level.unitID == row.targetUnitID, !level.isInstruction else {
            throw AppError.validation(Strings.Reports.levelRequired, fields: ["level": Strings.Reports.levelRequired])
        }
        let revision = expectedRevision ?? row.revision
        return try await app.write { db in
            guard try await decide(row, to: .adopted, revision: revision, level: level, reason: nil, by: access.userID, at: now, on: db) else {
                throw AppError.conflict(Strings.Reports.alreadyDecided)
            }
            let point = ReportPoint()
            point.reportID = id
            point.unitID = report.unitID
            point.reporterID = report.reporterID
            point.collectorID = row.targetUnitID
            point.levelName = level.name
            point.points = level.points
            point.awardedAt = now
            try await point.create(on: db)
            try await Notifier.send(NotificationDraft(kind: .report, title: Strings.Reports.adoptedTitle(report.title, level: level.name), body: nil,
                                                      link: SiteURL.report.link(id), key: "report-adopted:\(try row.requireID().uuidString)"),
                                    to: [report.reporterID], at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "report.adopt", targetType: "report", targetID: id.uuidString, targetLabel: report.title,
                                                 after: ["target": access.tree.nameOf[row.targetUnitID] ?? "", "level": level.name, "points": String(level.points)]),
                                      by: actor.audit, on: db)
            guard let moved = try await ReportSubmission.find(row.requireID(), on: db) else { throw AppError.notFound() }
            return moved
        }
    }

    /// 退回 with a reason: the unit revises and sends it again (重报).
    @discardableResult
    static func sendBack(_ id: UUID, target: UUID?, reason: String?, expectedRevision: Int?, access: Access, actor: Actor, app: Application,
                         now: Date = Date()) async throws -> ReportSubmission {
        let report = try await ReportLookup.visible(id, access: access, on: app.db)
        let row = try await row(of: id, target: target, access: access, on: app.db)
        let reason = FieldRules.trimmed(reason)
        guard !reason.isEmpty, reason.count <= 500 else {
            throw AppError.validation(Strings.Reports.returnReasonRequired, fields: ["reason": Strings.Reports.returnReasonRequired])
        }
        guard row.stateValue.isOpen else { throw AppError.conflict(Strings.Reports.alreadyDecided) }
        let revision = expectedRevision ?? row.revision
        return try await app.write { db in
            guard try await decide(row, to: .returned, revision: revision, level: nil, reason: reason, by: access.userID, at: now, on: db) else {
                throw AppError.conflict(Strings.Reports.alreadyDecided)
            }
            try await Notifier.send(NotificationDraft(kind: .report, title: Strings.Reports.returnedTitle(report.title), body: reason,
                                                      link: SiteURL.report.link(id), key: "report-returned:\(try row.requireID().uuidString):\(revision)"),
                                    to: [report.reporterID], at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "report.return", targetType: "report", targetID: id.uuidString, targetLabel: report.title,
                                                 after: ["target": access.tree.nameOf[row.targetUnitID] ?? "", "reason": reason]), by: actor.audit, on: db)
            guard let moved = try await ReportSubmission.find(row.requireID(), on: db) else { throw AppError.notFound() }
            return moved
        }
    }

    /// 存档: kept unused, no points.
    @discardableResult
    static func archive(_ id: UUID, target: UUID?, expectedRevision: Int?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> ReportSubmission {
        let report = try await ReportLookup.visible(id, access: access, on: app.db)
        let row = try await row(of: id, target: target, access: access, on: app.db)
        guard row.stateValue.isOpen else { throw AppError.conflict(Strings.Reports.alreadyDecided) }
        let revision = expectedRevision ?? row.revision
        return try await app.write { db in
            guard try await decide(row, to: .archived, revision: revision, level: nil, reason: nil, by: access.userID, at: now, on: db) else {
                throw AppError.conflict(Strings.Reports.alreadyDecided)
            }
            try await AuditLog.record(AuditEvent(action: "report.archive", targetType: "report", targetID: id.uuidString, targetLabel: report.title,
                                                 after: ["target": access.tree.nameOf[row.targetUnitID] ?? ""]), by: actor.audit, on: db)
            guard let moved = try await ReportSubmission.find(row.requireID(), on: db) else { throw AppError.notFound() }
            return moved
        }
    }

    /// 重报: after a 退回, the unit sends its revised text to the targets that returned it (a new version; the unit's
    /// review is not run again — the editor asked for the change). Guarded by `expectedRevision`.
    static func resubmit(_ id: UUID, expectedRevision: Int, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> InfoReport {
        let report = try await ReportLookup.visible(id, access: access, on: app.db)
        guard access.manages(report) else { throw AppError.forbidden(Strings.Reports.notEditable) }
        return try await app.write { db in
            guard let current = try await InfoReport.find(id, on: db) else { throw AppError.notFound() }
            guard current.revision == expectedRevision else { throw AppError.conflict(Strings.Reports.editedMeanwhile) }
            let returned = try await ReportSubmission.query(on: db).filter(\.$reportID == id).filter(\.$state == ReportSubmission.State.returned.rawValue).all()
            guard current.stateValue == .submitted, !returned.isEmpty else { throw AppError.conflict(Strings.Reports.notReturned) }
            current.version += 1
            current.revision += 1
            current.updatedAt = now
            try await current.update(on: db)
            try await snapshot(current, by: access.userID, at: now, on: db)
            for row in returned {
                row.state = ReportSubmission.State.resubmitted.rawValue
                row.reportVersion = current.version
                row.revision += 1
                row.submittedAt = now
                row.updatedAt = now
                try await row.update(on: db)
            }
            let editors = try await PermissionHolders.people(with: .reportEdit, in: returned.map(\.targetUnitID), on: db)
            try await Notifier.send(NotificationDraft(kind: .report, title: Strings.Reports.resubmittedTitle(current.title), body: nil,
                                                      link: SiteURL.report.link(id), key: "report-resubmitted:\(id.uuidString):\(current.version)"),
                                    to: editors, at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "report.resubmit", targetType: "report", targetID: id.uuidString, targetLabel: current.title,
                                                 after: ["version": String(current.version), "targets": String(returned.count)]), by: actor.audit, on: db)
            return current
        }
    }

    /// A picture or attachment, while the 信息 can be edited by the person.
    static func addFile(_ id: UUID, name raw: String, data: Data, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> ReportFile {
        let report = try await ReportLookup.visible(id, access: access, on: app.db)
        guard access.manages(report) else { throw AppError.forbidden(Strings.Reports.notEditable) }
        // While it is written, and while it is revised after a 退回 (the next version carries the file).
        let returned = try await ReportSubmission.query(on: app.db).filter(\.$reportID == id).filter(\.$state == ReportSubmission.State.returned.rawValue).count()
        let revising = report.stateValue == .submitted && returned > 0
        guard report.stateValue == .draft || revising else { throw AppError.conflict(Strings.Reports.notEditableNow) }
        let (name, type) = try UploadedFiles.accepted(name: raw, data: data, refused: Strings.Reports.fileRefused)
        return try await app.write { db in
            let file = ReportFile()
            file.reportID = id
            file.name = name
            file.contentType = type
            file.size = data.count
            file.sha256 = SHA256Hex.of(data)
            file.data = data
            file.uploadedBy = access.userID
            file.createdAt = now
            try await file.create(on: db)
            try await AuditLog.record(AuditEvent(action: "report.file.add", targetType: "report", targetID: id.uuidString, targetLabel: name,
                                                 after: ["sha256": file.sha256, "size": String(data.count)]), by: actor.audit, on: db)
            return file
        }
    }
}

/// Finding a 信息 for a person: the one place it is looked up by id (404 for those who may not see it).
enum ReportLookup {
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> InfoReport {
        guard let report = try await InfoReport.find(id, on: db) else { throw AppError.notFound() }
        let rows = try await ReportSubmission.query(on: db).filter(\.$reportID == id).all()
        guard try await access.canView(report, submissions: rows, on: db) else { throw AppError.notFound() }
        return report
    }
}
