import Fluent
import Foundation
import Gongwen
import Vapor

/// The pages of 刊物 (list, an issue composed and read, its print view and OFD, 批示 on a phone) and of 信息专供. They
/// call the same services as the API; on 422/409 the page is shown again with what was typed.
struct BulletinPagesController {
    struct BulletinForm: Content, Sendable {
        var name: String?
        var kind: String?
    }

    struct IssueForm: Content, Sendable {
        var version: String?
        var readerPeople: [String]?
        var readerUnits: [String]?
        var reportTo: String?
        var sendTo: String?
        var distributeTo: String?
        var copies: String?

        var input: BulletinService.IssueInput {
            .init(readerPeople: (readerPeople ?? []).compactMap(UUID.init(uuidString:)), readerUnits: (readerUnits ?? []).compactMap(UUID.init(uuidString:)),
                  reportTo: reportTo, sendTo: sendTo, distributeTo: distributeTo, copies: FieldRules.trimmed(copies).isEmpty ? nil : Int(FieldRules.trimmed(copies)) ?? -1)
        }
    }

    struct ItemForm: Content, Sendable {
        var version: String?
        var report: String?
        var title: String?
        var body: String?
        var sourceUnitName: String?
        var note: String?

        var input: BulletinService.ItemInput {
            .init(reportID: report.flatMap(UUID.init(uuidString:)), title: title, body: body, sourceUnitName: sourceUnitName, note: note)
        }
    }

    struct MoveForm: Content, Sendable {
        var version: String?
        var direction: String?
    }

    struct InstructForm: Content, Sendable {
        var text: String?
        var strokes: String?
    }

    struct SuperviseForm: Content, Sendable {
        var deadline: String?
        var leadUnits: [String]?
    }

