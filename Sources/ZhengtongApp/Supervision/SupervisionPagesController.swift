import Fluent
import Foundation
import Gongwen
import Vapor

/// 督查督办 pages: the board (待办, 全部, counts per 责任领导 and 主办单位, filters), 立项 and editing, the item with every
/// action its viewer may take, 分解, import and the 督查通报. Every action is a ``SupervisionService`` call; a refused form
/// comes back with what was typed.
struct SupervisionPagesController {
    /// The 立项 form as typed.
    struct ItemForm: Content, Sendable {
        var version: String?
        var title: String?
        var source: String?
        var sourceText: String?
        var incoming: String?
        var category: String?
        var leader: String?
        var leadUnits: [String]?
        var assistUnits: [String]?
        var requirements: String?
        var deadline: String?
        var cycle: String?
        var cycleDays: String?
        var classification: String?

        var input: SupervisionService.Input {
            func ids(_ values: [String]?) -> [UUID] { (values ?? []).compactMap(UUID.init(uuidString:)) }
            let incomingID = incoming.flatMap(UUID.init(uuidString:))
            return SupervisionService.Input(
                title: title, source: incomingID != nil ? .instruction : (SupervisionItem.Source(rawValue: source ?? "") ?? .manual),
                sourceText: sourceText, incomingID: incomingID, category: category, leaderID: leader.flatMap(UUID.init(uuidString:)),
                leadUnitIDs: ids(leadUnits), assistUnitIDs: ids(assistUnits), requirements: requirements, deadline: deadline, cycle: cycle,
                cycleDays: cycleDays, classification: classification)
        }

        init() {}

        init(_ item: SupervisionItem) {
            version = String(item.version)
            title = item.title
            source = item.source
            sourceText = item.sourceText
            incoming = item.incomingID?.uuidString
            category = item.category
            leader = item.leaderID?.uuidString
            requirements = item.requirements
            deadline = item.deadline
            cycle = item.cycle
            cycleDays = item.cycleDays.map(String.init)
            classification = item.classification
        }
    }

    /// Every form of the item page, as typed, so a refused one comes back filled in.
    struct ActionForms: Content, Sendable {
        var assignment: String?
        var text: String?
        var progress: String?
        var message: String?
        var deadline: String?
        var reason: String?
        var summary: String?
        var title: String?
        var target: String?
        var requirements: String?
        var how: String?
        var accept: String?
        var returnTo: String?
    }

    struct BoardPage: Encodable, Sendable {
        var tabs: [ListTab]
        var lines: [SupervisionLine]
        var leaders: [SupervisionBoard.Tally]
        var units: [SupervisionBoard.Tally]
        var categories: [SelectOption]
        var lights: [SelectOption]
        var unitOptions: [SelectOption]
        var leaderOptions: [SelectOption]
        var view: String
        var from: String
        var to: String
        var newHref: String?
        var importHref: String?
        var bulletinHref: String?
        var pager: Pager
        var error: String?
    }

    struct FormPage: Encodable, Sendable {
        var action: String
        var form: ItemForm
        var editing: Bool
        /// 来源 is chosen only when opening an item by hand (from a 收文 it is the 收文).
        var chooseSource: Bool
        var instruction: String?
        var incomingTitle: String?
        var categories: [SelectOption]
        var sources: [SelectOption]
        var cycles: [SelectOption]
        var classifications: [SelectOption]
        var leaders: [SelectOption]
        var leadUnits: [SelectOption]
        var assistUnits: [SelectOption]
        var errors: [String: String]
        var error: String?
        var cancelHref: String
    }

