import Fluent
import Foundation
import Gongwen
import Vapor

/// 收文 pages: the unit's list (办理中 / 已逾期 / 已办结 / 全部), registering a paper document with its scan,
/// a document with its registration, original, process, opinions and circulation; correcting the registration
/// at 登记/初审; 传阅 from the document; the 收文处理笺.
struct IncomingPagesController {
    typealias Tab = ListTab

    struct Row: Encodable, Sendable {
        var number: String
        var title: String
        var sender: String
        var urgency: String?
        var received: String
        var due: String?
        var overdue: Bool
        var status: String
        var href: String
    }

    struct ListPage: Encodable, Sendable {
        var tabs: [Tab]
        var rows: [Row]
        var pager: Pager
        /// Registering by hand, for clerks.
        var newHref: String?
    }

    struct NewPage: Encodable, Sendable {
        var registration: IncomingRegistrationForm
        var errors: [String: String]
        var error: String?
    }

    struct DetailPage: Encodable, Sendable {
        var document: IncomingView
        var formHref: String
        var originalHref: String?
        var originalOFDHref: String?
        var instanceHref: String?
        var registration: IncomingRegistrationForm?
        var errors: [String: String]
        var error: String?
        var circulateAction: String?
        var people: [SelectOption]
        var circulation: CirculationForm
        /// 立项督办 from this 收文 and its leader's 批示, for the 督查室.
        var superviseHref: String? = nil
        /// 加入信息专供, for whoever keeps a leader's reading list (信息编辑, 文书).
        var readingHref: String? = nil
    }

    struct CirculationForm: Content, Sendable {
        var readers: [String]?
        var ordered: String?
        var note: String?
    }

    struct Upload: Content, Sendable {
        var file: File?
    }

