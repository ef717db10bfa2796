import Fluent
import Foundation
import Gongwen
import Vapor

/// 分发范围 at 封发: which units the document goes to. The clerk holding 封发 chooses units as 主送 or 抄送 (names
/// in the document's 主送机关/抄送机关 that match a unit are chosen to begin with), adds the units of a
/// 分发名单, or marks it paper only; saved on the document, used when the step completes.
struct DistributionChoice: Encodable, Sendable {
    struct UnitOption: Encodable, Sendable {
        var value: String
        var label: String
        var main: Bool
        var copy: Bool
    }

    var action: String
    var units: [UnitOption]
    var lists: [SelectOption]
    var paperOnly: Bool
    var chosen: [String]

    static func load(_ document: OutgoingDocument, returnTo: String, on db: any Database) async throws -> DistributionChoice {
        let content = try document.document()
        let units = try await Unit.query(on: db).filter(\.$isDisabled == false).filter(\.$id != document.$unit.id).sort(\.$sortOrder).sort(\.$name).all()
        let saved = Distribution.decode(document.distribution) ?? suggested(mainRecipients: content.mainRecipients, copies: content.ccRecipients, units: units)
        let roles = Dictionary(saved.entries.map { ($0.unit, $0.role) }, uniquingKeysWith: { first, _ in first })
        let lists = try await DistributionList.query(on: db).filter(\.$unitID ~~ Array(try await ExchangeUnits.served(by: document.$unit.id, on: db)))
            .sort(\.$name).all()
        let names = Dictionary(units.compactMap { unit in unit.id.map { ($0, unit.name) } }, uniquingKeysWith: { first, _ in first })
        return DistributionChoice(
            action: SiteURL.outgoingDistribution.link(try document.requireID()),
            units: try units.map { unit in
                let id = try unit.requireID()
                return UnitOption(value: id.uuidString, label: unit.name, main: roles[id] == .main, copy: roles[id] == .copy)
            },
            lists: try lists.map { SelectOption(value: try $0.requireID().uuidString, label: $0.name, selected: false) },
            paperOnly: document.paperOnly == true,
            chosen: saved.entries.compactMap { entry in names[entry.unit].map { "\($0)（\(Strings.Exchange.roleLabel(entry.role))）" } })
    }

    /// Units named exactly in the 主送机关 (主送) or 抄送机关 (抄送), by full or short name.
    static func suggested(mainRecipients: [String], copies: [String], units: [Unit]) -> Distribution {
        func matches(_ names: [String]) -> [UUID] {
            let wanted = Set(names.map { $0.trimmingCharacters(in: .whitespaces) })
            return units.filter { wanted.contains($0.name) || ($0.shortName.map(wanted.contains) ?? false) }.compactMap(\.id)
        }
        return Distribution(entries: matches(mainRecipients).map { .init(unit: $0, role: .main) } + matches(copies).map { .init(unit: $0, role: .copy) })
    }
}

/// `POST /outgoing/{id}/distribution` (by the holder of 封发) and the 分发名单 pages of a unit's clerks.
struct DistributionController {
    struct ChoiceForm: Content, Sendable {
        var main: [String]?
        var copy: [String]?
        var lists: [String]?
        var paperOnly: String?
        var returnTo: String?
    }

    struct ListForm: Content, Sendable {
        var name: String?
        var units: [String]?
    }

    struct ListRow: Encodable, Sendable {
        var name: String
        var units: String
        var editHref: String
        var deleteHref: String
    }

    struct ListsPage: Encodable, Sendable {
        var rows: [ListRow]
        var units: [SelectOption]
        var form: ListForm
        var action: String
        var editing: Bool
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.post(SiteURL.outgoingDistribution, use: choose)
        routes.get(SiteURL.distributionLists, use: lists)
        routes.post(SiteURL.distributionLists, use: create)
        routes.get(SiteURL.distributionList, use: edit)
        routes.post(SiteURL.distributionList, use: update)
        routes.post(SiteURL.distributionListDelete, use: delete)
    }

    @Sendable func choose(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let access = try await req.access()
        let form = try req.content.decode(ChoiceForm.self)
        func ids(_ values: [String]?) -> [UUID] { (values ?? []).compactMap(UUID.init(uuidString:)) }
        try await DistributionService.choose(.init(main: ids(form.main), copy: ids(form.copy), lists: ids(form.lists), paperOnly: form.paperOnly == "on"),
                                             for: try document.requireID(), access: access, actor: req.auditActor(), app: req.application)
        req.flash(Strings.Exchange.distributionSaved)
        return req.redirect(to: LocalPath.validated(form.returnTo, or: SiteURL.outgoing.link(try document.requireID())))
    }

