import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// 流程管理: deploy BPMN files (preview first), versions, export, enable/disable; the working calendar;
/// failed background jobs.
struct WorkflowAdminController {
    struct DefinitionRow: Encodable, Sendable {
        var key: String
        var name: String
        var version: Int
        var enabled: Bool
        var deployedAt: String
        var instances: Int
        var href: String
    }

    struct DayRow: Encodable, Sendable {
        var day: String
        var kind: String
        var name: String
        var deleteHref: String
    }

    struct JobRow: Encodable, Sendable {
        var kind: String
        var key: String
        var attempts: Int
        var error: String
        var updated: String
        var retryHref: String
    }

    struct DayForm: Content, Sendable {
        var day: String?
        var kind: String?
        var name: String?
    }

    struct IndexPage: Encodable, Sendable {
        var definitions: [DefinitionRow]
        var days: [DayRow]
        var jobs: [JobRow]
        var dayForm: DayForm
        var dayErrors: [String: String]
        var error: String?
    }

    struct PreviewPage: Encodable, Sendable {
        struct Item: Encodable, Sendable {
            var key: String
            var name: String
            var newVersion: Int?
        }
        var items: [Item]
        var diagrams: [String]
        var bpmn: String
        var canDeploy: Bool
    }

    struct DefinitionPage: Encodable, Sendable {
        var row: DefinitionRow
        var diagramHref: String
        var exportHref: String
        var statusHref: String
        var versions: [DefinitionRow]
    }