    struct ReadingForm: Content, Sendable {
        var leader: String?
        var kind: String?
        var target: String?
        var note: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.bulletins.components, use: list)
        routes.post(SiteURL.bulletins.components, use: createBulletin)
        routes.post(SiteURL.bulletinIssues.components, use: createIssue)
        routes.get(SiteURL.bulletinIssue.components, use: show)
        routes.post(SiteURL.bulletinIssue.components, use: updateIssue)
        routes.post(SiteURL.bulletinIssueItems.components, use: addItem)
        routes.post(SiteURL.bulletinIssueItem.components, use: updateItem)
        routes.post(SiteURL.bulletinIssueItemRemove.components, use: removeItem)
        routes.post(SiteURL.bulletinIssueItemMove.components, use: moveItem)
        routes.post(SiteURL.bulletinIssueSubmit.components, use: submit)
        routes.get(SiteURL.bulletinIssuePrint.components, use: printView)
        routes.get(SiteURL.bulletinIssueOFD.components, use: ofd)
        routes.get(SiteURL.bulletinItemInstruct.components, use: instructForm)
        routes.post(SiteURL.bulletinItemInstruct.components, use: instruct)
        routes.post(SiteURL.bulletinInstructionSupervise.components, use: supervise)
        routes.get(SiteURL.reading.components, use: reading)
        routes.get(SiteURL.readingAdd.components, use: readingAddForm)
        routes.post(SiteURL.readingAdd.components, use: readingAdd)
        routes.get(SiteURL.readingEntry.components, use: readingOpen)
    }

    // MARK: The list

    struct ListPage: Encodable, Sendable {
        struct Entry: Encodable, Sendable {
            var line: BulletinBoard.Line
            var kindLabel: String
            var issues: [Issue]
            var newIssueAction: String?
        }

        struct Issue: Encodable, Sendable {
            var href: String
            var label: String
            var statusLabel: String
            var status: String
            var firstTitle: String
            var itemCount: Int
            var publishedText: String
            var unread: Bool
        }

        var entries: [Entry]
        var kinds: [SelectOption]
        var createAction: String?
        var form: BulletinForm
        var errors: [String: String]
        var error: String?
        var readingHref: String?
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, form: BulletinForm(), errors: [:], error: nil)
    }

    private func renderList(_ req: Request, form: BulletinForm, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        var entries: [ListPage.Entry] = []
        for line in try await BulletinBoard.lines(for: access, on: req.db) {
            guard let bulletin = try await Bulletin.find(line.id, on: req.db) else { continue }
            let issues = try await BulletinBoard.issues(of: bulletin, for: access, on: req.db).map { issue in
                ListPage.Issue(href: SiteURL.bulletinIssue.link(issue.id), label: issue.numberText ?? Strings.Bulletins.unnumbered,
                               statusLabel: Strings.Bulletins.statusLabel(issue.status), status: issue.status.rawValue, firstTitle: issue.firstTitle,
                               itemCount: issue.itemCount, publishedText: issue.publishedAt.map(DisplayFormat.date) ?? "",
                               unread: !line.editable && issue.readAt == nil)
            }
            entries.append(.init(line: line, kindLabel: Strings.Bulletins.kindLabel(line.kind), issues: issues,
                                 newIssueAction: line.editable ? SiteURL.bulletinIssues.link(line.id) : nil))
        }
        let editor = access.editsBulletins(of: access.unitID)
        return try await req.renderPage("bulletins/list", title: Strings.Bulletins.listTitle, section: .bulletins, ListPage(
            entries: entries,
            kinds: Bulletin.Kind.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Bulletins.kindLabel($0), selected: form.kind == $0.rawValue) },
            createAction: editor ? SiteURL.bulletins.path : nil, form: form, errors: errors, error: error,
            readingHref: access.leadsUnit ? SiteURL.reading.path : nil), status: status)
    }

    @Sendable func createBulletin(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(BulletinForm.self)
        do {
            _ = try await BulletinService.createBulletin(name: form.name, kind: form.kind, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Bulletins.created)
            return req.redirect(to: SiteURL.bulletins.path)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderList(req, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func createIssue(req: Request) async throws -> Response {
        let access = try await req.access()
        let issue = try await BulletinService.newIssue(of: try req.idParameter("bulletinID"), .init(), access: access, actor: req.workflowActor(access),
                                                       app: req.application)
        req.flash(Strings.Bulletins.issueCreated)
        return req.redirect(to: SiteURL.bulletinIssue.link(try issue.requireID()))
    }

    // MARK: An issue

    struct IssuePage: Encodable, Sendable {
        struct Item: Encodable, Sendable {
            var item: BulletinIssueView.Item
            var anchor: String
            var paragraphs: [String]
            var editAction: String?
            var removeAction: String?
            var moveAction: String?
            var first: Bool
            var last: Bool
            var instructHref: String?
            var instructions: [Instruction]
            var form: ItemForm
            var open: Bool
        }

        struct Instruction: Encodable, Sendable {
            var instruction: BulletinIssueView.Instruction
            var timeText: String
            var superviseAction: String?
            var supervisionHref: String?
            /// 主办单位 choices (the units the editor's 督查室 reaches), the item's source unit chosen.
            var leadUnits: [SelectOption]
        }

        struct Reader: Encodable, Sendable {
            var name: String
            var readText: String
        }

        struct Adopted: Encodable, Sendable {
            var id: String
            var title: String
            var unitName: String
            var levelName: String
        }

        var issue: BulletinIssueView
        var label: String
        var statusLabel: String
        var status: String
        var items: [Item]
        var readers: [Reader]
        var readCount: String
        var editable: Bool
        var headerAction: String?
        var addAction: String?
        var submitAction: String?
        var readingAction: String?
        var printHref: String
        var ofdHref: String
        var people: [SelectOption]
        var units: [SelectOption]
        var leaders: [SelectOption]
        var header: IssueForm
        var newItem: ItemForm
        var adopted: [Adopted]
        var deadline: String
        var errors: [String: String]
        var error: String?
    }

    /// What was typed into which form, kept on a 422/409.
    enum Typed {
        case none
        case header(IssueForm)
        case newItem(ItemForm)
        case item(UUID, ItemForm)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let access = try await req.access()
        let issue = try await BulletinLookup.visible(try req.idParameter("issueID"), access: access, on: req.db)
        try await BulletinService.markRead(issue, by: access.userID, app: req.application)
        return try await renderIssue(req, issue: issue, typed: .none, errors: [:], error: nil)
    }

    private func renderIssue(_ req: Request, issue: BulletinIssue, typed: Typed, errors: [String: String], error: String?,
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let view = try await BulletinIssueView.load(issue, for: access, on: req.db)
        let id = view.id
        let editable = view.actions.edit
        let version = String(view.version)
        var header = IssueForm(version: version, readerPeople: view.readerPeople.map(\.id.uuidString), readerUnits: view.readerUnits.map(\.id.uuidString),
                               reportTo: view.reportTo, sendTo: view.sendTo, distributeTo: view.distributeTo, copies: view.copies.map(String.init) ?? "")
        var newItem = ItemForm(version: version)
        if case .header(let form) = typed { header = form; header.version = version }
        if case .newItem(let form) = typed { newItem = form; newItem.version = version }
        var people: [SelectOption] = [], units: [SelectOption] = [], leaders: [SelectOption] = [], adopted: [IssuePage.Adopted] = []
        // Readers offered: leaders of the units the editor's grant covers and of the government their office serves
        // (a 市政府办公室's 简报 goes first to the 市政府's leaders).
        let scope: Set<UUID> = switch access.scope(of: .reportEdit) {
        case .all: access.tree.all
        case .units(let set): set.union(access.servedUnits)
        }
        if editable || view.actions.addToReadingList {
            let chosenPeople = Set(header.readerPeople ?? []), chosenUnits = Set(header.readerUnits ?? [])
            let candidates = try await Leadership.leaders(of: scope, on: req.db)
            let unitNames = try await User.query(on: req.db).filter(\.$id ~~ candidates.map(\.id)).all()
            func label(_ person: Leadership.Person) -> String {
                let unit = unitNames.first { $0.id == person.id }.map { access.tree.nameOf[$0.$unit.id] ?? "" } ?? ""
                return "\(person.name)（\(unit)\(person.post)）"
            }
            people = candidates.map { SelectOption(value: $0.id.uuidString, label: label($0), selected: chosenPeople.contains($0.id.uuidString)) }
            leaders = candidates.map { SelectOption(value: $0.id.uuidString, label: label($0), selected: false) }
            units = scope.compactMap { unit in access.tree.nameOf[unit].map { SelectOption(value: unit.uuidString, label: $0, selected: chosenUnits.contains(unit.uuidString)) } }
                .sorted { (access.tree.depth(of: UUID(uuidString: $0.value)!), $0.label) < (access.tree.depth(of: UUID(uuidString: $1.value)!), $1.label) }
        }
        if editable {
            let used = Set(view.items.compactMap(\.reportId))
            adopted = try await ReportCatalog.adopted(for: access, search: nil, on: req.db).filter { !used.contains($0.id) }.prefix(50)
                .map { .init(id: $0.id.uuidString, title: $0.title, unitName: $0.unitName, levelName: $0.levelName) }
        }
        let superviseScope: [UUID] = view.actions.supervise ? access.tree.all.filter { access.supervises($0) }
            .sorted { (access.tree.depth(of: $0), access.tree.nameOf[$0] ?? "") < (access.tree.depth(of: $1), access.tree.nameOf[$1] ?? "") } : []
        let sourceUnits = Dictionary(try await BulletinItem.query(on: req.db).filter(\.$issueID == id).all().map { ($0.id ?? UUID(), $0.sourceUnitID) },
                                     uniquingKeysWith: { a, _ in a })
        let items = view.items.enumerated().map { index, item -> IssuePage.Item in
            var form = ItemForm(version: version, title: item.title, body: item.body, sourceUnitName: item.sourceUnitName, note: item.note)
            var open = false
            if case .item(let itemID, let typedForm) = typed, itemID == item.id { form = typedForm; form.version = version; open = true }
            return IssuePage.Item(
                item: item, anchor: "item-\(item.id.uuidString)", paragraphs: item.body.split(separator: "\n").map(String.init).filter { !$0.isEmpty },
                editAction: editable ? SiteURL.bulletinIssueItem.link(id, item.id) : nil,
                removeAction: editable ? SiteURL.bulletinIssueItemRemove.link(id, item.id) : nil,
                moveAction: editable ? SiteURL.bulletinIssueItemMove.link(id, item.id) : nil,
                first: index == 0, last: index == view.items.count - 1,
                instructHref: view.actions.instruct ? SiteURL.bulletinItemInstruct.link(item.id) : nil,
                instructions: item.instructions.map { instruction in
                    .init(instruction: instruction, timeText: DisplayFormat.minute(instruction.createdAt),
                          superviseAction: view.actions.supervise && instruction.supervisionItemId == nil ? SiteURL.bulletinInstructionSupervise.link(instruction.id) : nil,
                          supervisionHref: instruction.supervisionItemId.map { SiteURL.supervisionItem.link($0) },
                          leadUnits: superviseScope.map { unit in
                              SelectOption(value: unit.uuidString, label: access.tree.nameOf[unit] ?? "", selected: sourceUnits[item.id].flatMap { $0 } == unit)
                          })
                },
                form: form, open: open)
        }
        let readers = (view.readers ?? []).map { IssuePage.Reader(name: $0.name, readText: $0.readAt.map(DisplayFormat.minute) ?? Strings.page["bulletins_unread"]!) }
        let label = Strings.Bulletins.issueLabel(name: view.bulletin.name, year: view.year ?? 0, number: view.number ?? 0)
        return try await req.renderPage("bulletins/issue", title: label, section: .bulletins, IssuePage(
            issue: view, label: label, statusLabel: Strings.Bulletins.statusLabel(view.status), status: view.status.rawValue, items: items, readers: readers,
            readCount: view.readers.map { list in "\(list.filter { $0.readAt != nil }.count)/\(list.count)" } ?? "",
            editable: editable,
            headerAction: editable ? SiteURL.bulletinIssue.link(id) : nil, addAction: editable ? SiteURL.bulletinIssueItems.link(id) : nil,
            submitAction: view.actions.submit ? SiteURL.bulletinIssueSubmit.link(id) : nil,
            readingAction: view.actions.addToReadingList ? SiteURL.readingAdd.path : nil,
            printHref: SiteURL.bulletinIssuePrint.link(id), ofdHref: SiteURL.bulletinIssueOFD.link(id),
            people: people, units: units, leaders: leaders, header: header, newItem: newItem, adopted: Array(adopted),
            deadline: BeijingTime.day(BeijingTime.adding(days: 15, to: Date())), errors: errors, error: error), status: status)
    }

    /// Runs a change and returns to the issue; a 422/409 shows the issue again with what was typed.
    private func change(_ req: Request, typed: Typed, flash: String, anchor: String = "",
                        _ action: (Access, WorkflowService.Actor, UUID) async throws -> Void) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("issueID")
        do {
            try await action(access, req.workflowActor(access), id)
            req.flash(flash)
            return req.redirect(to: SiteURL.bulletinIssue.link(id) + anchor)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            let issue = try await BulletinLookup.visible(id, access: access, on: req.db)
            return try await renderIssue(req, issue: issue, typed: typed, errors: error.fields, error: error.message, status: error.status)
        }
    }

    private func version(_ text: String?) -> Int { Int(FieldRules.trimmed(text)) ?? -1 }

    @Sendable func updateIssue(req: Request) async throws -> Response {
        let form = try req.content.decode(IssueForm.self)
        return try await change(req, typed: .header(form), flash: Strings.Bulletins.saved) { access, actor, id in
            try await BulletinService.editIssue(id, form.input, expectedVersion: version(form.version), access: access, actor: actor, app: req.application)
        }
    }

    @Sendable func addItem(req: Request) async throws -> Response {
        let form = try req.content.decode(ItemForm.self)
        return try await change(req, typed: .newItem(form), flash: Strings.Bulletins.itemAdded) { access, actor, id in
            _ = try await BulletinService.addItem(to: id, form.input, expectedVersion: version(form.version), access: access, actor: actor, app: req.application)
        }
    }

    @Sendable func updateItem(req: Request) async throws -> Response {
        let form = try req.content.decode(ItemForm.self)
        let itemID = try req.idParameter("itemID")
        return try await change(req, typed: .item(itemID, form), flash: Strings.Bulletins.saved, anchor: "#item-\(itemID.uuidString)") { access, actor, id in
            _ = try await BulletinService.editItem(itemID, in: id, form.input, expectedVersion: version(form.version), access: access, actor: actor, app: req.application)
        }
    }

    @Sendable func removeItem(req: Request) async throws -> Response {
        let form = try req.content.decode(MoveForm.self)
        let itemID = try req.idParameter("itemID")
        return try await change(req, typed: .none, flash: Strings.Bulletins.itemRemoved) { access, actor, id in
            _ = try await BulletinService.removeItem(itemID, from: id, expectedVersion: version(form.version), access: access, actor: actor, app: req.application)
        }
    }

    /// 上移/下移: one step, as the whole order (the service checks it names every item once).
    @Sendable func moveItem(req: Request) async throws -> Response {
        let form = try req.content.decode(MoveForm.self)
        let itemID = try req.idParameter("itemID")
        return try await change(req, typed: .none, flash: Strings.Bulletins.saved, anchor: "#item-\(itemID.uuidString)") { access, actor, id in
            var order = try await BulletinItem.query(on: req.db).filter(\.$issueID == id).sort(\.$position).all().compactMap(\.id)
            if let index = order.firstIndex(of: itemID) {
                let target = form.direction == "up" ? index - 1 : index + 1
                if order.indices.contains(target) { order.swapAt(index, target) }
            }
            _ = try await BulletinService.order(id, order, expectedVersion: version(form.version), access: access, actor: actor, app: req.application)
        }
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(MoveForm.self)
        return try await change(req, typed: .none, flash: Strings.Bulletins.submitted) { access, actor, id in
            _ = try await BulletinService.submit(id, expectedVersion: version(form.version), access: access, actor: actor, app: req.application)
        }
    }

    @Sendable func printView(req: Request) async throws -> Response {
        let issue = try await BulletinLookup.visible(try req.idParameter("issueID"), access: try await req.access(), on: req.db)
        return FileDownload.printView(try await BulletinOutput.printHTML(issue, app: req.application))
    }

    @Sendable func ofd(req: Request) async throws -> Response {
        let issue = try await BulletinLookup.visible(try req.idParameter("issueID"), access: try await req.access(), on: req.db)
        let (data, name) = try await BulletinOutput.ofd(issue, app: req.application)
        return FileDownload.response(data, contentType: OutgoingOutputController.ofdType, name: name)
    }

    // MARK: 批示

    struct InstructPage: Encodable, Sendable {
        var issueHref: String
        var issueLabel: String
        var item: BulletinIssueView.Item
        var paragraphs: [String]
        var action: String
        var form: InstructForm
        var width: Int
        var height: Int
        var errors: [String: String]
        var error: String?
    }

    @Sendable func instructForm(req: Request) async throws -> Response {
        try await renderInstruct(req, form: InstructForm(), errors: [:], error: nil)
    }

    private func renderInstruct(_ req: Request, form: InstructForm, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let itemID = try req.idParameter("itemID")
        let (_, issue) = try await BulletinLookup.item(itemID, access: access, on: req.db)
        guard try await access.mayInstruct(on: issue, on: req.db) else { throw AppError.forbidden(Strings.Bulletins.notLeaderReader) }
        let view = try await BulletinIssueView.load(issue, for: access, on: req.db)
        guard let item = view.items.first(where: { $0.id == itemID }) else { throw AppError.notFound() }
        return try await req.renderPage("bulletins/instruct", title: Strings.Bulletins.instructTitle, section: .bulletins, InstructPage(
            issueHref: SiteURL.bulletinIssue.link(view.id) + "#item-\(itemID.uuidString)",
            issueLabel: Strings.Bulletins.issueLabel(name: view.bulletin.name, year: view.year ?? 0, number: view.number ?? 0), item: item,
            paragraphs: item.body.split(separator: "\n").map(String.init).filter { !$0.isEmpty }, action: SiteURL.bulletinItemInstruct.link(itemID),
            form: form, width: BulletinStrokes.width, height: BulletinStrokes.height, errors: errors, error: error), status: status)
    }

    @Sendable func instruct(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(InstructForm.self)
        let itemID = try req.idParameter("itemID")
        do {
            let instruction = try await BulletinInstructions.instruct(on: itemID, text: form.text, strokes: form.strokes, access: access,
                                                                      actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Bulletins.instructed)
            return req.redirect(to: SiteURL.bulletinIssue.link(instruction.issueID) + "#item-\(itemID.uuidString)")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderInstruct(req, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func supervise(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(SuperviseForm.self)
        let instructionID = try req.idParameter("instructionID")
        guard let instruction = try await BulletinInstruction.find(instructionID, on: req.db) else { throw AppError.notFound() }
        let issue = try await BulletinLookup.visible(instruction.issueID, access: access, on: req.db)
        do {
            let item = try await BulletinInstructions.toSupervision(instructionID, deadline: form.deadline,
                                                                    leadUnitIDs: (form.leadUnits ?? []).compactMap(UUID.init(uuidString:)), access: access,
                                                                    actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Bulletins.supervised)
            return req.redirect(to: SiteURL.supervisionItem.link(try item.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            let message = error.fields.isEmpty ? error.message : error.fields.values.sorted().joined(separator: " ")
            return try await renderIssue(req, issue: issue, typed: .none, errors: [:], error: message, status: error.status)
        }
    }

    // MARK: 信息专供

    struct ReadingPage: Encodable, Sendable {
        struct Line: Encodable, Sendable {
            var line: ReadingList.Line
            var kindLabel: String
            var timeText: String
            var unread: Bool
        }

        var lines: [Line]
    }

    @Sendable func reading(req: Request) async throws -> Response {
        let lines = try await ReadingList.lines(for: try await req.access(), on: req.db)
        return try await req.renderPage("bulletins/reading", title: Strings.Bulletins.readingTitle, section: .bulletins, ReadingPage(lines: lines.map {
            .init(line: $0, kindLabel: Strings.Bulletins.readingKindLabel($0.kind), timeText: DisplayFormat.date($0.addedAt), unread: $0.readAt == nil)
        }))
    }

    @Sendable func readingOpen(req: Request) async throws -> Response {
        let href = try await ReadingList.open(try req.idParameter("entryID"), access: try await req.access(), app: req.application)
        return req.redirect(to: href)
    }

    struct ReadingAddPage: Encodable, Sendable {
        var action: String
        var leaders: [SelectOption]
        var kinds: [SelectOption]
        var form: ReadingForm
        var targetLabel: String
        var errors: [String: String]
        var error: String?
    }

    /// The form a 信息编辑 or 文书 reaches from an issue, an item or a document (`?kind=outgoing&target=…`).
    @Sendable func readingAddForm(req: Request) async throws -> Response {
        try await renderReadingAdd(req, form: ReadingForm(kind: req.queryValue("kind"), target: req.queryValue("target")), errors: [:], error: nil)
    }

    private func renderReadingAdd(_ req: Request, form: ReadingForm, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        guard access.keepsAnyReadingList else { throw AppError.forbidden(Strings.Bulletins.notReadingKeeper) }
        let units = access.tree.all.filter { access.keepsReadingList(of: $0) }
        let leaders = try await Leadership.leaders(of: units, on: req.db)
        var targetLabel = ""
        if let target = form.target.flatMap(UUID.init(uuidString:)) {
            switch ReadingListEntry.Kind(rawValue: form.kind ?? "") {
            case .issue: if let issue = try? await BulletinLookup.visible(target, access: access, on: req.db) {
                let name = try await Bulletin.find(issue.bulletinID, on: req.db)?.name ?? ""
                targetLabel = Strings.Bulletins.issueLabel(name: name, year: issue.year ?? 0, number: issue.number ?? 0)
            }
            case .item: targetLabel = (try? await BulletinLookup.item(target, access: access, on: req.db))?.0.title ?? ""
            case .outgoing: targetLabel = (try? await OutgoingLookup.visible(target, access: access, on: req.db))?.title ?? ""
            case .incoming: targetLabel = (try? await IncomingLookup.visible(target, access: access, on: req.db))?.title ?? ""
            case nil: break
            }
        }
        return try await req.renderPage("bulletins/reading-add", title: Strings.Bulletins.readingAddTitle, section: .bulletins, ReadingAddPage(
            action: SiteURL.readingAdd.path,
            leaders: leaders.map { SelectOption(value: $0.id.uuidString, label: "\($0.name)（\($0.post)）", selected: form.leader == $0.id.uuidString) },
            kinds: ReadingListEntry.Kind.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Bulletins.readingKindLabel($0), selected: form.kind == $0.rawValue) },
            form: form, targetLabel: targetLabel, errors: errors, error: error), status: status)
    }

    @Sendable func readingAdd(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(ReadingForm.self)
        do {
            guard let leader = form.leader.flatMap(UUID.init(uuidString:)) else {
                throw AppError.validation(Strings.Bulletins.leaderInvalid, fields: ["leader": Strings.Bulletins.leaderInvalid])
            }
            guard let kind = ReadingListEntry.Kind(rawValue: form.kind ?? ""), let target = form.target.flatMap(UUID.init(uuidString:)) else {
                throw AppError.validation(Strings.Error.formInvalid, fields: ["target": Strings.Error.formInvalid])
            }
            _ = try await ReadingList.add(leaderID: leader, kind: kind, targetID: target, note: form.note, access: access, actor: req.workflowActor(access),
                                          app: req.application)
            req.flash(Strings.Bulletins.readingAdded)
            switch kind {
            case .issue: return req.redirect(to: SiteURL.bulletinIssue.link(target))
            case .item:
                let issueID = try await BulletinItem.find(target, on: req.db)?.issueID
                return req.redirect(to: issueID.map { SiteURL.bulletinIssue.link($0) + "#item-\(target.uuidString)" } ?? SiteURL.bulletins.path)
            case .outgoing: return req.redirect(to: SiteURL.outgoing.link(target))
            case .incoming: return req.redirect(to: SiteURL.incoming.link(target))
            }
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await renderReadingAdd(req, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }
}
