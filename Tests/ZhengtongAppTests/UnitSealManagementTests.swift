import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// 印章管理: a unit holds at most three valid seals, each may have its own 印章管理员, a revoked seal is never applied
/// again; the organisation administrator manages them by page and API, nobody else.
@Suite("印章管理：至多三枚、印章管理员、停用")
struct UnitSealManagementTests {
    @Test("管理员在页面上制作到上限，第四枚被拒且保留填写；同名被拒；停用后可再制作；每一步有审计")
    func pagesKeepTheLimit() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let office = try await CityFixture.unit("江北市人民政府办公室", on: app)
            let unitID = try office.requireID()
            let sun = try await CityFixture.user("sunl", on: app)
            let admin = try await CityFixture.signedIn("admin", app)
            let path = SiteURL.adminUnitSeals.link(unitID)

            let shown = try await admin.get(path)
            #expect(shown.status == .ok)
            #expect(shown.body.string.contains("国密电子印章（SM2）") && shown.body.string.contains("1 / 3"))

            let contract = try await admin.post(path, [("name", "江北市人民政府办公室合同专用章"), ("keeperID", try sun.requireID().uuidString)])
            #expect(contract.status == .seeOther)
            #expect(try await admin.post(path, [("name", "江北市人民政府办公室党组"), ("keeperID", "")]).status == .seeOther)
            let full = try await admin.get(path).body.string
            #expect(full.contains("3 / 3") && full.contains("孙丽") && full.contains("有效印章已达上限"))

            let fourth = try await admin.post(path, [("name", "第四枚印章"), ("keeperID", "")])
            #expect(fourth.status == .conflict)
            #expect(fourth.body.string.contains("达到上限") && fourth.body.string.contains("value=\"第四枚印章\""))
            #expect(try await UnitSeal.query(on: app.db).filter(\.$unitID == unitID).count() == 3)

            let party = try #require(try await UnitSeal.query(on: app.db).filter(\.$name == "江北市人民政府办公室党组").first())
            #expect(try await admin.post(SiteURL.adminUnitSealRevoke.link(unitID, try party.requireID())).status == .seeOther)
            #expect(try await UnitSeal.find(party.id, on: app.db)?.revokedAt != nil)
            let again = try await admin.post(SiteURL.adminUnitSealRevoke.link(unitID, try party.requireID()))
            #expect(again.status == .seeOther)  // told, not changed
            let taken = try await admin.post(path, [("name", "江北市人民政府办公室合同专用章"), ("keeperID", "")])
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.string.contains("本单位已有同名的有效印章"))
            #expect(try await admin.post(path, [("name", "江北市人民政府办公室党组"), ("keeperID", "")]).status == .seeOther)

            for (action, count) in [("seal.create", 3), ("seal.revoke", 1)] {
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == action).count() == count, "\(action)")
            }
        }
    }

    @Test("只有保管人能用自己保管的印章；停用的印章不能再用；可用印章接口只列出本人可用的")
    func keepersAndRevocation() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let office = try await CityFixture.unit("江北市人民政府办公室", on: app)
            let unitID = try office.requireID()
            let sun = try await CityFixture.user("sunl", on: app)
            let zhao = try await CityFixture.user("zhaom", on: app)
            let api = try await APIClient.signIn(app, "admin")
            let base = "/api/v1/units/\(unitID)/seals"

            let made = try await api.request(.POST, base, json: ["name": "江北市人民政府办公室合同专用章", "keeperID": try sun.requireID().uuidString])
            #expect(made.status == .created)
            let kept = try made.content.decode(UnitSealView.self)
            #expect(kept.algorithm == "sm2" && kept.keeperName == "孙丽" && kept.active && kept.maker == "政通印章制作中心")

            // The keeper may use it; someone else may not, though they may use the seal kept by no one in particular.
            let vault = app.sealKeyVault
            #expect(try await UnitSealService.forUse(unitID: unitID, by: sun.requireID(), chosen: kept.id, vault: vault, on: app.db).id == kept.id)
            await #expect(throws: AppError.self) {
                try await UnitSealService.forUse(unitID: unitID, by: zhao.requireID(), chosen: kept.id, vault: vault, on: app.db)
            }
            let zhaos = try await UnitSealService.usable(unitID: unitID, by: zhao.requireID(), on: app.db)
            #expect(!zhaos.contains { $0.id == kept.id } && zhaos.count == 1)

            let usable = try await APIClient.signIn(app, "sunl").get("/api/v1/seals/usable")
            #expect(usable.status == .ok)
            #expect(usable.body.string.contains("江北市人民政府办公室合同专用章"))

            // Given to no one in particular, then revoked: nobody applies it again.
            let keeper = try await api.send(.PUT, "\(base)/\(kept.id)/keeper", body: "{\"keeperID\":null}")
            #expect(keeper.status == .ok)
            #expect(try keeper.content.decode(UnitSealView.self).keeperID == nil)
            #expect(try await api.request(.POST, "\(base)/\(kept.id)/revoke").status == .ok)
            #expect(try await api.request(.POST, "\(base)/\(kept.id)/revoke").status == .conflict)
            await #expect(throws: AppError.self) {
                try await UnitSealService.forUse(unitID: unitID, by: sun.requireID(), chosen: kept.id, vault: vault, on: app.db)
            }
            let bad = try await api.request(.POST, base, json: ["name": "  "])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "seal.keeper").count() == 1)
        }
    }

    @Test("非组织机构管理员看不到、改不了印章；不存在的单位 404")
    func onlyOrganisationAdministrators() async throws {
        try await withApp { app in
            try await CityFixture.make(on: app)
            let unitID = try await CityFixture.unit("江北市人民政府办公室", on: app).requireID()
            let clerk = try await CityFixture.signedIn("zhaom", app)
            #expect(try await clerk.get(SiteURL.adminUnitSeals.link(unitID)).status == .forbidden)
            #expect(try await clerk.post(SiteURL.adminUnitSeals.link(unitID), [("name", "私刻")]).status == .forbidden)
            let api = try await APIClient.signIn(app, "sunl")
            #expect(try await api.get("/api/v1/units/\(unitID)/seals").status == .forbidden)
            #expect(try await api.request(.POST, "/api/v1/units/\(unitID)/seals", json: ["name": "私刻"]).status == .forbidden)
            #expect(try await APIClient.signIn(app, "admin").get("/api/v1/units/\(UUID())/seals").status == .notFound)
            #expect(try await UnitSeal.query(on: app.db).filter(\.$name == "私刻").count() == 0)
        }
    }
}