    struct Upload: Content, Sendable {
        var file: File?
        var bpmn: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminWorkflow, use: index)
        routes.on(.POST, SiteURL.adminWorkflowPreview.components, body: .collect(maxSize: "4mb"), use: preview)
        routes.on(.POST, SiteURL.adminWorkflowDeploy.components, body: .collect(maxSize: "8mb"), use: deploy)
        routes.get(SiteURL.adminDefinition, use: definition)
        routes.get(SiteURL.adminDefinitionExport, use: export)
        routes.get(SiteURL.adminDefinitionDiagram, use: diagram)
        routes.post(SiteURL.adminDefinitionStatus, use: toggle)
        routes.post(SiteURL.adminCalendar, use: addDay)
        routes.post(SiteURL.adminCalendarDelete, use: deleteDay)
        routes.post(SiteURL.adminJobRetry, use: retryJob)
    }

    private func requireAdministrator(_ req: Request) async throws {
        try await req.access().requireWorkflowAdministration()
    }

    @Sendable func index(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        return try await renderIndex(req, dayForm: DayForm(kind: "holiday"), dayErrors: [:], error: nil)
    }

    private func rows(_ records: [WorkflowDefinitionRecord], on db: any Database) async throws -> [DefinitionRow] {
        var rows: [DefinitionRow] = []
        for record in records {
            let id = try record.requireID()
            let count = try await WorkflowInstanceRecord.query(on: db).filter(\.$definition.$id == id).count()
            rows.append(DefinitionRow(key: record.processKey, name: record.name, version: record.version, enabled: record.isEnabled,
                                      deployedAt: record.createdAt.map(DisplayFormat.minute) ?? "", instances: count,
                                      href: SiteURL.adminDefinition.link(id)))
        }
        return rows
    }

    private func renderIndex(_ req: Request, dayForm: DayForm, dayErrors: [String: String], error: String?,
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let records = try await WorkflowDefinitionRecord.query(on: req.db).sort(\.$processKey).sort(\.$version, .descending).all()
        let days = try await CalendarDayRecord.query(on: req.db).sort(\.$day, .descending).limit(200).all().map { day in
            DayRow(day: day.day, kind: Strings.page[day.kind == "workday" ? "calendar_workday" : "calendar_holiday"]!, name: day.name,
                   deleteHref: SiteURL.adminCalendarDelete.link(day.id?.uuidString ?? ""))
        }
        let jobs = try await JobRecord.query(on: req.db).filter(\.$state == JobRecord.State.dead.rawValue).sort(\.$updatedAt, .descending).limit(100).all()
            .map { job in
                JobRow(kind: job.kind, key: job.key, attempts: job.attempts, error: job.lastError ?? "", updated: DisplayFormat.minute(job.updatedAt),
                       retryHref: SiteURL.adminJobRetry.link(job.id?.uuidString ?? ""))
            }
        let page = IndexPage(definitions: try await rows(records, on: req.db), days: days, jobs: jobs, dayForm: dayForm, dayErrors: dayErrors, error: error)
        return try await req.renderPage("admin/workflow", title: Strings.page["admin_workflow"]!, section: .admin, page, status: status)
    }

    private func uploaded(_ req: Request) async throws -> Data {
        let upload = try await req.decodeForm(Upload.self)
        if let file = upload.file, file.data.readableBytes > 0 { return Data(file.data.readableBytesView) }
        if let text = upload.bpmn, !text.isEmpty { return Data(text.utf8) }
        throw AppError.validation(Strings.Workflow.fileRequired, fields: ["file": Strings.Workflow.fileRequired])
    }

    @Sendable func preview(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        do {
            let upload = try await BPMNUpload.read(try await uploaded(req), on: req.application.threadPool)
            let plan = try await WorkflowDefinitions.plan(upload, hooks: req.workflow.hooks, on: req.db)
            // The renderer escapes every text it draws, so its SVG can go into the page as markup.
            let processes = plan.processes
            let diagrams = try await req.application.threadPool.runIfActive { processes.map { DiagramRenderer.svg(for: $0) } }
            let page = PreviewPage(items: plan.items.map { .init(key: $0.key, name: $0.name, newVersion: $0.newVersion) },
                                   diagrams: diagrams, bpmn: String(decoding: upload.data, as: UTF8.self),
                                   canDeploy: plan.items.contains { $0.newVersion != nil })
            return try await req.renderPage("admin/workflow-preview", title: Strings.page["definition_preview"]!, section: .admin, page)
        } catch let error as AppError {
            return try await renderIndex(req, dayForm: DayForm(kind: "holiday"), dayErrors: [:], error: error.message, status: error.status)
        }
    }

    @Sendable func deploy(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        let actor = req.auditActor()
        let hooks = req.workflow.hooks
        do {
            let upload = try await BPMNUpload.read(try await uploaded(req), on: req.application.threadPool)
            let records = try await req.write { db in try await WorkflowDefinitions.deploy(upload, hooks: hooks, by: actor, on: db) }
            req.flash(Strings.Workflow.deployed(records.map { "\($0.name) v\($0.version)" }))
            return req.redirect(to: SiteURL.adminWorkflow.path)
        } catch let error as AppError {
            return try await renderIndex(req, dayForm: DayForm(kind: "holiday"), dayErrors: [:], error: error.message, status: error.status)
        }
    }

    private func find(_ req: Request) async throws -> WorkflowDefinitionRecord {
        guard let record = try await WorkflowDefinitionRecord.find(try req.idParameter("definitionID"), on: req.db) else { throw AppError.notFound() }
        return record
    }

    @Sendable func definition(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        let record = try await find(req)
        let id = try record.requireID()
        let versions = try await WorkflowDefinitionRecord.query(on: req.db).filter(\.$processKey == record.processKey).sort(\.$version, .descending).all()
        let all = try await rows(versions, on: req.db)
        guard let row = all.first(where: { $0.version == record.version }) else { throw AppError.notFound() }
        let page = DefinitionPage(row: row, diagramHref: SiteURL.adminDefinitionDiagram.link(id), exportHref: SiteURL.adminDefinitionExport.link(id),
                                  statusHref: SiteURL.adminDefinitionStatus.link(id), versions: all)
        return try await req.renderPage("admin/workflow-definition", title: "\(record.name) v\(record.version)", section: .admin, page)
    }

    /// The process as BPMN 2.0 XML written by our exporter (with our extension attributes and the diagram layout).
    @Sendable func export(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        let record = try await find(req)
        let deployed = try await WorkflowDefinitions.load(record.requireID(), on: req.db)
        let response = Response(status: .ok, body: .init(data: BPMNExport.export([deployed.process] + deployed.siblings)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "xml", parameters: ["charset": "utf-8"])
        let filename = "\(record.processKey)-v\(record.version).bpmn".filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return response
    }

    @Sendable func diagram(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        let deployed = try await WorkflowDefinitions.load(try await find(req).requireID(), on: req.db)
        let process = deployed.process
        let response = Response(status: .ok, body: .init(string: try await req.application.threadPool.runIfActive { DiagramRenderer.svg(for: process) }))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
        return response
    }

    @Sendable func toggle(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        let record = try await find(req)
        let actor = req.auditActor()
        let enabled = !record.isEnabled
        try await req.write { db in
            record.isEnabled = enabled
            try await record.update(on: db)
            try await AuditLog.record(AuditEvent(action: enabled ? "workflow.definition.enable" : "workflow.definition.disable",
                                                 targetType: "workflow_definition", targetID: record.id?.uuidString,
                                                 targetLabel: "\(record.name) v\(record.version)", after: ["enabled": String(enabled)]), by: actor, on: db)
        }
        req.flash(enabled ? Strings.Workflow.definitionEnabled : Strings.Workflow.definitionDisabled)
        return req.redirect(to: SiteURL.adminDefinition.link(try record.requireID()))
    }

    @Sendable func addDay(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        let form = try req.content.decode(DayForm.self)
        var errors: [String: String] = [:]
        let text = FieldRules.trimmed(form.day)
        let name = FieldRules.trimmed(form.name)
        if CalendarDay(text) == nil { errors["day"] = Strings.Workflow.dayInvalid }
        if name.isEmpty || name.count > 30 { errors["name"] = Strings.Workflow.dayNameRequired }
        let kind = CalendarDayRecord.Kind(rawValue: form.kind ?? "") ?? .holiday
        guard errors.isEmpty else {
            return try await renderIndex(req, dayForm: form, dayErrors: errors, error: Strings.Error.formInvalid, status: .unprocessableEntity)
        }
        let actor = req.auditActor()
        try await req.write { db in
            try await CalendarDayRecord.query(on: db).filter(\.$day == text).delete()
            let record = CalendarDayRecord(day: text, kind: kind, name: name)
            try await record.create(on: db)
            try await AuditLog.record(AuditEvent(action: "workflow.calendar.set", targetType: "calendar_day", targetID: text, targetLabel: name,
                                                 after: ["kind": kind.rawValue]), by: actor, on: db)
        }
        req.flash(Strings.Workflow.daySaved)
        return req.redirect(to: SiteURL.adminWorkflow.path)
    }

    @Sendable func deleteDay(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        guard let record = try await CalendarDayRecord.find(try req.idParameter("dayID"), on: req.db) else { throw AppError.notFound() }
        let actor = req.auditActor()
        try await req.write { db in
            try await record.delete(on: db)
            try await AuditLog.record(AuditEvent(action: "workflow.calendar.delete", targetType: "calendar_day", targetID: record.day,
                                                 targetLabel: record.name, before: ["kind": record.kind]), by: actor, on: db)
        }
        return req.redirect(to: SiteURL.adminWorkflow.path)
    }

    @Sendable func retryJob(req: Request) async throws -> Response {
        try await requireAdministrator(req)
        let id = try req.idParameter("jobID")
        let actor = req.auditActor()
        try await req.write { db in
            try await JobQueue.retry(id, at: Date(), on: db)
            try await AuditLog.record(AuditEvent(action: "job.retry", targetType: "job", targetID: id.uuidString, targetLabel: id.uuidString),
                                      by: actor, on: db)
        }
        req.flash(Strings.Workflow.jobRetried)
        return req.redirect(to: SiteURL.adminWorkflow.path)
    }
}
