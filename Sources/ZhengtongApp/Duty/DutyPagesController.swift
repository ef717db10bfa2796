import Fluent
import Foundation
import Vapor

/// 值班 pages: the duty page (my shifts, 换班 to answer or approve, rotas, and for a 值班管理员 班次 and a new rota), a
/// rota's table with generation and publishing, its A4 print, and a shift with its 值班日志, 交接班 and 签认. Every
/// action is a service call; a refused form comes back with what was typed.
struct DutyPagesController {
    struct KindForm: Content, Sendable {
        var name: String?
        var starts: String?
        var ends: String?
        var staffCount: String?
        var needsLeader: String?
    }

    struct RotaForm: Content, Sendable {
        var title: String?
        var startDay: String?
        var endDay: String?
    }

    struct IndexPage: Encodable, Sendable {
        var myShifts: [DutyShiftView]
        var swaps: [DutySwapView]
        var rotas: [DutyRotaView]
        var manages: Bool
        var kinds: [DutyShiftKindView]
        var kindForm: KindForm
        var rotaForm: RotaForm
        var errors: [String: String]
        var error: String?
        var failed: String?
    }

    /// The generation form: people and leaders one a line (name or username) in turn order; leaves as `姓名 起 止 事由`.
    struct GenerateForm: Content, Sendable {
        var people: String?
        var leaders: String?
        var leaves: String?
        var version: String?
    }

    struct Row: Encodable, Sendable {
        var shift: DutyShiftView
        var href: String
        /// The first shift of its day (the printed table spans the date over the day's shifts).
        var firstOfDay: Bool
        var daySpan: Int
        var mine: Bool
    }

    struct RotaPage: Encodable, Sendable {
        var rota: DutyRotaView
        var rows: [Row]
        var base: String
        var printHref: String
        var canGenerate: Bool
        var canPublish: Bool
        var form: GenerateForm
        var errors: [String: String]
        var error: String?
        var printedOn: String
    }

    /// Every form of the shift page as typed, so a refused one comes back filled in.
    struct ShiftForms: Content, Sendable {
        var kind: String?
        var occurredAt: String?
        var caller: String?
        var callerUnit: String?
        var phone: String?
        var content: String?
        var handling: String?
        var closed: String?
        var note: String?
        var target: String?
        var targetShift: String?
        var reason: String?
        var leader: String?
        var staff: [String]?
        var version: String?
        var title: String?
        var leadUnit: String?
        var deadline: String?
        var entry: String?
    }