    static let perPage = 30

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.incomingList, use: list)
        routes.get(SiteURL.incomingNew, use: new)
        routes.on(.POST, SiteURL.incomingList.components, body: .collect(maxSize: "21mb"), use: create)
        routes.get(SiteURL.incoming, use: show)
        routes.on(.POST, SiteURL.incomingRegistration.components, body: .collect(maxSize: "1mb"), use: saveRegistration)
        routes.post(SiteURL.incomingCirculate, use: circulate)
        routes.get(SiteURL.incomingForm, use: processingForm)
    }

    // MARK: List

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let now = Date()
        let tab = ["handling", "overdue", "closed", "all"].contains(req.queryValue("tab") ?? "") ? req.queryValue("tab")! : "handling"
        let active = [IncomingDocument.Status.registering.rawValue, IncomingDocument.Status.handling.rawValue]
        func query(_ key: String) async throws -> QueryBuilder<IncomingDocument> {
            let base = try await access.incomingList(on: req.db)
            switch key {
            case "handling": return base.filter(\.$status ~~ active)
            case "overdue": return base.filter(\.$status ~~ active).filter(\.$dueAt < now)
            case "closed": return base.filter(\.$status !~ active)
            default: return base
            }
        }
        let page = max(1, min(100_000, req.queryInt("page") ?? 1))
        let total = try await query(tab).count()
        let documents = try await query(tab).sort(\.$receivedAt, .descending).range(((page - 1) * Self.perPage)..<(page * Self.perPage)).all()
        let t = Strings.page
        let counts = ["handling": try await query("handling").count(), "overdue": try await query("overdue").count()]
        let tabs = [("handling", t["incoming_tab_handling"]!), ("overdue", t["incoming_tab_overdue"]!), ("closed", t["incoming_tab_closed"]!), ("all", t["incoming_tab_all"]!)]
            .map { Tab(key: $0.0, label: $0.1, count: counts[$0.0].flatMap { $0 > 0 ? $0 : nil }, href: SiteURL.incomingList.path + "?tab=\($0.0)", active: $0.0 == tab) }
        let rows = try documents.map { document in
            let open = document.statusValue == .registering || document.statusValue == .handling
            return Row(number: document.registrationNumber, title: document.title, sender: document.senderName, urgency: document.urgencyValue?.title,
                       received: DisplayFormat.minute(document.receivedAt), due: document.dueAt.map(DisplayFormat.minute),
                       overdue: open && (document.dueAt.map { $0 < now } ?? false), status: Strings.Incoming.statusLabel(document.statusValue),
                       href: SiteURL.incoming.link(try document.requireID()))
        }
        return try await req.renderPage("incoming/list", title: Strings.Incoming.listTitle, section: .incoming,
                                        ListPage(tabs: tabs, rows: rows, pager: Pager(page: page, perPage: Self.perPage, total: total, request: req),
                                                 newHref: access.registersIncoming(of: access.unitID) ? SiteURL.incomingNew.path : nil))
    }

    // MARK: Registering by hand

    @Sendable func new(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.documentRegister) else { throw AppError.forbidden(Strings.Incoming.forbidden) }
        return try await req.renderPage("incoming/new", title: Strings.Incoming.newTitle, section: .incoming,
                                        NewPage(registration: .blank(action: SiteURL.incomingList.path), errors: [:], error: nil))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.documentRegister) else { throw AppError.forbidden(Strings.Incoming.forbidden) }
        let input = try await req.decodeForm(IncomingRegistrationInput.self)
        let (particulars, problems) = input.validate(policy: req.application.documentPolicy)
        var errors = problems
        let upload = try await req.decodeForm(Upload.self).file
        var scan: (name: String, type: String, data: Data)?
        if let upload, upload.data.readableBytes > 0 {
            let data = Data(upload.data.readableBytesView)
            let name = UploadedFiles.cleanName(upload.filename)
            if data.count <= UploadedFiles.maximumSize, let type = IncomingFiles.scanType(name: name, data: data) {
                scan = (name, type, data)
            } else {
                errors["file"] = Strings.Incoming.fileRefused
            }
        } else if particulars?.source == .paper {
            errors["file"] = Strings.Incoming.fileRequired
        }
        guard errors.isEmpty, let chosen = particulars else {
            return try await req.renderPage("incoming/new", title: Strings.Incoming.newTitle, section: .incoming,
                                            NewPage(registration: input.form(action: SiteURL.incomingList.path, returnTo: nil, version: 0, withFile: true),
                                                    errors: errors, error: Strings.Error.formInvalid), status: .unprocessableEntity)
        }
        let clerk = try req.currentUser()
        let actor = req.workflowActor(access)
        let workflow = req.workflow
        let file = scan
        let document = try await req.write { db in
            let document = try await IncomingRegistration.register(chosen, by: clerk, actor: actor, workflow: workflow, at: Date(), on: db)
            if let file { try await IncomingFiles.add(file.name, type: file.type, data: file.data, to: document, by: try clerk.requireID(), on: db) }
            return document
        }
        req.flash(Strings.Incoming.registered)
        return req.redirect(to: SiteURL.incoming.link(try document.requireID()))
    }

    // MARK: One document

    @Sendable func show(req: Request) async throws -> Response {
        let document = try await req.visibleIncoming()
        return try await render(req, document, registration: nil, errors: [:], error: nil)
    }

    private func render(_ req: Request, _ document: IncomingDocument, registration typed: IncomingRegistrationForm?, errors: [String: String], error: String?,
                        circulation: CirculationForm = CirculationForm(), status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let id = try document.requireID()
        let view = try await IncomingView.load(document, on: req.db)
        let editable = try await IncomingRegistrationRules.mayEdit(document, access: access, on: req.db)
        let registration = typed ?? (editable ? IncomingRegistrationForm(document, action: SiteURL.incomingRegistration.link(id), returnTo: nil) : nil)
        let circulates = try await access.canCirculate(document, on: req.db)
        let page = DetailPage(
            document: view, formHref: SiteURL.incomingForm.link(id),
            originalHref: document.packageID == nil ? nil : SiteURL.incomingOriginal.link(id),
            originalOFDHref: document.packageID == nil ? nil : SiteURL.incomingOriginalOFD.link(id),
            instanceHref: document.instanceID.map { SiteURL.instance.link($0) }, registration: registration, errors: errors, error: error,
            circulateAction: circulates ? SiteURL.incomingCirculate.link(id) : nil,
            people: circulates ? try await WorkParticipants.options(for: access.userID, on: req.db).map { SelectOption(value: $0.id, label: $0.label, selected: false) } : [],
            circulation: circulation,
            superviseHref: access.has(.supervisionManage) ? SiteURL.supervisionNew.path + "?incoming=" + id.uuidString : nil,
            readingHref: access.keepsAnyReadingList ? ReadingList.addPath(kind: .incoming, target: id) : nil)
        return try await req.renderPage("incoming/show", title: document.title, section: .incoming, page, status: status)
    }

    /// Correcting the registration (登记, 初审): guarded by the version the form showed.
    @Sendable func saveRegistration(req: Request) async throws -> Response {
        let document = try await req.visibleIncoming()
        let access = try await req.access()
        guard try await IncomingRegistrationRules.mayEdit(document, access: access, on: req.db) else { throw AppError.forbidden(Strings.Incoming.notEditable) }
        let input = try req.content.decode(IncomingRegistrationInput.self)
        let version = (try? req.content.get(Int.self, at: "version")) ?? -1
        let returnTo = LocalPath.validated(try? req.content.get(String.self, at: "returnTo"))
        let id = try document.requireID()
        let (particulars, errors) = input.validate(policy: req.application.documentPolicy)
        guard errors.isEmpty, let particulars else {
            return try await render(req, document, registration: input.form(action: SiteURL.incomingRegistration.link(id), returnTo: returnTo, version: version,
                                                                            withFile: false),
                                    errors: errors, error: Strings.Error.formInvalid, status: .unprocessableEntity)
        }
        guard version == document.version else {
            return try await render(req, document, registration: input.form(action: SiteURL.incomingRegistration.link(id), returnTo: returnTo, version: version,
                                                                            withFile: false),
                                    errors: [:], error: Strings.Incoming.editedMeanwhile, status: .conflict)
        }
        let actor = req.auditActor()
        try await req.write { db in try await IncomingRegistrationRules.save(particulars, to: id, expectedVersion: version, by: actor, on: db) }
        req.flash(Strings.Incoming.saved)
        return req.redirect(to: returnTo ?? SiteURL.incoming.link(id))
    }

    /// 传阅 from the document, at any step (also after 办结).
    @Sendable func circulate(req: Request) async throws -> Response {
        let document = try await req.visibleIncoming()
        let access = try await req.access()
        guard try await access.canCirculate(document, on: req.db), let instanceID = document.instanceID else { throw AppError.forbidden() }
        let form = try req.content.decode(CirculationForm.self)
        do {
            let command = try TaskCommandInput.circulate(readers: form.readers ?? [], ordered: form.ordered == "on", fromTask: nil, note: form.note)
            _ = try await req.workflow.perform(command, on: instanceID, by: req.workflowActor(access))
        } catch let error as AppError {
            return try await render(req, document, registration: nil, errors: error.fields, error: error.message, circulation: form, status: error.status)
        }
        req.flash(Strings.Incoming.circulated)
        return req.redirect(to: SiteURL.incoming.link(try document.requireID()))
    }

    // MARK: Printable

    @Sendable func processingForm(req: Request) async throws -> Response {
        let form = try await IncomingProcessingForm.load(for: try await req.visibleIncoming(), on: req.db)
        return try await req.renderPage("incoming/form", title: Strings.Incoming.formTitle, section: .incoming, form)
    }
}