    struct ShowPage: Encodable, Sendable {
        var item: SupervisionItemView
        var base: String
        var parentHref: String?
        var incomingHref: String?
        var editHref: String?
        /// 按时办结 / 逾期办结, once 办结.
        var timeliness: String?
        var myParts: [SelectOption]
        var allParts: [SelectOption]
        var targets: [SelectOption]
        var forms: ActionForms
        var errors: [String: String]
        var error: String?
        /// Which action's form the error belongs to (it opens).
        var failed: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.supervision, use: board)
        routes.post(SiteURL.supervision, use: create)
        routes.get(SiteURL.supervisionNew, use: newForm)
        routes.get(SiteURL.supervisionImport, use: SupervisionImportPages.form)
        routes.on(.POST, SiteURL.supervisionImport.components, body: .collect(maxSize: "21mb"), use: SupervisionImportPages.upload)
        routes.get(SiteURL.supervisionBulletin, use: SupervisionBulletinPages.show)
        routes.post(SiteURL.supervisionBulletin, use: SupervisionBulletinPages.send)
        routes.get(SiteURL.supervisionItem, use: show)
        routes.post(SiteURL.supervisionItem, use: update)
        routes.get(SiteURL.supervisionEdit, use: editForm)
        routes.post(SiteURL.supervisionChildren, use: split)
        routes.on(.POST, SiteURL.supervisionReports.components, body: .collect(maxSize: "21mb"), use: report)
        routes.post(SiteURL.supervisionReportDecision, use: decideReport)
        routes.post(SiteURL.supervisionRemind, use: remind)
        routes.post(SiteURL.supervisionExtension, use: requestExtension)
        routes.post(SiteURL.supervisionExtensionDecision, use: decideExtension)
        routes.post(SiteURL.supervisionComplete, use: requestCompletion)
        routes.post(SiteURL.supervisionCompletionDecision, use: decideCompletion)
        routes.post(SiteURL.supervisionEvaluate, use: evaluate)
        routes.post(SiteURL.supervisionClose, use: close)
        routes.on(.POST, SiteURL.supervisionFiles.components, body: .collect(maxSize: "21mb"), use: upload)
        routes.get(SiteURL.supervisionFile, use: file)
    }

    static func days(_ req: Request) async throws -> SupervisionDays {
        SupervisionDays(now: Date(), calendar: try await WorkingDays.calendar(on: req.db))
    }

    // MARK: Board

    @Sendable func board(req: Request) async throws -> Response {
        let access = try await req.access()
        let days = try await Self.days(req)
        let pageNumber = max(1, min(100_000, req.queryInt("page") ?? 1))
        var error: String?
        var filter = SupervisionBoard.Filter()
        do { filter = try SupervisionFilterQuery.filter(req) } catch let refused as AppError { error = refused.message }
        if req.queryValue("view") == nil { filter.view = .todo }
        let page = try await SupervisionBoard.list(filter, access: access, days: days, page: pageNumber, perPage: 20, on: req.db)
        let lines = try await SupervisionLine.load(page.items, access: access, days: days, links: .page, on: req.db)
        let tallies = try await SupervisionBoard.tallies(filter, access: access, days: days, on: req.db)
        let todoCount = try await SupervisionBoard.todo(access: access, on: req.db).count
        let t = Strings.page
        let tabs = [
            ListTab(key: "todo", label: t["supervision_todo"]!, count: todoCount > 0 ? todoCount : nil, href: SiteURL.supervision.path + "?view=todo",
                    active: filter.view == .todo),
            ListTab(key: "all", label: t["supervision_all"]!, count: nil, href: SiteURL.supervision.path + "?view=all", active: filter.view == .all),
        ]
        let offices = access.has(.supervisionManage)
        let unitIDs = Set(tallies.units.compactMap(\.key))
        return try await req.renderPage("supervision/board", title: Strings.Supervision.boardTitle, section: .supervision, BoardPage(
            tabs: tabs, lines: lines, leaders: tallies.leaders, units: tallies.units,
            categories: SupervisionItem.Category.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Supervision.categoryLabel($0), selected: filter.category == $0) },
            lights: SupervisionLight.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Supervision.lightLabel($0), selected: filter.light == $0) },
            unitOptions: unitIDs.map { SelectOption(value: $0.uuidString, label: access.tree.nameOf[$0] ?? "", selected: filter.unitID == $0) }
                .sorted { $0.label < $1.label },
            leaderOptions: tallies.leaders.compactMap { tally in tally.key.map { SelectOption(value: $0.uuidString, label: tally.name, selected: filter.leaderID == $0) } },
            view: filter.view.rawValue, from: filter.from ?? "", to: filter.to ?? "",
            newHref: offices ? SiteURL.supervisionNew.path : nil, importHref: offices ? SiteURL.supervisionImport.path : nil,
            bulletinHref: offices ? SiteURL.supervisionBulletin.path : nil,
            pager: Pager(page: pageNumber, perPage: 20, total: page.total, request: req), error: error))
    }

    // MARK: 立项 and editing

    @Sendable func newForm(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        var form = ItemForm()
        form.cycle = SupervisionItem.Cycle.monthly.rawValue
        if let incoming = req.queryValue("incoming") {
            form.incoming = incoming
            form.source = SupervisionItem.Source.instruction.rawValue
            form.category = SupervisionItem.Category.leaderInstruction.rawValue
            if let id = UUID(uuidString: incoming), let document = try? await IncomingLookup.visible(id, access: access, on: req.db) {
                form.title = document.title
            }
        }
        // 会议议定事项: from a meeting's page, its name and day as the 来源.
        if let raw = req.queryValue("meeting"), let id = UUID(uuidString: raw), let meeting = try? await MeetingLookup.visible(id, access: access, on: req.db) {
            form.source = SupervisionItem.Source.meeting.rawValue
            form.category = SupervisionItem.Category.meetingDecision.rawValue
            form.sourceText = Strings.Supervision.meetingSource(title: meeting.title, day: BeijingTime.day(meeting.startsAt))
        }
        return try await renderForm(req, form: form, item: nil, errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(ItemForm.self)
        do {
            let item = try await SupervisionService.open(form.input, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Supervision.opened)
            return req.redirect(to: SiteURL.supervisionItem.link(try item.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderForm(req, form: form, item: nil, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        guard try await req.access().isSupervisionOffice(of: item) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        return try await renderForm(req, form: ItemForm(item), item: item, errors: [:], error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let form = try req.content.decode(ItemForm.self)
        do {
            try await SupervisionService.edit(try item.requireID(), form.input, expectedVersion: form.version.flatMap(Int.init) ?? -1, access: access,
                                              actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Supervision.saved)
            return req.redirect(to: SiteURL.supervisionItem.link(try item.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderForm(req, form: form, item: item, errors: error.fields, error: error.message, status: error.status)
        }
    }

    private func renderForm(_ req: Request, form: ItemForm, item: SupervisionItem?, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let scope = access.scope(of: .supervisionManage)
        var units = Unit.query(on: req.db).filter(\.$isDisabled == false)
        if case .units(let set) = scope { units = units.filter(\.$id ~~ Array(set)) }
        let unitList = try await units.sort(\.$sortOrder).sort(\.$name).all()
        let leaderPosts = try await UserPosition.query(on: req.db).filter(\.$department.$id == nil).all().map(\.$user.id)
        var leaders = User.query(on: req.db).filter(\.$id ~~ Array(Set(leaderPosts))).filter(\.$isDisabled == false)
        if case .units(let set) = scope { leaders = leaders.filter(\.$unit.$id ~~ Array(set)) }
        let leaderList = try await leaders.sort(\.$sortOrder).all()
        func options(_ chosen: [String]?) -> [SelectOption] {
            let set = Set(chosen ?? [])
            // Indented as the tree they form (a full-width space a level), so a county's bureaus stand under it.
            return unitList.compactMap { unit in unit.id.map {
                SelectOption(value: $0.uuidString, label: String(repeating: "\u{3000}", count: access.tree.depth(of: $0)) + unit.name,
                             selected: set.contains($0.uuidString))
            } }
        }
        var instruction: String?
        var incomingTitle: String?
        if let incoming = form.incoming.flatMap(UUID.init(uuidString:)), let document = try? await IncomingLookup.visible(incoming, access: access, on: req.db) {
            instruction = try await SupervisionSources.instruction(on: document, on: req.db)
            incomingTitle = Strings.Supervision.incomingSource(number: document.registrationNumber, title: document.title)
        } else if let item {
            instruction = item.instruction
        }
        let id = try item?.requireID()
        let page = FormPage(
            action: id.map { SiteURL.supervisionItem.link($0) } ?? SiteURL.supervision.path, form: form, editing: item != nil,
            chooseSource: item == nil && (form.incoming ?? "").isEmpty, instruction: instruction, incomingTitle: incomingTitle,
            categories: SupervisionItem.Category.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Supervision.categoryLabel($0), selected: form.category == $0.rawValue) },
            sources: [SupervisionItem.Source.manual, .meeting, .workReport].map {
                SelectOption(value: $0.rawValue, label: Strings.Supervision.sourceLabel($0), selected: form.source == $0.rawValue)
            },
            cycles: SupervisionItem.Cycle.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Supervision.cycleLabel($0, days: nil), selected: form.cycle == $0.rawValue) },
            classifications: [SelectOption(value: "", label: Strings.Supervision.unclassified, selected: (form.classification ?? "").isEmpty)]
                + Classification.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: form.classification == $0.rawValue) },
            leaders: [SelectOption(value: "", label: Strings.Supervision.noLeader, selected: (form.leader ?? "").isEmpty)]
                + leaderList.compactMap { user in user.id.map { SelectOption(value: $0.uuidString, label: "\(user.name)（\(access.tree.nameOf[user.$unit.id] ?? "")）",
                                                                             selected: form.leader == $0.uuidString) } },
            leadUnits: options(form.leadUnits), assistUnits: options(form.assistUnits), errors: errors, error: error,
            cancelHref: id.map { SiteURL.supervisionItem.link($0) } ?? SiteURL.supervision.path)
        return try await req.renderPage("supervision/form", title: item == nil ? Strings.Supervision.newTitle : Strings.Supervision.editTitle,
                                        section: .supervision, page, status: status)
    }

    // MARK: The item

    @Sendable func show(req: Request) async throws -> Response {
        try await renderShow(req, try await req.visibleSupervisionItem(), forms: ActionForms(), errors: [:], error: nil, failed: nil)
    }

    private func renderShow(_ req: Request, _ item: SupervisionItem, forms: ActionForms, errors: [String: String], error: String?, failed: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let view = try await SupervisionItemView.load(item, access: access, days: try await Self.days(req), links: .page, on: req.db)
        let id = view.id
        var targets: [SelectOption] = []
        if view.actions.split, let lead = try await SupervisionLookup.handledLead(of: item, access: access, on: req.db) {
            let departments = try await Department.query(on: req.db).filter(\.$unit.$id == lead.unitID).filter(\.$isDisabled == false).sort(\.$sortOrder).all()
            targets += departments.compactMap { department in department.id.map {
                SelectOption(value: "department:\($0.uuidString)", label: department.name, selected: forms.target == "department:\($0.uuidString)")
            } }
            let below = try await Unit.query(on: req.db).filter(\.$id ~~ Array(access.tree.subtree(of: lead.unitID).subtracting([lead.unitID])))
                .filter(\.$isDisabled == false).sort(\.$sortOrder).all()
            targets += below.compactMap { unit in unit.id.map {
                SelectOption(value: "unit:\($0.uuidString)", label: unit.name, selected: forms.target == "unit:\($0.uuidString)")
            } }
        }
        let page = ShowPage(
            item: view, base: SiteURL.supervisionItem.link(id), parentHref: view.parent.map { SiteURL.supervisionItem.link($0.id) },
            incomingHref: view.incomingID.map { SiteURL.incoming.link($0) },
            editHref: view.actions.edit ? SiteURL.supervisionEdit.link(id) : nil,
            timeliness: view.onTime.map { $0 ? Strings.page["supervision_on_time"]! : Strings.page["supervision_late_done"]! },
            myParts: view.parts.filter(\.mine).map { SelectOption(value: $0.id.uuidString, label: $0.unit.name + ($0.department.map { " " + $0.name } ?? ""),
                                                                  selected: forms.assignment == $0.id.uuidString) },
            allParts: view.parts.map { SelectOption(value: $0.id.uuidString, label: $0.unit.name, selected: forms.assignment == $0.id.uuidString) },
            targets: targets, forms: forms, errors: errors, error: error, failed: failed)
        return try await req.renderPage("supervision/show", title: item.title, section: .supervision, page, status: status)
    }

    /// Runs an action of the item page: on success back to the item with `done`; refused, the page again with the form as typed.
    private func act<Result: Sendable>(_ req: Request, name: String, done: @escaping @Sendable (Result) -> String,
                                       _ body: @escaping @Sendable (SupervisionItem, Access, ActionForms) async throws -> Result) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        let access = try await req.access()
        let forms = (try? req.content.decode(ActionForms.self)) ?? ActionForms()
        do {
            let result = try await body(item, access, forms)
            req.flash(done(result))
            return req.redirect(to: SiteURL.supervisionItem.link(try item.requireID()))
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden, .payloadTooLarge].contains(error.status) {
            guard let fresh = try await SupervisionItem.find(item.id, on: req.db) else { throw AppError.notFound() }
            return try await renderShow(req, fresh, forms: forms, errors: error.fields, error: error.message, failed: name, status: error.status)
        }
    }

    @Sendable func split(req: Request) async throws -> Response {
        try await act(req, name: "split", done: { _ in Strings.Supervision.split }) { item, access, forms in
            let target = forms.target ?? ""
            let unit = target.hasPrefix("unit:") ? UUID(uuidString: String(target.dropFirst(5))) : nil
            let department = target.hasPrefix("department:") ? UUID(uuidString: String(target.dropFirst(11))) : nil
            return try await SupervisionService.split(try item.requireID(), .init(title: forms.title, unitID: unit, departmentID: department,
                                                                                 requirements: forms.requirements, deadline: forms.deadline),
                                                      access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func report(req: Request) async throws -> Response {
        try await act(req, name: "report", done: { _ in Strings.Supervision.reported }) { item, access, forms in
            var uploads: [SupervisionService.Upload] = []
            if let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 {
                uploads.append(.init(name: file.filename, data: Data(file.data.readableBytesView)))
            }
            return try await SupervisionService.report(try item.requireID(), assignmentID: forms.assignment.flatMap(UUID.init(uuidString:)), text: forms.text,
                                                       progress: forms.progress.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }, files: uploads,
                                                       access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func decideReport(req: Request) async throws -> Response {
        let accept = (try? req.content.get(String.self, at: "accept")) == "true"
        return try await act(req, name: "decideReport", done: { _ in accept ? Strings.Supervision.reportAccepted : Strings.Supervision.reportReturned }) { item, access, forms in
            try await SupervisionService.decideReport(try item.requireID(), report: try req.idParameter("reportID"), accept: accept, reason: forms.reason,
                                                      access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func remind(req: Request) async throws -> Response {
        try await act(req, name: "remind", done: { count in Strings.Supervision.reminded(count) }) { item, access, forms in
            try await SupervisionService.remind(try item.requireID(), assignmentID: forms.assignment.flatMap(UUID.init(uuidString:)), message: forms.message,
                                                access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func requestExtension(req: Request) async throws -> Response {
        try await act(req, name: "extension", done: { _ in Strings.Supervision.extensionAsked }) { item, access, forms in
            try await SupervisionService.requestExtension(try item.requireID(), deadline: forms.deadline, reason: forms.reason, access: access,
                                                          actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func decideExtension(req: Request) async throws -> Response {
        let grant = (try? req.content.get(String.self, at: "accept")) == "true"
        return try await act(req, name: "decideExtension", done: { _ in grant ? Strings.Supervision.extensionGranted : Strings.Supervision.extensionRefused }) {
            item, access, forms in
            try await SupervisionService.decideExtension(try item.requireID(), request: try req.idParameter("requestID"), grant: grant, reason: forms.reason,
                                                         access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func requestCompletion(req: Request) async throws -> Response {
        try await act(req, name: "complete", done: { _ in Strings.Supervision.completionAsked }) { item, access, forms in
            try await SupervisionService.requestCompletion(try item.requireID(), summary: forms.summary, access: access, actor: req.workflowActor(access),
                                                           app: req.application)
        }
    }

    @Sendable func decideCompletion(req: Request) async throws -> Response {
        let approve = (try? req.content.get(String.self, at: "accept")) == "true"
        return try await act(req, name: "decideCompletion", done: { _ in approve ? Strings.Supervision.completed : Strings.Supervision.completionReturned }) {
            item, access, forms in
            try await SupervisionService.decideCompletion(try item.requireID(), approve: approve, reason: forms.reason, access: access,
                                                          actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func evaluate(req: Request) async throws -> Response {
        try await act(req, name: "evaluate", done: { _ in Strings.Supervision.evaluated }) { item, access, _ in
            let parts = try await SupervisionAssignment.query(on: req.db).filter(\.$itemID == item.requireID()).all()
            let evaluations = try parts.map { part -> SupervisionService.Evaluation in
                let key = try part.requireID().uuidString
                let score = (try? req.content.get(String.self, at: "score-\(key)")).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                return .init(assignmentID: try part.requireID(), score: score, remark: try? req.content.get(String.self, at: "remark-\(key)"))
            }
            return try await SupervisionService.evaluate(try item.requireID(), evaluations, access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func close(req: Request) async throws -> Response {
        try await act(req, name: "close", done: { _ in Strings.Supervision.closed }) { item, access, forms in
            guard let how = SupervisionService.Closing(rawValue: forms.how ?? "") else {
                throw AppError.validation(Strings.Error.formInvalid, fields: ["how": Strings.Supervision.closingRequired])
            }
            return try await SupervisionService.close(try item.requireID(), how, reason: forms.reason, access: access, actor: req.workflowActor(access),
                                                      app: req.application)
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        try await act(req, name: "file", done: { _ in Strings.Supervision.fileAdded }) { item, access, _ in
            guard let file = try? req.content.get(File.self, at: "file") else {
                throw AppError.validation(Strings.Supervision.fileRefused, fields: ["file": Strings.Supervision.fileRefused])
            }
            return try await SupervisionService.addFile(try item.requireID(), report: nil, upload: .init(name: file.filename, data: Data(file.data.readableBytesView)),
                                                        access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        let item = try await req.visibleSupervisionItem()
        guard let file = try await SupervisionFile.find(try req.idParameter("fileID"), on: req.db), file.itemID == item.id else { throw AppError.notFound() }
        return FileDownload.response(file.data, contentType: file.contentType, name: file.name)
    }
}