    struct ShiftPage: Encodable, Sendable {
        var log: DutyShiftLogView
        var base: String
        var rotaHref: String
        /// The unit's people who are not on the rota see who holds the shift, not its log.
        var canReadLog: Bool
        var manages: Bool
        var canEdit: Bool
        var canSwap: Bool
        var canAct: Bool
        var canSupervise: Bool
        var canRegister: Bool
        var leaderOptions: [SelectOption]
        var staffOptions: [SelectOption]
        var targets: [SelectOption]
        var targetShifts: [SelectOption]
        var forwardLeaders: [SelectOption]
        var units: [SelectOption]
        var kinds: [SelectOption]
        var forms: ShiftForms
        var errors: [String: String]
        var error: String?
        var failed: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.duty, use: index)
        routes.post(SiteURL.dutyKinds, use: addKind)
        routes.post(SiteURL.dutyRotas, use: createRota)
        routes.get(SiteURL.dutyRota, use: rota)
        routes.post(SiteURL.dutyRotaGenerate, use: generate)
        routes.post(SiteURL.dutyRotaPublish, use: publish)
        routes.get(SiteURL.dutyRotaPrint, use: printRota)
        routes.get(SiteURL.dutyShift, use: shift)
        routes.post(SiteURL.dutyShift, use: editShift)
        routes.post(SiteURL.dutyShiftLog, use: addEntry)
        routes.post(SiteURL.dutyShiftHandover, use: handOver)
        routes.post(SiteURL.dutyShiftSignOff, use: signOff)
        routes.post(SiteURL.dutyShiftSwaps, use: requestSwap)
        routes.post(SiteURL.dutySwapDecision, use: decideSwap)
        routes.post(SiteURL.dutyLogAction, use: entryAction)
    }

    // MARK: The duty page

    @Sendable func index(req: Request) async throws -> Response {
        try await renderIndex(req, kindForm: KindForm(staffCount: "1"), rotaForm: RotaForm(), errors: [:], error: nil, failed: nil)
    }

    private func renderIndex(_ req: Request, kindForm: KindForm, rotaForm: RotaForm, errors: [String: String], error: String?, failed: String?,
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let now = Date()
        let held = try await DutyAssignment.query(on: req.db).filter(\.$userID == access.userID).filter(\.$removedAt == nil)
            .join(DutyShift.self, on: \DutyAssignment.$shiftID == \DutyShift.$id).filter(DutyShift.self, \.$endsAt > now.addingTimeInterval(-86_400))
            .join(DutyRota.self, on: \DutyShift.$rotaID == \DutyRota.$id).filter(DutyRota.self, \.$state == DutyRota.State.published.rawValue)
            .sort(DutyShift.self, \.$startsAt).limit(10).all()
        let myShifts = try await DutyViews.shifts(try held.map { try $0.joined(DutyShift.self) }, on: req.db)
        let rotaList = try await access.dutyRotas(on: req.db).sort(\.$startDay, .descending).limit(50).all()
        var rotas: [DutyRotaView] = []
        for rota in rotaList { rotas.append(try await DutyViews.rota(rota, access: access, full: false, on: req.db)) }
        let swaps = try await DutyViews.swaps(try await DutySwapService.list(access: access, on: req.db), access: access, on: req.db)
        let manages = access.managesDuty(of: access.unitID)
        let kinds = try await DutyShiftKind.query(on: req.db).filter(\.$unitID == access.unitID).sort(\.$sortOrder).all()
        return try await req.renderPage("duty/index", title: Strings.Duty.title, section: .duty, IndexPage(
            myShifts: myShifts, swaps: swaps, rotas: rotas, manages: manages, kinds: try kinds.map(DutyShiftKindView.init), kindForm: kindForm,
            rotaForm: rotaForm, errors: errors, error: error, failed: failed), status: status)
    }

    @Sendable func addKind(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(KindForm.self)
        do {
            _ = try await DutyRotaService.addKind(.init(name: form.name, starts: form.starts, ends: form.ends,
                                                        staffCount: Int(FieldRules.trimmed(form.staffCount)) ?? 0, needsLeader: form.needsLeader == "true"),
                                                  access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Duty.kindAdded)
            return req.redirect(to: SiteURL.duty.path)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderIndex(req, kindForm: form, rotaForm: RotaForm(), errors: error.fields, error: error.message, failed: "kind", status: error.status)
        }
    }

    @Sendable func createRota(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(RotaForm.self)
        do {
            let rota = try await DutyRotaService.create(.init(title: form.title, startDay: form.startDay, endDay: form.endDay), access: access,
                                                        actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Duty.rotaCreated)
            return req.redirect(to: SiteURL.dutyRota.link(try rota.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderIndex(req, kindForm: KindForm(staffCount: "1"), rotaForm: form, errors: error.fields, error: error.message, failed: "rota",
                                         status: error.status)
        }
    }

    // MARK: A rota

    static func rows(_ shifts: [DutyShiftView], me: UUID) -> [Row] {
        var rows: [Row] = []
        for (index, shift) in shifts.enumerated() {
            let first = index == 0 || shifts[index - 1].day != shift.day
            let span = first ? shifts[index...].prefix { $0.day == shift.day }.count : 0
            rows.append(Row(shift: shift, href: SiteURL.dutyShift.link(shift.id), firstOfDay: first, daySpan: span,
                            mine: shift.leader?.id == me || shift.staff.contains { $0.id == me }))
        }
        return rows
    }

    @Sendable func rota(req: Request) async throws -> Response {
        let access = try await req.access()
        let rota = try await DutyLookup.rota(try req.idParameter("rotaID"), access: access, on: req.db)
        return try await renderRota(req, rota, form: try await prefill(rota, on: req.db), errors: [:], error: nil)
    }

    /// The generation form as last generated, or the unit's people (its leaders as 带班领导) for a first generation.
    private func prefill(_ rota: DutyRota, on db: any Database) async throws -> GenerateForm {
        let leaves = try await DutyLeave.query(on: db).filter(\.$rotaID == rota.requireID()).all()
        let names = try await DutyViews.load(people: rota.peopleIDs + rota.leaderIDs + leaves.map(\.userID), on: db)
        var form = GenerateForm(people: rota.peopleIDs.map { names.person($0).name }.joined(separator: "\n"),
                                leaders: rota.leaderIDs.map { names.person($0).name }.joined(separator: "\n"),
                                leaves: leaves.map { [names.person($0.userID).name, $0.fromDay, $0.toDay, $0.reason ?? ""].joined(separator: " ") }
                                    .joined(separator: "\n"),
                                version: String(rota.version))
        if rota.peopleIDs.isEmpty {
            // The 三员 (system, security and audit administrators) run the platform, not the duty office.
            let adminRoles = try await Role.query(on: db).filter(\.$code ~~ BuiltinRole.administrators.map(\.rawValue)).all().compactMap(\.id)
            let admins = Set(try await UserRole.query(on: db).filter(\.$role.$id ~~ adminRoles).all().map(\.$user.id))
            let users = try await User.query(on: db).filter(\.$unit.$id == rota.unitID).filter(\.$isDisabled == false).sort(\.$sortOrder).all()
                .filter { $0.id.map(admins.contains) == false }
            let leads = Set(try await UserPosition.query(on: db).filter(\.$department.$id == nil).filter(\.$user.$id ~~ users.compactMap(\.id)).all().map(\.$user.id))
            form.people = users.filter { $0.id.map(leads.contains) == false }.map(\.name).joined(separator: "\n")
            form.leaders = users.filter { $0.id.map(leads.contains) == true }.map(\.name).joined(separator: "\n")
        }
        return form
    }

    private func renderRota(_ req: Request, _ rota: DutyRota, form: GenerateForm, errors: [String: String], error: String?,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let view = try await DutyViews.rota(rota, access: access, full: true, on: req.db)
        let draft = rota.stateValue == .draft
        return try await req.renderPage("duty/rota", title: rota.title, section: .duty, RotaPage(
            rota: view, rows: Self.rows(view.shifts ?? [], me: access.userID), base: SiteURL.dutyRota.link(view.id), printHref: SiteURL.dutyRotaPrint.link(view.id),
            canGenerate: view.canManage && draft, canPublish: view.canManage && draft && !(view.shifts ?? []).isEmpty, form: form, errors: errors, error: error,
            printedOn: DutyDays.day(of: Date())), status: status)
    }

    /// Lines of names or usernames as people of the rota's units, in order; the lines no one matches are reported.
    private static func people(_ text: String?, unit: UUID, field: String, on db: any Database) async throws -> ([UUID], [String: String]) {
        let lines = (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return ([], [:]) }
        let units = Array(try await DutyRotaService.dutyUnits(of: unit, on: db))
        let users = try await User.query(on: db).filter(\.$unit.$id ~~ units).filter(\.$isDisabled == false).all()
        var ids: [UUID] = []
        var unknown: [String] = []
        for line in lines {
            let name = String(line.split(separator: " ").first ?? "")
            if let user = users.first(where: { $0.name == name || $0.username == name }), let id = user.id { ids.append(id) } else { unknown.append(name) }
        }
        return (ids, unknown.isEmpty ? [:] : [field: Strings.Duty.linesUnknown + unknown.joined(separator: Strings.listSeparator)])
    }

    @Sendable func generate(req: Request) async throws -> Response {
        let access = try await req.access()
        let rota = try await DutyLookup.rota(try req.idParameter("rotaID"), access: access, on: req.db)
        let form = try req.content.decode(GenerateForm.self)
        do {
            let (people, peopleErrors) = try await Self.people(form.people, unit: rota.unitID, field: "people", on: req.db)
            let (leaders, leaderErrors) = try await Self.people(form.leaders, unit: rota.unitID, field: "leaders", on: req.db)
            var leaves: [DutyRotaService.LeaveInput] = []
            var errors = peopleErrors.merging(leaderErrors) { first, _ in first }
            for line in (form.leaves ?? "").split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: " ").map(String.init)
                guard !parts.isEmpty else { continue }
                let (ids, _) = try await Self.people(parts[0], unit: rota.unitID, field: "leaves", on: req.db)
                guard let id = ids.first, parts.count >= 2 else { errors["leaves"] = Strings.Duty.leaveInvalid; continue }
                leaves.append(.init(userID: id, fromDay: parts[1], toDay: parts.count >= 3 ? parts[2] : parts[1],
                                    reason: parts.count >= 4 ? parts[3...].joined(separator: " ") : nil))
            }
            guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
            try await DutyRotaService.generate(try rota.requireID(), .init(people: people, leaders: leaders, leaves: leaves, version: Int(form.version ?? "") ?? -1),
                                               access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Duty.generated)
            return req.redirect(to: SiteURL.dutyRota.link(try rota.requireID()))
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden].contains(error.status) {
            let fresh = try await DutyRota.find(rota.id, on: req.db) ?? rota
            return try await renderRota(req, fresh, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func publish(req: Request) async throws -> Response {
        let access = try await req.access()
        let rota = try await DutyLookup.rota(try req.idParameter("rotaID"), access: access, on: req.db)
        let version = (try? req.content.get(String.self, at: "version")).flatMap { Int($0) } ?? -1
        do {
            try await DutyRotaService.publish(try rota.requireID(), version: version, access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Duty.published)
            return req.redirect(to: SiteURL.dutyRota.link(try rota.requireID()))
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden].contains(error.status) {
            let fresh = try await DutyRota.find(rota.id, on: req.db) ?? rota
            return try await renderRota(req, fresh, form: try await prefill(fresh, on: req.db), errors: error.fields, error: error.message, status: error.status)
        }
    }

    @Sendable func printRota(req: Request) async throws -> Response {
        let access = try await req.access()
        let rota = try await DutyLookup.rota(try req.idParameter("rotaID"), access: access, on: req.db)
        let view = try await DutyViews.rota(rota, access: access, full: true, on: req.db)
        return try await req.renderPage("duty/print", title: rota.title, section: .duty, RotaPage(
            rota: view, rows: Self.rows(view.shifts ?? [], me: access.userID), base: SiteURL.dutyRota.link(view.id), printHref: SiteURL.dutyRotaPrint.link(view.id),
            canGenerate: false, canPublish: false, form: GenerateForm(), errors: [:], error: nil, printedOn: DutyDays.day(of: Date())))
    }

    // MARK: A shift and its log

    @Sendable func shift(req: Request) async throws -> Response {
        let access = try await req.access()
        let (shift, rota) = try await DutyLookup.shift(try req.idParameter("shiftID"), access: access, on: req.db)
        var forms = ShiftForms()
        forms.kind = DutyLogEntry.Kind.call.rawValue
        forms.occurredAt = DutyDays.localText(Date())
        return try await renderShift(req, shift, rota, forms: forms, errors: [:], error: nil, failed: nil)
    }

    private func renderShift(_ req: Request, _ shift: DutyShift, _ rota: DutyRota, forms: ShiftForms, errors: [String: String], error: String?, failed: String?,
                             status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let now = Date()
        let canReadLog = try await access.canViewLog(of: shift, rota: rota, on: req.db)
        var log = try await DutyViews.log(shift, rota: rota, access: access, now: now, on: req.db)
        if !canReadLog {
            log.entries = []
            log.previousHandoverNote = nil
            log.previousHandedOverBy = nil
        }
        let shiftID = try shift.requireID()
        let manages = access.managesDuty(of: shift.unitID)
        let units = Array(try await DutyRotaService.dutyUnits(of: shift.unitID, on: req.db))
        let people = try await User.query(on: req.db).filter(\.$unit.$id ~~ units).filter(\.$isDisabled == false).sort(\.$sortOrder).all()
        let leaderPosts = Set(try await UserPosition.query(on: req.db).filter(\.$department.$id == nil).filter(\.$user.$id ~~ people.compactMap(\.id)).all()
            .map(\.$user.id))
        let mine = try await access.holds(shift, on: req.db)
        let canSwap = mine != nil && rota.stateValue == .published && shift.startsAt > now
        var targetShifts: [SelectOption] = [SelectOption(value: "", label: Strings.Duty.takeOver, selected: (forms.targetShift ?? "").isEmpty)]
        if canSwap {
            let later = try await DutyShift.query(on: req.db).filter(\.$rotaID == rota.requireID()).filter(\.$startsAt > now).filter(\.$id != shiftID)
                .sort(\.$startsAt).all()
            for view in try await DutyViews.shifts(later, on: req.db) {
                let holders = ([view.leader].compactMap { $0 } + view.staff).map(\.name).joined(separator: Strings.listSeparator)
                targetShifts.append(SelectOption(value: view.id.uuidString, label: "\(view.day) \(view.weekdayLabel) \(view.kindName)（\(holders)）",
                                                 selected: forms.targetShift == view.id.uuidString))
            }
        }
        func option(_ user: User, _ chosen: Set<String>) -> SelectOption {
            SelectOption(value: user.id?.uuidString ?? "", label: user.name, selected: chosen.contains(user.id?.uuidString ?? ""))
        }
        let leaderChoice = Set([forms.leader ?? log.shift.leader?.id.uuidString ?? ""])
        let staffChoice = Set(forms.staff ?? log.shift.staff.map(\.id.uuidString))
        let supervisable = access.has(.supervisionManage)
        var unitOptions: [SelectOption] = []
        if supervisable {
            let scope = access.scope(of: .supervisionManage)
            var query = Unit.query(on: req.db).filter(\.$isDisabled == false)
            if case .units(let set) = scope { query = query.filter(\.$id ~~ Array(set)) }
            unitOptions = try await query.sort(\.$sortOrder).all().compactMap { unit in unit.id.map {
                SelectOption(value: $0.uuidString, label: unit.name, selected: forms.leadUnit == $0.uuidString) } }
        }
        let page = ShiftPage(
            log: log, base: SiteURL.dutyShift.link(shiftID), rotaHref: SiteURL.dutyRota.link(shift.rotaID), canReadLog: canReadLog, manages: manages,
            canEdit: manages && shift.handedOverAt == nil, canSwap: canSwap, canAct: log.canWrite || manages, canSupervise: supervisable,
            canRegister: access.has(.documentRegister),
            leaderOptions: [SelectOption(value: "", label: Strings.Duty.noLeader, selected: leaderChoice == [""])]
                + people.filter { $0.id.map(leaderPosts.contains) == true }.map { option($0, leaderChoice) },
            staffOptions: people.map { option($0, staffChoice) },
            targets: people.filter { $0.id != access.userID }.map { option($0, Set([forms.target ?? ""])) },
            targetShifts: targetShifts,
            forwardLeaders: people.filter { $0.id.map(leaderPosts.contains) == true }.map { option($0, Set([forms.leader ?? ""])) },
            units: unitOptions,
            kinds: DutyLogEntry.Kind.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Duty.entryKindLabel($0), selected: forms.kind == $0.rawValue) },
            forms: forms, errors: errors, error: error, failed: failed)
        return try await req.renderPage("duty/shift", title: Strings.Duty.shiftLabel(day: shift.day, weekday: log.shift.weekday, kind: log.shift.kindName),
                                        section: .duty, page, status: status)
    }

    /// Runs an action of the shift page: on success back to the shift with `done`; refused, the page again with the form as typed.
    private func act(_ req: Request, shiftID: UUID? = nil, name: String, done: String,
                     _ body: @escaping @Sendable (Access, ShiftForms) async throws -> Void) async throws -> Response {
        let access = try await req.access()
        let id = try shiftID ?? req.idParameter("shiftID")
        let (shift, rota) = try await DutyLookup.shift(id, access: access, on: req.db)
        let forms = (try? req.content.decode(ShiftForms.self)) ?? ShiftForms()
        do {
            try await body(access, forms)
            req.flash(done)
            return req.redirect(to: SiteURL.dutyShift.link(id))
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden].contains(error.status) {
            let fresh = try await DutyShift.find(shift.id, on: req.db) ?? shift
            return try await renderShift(req, fresh, rota, forms: forms, errors: error.fields, error: error.message, failed: name, status: error.status)
        }
    }

    @Sendable func editShift(req: Request) async throws -> Response {
        try await act(req, name: "edit", done: Strings.Duty.shiftSaved) { access, forms in
            try await DutyRotaService.editShift(try req.idParameter("shiftID"), leaderID: forms.leader.flatMap(UUID.init(uuidString:)),
                                                staffIDs: (forms.staff ?? []).compactMap(UUID.init(uuidString:)), version: Int(forms.version ?? "") ?? -1,
                                                access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func addEntry(req: Request) async throws -> Response {
        try await act(req, name: "log", done: Strings.Duty.logged) { access, forms in
            let text = FieldRules.trimmed(forms.occurredAt)
            let when = text.isEmpty ? nil : DutyDays.local(text)
            if !text.isEmpty && when == nil { throw AppError.validation(Strings.Error.formInvalid, fields: ["occurredAt": Strings.Duty.timeInvalid]) }
            _ = try await DutyLogService.add(try req.idParameter("shiftID"), .init(
                kind: forms.kind, occurredAt: when, caller: forms.caller, callerUnit: forms.callerUnit, phone: forms.phone, content: forms.content,
                handling: forms.handling, closed: forms.closed == "true"), access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func handOver(req: Request) async throws -> Response {
        try await act(req, name: "handover", done: Strings.Duty.handedOver) { access, forms in
            try await DutyLogService.handOver(try req.idParameter("shiftID"), note: forms.note, access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func signOff(req: Request) async throws -> Response {
        try await act(req, name: "signoff", done: Strings.Duty.signedOff) { access, _ in
            try await DutyLogService.signOff(try req.idParameter("shiftID"), access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func requestSwap(req: Request) async throws -> Response {
        try await act(req, name: "swap", done: Strings.Duty.swapAsked) { access, forms in
            _ = try await DutySwapService.request(.init(shiftID: try req.idParameter("shiftID"), targetID: forms.target.flatMap(UUID.init(uuidString:)),
                                                        targetShiftID: forms.targetShift.flatMap(UUID.init(uuidString:)), reason: forms.reason),
                                                  access: access, actor: req.workflowActor(access), app: req.application)
        }
    }

    @Sendable func decideSwap(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("swapID")
        let decision = (try? req.content.get(String.self, at: "decision")) ?? ""
        let reason = try? req.content.get(String.self, at: "reason")
        let actor = req.workflowActor(access)
        do {
            switch decision {
            case "accept", "decline":
                _ = try await DutySwapService.answer(id, agree: decision == "accept", access: access, actor: actor, app: req.application)
                req.flash(decision == "accept" ? Strings.Duty.swapAgreed : Strings.Duty.swapDeclined)
            case "approve", "reject":
                _ = try await DutySwapService.decide(id, approve: decision == "approve", reason: reason, access: access, actor: actor, app: req.application)
                req.flash(decision == "approve" ? Strings.Duty.swapApproved : Strings.Duty.swapRejected)
            default:
                throw AppError.validation(Strings.Error.formInvalid, fields: ["decision": "accept | decline | approve | reject"])
            }
            return req.redirect(to: SiteURL.duty.path)
        } catch let error as AppError where [.unprocessableEntity, .conflict, .forbidden].contains(error.status) {
            return try await renderIndex(req, kindForm: KindForm(staffCount: "1"), rotaForm: RotaForm(), errors: error.fields, error: error.message,
                                         failed: "swap", status: error.status)
        }
    }

    @Sendable func entryAction(req: Request) async throws -> Response {
        let access = try await req.access()
        let entryID = try req.idParameter("entryID")
        let (entry, _, _) = try await DutyLookup.entry(entryID, access: access, on: req.db)
        let action = req.parameters.get("action") ?? ""
        let done: String = switch action {
        case "close": Strings.Duty.entryClosedDone
        case "forward": Strings.Duty.forwarded
        case "supervise": Strings.Duty.supervised
        case "register": Strings.Duty.registered
        default: throw AppError.notFound()
        }
        return try await act(req, shiftID: entry.shiftID, name: "entry-\(entryID.uuidString)", done: done) { access, forms in
            let actor = req.workflowActor(access)
            switch action {
            case "close":
                _ = try await DutyLogService.close(entryID, handling: forms.handling, access: access, actor: actor, app: req.application)
            case "forward":
                _ = try await DutyLogService.forward(entryID, leaderID: forms.leader.flatMap(UUID.init(uuidString:)), access: access, actor: actor, app: req.application)
            case "supervise":
                _ = try await DutyLogService.supervise(entryID, .init(title: forms.title, leadUnitIDs: [forms.leadUnit.flatMap(UUID.init(uuidString:))].compactMap { $0 },
                                                                      deadline: forms.deadline), access: access, actor: actor, app: req.application)
            default:
                _ = try await DutyLogService.register(entryID, title: forms.title, access: access, actor: actor, app: req.application)
            }
        }
    }
}
