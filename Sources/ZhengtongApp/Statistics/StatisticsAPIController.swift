import Fluent
import Vapor

/// `/api/v1/statistics/…`: the figures registry, one figure for every unit one sees, a unit's whole page, the
/// schemes (read by who sees a ranking, written by who manages 考核) and a scheme's ranking. Only HTTP here.
struct StatisticsAPIController {
    struct FigureDTO: Content, Sendable {
        var key: FigureKey
        var label: String
        var measure: FigureMeasure
        var direction: FigureDirection
        var byDepartment: Bool
    }

    struct FiguresDTO: Content, Sendable {
        var figures: [FigureDTO]
    }

    struct SchemeSummary: Content, Sendable {
        var id: UUID
        var name: String
        var category: String
    }

    struct SchemesDTO: Content, Sendable {
        var schemes: [SchemeSummary]
    }

    func register(on routes: any RoutesBuilder) {
        let statistics = routes.grouped("statistics")
        statistics.get("figures", use: figures)
        statistics.get("figures", ":figure", use: figure)
        statistics.get("units", ":unitID", use: unit)
        statistics.get("schemes", use: schemes)
        statistics.post("schemes", use: create)
        statistics.get("schemes", ":schemeID", use: scheme)
        statistics.put("schemes", ":schemeID", use: update)
        statistics.delete("schemes", ":schemeID", use: delete)
        statistics.get("schemes", ":schemeID", "ranking", use: ranking)
        // The tables as files, as the pages export them (the same handlers: they answer with a file, never a page).
        let exports = StatisticsPagesController()
        statistics.get("export", use: exports.overviewExport)
        statistics.get("units", ":unitID", "export", use: exports.unitExport)
        statistics.get("schemes", ":schemeID", "ranking", "export", use: exports.rankingExport)
    }

    @Sendable func figures(req: Request) async throws -> Response {
        _ = try await req.access()
        return try APIResponse.json(FiguresDTO(figures: StatisticsSources.figures.map {
            FigureDTO(key: $0.key, label: $0.label, measure: $0.measure, direction: $0.direction, byDepartment: $0.byDepartment)
        }))
    }

    @Sendable func figure(req: Request) async throws -> Response {
        let access = try await req.access()
        guard let key = req.parameters.get("figure"), let figure = StatisticsSources.figure(FigureKey(key)) else {
            throw AppError.notFound(Strings.Statistics.figureMissing)
        }
        let period = try req.statisticsPeriod()
        var overview = try await StatisticsOverview.load(figure: figure, period: period, scope: access.statisticsScope, tree: access.tree, on: req.db)
        // Only the figure asked for; the page's table adds the headline figures.
        overview.units = overview.units.map { row in
            var row = row
            row.values = row.values.filter { $0.figure == figure.key }
            return row
        }
        return try APIResponse.json(overview)
    }

    @Sendable func unit(req: Request) async throws -> Response {
        let access = try await req.access()
        let unit = try req.idParameter("unitID")
        try access.requireStatistics(of: unit)
        let period = try req.statisticsPeriod()
        return try APIResponse.json(try await UnitStatistics.load(unit: unit, unitName: access.tree.nameOf[unit] ?? "", period: period, on: req.db))
    }

    @Sendable func schemes(req: Request) async throws -> Response {
        let access = try await req.access()
        let schemes = try await AssessmentSchemes.visible(to: access, on: req.db)
        return try APIResponse.json(SchemesDTO(schemes: try schemes.map { SchemeSummary(id: try $0.requireID(), name: $0.name, category: $0.category) }))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let input = try req.content.decode(AssessmentSchemes.Input.self)
        let scheme = try await AssessmentSchemes.create(input, access: access, actor: req.auditActor(), app: req.application)
        return try APIResponse.json(try await AssessmentSchemes.detail(of: scheme, on: req.db), status: .created)
    }

    @Sendable func scheme(req: Request) async throws -> Response {
        let access = try await req.access()
        guard let scheme = try await AssessmentScheme.find(try req.idParameter("schemeID"), on: req.db) else { throw AppError.notFound() }
        try access.requireAssessmentManagement(of: scheme.ownerUnitID)
        return try APIResponse.json(try await AssessmentSchemes.detail(of: scheme, on: req.db))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let input = try req.content.decode(AssessmentSchemes.Input.self)
        let scheme = try await AssessmentSchemes.update(try req.idParameter("schemeID"), input, access: access, actor: req.auditActor(), app: req.application)
        return try APIResponse.json(try await AssessmentSchemes.detail(of: scheme, on: req.db))
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let access = try await req.access()
        try await AssessmentSchemes.delete(try req.idParameter("schemeID"), access: access, actor: req.auditActor(), app: req.application)
        return Response(status: .noContent)
    }

    @Sendable func ranking(req: Request) async throws -> Response {
        let access = try await req.access()
        let scheme = try await AssessmentSchemes.visibleScheme(try req.idParameter("schemeID"), access: access, on: req.db)
        let period = try req.statisticsPeriod()
        let ranking = try await AssessmentRanking.compute(scheme: scheme, period: period, tree: access.tree, on: req.db)
        return try APIResponse.json(ranking.visible(to: AssessmentSchemes.rankingScope(of: scheme, access: access)))
    }
}
