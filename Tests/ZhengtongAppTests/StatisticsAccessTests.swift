import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import ZhengtongApp

/// Who sees which statistics, on every page and API route, with the demo city: a unit sees itself, a leader the units
/// under their unit, 监察 their grant's scope, whoever manages 考核 the schemes; anyone else gets 404.
@Suite("效能统计：谁能看到什么（页面与接口）", .serialized)
struct StatisticsAccessTests {
    static func city(_ app: Application) async throws {
        try await CityFixture.make(on: app)
        try await StatisticsAggregation.refreshAll(app: app)
    }

    @Test("普通人员只看到本单位：统计页转到本单位，图表和导出可用；其他单位的页面、导出和接口都是 404")
    func ownUnitOnly() async throws {
        try await withApp { app in
            // given
            try await Self.city(app)
            let office = try await CityFixture.unit("江北市人民政府办公室", on: app).requireID()
            let county = try await CityFixture.unit("清河县人民政府", on: app).requireID()
            let zhao = try await CityFixture.signedIn("zhaom", app)
            // when / then
            let start = try await zhao.get(SiteURL.statistics.path)
            #expect(start.status == .seeOther && start.location == SiteURL.statisticsUnit.link(office))
            let page = try await zhao.get(SiteURL.statisticsUnit.link(office))
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("江北市人民政府办公室") && html.contains("发文量") && html.contains("<svg class=\"chart chart-lines\""))
            #expect(html.contains("统计") && !html.contains("style="))
            let csv = try await zhao.get(SiteURL.statisticsUnitExport.link(office) + "?table=steps&format=csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv" && csv.body.string.contains("环节"))
            let xlsx = try await zhao.get(SiteURL.statisticsUnitExport.link(office) + "?table=departments&format=xlsx")
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentType) == XLSXWriter.contentType && xlsx.body.readableBytes > 500)
            #expect(try await zhao.get(SiteURL.statisticsUnitExport.link(office) + "?table=figures&format=pdf").status == .notFound)
            #expect(try await zhao.get(SiteURL.statisticsUnit.link(county)).status == .notFound)
            #expect(try await zhao.get(SiteURL.statisticsUnitExport.link(county) + "?format=csv").status == .notFound)
            #expect(try await zhao.get(SiteURL.statisticsExport.path + "?format=csv").status == .notFound)
            #expect(try await zhao.get(SiteURL.statisticsUnit.link(office) + "?period=2026-Q9").status == .unprocessableEntity)
            let api = try await APIClient.signIn(app, "zhaom")
            #expect(try await api.get("/api/v1/statistics/units/\(office)?period=2026").status == .ok)
            #expect(try await api.get("/api/v1/statistics/units/\(county)").status == .notFound)
            let bad = try await api.get("/api/v1/statistics/units/\(office)?period=last-year")
            #expect(bad.status == .unprocessableEntity && bad.errorCode == "validation_failed")
            let figure = try await api.get("/api/v1/statistics/figures/outgoingVolume")
            #expect(figure.status == .ok)
            let units = try JSONDecoder().decode(StatisticsOverview.self, from: Data(figure.body.readableBytesView)).units.map(\.unitId)
            #expect(units == [office])
            #expect(try await api.get("/api/v1/statistics/figures/noSuchFigure").status == .notFound)
            let registry = try await api.get("/api/v1/statistics/figures")
            #expect(registry.status == .ok && registry.body.string.contains("\"onTimeRate\""))
        }
    }

    @Test("领导看到本单位和下属单位的统计；上级和其他县的单位 404")
    func leaderScope() async throws {
        try await withApp { app in
            try await Self.city(app)
            let yang = try await CityFixture.signedIn("yangf", app)
            let overview = try await yang.get(SiteURL.statistics.path + "?figure=signIns")
            #expect(overview.status == .ok)
            let html = overview.body.string
            #expect(html.contains("清河县财政局") && !html.contains("柳林区") && html.contains("<svg class=\"chart chart-bars\""))
            #expect(try await yang.get(SiteURL.statisticsUnit.link(try await CityFixture.unit("清河县财政局", on: app).requireID())).status == .ok)
            #expect(try await yang.get(SiteURL.statisticsUnit.link(try await CityFixture.unit("江北市人民政府办公室", on: app).requireID())).status == .notFound)
            #expect(try await yang.get(SiteURL.statistics.path + "?figure=nothing").status == .notFound)
            let export = try await yang.get(SiteURL.statisticsExport.path + "?format=xlsx&period=2026")
            #expect(export.status == .ok && export.headers.first(name: .contentType) == XLSXWriter.contentType)
        }
    }

    @Test("监察角色看到授权范围内所有单位")
    func inspectorScope() async throws {
        try await withApp { app in
            try await Self.city(app)
            let office = try await CityFixture.unit("江北市人民政府办公室", on: app)
            try await makeUser(on: app, unit: office, username: "jiancha", roles: [.inspector], scope: .platform)
            let api = try await APIClient.signIn(app, "jiancha")
            let response = try await api.get("/api/v1/statistics/figures/outgoingVolume?period=2026")
            let overview = try JSONDecoder().decode(StatisticsOverview.self, from: Data(response.body.readableBytesView))
            #expect(overview.units.count == (try await ZhengtongApp.Unit.query(on: app.db).count()))
            let dispatched = try await OutgoingDocument.query(on: app.db).filter(\.$dispatchedAt != nil).count()
            #expect(Int(overview.units.compactMap { $0.values.first?.value }.reduce(0, +)) == dispatched)
            #expect(try await api.get("/api/v1/statistics/units/\(try await CityFixture.unit("东山县公安局", on: app).requireID())").status == .ok)
        }
    }

    @Test("管理员维护考核方案（页面）：错误时保留所填，保存、修改、删除都记审计；排名只给参加单位看本单位那一行，其他单位 404")
    func schemePages() async throws {
        try await withApp { app in
            try await Self.city(app)
            let admin = try await CityFixture.signedIn("admin", app)
            #expect(try await admin.get(SiteURL.admin.path).body.string.contains("考核方案"))
            #expect(try await admin.get(SiteURL.adminAssessment.path).status == .ok)
            #expect(try await admin.get(SiteURL.adminAssessmentNew.path).body.string.contains("参加考核的单位"))
            let offices = try await ["清河县人民政府办公室", "柳林区人民政府办公室", "东山县人民政府办公室"].asyncMap { try await CityFixture.unit($0, on: app).requireID() }
            // A refused form keeps what was typed and names the problem.
            let refused = try await admin.post(SiteURL.adminAssessment.path, [("name", "县级政府办公室考核"), ("category", ""), ("figure[]", "outgoingVolume"),
                                                                            ("weight[]", "40"), ("rule[]", "ratioToBest"), ("target[]", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("县级政府办公室考核") && refused.body.string.contains("请填写单位类别") && refused.body.string.contains("请至少选择一个"))
            let target = try await admin.post(SiteURL.adminAssessment.path, [("name", "县级政府办公室考核"), ("category", "一类单位"), ("units[]", offices[0].uuidString),
                                                                           ("figure[]", "paperShare"), ("weight[]", "10"), ("rule[]", "target"), ("target[]", "")])
            #expect(target.status == .unprocessableEntity && target.body.string.contains("须填写达标值"))
            var fields: [(String, String)] = [("name", "县级政府办公室考核"), ("category", "一类单位")]
            fields += offices.map { ("units[]", $0.uuidString) }
            fields += [("figure[]", "incomingVolume"), ("weight[]", "60"), ("rule[]", "ratioToBest"), ("target[]", ""),
                       ("figure[]", "signIns"), ("weight[]", "40"), ("rule[]", "rank"), ("target[]", ""),
                       ("figure[]", ""), ("weight[]", ""), ("rule[]", "ratioToBest"), ("target[]", "")]
            let created = try await admin.post(SiteURL.adminAssessment.path, fields)
            #expect(created.status == .seeOther)
            let scheme = try #require(try await AssessmentScheme.query(on: app.db).first())
            let id = try scheme.requireID()
            #expect(try await AssessmentIndicator.query(on: app.db).count() == 2)
            #expect(try await admin.get(SiteURL.adminAssessmentScheme.link(id)).body.string.contains("县级政府办公室考核"))
            #expect(try await admin.get(SiteURL.adminAssessmentScheme.link(id)).body.string.contains(#"name="version" value="1""#))
            fields[0] = ("name", "县级政府办公室效能考核")
            #expect(try await admin.post(SiteURL.adminAssessmentScheme.link(id), fields + [("version", "1")]).status == .seeOther)
            #expect(try await AssessmentScheme.find(id, on: app.db)?.name == "县级政府办公室效能考核")
            // The same form sent again (another administrator's, opened before that save): 409, and what was typed stays.
            let stale = try await admin.post(SiteURL.adminAssessmentScheme.link(id), [("name", "第三个名称")] + fields.dropFirst() + [("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains("第三个名称") && stale.body.string.contains("已被他人修改"))
            #expect(try await AssessmentScheme.find(id, on: app.db)?.name == "县级政府办公室效能考核")
            // The ranking: the administrator sees every row, with a chart, and exports it.
            let ranking = try await admin.get(SiteURL.statisticsRanking.link(id) + "?period=2026")
            #expect(ranking.status == .ok && ranking.body.string.contains("清河县人民政府办公室") && ranking.body.string.contains("东山县人民政府办公室"))
            #expect(ranking.body.string.contains("<svg class=\"chart chart-bars\""))
            let csv = try await admin.get(SiteURL.statisticsRankingExport.link(id) + "?period=2026&format=csv")
            #expect(csv.status == .ok && csv.body.string.contains("名次") && csv.body.string.contains("柳林区人民政府办公室"))
            #expect(try await admin.get(SiteURL.statisticsRankingExport.link(id) + "?period=2026&format=xlsx").status == .ok)
            // 清河县's office sees the ranking with its own row only; the city's office is not in it (404).
            let guo = try await CityFixture.signedIn("guoyn", app)
            #expect(try await guo.get(SiteURL.statisticsRankings.path).body.string.contains("县级政府办公室效能考核"))
            let own = try await guo.get(SiteURL.statisticsRanking.link(id)).body.string
            #expect(own.contains("清河县人民政府办公室") && !own.contains("柳林区人民政府办公室"))
            let zhao = try await CityFixture.signedIn("zhaom", app)
            #expect(try await zhao.get(SiteURL.statisticsRanking.link(id)).status == .notFound)
            #expect(try await zhao.get(SiteURL.statisticsRankingExport.link(id) + "?format=csv").status == .notFound)
            #expect(try await zhao.get(SiteURL.statisticsRankings.path).body.string.contains("还没有您可以查看的考核方案"))
            // Only who manages 考核 edits it.
            #expect(try await guo.get(SiteURL.adminAssessment.path).status == .notFound)
            #expect(try await guo.get(SiteURL.adminAssessmentScheme.link(id)).status == .notFound)
            #expect(try await guo.post(SiteURL.adminAssessmentDelete.link(id)).status == .notFound)
            #expect(try await admin.post(SiteURL.adminAssessmentDelete.link(id)).status == .seeOther)
            #expect(try await AssessmentScheme.query(on: app.db).count() == 0)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["assessment.scheme.create", "assessment.scheme.update", "assessment.scheme.delete"]).all().map(\.action)
            #expect(actions.sorted() == ["assessment.scheme.create", "assessment.scheme.delete", "assessment.scheme.update"])
        }
    }

    @Test("考核方案接口：新建、列表、查看、修改、排名、删除；校验错误给出稳定代码；无权者 404")
    func schemeAPI() async throws {
        try await withApp { app in
            try await Self.city(app)
            let admin = try await APIClient.signIn(app, "admin")
            let finance = try await CityFixture.unit("清河县财政局", on: app).requireID()
            let education = try await CityFixture.unit("清河县教育局", on: app).requireID()
            func body(_ name: String, target: String = "5", version: Int = 1) -> String {
                """
                {"name":"\(name)","category":"二类单位","units":["\(finance)","\(education)"],"version":\(version),
                 "indicators":[{"figure":"signIns","weight":50,"rule":"ratioToBest"},{"figure":"paperShare","weight":50,"rule":"target","target":\(target)}]}
                """
            }
            let created = try await admin.send(.POST, "/api/v1/statistics/schemes", body: body("县直部门考核"))
            #expect(created.status == .created)
            let id = try created.content.get(UUID.self, at: "id")
            #expect(try await admin.get("/api/v1/statistics/schemes").body.string.contains("县直部门考核"))
            #expect(try await admin.get("/api/v1/statistics/schemes/\(id)").status == .ok)
            let updated = try await admin.send(.PUT, "/api/v1/statistics/schemes/\(id)", body: body("县直部门效能考核", target: "3"))
            #expect(updated.status == .ok && updated.body.string.contains("县直部门效能考核"))
            // A change based on the version before that one loses: 409, nothing changed.
            let stale = try await admin.send(.PUT, "/api/v1/statistics/schemes/\(id)", body: body("另一个名称", target: "3"))
            #expect(stale.status == .conflict)
            #expect(try await admin.get("/api/v1/statistics/schemes/\(id)").body.string.contains("县直部门效能考核"))
            let ranking = try await admin.get("/api/v1/statistics/schemes/\(id)/ranking?period=2026-H2")
            #expect(ranking.status == .ok)
            let rows = try JSONDecoder().decode(AssessmentRanking.self, from: Data(ranking.body.readableBytesView)).rows
            #expect(rows.count == 2 && rows.allSatisfy { $0.parts.count == 2 })
            let invalid = try await admin.send(.POST, "/api/v1/statistics/schemes", body: #"{"name":"","category":"x","units":[],"indicators":[]}"#)
            #expect(invalid.status == .unprocessableEntity && invalid.errorCode == "validation_failed")
            // 高原 (清河县财政局's clerk) sees the ranking with their row; 赵敏 (city office) sees nothing of it.
            let gao = try await APIClient.signIn(app, "gaoy")
            let own = try JSONDecoder().decode(AssessmentRanking.self, from: Data(try await gao.get("/api/v1/statistics/schemes/\(id)/ranking").body.readableBytesView))
            #expect(own.rows.map(\.unitId) == [finance])
            #expect(try await gao.get("/api/v1/statistics/schemes/\(id)").status == .notFound)
            let zhao = try await APIClient.signIn(app, "zhaom")
            #expect(try await zhao.get("/api/v1/statistics/schemes/\(id)/ranking").status == .notFound)
            // The tables as files, with a token, as the pages export them; outside one's scope 404.
            let rankingCSV = try await gao.get("/api/v1/statistics/schemes/\(id)/ranking/export?format=csv")
            #expect(rankingCSV.status == .ok && rankingCSV.headers.contentType?.subType == "csv" && rankingCSV.body.string.contains("清河县财政局"))
            #expect(!rankingCSV.body.string.contains("清河县教育局"))
            let unitXLSX = try await gao.get("/api/v1/statistics/units/\(finance)/export?format=xlsx&table=steps")
            #expect(unitXLSX.status == .ok && unitXLSX.body.string.hasPrefix("PK"))
            #expect(try await zhao.get("/api/v1/statistics/units/\(finance)/export?format=csv").status == .notFound)
            let overview = try await admin.get("/api/v1/statistics/export?format=csv")
            #expect(overview.status == .ok && overview.body.string.contains("清河县财政局"))
            #expect(try await zhao.send(.POST, "/api/v1/statistics/schemes", body: body("x")).status == .notFound)
            #expect(try await zhao.send(.PUT, "/api/v1/statistics/schemes/\(id)", body: body("x")).status == .notFound)
            #expect(try await zhao.request(.DELETE, "/api/v1/statistics/schemes/\(id)").status == .notFound)
            #expect(try await admin.request(.DELETE, "/api/v1/statistics/schemes/\(id)").status == .noContent)
            #expect(try await admin.get("/api/v1/statistics/schemes/\(id)").status == .notFound)
        }
    }
}

