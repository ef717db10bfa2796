import Fluent
import Vapor

/// 管理 › 备份 (`/admin/backups`) and `/api/v1/backups`: the platform's system administrator sees the schedule and
/// every run's result, and asks for a backup now. Both translate HTTP only: ``BackupStatus`` and
/// ``ScheduledBackup/request(by:app:at:)`` do the work.
struct BackupsController {
    struct Row: Encodable, Sendable {
        var started: String
        var kind: String
        var state: String
        var failed: Bool
        var size: String
        var took: String
        var place: String
    }

    struct Page: Encodable, Sendable {
        var scheduleText: String?
        var directory: String?
        var next: String?
        var manualPending: Bool
        var last: Row?
        var rows: [Row]
    }

    struct Requested: Content, Sendable {
        var requestedAt: Date
    }

    func register(pages routes: any RoutesBuilder) {
        routes.get(SiteURL.adminBackups, use: show)
        routes.post(SiteURL.adminBackups, use: request)
    }

    func register(api routes: any RoutesBuilder) {
        routes.get("backups", use: status)
        routes.post("backups", use: requestFromAPI)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.access().requireSystemOperation()
        let status = try await BackupStatus.load(app: req.application, on: req.db)
        let rows = status.runs.map(Self.row)
        let page = Page(scheduleText: ScheduledBackup.schedule(of: req.application).map(Strings.Backups.scheduleText),
                        directory: status.schedule?.directory, next: status.nextRunAt.map(DisplayFormat.minute),
                        manualPending: status.manualPending, last: rows.first, rows: rows)
        return try await req.renderPage("admin/backups", title: Strings.page["admin_backups"]!, section: .admin, page)
    }

    @Sendable func request(req: Request) async throws -> Response {
        try await req.access().requireSystemOperation()
        do {
            try await ScheduledBackup.request(by: req.auditActor(), app: req.application)
            req.flash(Strings.Backups.requested)
        } catch let error as AppError where error.status == .conflict {
            req.flash(error.message)
        }
        return req.redirect(to: SiteURL.adminBackups.path)
    }

    @Sendable func status(req: Request) async throws -> Response {
        try await req.access().requireSystemOperation()
        return try APIResponse.json(try await BackupStatus.load(app: req.application, on: req.db))
    }

    @Sendable func requestFromAPI(req: Request) async throws -> Response {
        try await req.access().requireSystemOperation()
        let at = try await ScheduledBackup.request(by: req.auditActor(), app: req.application)
        return try APIResponse.json(Requested(requestedAt: at), status: .accepted)
    }

    private static func row(_ run: BackupStatus.Run) -> Row {
        let took = run.finishedAt.map { Strings.Backups.duration($0.timeIntervalSince(run.startedAt)) } ?? ""
        return Row(started: DisplayFormat.dateTime(run.startedAt), kind: Strings.Backups.kindLabel(run.kind), state: Strings.Backups.stateLabel(run.state),
                   failed: run.state == .failed, size: run.bytes.map { UploadedFiles.sizeText(Int($0)) } ?? "", took: took,
                   place: run.state == .failed ? (run.message ?? "") : (run.directory ?? ""))
    }
}
