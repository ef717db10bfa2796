import Fluent
import Foundation
import Vapor

/// 信息报送 pages: the unit's list and the editor's inbox, the form, the report page with every action its viewer may
/// take (送审, 重报, 采用/退回/存档, files), 约稿 and the ranking with its export and 通报. Every action is a service call;
/// a refused form comes back with what was typed.
struct ReportPagesController {
    struct ReportForm: Content, Sendable {
        var revision: String?
        var title: String?
        var body: String?
        var category: String?
        var urgency: String?
        var targets: [String]?
        var request: String?

        var input: ReportService.Input {
            ReportService.Input(title: title, body: body, category: category, urgency: urgency, targetIDs: (targets ?? []).compactMap(UUID.init(uuidString:)),
                                requestID: request.flatMap(UUID.init(uuidString:)))
        }
    }

    struct DecisionForm: Content, Sendable {
        var target: String?
        var level: String?
        var reason: String?
        var revision: String?
    }

    struct RequestForm: Content, Sendable {
        var topic: String?
        var details: String?
        var deadline: String?
        var units: [String]?
    }

    struct Check: Encodable, Sendable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct ListPage: Encodable, Sendable {
        var tabs: [ListTab]
        var inbox: Bool
        var openOnly: Bool
        var lines: [ReportLine]
        var newHref: String?
        var pager: Pager
    }

    struct FormPage: Encodable, Sendable {
        var action: String
        var form: ReportForm
        var categories: [SelectOption]
        var urgencies: [SelectOption]
        var targets: [Check]
        var requestTopic: String?
        var errors: [String: String]
        var error: String?
    }

    struct Decision: Encodable, Sendable {
        var target: ReportView.Target
        var levels: [SelectOption]
    }

    struct ShowPage: Encodable, Sendable {
        var report: ReportView
        var base: String
        var decisions: [Decision]
        var errors: [String: String]
        var error: String?
    }

    struct RequestsPage: Encodable, Sendable {
        var tabs: [ListTab]
        var lines: [ReportRequests.Line]
        var units: [Check]?
        var form: RequestForm
        var errors: [String: String]
        var error: String?
    }