    // MARK: 分发名单

    /// The unit whose lists the person keeps: their own (clerks only).
    private func ownerUnit(_ req: Request) async throws -> UUID {
        let access = try await req.access()
        guard access.has(.documentRegister) else { throw AppError.forbidden(Strings.Exchange.forbidden) }
        return access.unitID
    }

    @Sendable func lists(req: Request) async throws -> Response {
        try await render(req, form: ListForm(), editing: nil, error: nil)
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let list = try await find(req)
        return try await render(req, form: ListForm(name: list.name, units: list.members.map(\.uuidString)), editing: list, error: nil)
    }

    private func find(_ req: Request) async throws -> DistributionList {
        let unit = try await ownerUnit(req)
        guard let list = try await DistributionList.find(try req.idParameter("listID"), on: req.db), list.unitID == unit else { throw AppError.notFound() }
        return list
    }

    private func render(_ req: Request, form: ListForm, editing: DistributionList?, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let unit = try await ownerUnit(req)
        let lists = try await DistributionList.query(on: req.db).filter(\.$unitID == unit).sort(\.$name).all()
        let units = try await Unit.query(on: req.db).filter(\.$isDisabled == false).filter(\.$id != unit).sort(\.$sortOrder).sort(\.$name).all()
        let names = Dictionary(units.compactMap { unit in unit.id.map { ($0, unit.name) } }, uniquingKeysWith: { first, _ in first })
        let chosen = Set(form.units ?? [])
        let page = ListsPage(
            rows: try lists.map { list in
                let id = try list.requireID()
                return ListRow(name: list.name, units: list.members.compactMap { names[$0] }.joined(separator: "、"),
                               editHref: SiteURL.distributionList.link(id), deleteHref: SiteURL.distributionListDelete.link(id))
            },
            units: try units.map { unit in
                let id = try unit.requireID().uuidString
                return SelectOption(value: id, label: unit.name, selected: chosen.contains(id))
            },
            form: form, action: try editing.map { SiteURL.distributionList.link(try $0.requireID()) } ?? SiteURL.distributionLists.path,
            editing: editing != nil, error: error)
        return try await req.renderPage("exchange/lists", title: Strings.Exchange.listsTitle, section: .exchange, page, status: status)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await save(req, list: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        try await save(req, list: try await find(req))
    }

    private func save(_ req: Request, list existing: DistributionList?) async throws -> Response {
        let unit = try await ownerUnit(req)
        let form = try req.content.decode(ListForm.self)
        let name = FieldRules.trimmed(form.name)
        let members = (form.units ?? []).compactMap(UUID.init(uuidString:))
        var error: String?
        if name.isEmpty || name.count > 60 { error = Strings.Exchange.listNameRequired }
        else if members.isEmpty { error = Strings.Exchange.listUnitsRequired }
        else if try await DistributionList.query(on: req.db).filter(\.$unitID == unit).filter(\.$name == name).filter(\.$id != (existing?.id ?? UUID())).first() != nil {
            error = Strings.Exchange.listNameTaken
        }
        if let error { return try await render(req, form: form, editing: existing, error: error, status: .unprocessableEntity) }
        let valid = Set(try await Unit.query(on: req.db).filter(\.$id ~~ members).all().compactMap(\.id))
        let list = existing ?? DistributionList()
        let before = existing.map { ["name": $0.name, "units": $0.unitIDs] } ?? [:]
        list.unitID = unit
        list.name = name
        list.unitIDs = members.filter(valid.contains).map(\.uuidString).joined(separator: ",")
        list.updatedAt = Date()
        let actor = req.auditActor()
        try await req.write { db in
            try await list.save(on: db)
            try await AuditLog.record(AuditEvent(action: existing == nil ? "exchange.list.create" : "exchange.list.update", targetType: "distribution_list",
                                                 targetID: list.id?.uuidString, targetLabel: name, before: before, after: ["name": name, "units": list.unitIDs]),
                                      by: actor, on: db)
        }
        req.flash(Strings.Exchange.listSaved)
        return req.redirect(to: SiteURL.distributionLists.path)
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let list = try await find(req)
        let actor = req.auditActor()
        try await req.write { db in
            try await list.delete(on: db)
            try await AuditLog.record(AuditEvent(action: "exchange.list.delete", targetType: "distribution_list", targetID: list.id?.uuidString,
                                                 targetLabel: list.name, before: ["units": list.unitIDs]), by: actor, on: db)
        }
        req.flash(Strings.Exchange.listDeleted)
        return req.redirect(to: SiteURL.distributionLists.path)
    }
}
