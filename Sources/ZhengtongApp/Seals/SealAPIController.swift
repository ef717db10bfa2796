import Fluent
import Foundation
import Vapor

/// 印章管理 through the API (the same ``UnitSealService`` calls as the pages), and the seals a keeper may apply.
struct SealAPIController {
    struct MakeBody: Content, Sendable {
        var name: String
        var keeperID: UUID?
    }

    struct KeeperBody: Content, Sendable {
        var keeperID: UUID?
    }

    struct Keeper: Content, Sendable {
        var id: UUID
        var name: String
    }

    struct SealList: Content, Sendable {
        var items: [UnitSealView]
        /// How many valid seals the unit may hold.
        var limit: Int
        /// Who may keep the unit's seals.
        var keepers: [Keeper]
    }

    struct UsableSeal: Content, Sendable {
        var id: UUID
        var name: String
        var unitID: UUID
        var algorithm: String
    }

    struct UsableList: Content, Sendable {
        var items: [UsableSeal]
    }

    func register(api routes: any RoutesBuilder) {
        routes.get(APIURL.unitSeals.components, use: list)
        routes.post(APIURL.unitSeals.components, use: make)
        routes.post(APIURL.unitSealRevoke.components, use: revoke)
        routes.put(APIURL.unitSealKeeper.components, use: keeper)
        routes.get("seals", "usable", use: usable)
    }

    private func unit(_ req: Request) async throws -> (UUID, Access) {
        let access = try await req.access()
        let unitID = try req.idParameter("unitID")
        guard try await Unit.find(unitID, on: req.db) != nil else { throw AppError.notFound() }
        try access.require(.organizationManage, unit: unitID)
        return (unitID, access)
    }

    private func view(_ seal: UnitSeal, on db: any Database) async throws -> UnitSealView {
        var names: [UUID: String] = [:]
        if let keeper = seal.keeperID, let user = try await User.find(keeper, on: db) { names[keeper] = user.name }
        return UnitSealView(seal, keepers: names)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (unitID, _) = try await unit(req)
        let seals = try await UnitSealService.seals(of: unitID, on: req.db)
        let keepers = try await UnitSealService.keeperCandidates(of: unitID, on: req.db).compactMap { user in user.id.map { Keeper(id: $0, name: user.name) } }
        var names = Dictionary(uniqueKeysWithValues: keepers.map { ($0.id, $0.name) })
        for keeper in Set(seals.compactMap(\.keeperID)) where names[keeper] == nil { names[keeper] = try await User.find(keeper, on: req.db)?.name }
        return try APIResponse.json(SealList(items: seals.map { UnitSealView($0, keepers: names) }, limit: req.application.config.sealsPerUnit,
                                             keepers: keepers))
    }

    @Sendable func make(req: Request) async throws -> Response {
        let (unitID, access) = try await unit(req)
        let body = try req.content.decode(MakeBody.self)
        let seal = try await UnitSealService.make(.init(name: body.name, keeperID: body.keeperID), unitID: unitID, access: access,
                                                  actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try await view(seal, on: req.db), status: .created)
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let (unitID, access) = try await unit(req)
        let sealID = try req.idParameter("sealID")
        try await UnitSealService.revoke(sealID, unitID: unitID, access: access, actor: req.workflowActor(access), app: req.application)
        guard let seal = try await UnitSeal.find(sealID, on: req.db) else { throw AppError.notFound() }
        return try APIResponse.json(try await view(seal, on: req.db))
    }

    @Sendable func keeper(req: Request) async throws -> Response {
        let (unitID, access) = try await unit(req)
        let sealID = try req.idParameter("sealID")
        let body = try req.content.decode(KeeperBody.self)
        try await UnitSealService.setKeeper(sealID, keeperID: body.keeperID, unitID: unitID, access: access, actor: req.workflowActor(access),
                                            app: req.application)
        guard let seal = try await UnitSeal.find(sealID, on: req.db) else { throw AppError.notFound() }
        return try APIResponse.json(try await view(seal, on: req.db))
    }

    /// The seals the caller may apply now: of the units where they hold 电子印章使用, kept by them or by no one in
    /// particular (what `POST /outgoing/{id}/seal` takes as `sealID`).
    @Sendable func usable(req: Request) async throws -> Response {
        let access = try await req.access()
        let units = access.tree.all.filter { access.covers(.sealUse, unit: $0) }
        var items: [UsableSeal] = []
        for unit in units.sorted(by: { $0.uuidString < $1.uuidString }) {
            for seal in try await UnitSealService.usable(unitID: unit, by: access.userID, on: req.db) {
                items.append(UsableSeal(id: try seal.requireID(), name: seal.name, unitID: unit, algorithm: seal.algorithm ?? UnitSeal.Algorithm.p256.rawValue))
            }
        }
        return try APIResponse.json(UsableList(items: items))
    }
}