    struct RankingPage: Encodable, Sendable {
        var tabs: [ListTab]
        var table: ReportRanking.Table?
        var periods: [SelectOption]
        var collectors: [SelectOption]
        var year: String
        var number: String
        var csvHref: String
        var xlsxHref: String
        var query: String
        var canDraft: Bool
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.reports, use: list)
        routes.post(SiteURL.reports, use: create)
        routes.get(SiteURL.reportInbox, use: inbox)
        routes.get(SiteURL.reportNew, use: newForm)
        routes.get(SiteURL.reportRequests, use: requests)
        routes.post(SiteURL.reportRequests, use: createRequest)
        routes.get(SiteURL.reportRanking, use: ranking)
        routes.get(SiteURL.reportRankingExport, use: export)
        routes.post(SiteURL.reportRankingCircular, use: circular)
        routes.get(SiteURL.report, use: show)
        routes.get(SiteURL.reportEdit, use: editForm)
        routes.post(SiteURL.reportEdit, use: update)
        routes.post(SiteURL.reportReview, use: review)
        routes.post(SiteURL.reportResubmit, use: resubmit)
        routes.post(SiteURL.reportDecide, use: decide)
        routes.on(.POST, SiteURL.reportFiles.components, body: .collect(maxSize: "21mb"), use: upload)
        routes.get(SiteURL.reportFile, use: file)
    }

    private func tabs(_ access: Access, active: String) -> [ListTab] {
        let t = Strings.page
        var tabs: [ListTab] = []
        if access.writesReports { tabs.append(ListTab(key: "mine", label: t["reports_tab_mine"]!, count: nil, href: SiteURL.reports.path + "?view=mine", active: active == "mine")) }
        if access.has(.reportEdit) { tabs.append(ListTab(key: "inbox", label: t["reports_tab_inbox"]!, count: nil, href: SiteURL.reportInbox.path, active: active == "inbox")) }
        tabs.append(ListTab(key: "requests", label: t["reports_tab_requests"]!, count: nil, href: SiteURL.reportRequests.path, active: active == "requests"))
        tabs.append(ListTab(key: "ranking", label: t["reports_tab_ranking"]!, count: nil, href: SiteURL.reportRanking.path, active: active == "ranking"))
        return tabs
    }

    // MARK: Lists

    /// The unit's 信息 for a 信息员; an editor without that role lands on the inbox.
    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        if !access.writesReports && access.has(.reportEdit) && req.queryValue("view") != "mine" { return req.redirect(to: SiteURL.reportInbox.path) }
        let page = Self.page(req)
        let found = try await ReportBoard.mine(access: access, page: page, perPage: Self.perPage, links: .page, on: req.db)
        return try await req.renderPage("reports/list", title: Strings.Reports.listTitle, section: .reports, ListPage(
            tabs: tabs(access, active: "mine"), inbox: false, openOnly: false, lines: found.lines, newHref: access.writesReports ? SiteURL.reportNew.path : nil,
            pager: Pager(page: page, perPage: Self.perPage, total: found.total, request: req)))
    }

    @Sendable func inbox(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.reportEdit) else { throw AppError.forbidden(Strings.Reports.notEditor) }
        let openOnly = req.queryValue("all") == nil
        let page = Self.page(req)
        let found = try await ReportBoard.inbox(access: access, open: openOnly, page: page, perPage: Self.perPage, links: .page, on: req.db)
        return try await req.renderPage("reports/list", title: Strings.Reports.inboxTitle, section: .reports, ListPage(
            tabs: tabs(access, active: "inbox"), inbox: true, openOnly: openOnly, lines: found.lines, newHref: nil,
            pager: Pager(page: page, perPage: Self.perPage, total: found.total, request: req)))
    }

    /// Lines per page of the lists; a page number out of range shows the first page rather than an error.
    private static let perPage = 50

    private static func page(_ req: Request) -> Int {
        max(1, min(APIPage.maximumPage, req.queryInt("page") ?? 1))
    }

    // MARK: The form

    @Sendable func newForm(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.writesReports else { throw AppError.forbidden(Strings.Reports.notReporter) }
        var form = ReportForm()
        form.category = InfoReport.Category.workNews.rawValue
        form.urgency = InfoReport.Urgency.normal.rawValue
        form.request = req.queryValue("request")
        return try await renderForm(req, form: form, action: SiteURL.reports.path, errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(ReportForm.self)
        do {
            let report = try await ReportService.create(form.input, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Reports.created)
            return req.redirect(to: SiteURL.report.link(try report.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderForm(req, form: form, action: SiteURL.reports.path, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let access = try await req.access()
        let report = try await ReportLookup.visible(try req.idParameter("reportID"), access: access, on: req.db)
        guard access.manages(report) else { throw AppError.forbidden(Strings.Reports.notEditable) }
        let form = ReportForm(revision: String(report.revision), title: report.title, body: report.body, category: report.category, urgency: report.urgency,
                              targets: report.targets.map(\.uuidString), request: report.requestID?.uuidString)
        return try await renderForm(req, form: form, action: SiteURL.reportEdit.link(try report.requireID()), errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("reportID")
        _ = try await ReportLookup.visible(id, access: access, on: req.db)
        let form = try req.content.decode(ReportForm.self)
        do {
            try await ReportService.edit(id, form.input, expectedRevision: Int(form.revision ?? "") ?? -1, access: access, actor: req.workflowActor(access),
                                         app: req.application)
            req.flash(Strings.Reports.saved)
            return req.redirect(to: SiteURL.report.link(id))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderForm(req, form: form, action: SiteURL.reportEdit.link(id), errors: error.fields, error: error.message, status: error.status)
        }
    }

    private func renderForm(_ req: Request, form: ReportForm, action: String, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let offered = try await ReportScheme.targets(for: access.unitID, tree: access.tree, on: req.db)
        let chosen = Set(form.targets ?? [])
        var topic: String?
        if let text = form.request, let id = UUID(uuidString: text) { topic = try await ReportRequest.find(id, on: req.db)?.topic }
        return try await req.renderPage("reports/form", title: form.revision == nil ? Strings.Reports.newTitle : Strings.Reports.editTitle, section: .reports, FormPage(
            action: action, form: form,
            categories: InfoReport.Category.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: form.category == $0.rawValue) },
            urgencies: InfoReport.Urgency.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: form.urgency == $0.rawValue) },
            // A new one goes to the nearest collecting unit unless the 信息员 chooses otherwise.
            targets: offered.enumerated().map { index, target in
                Check(value: target.id.uuidString, label: target.name, checked: chosen.isEmpty && form.revision == nil ? index == 0 : chosen.contains(target.id.uuidString))
            },
            requestTopic: topic, errors: errors, error: error), status: status)
    }

    // MARK: The report page

    @Sendable func show(req: Request) async throws -> Response {
        let access = try await req.access()
        let report = try await ReportLookup.visible(try req.idParameter("reportID"), access: access, on: req.db)
        return try await renderShow(req, report, errors: [:], error: nil)
    }

    private func renderShow(_ req: Request, _ report: InfoReport, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let view = try await ReportView.load(report, for: access, links: .page, on: req.db)
        var decisions: [Decision] = []
        for target in view.targets where target.mine && target.state.isOpen {
            let levels = try await ReportScheme.levels(of: target.unitId, on: req.db).filter { !$0.isInstruction }
            decisions.append(Decision(target: target, levels: try levels.map { SelectOption(value: try $0.requireID().uuidString, label: "\($0.name)（\($0.points)）", selected: false) }))
        }
        return try await req.renderPage("reports/show", title: report.title, section: .reports, ShowPage(
            report: view, base: SiteURL.report.link(view.id), decisions: decisions, errors: errors, error: error), status: status)
    }

    /// Runs an action of the report page: back to the page with `done`, or the page again with the refusal.
    private func act(_ req: Request, done: String, _ body: @escaping @Sendable (UUID, Access, DecisionForm) async throws -> Void) async throws -> Response {
        let access = try await req.access()
        let report = try await ReportLookup.visible(try req.idParameter("reportID"), access: access, on: req.db)
        let id = try report.requireID()
        let form = (try? req.content.decode(DecisionForm.self)) ?? DecisionForm()
        do {
            try await body(id, access, form)
            req.flash(done)
            return req.redirect(to: SiteURL.report.link(id))
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden, .payloadTooLarge].contains(error.status) {
            guard let fresh = try await InfoReport.find(id, on: req.db) else { throw AppError.notFound() }
            return try await renderShow(req, fresh, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func review(req: Request) async throws -> Response {
        try await act(req, done: Strings.Reports.sentForReview) { id, access, _ in
            _ = try await ReportService.submitForReview(id, access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func resubmit(req: Request) async throws -> Response {
        try await act(req, done: Strings.Reports.resubmitted) { id, access, form in
            _ = try await ReportService.resubmit(id, expectedRevision: Int(form.revision ?? "") ?? -1, access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    /// 采用 / 退回 / 存档 by the button pressed (`decision`).
    @Sendable func decide(req: Request) async throws -> Response {
        let decision = (try? req.content.get(String.self, at: "decision")) ?? ""
        let done = decision == "adopt" ? Strings.Reports.adopted : decision == "return" ? Strings.Reports.returned : Strings.Reports.archived
        return try await act(req, done: done) { id, access, form in
            let target = form.target.flatMap(UUID.init(uuidString:)), revision = form.revision.flatMap { Int($0) }, actor = req.workflowActor(access)
            switch decision {
            case "adopt":
                try await ReportService.adopt(id, target: target, levelID: form.level.flatMap(UUID.init(uuidString:)), expectedRevision: revision, access: access,
                                              actor: actor, app: req.application)
            case "return":
                try await ReportService.sendBack(id, target: target, reason: form.reason, expectedRevision: revision, access: access, actor: actor, app: req.application)
            case "archive":
                try await ReportService.archive(id, target: target, expectedRevision: revision, access: access, actor: actor, app: req.application)
            default:
                throw AppError.validation(Strings.Error.formInvalid)
            }
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        struct Upload: Content { var file: File? }
        return try await act(req, done: Strings.Reports.fileAdded) { id, access, _ in
            guard let file = try? req.content.decode(Upload.self).file else {
                throw AppError.validation(Strings.Reports.fileRefused, fields: ["file": Strings.Reports.fileRefused])
            }
            _ = try await ReportService.addFile(id, name: file.filename, data: Data(file.data.readableBytesView), access: access, actor: req.workflowActor(access),
                                                app: req.application)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("reportID")
        _ = try await ReportLookup.visible(id, access: access, on: req.db)
        guard let file = try await ReportFile.find(try req.idParameter("fileID"), on: req.db), file.reportID == id else { throw AppError.notFound() }
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }

    // MARK: 约稿

    @Sendable func requests(req: Request) async throws -> Response {
        try await renderRequests(req, form: RequestForm(), errors: [:], error: nil)
    }

    private func renderRequests(_ req: Request, form: RequestForm, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let collecting = try await ReportScheme.collectingUnits(on: req.db)
        var units: [Check]?
        if let mine = ReportRequests.editorUnits(access: access, collecting: collecting).first {
            let chosen = Set(form.units ?? [])
            let below = access.tree.all.filter { unit in unit != mine && access.tree.parentOf[mine].map { access.tree.isWithin(unit, ancestor: $0) } ?? false }
            var offered: [Check] = []
            for unit in below.sorted(by: { (access.tree.nameOf[$0] ?? "") < (access.tree.nameOf[$1] ?? "") })
            where try await ReportScheme.targets(for: unit, tree: access.tree, on: req.db).contains(where: { $0.id == mine }) {
                offered.append(Check(value: unit.uuidString, label: access.tree.nameOf[unit] ?? "", checked: chosen.contains(unit.uuidString)))
            }
            units = offered
        }
        return try await req.renderPage("reports/requests", title: Strings.Reports.requestsTitle, section: .reports, RequestsPage(
            tabs: tabs(access, active: "requests"), lines: try await ReportRequests.list(access: access, on: req.db), units: units, form: form,
            errors: errors, error: error), status: status)
    }

    @Sendable func createRequest(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(RequestForm.self)
        do {
            _ = try await ReportRequests.create(.init(unitID: nil, topic: form.topic, details: form.details, deadline: form.deadline,
                                                      unitIDs: (form.units ?? []).compactMap(UUID.init(uuidString:))),
                                                access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Reports.requestCreated)
            return req.redirect(to: SiteURL.reportRequests.path)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .forbidden {
            return try await renderRequests(req, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    // MARK: Ranking

    private func period(_ req: Request) -> (UUID?, ReportRanking.Period, Int?, Int?) {
        (req.queryValue("collector").flatMap(UUID.init(uuidString:)), ReportRanking.Period(rawValue: req.queryValue("period") ?? "") ?? .month,
         req.queryValue("year").flatMap { Int($0) }, req.queryValue("number").flatMap { Int($0) })
    }

    @Sendable func ranking(req: Request) async throws -> Response {
        let access = try await req.access()
        let (collector, period, year, number) = period(req)
        let collectors = try await ReportRanking.collectors(access: access, on: req.db)
        var table: ReportRanking.Table?
        if !collectors.isEmpty {
            table = try await ReportRanking.table(collector: collector, period: period, year: year, number: number, access: access, on: req.db)
        }
        let query = table.map { "collector=\($0.collectorId.uuidString)&period=\($0.period.rawValue)&year=\($0.year)&number=\($0.number)" } ?? ""
        let t = Strings.page
        return try await req.renderPage("reports/ranking", title: Strings.Reports.rankingTitle, section: .reports, RankingPage(
            tabs: tabs(access, active: "ranking"), table: table,
            periods: ReportRanking.Period.allCases.map { SelectOption(value: $0.rawValue, label: t["reports_period_\($0.rawValue)"] ?? $0.label, selected: $0 == period) },
            collectors: collectors.map { SelectOption(value: $0.uuidString, label: access.tree.nameOf[$0] ?? "", selected: $0 == table?.collectorId) },
            year: table.map { String($0.year) } ?? "", number: table.map { String($0.number) } ?? "",
            csvHref: SiteURL.reportRankingExport.path + "?format=csv&" + query, xlsxHref: SiteURL.reportRankingExport.path + "?format=xlsx&" + query,
            query: query, canDraft: table.map { access.editsReports(for: $0.collectorId) } ?? false))
    }

    @Sendable func export(req: Request) async throws -> Response {
        let access = try await req.access()
        let (collector, period, year, number) = period(req)
        let table = try await ReportRanking.table(collector: collector, period: period, year: year, number: number, access: access, on: req.db)
        return try await ReportRanking.export(table).download(req.queryValue("format") == "xlsx" ? .xlsx : .csv, on: req.application)
    }

    @Sendable func circular(req: Request) async throws -> Response {
        let access = try await req.access()
        let (collector, period, year, number) = period(req)
        let table = try await ReportRanking.table(collector: collector, period: period, year: year, number: number, access: access, on: req.db)
        let document = try await ReportRanking.draftCircular(table, access: access, actor: req.workflowActor(access), app: req.application)
        req.flash(Strings.Reports.circularDrafted)
        return req.redirect(to: SiteURL.outgoingEdit.link(try document.requireID()))
    }
}
