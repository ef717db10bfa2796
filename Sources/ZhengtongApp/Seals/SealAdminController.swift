import Fluent
import Foundation
import Gongwen
import Vapor

/// `/admin/units/{id}/seals` (印章管理): a unit's seals, made, given a keeper and revoked by its organisation
/// administrator (``UnitSealService``). A refused form comes back as typed.
struct SealAdminController {
    struct Form: Content, Sendable {
        var name: String?
        var keeperID: String?
    }

    struct Row: Encodable, Sendable {
        var seal: UnitSealView
        var svg: String
        var created: String
        var validUntil: String
        var revoked: String
        var revokeAction: String
        var keeperAction: String
        var keepers: [SelectOption]
    }

    struct Page: Encodable, Sendable {
        var unitName: String
        var rows: [Row]
        var limit: Int
        var activeCount: Int
        var canMake: Bool
        var form: Form
        var keepers: [SelectOption]
        var action: String
        var errors: [String: String]
        var error: String?
        var backHref: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminUnitSeals, use: list)
        routes.post(SiteURL.adminUnitSeals, use: make)
        routes.post(SiteURL.adminUnitSealRevoke, use: revoke)
        routes.post(SiteURL.adminUnitSealKeeper, use: keeper)
    }

    private func unit(_ req: Request) async throws -> (Unit, Access) {
        let access = try await req.access()
        guard let unit = try await Unit.find(try req.idParameter("unitID"), on: req.db) else { throw AppError.notFound() }
        try access.require(.organizationManage, unit: try unit.requireID())
        return (unit, access)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (unit, _) = try await unit(req)
        // The unit's name is offered until a valid seal carries it.
        let taken = try await UnitSealService.seals(of: try unit.requireID(), on: req.db).contains { $0.revokedAt == nil && $0.name == unit.name }
        return try await render(req, unit: unit, form: Form(name: taken ? "" : unit.name), errors: [:], error: nil)
    }

    private func render(_ req: Request, unit: Unit, form: Form, errors: [String: String], error: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let unitID = try unit.requireID()
        let seals = try await UnitSealService.seals(of: unitID, on: req.db)
        let candidates = try await UnitSealService.keeperCandidates(of: unitID, on: req.db)
        var names = Dictionary(uniqueKeysWithValues: candidates.compactMap { user in user.id.map { ($0, user.name) } })
        for keeper in Set(seals.compactMap(\.keeperID)) where names[keeper] == nil {
            names[keeper] = try await User.find(keeper, on: req.db)?.name
        }
        func options(_ selected: UUID?) -> [SelectOption] {
            [SelectOption(value: "", label: Strings.Seals.anyKeeper, selected: selected == nil)]
                + candidates.compactMap { user in user.id.map { SelectOption(value: $0.uuidString, label: user.name, selected: $0 == selected) } }
        }
        let rows = seals.map { seal in
            let view = UnitSealView(seal, keepers: names)
            return Row(seal: view, svg: SealDesign.make(unitName: seal.name).svg(idPrefix: "seal-\(view.id.uuidString.prefix(8))"),
                       created: DisplayFormat.dateTime(seal.createdAt), validUntil: seal.validUntil.map(DisplayFormat.date) ?? "",
                       revoked: seal.revokedAt.map(DisplayFormat.dateTime) ?? "",
                       revokeAction: SiteURL.adminUnitSealRevoke.link(unitID, view.id), keeperAction: SiteURL.adminUnitSealKeeper.link(unitID, view.id),
                       keepers: options(seal.keeperID))
        }
        let active = seals.filter { $0.revokedAt == nil }.count
        let limit = req.application.config.sealsPerUnit
        return try await req.renderPage("admin/unit-seals", title: Strings.page["unit_seals_title"]!, section: .admin, Page(
            unitName: unit.name, rows: rows, limit: limit, activeCount: active, canMake: active < limit, form: form,
            keepers: options(form.keeperID.flatMap(UUID.init(uuidString:))), action: SiteURL.adminUnitSeals.link(unitID), errors: errors, error: error,
            backHref: SiteURL.adminIssuerCodes.link(unitID)), status: status)
    }

    @Sendable func make(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        let form = try req.content.decode(Form.self)
        let unitID = try unit.requireID()
        do {
            let keeper = try keeperID(form.keeperID)
            _ = try await UnitSealService.make(.init(name: form.name ?? "", keeperID: keeper), unitID: unitID, access: access,
                                               actor: req.workflowActor(access), app: req.application)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await render(req, unit: unit, form: form, errors: error.fields, error: error.message, status: error.status)
        }
        req.flash(Strings.Seals.created)
        return req.redirect(to: SiteURL.adminUnitSeals.link(unitID))
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        let unitID = try unit.requireID()
        do {
            try await UnitSealService.revoke(try req.idParameter("sealID"), unitID: unitID, access: access, actor: req.workflowActor(access),
                                             app: req.application)
            req.flash(Strings.Seals.revoked)
        } catch let error as AppError where error.status == .conflict {
            req.flash(error.message)
        }
        return req.redirect(to: SiteURL.adminUnitSeals.link(unitID))
    }

    @Sendable func keeper(req: Request) async throws -> Response {
        let (unit, access) = try await unit(req)
        let unitID = try unit.requireID()
        let form = try req.content.decode(Form.self)
        do {
            try await UnitSealService.setKeeper(try req.idParameter("sealID"), keeperID: try keeperID(form.keeperID), unitID: unitID, access: access,
                                                actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Seals.keeperSaved)
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableEntity {
            req.flash(error.message)
        }
        return req.redirect(to: SiteURL.adminUnitSeals.link(unitID))
    }

    private func keeperID(_ raw: String?) throws -> UUID? {
        let text = FieldRules.trimmed(raw)
        guard !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw AppError.validation(Strings.Seals.keeperInvalid, fields: ["keeperID": Strings.Seals.keeperInvalid])
        }
        return id
    }
}
