import Fluent
import Vapor

/// The 统计 pages: the overview of the units one sees, a unit's page, the rankings, each table's CSV and XLSX. Only
/// HTTP here: the figures come from ``UnitStatistics``, ``StatisticsOverview`` and ``AssessmentRanking``, who may see
/// what from ``Access`` (`statisticsScope`).
struct StatisticsPagesController {
    struct PeriodChoice: Encodable, Sendable {
        var code: String
        var label: String
        var selected: Bool
    }

    struct FigureChoice: Encodable, Sendable {
        var key: String
        var label: String
        var selected: Bool
    }

    struct ExportLinks: Encodable, Sendable {
        var csv: String
        var xlsx: String
    }

    struct OverviewPage: Encodable, Sendable {
        var periods: [PeriodChoice]
        var figures: [FigureChoice]
        var overview: StatisticsOverview
        var chart: String
        var headers: [String]
        var rows: [OverviewRow]
        var export: ExportLinks
        var rankingsHref: String
    }

    struct OverviewRow: Encodable, Sendable {
        var name: String
        var href: String
        var values: [String]
    }

    struct UnitPage: Encodable, Sendable {
        var periods: [PeriodChoice]
        var action: String
        var report: UnitStatistics
        var trendChart: String
        var distributionChart: String
        var hasDistribution: Bool
        var steps: [StepRow]
        var departmentHeaders: [String]
        var departments: [OverviewRow]
        var refreshed: String?
        var figuresExport: ExportLinks
        var stepsExport: ExportLinks
        var departmentsExport: ExportLinks
        var backHref: String?
        var rankingsHref: String
    }

    struct StepRow: Encodable, Sendable {
        var step: String
        var completed: Int
        var average: String
        var p90: String
        var onTime: String
        var overdue: Int
        var returns: Int
    }

    struct RankingsPage: Encodable, Sendable {
        var schemes: [SchemeLink]
    }

    struct SchemeLink: Encodable, Sendable {
        var name: String
        var category: String
        var href: String
    }

    struct RankingPage: Encodable, Sendable {
        var periods: [PeriodChoice]
        var indicators: [String]
        var action: String
        var ranking: AssessmentRanking
        var chart: String
        var headers: [String]
        var rows: [RankingRow]
        var export: ExportLinks
    }

    struct RankingRow: Encodable, Sendable {
        var rank: Int
        var name: String
        var href: String?
        var total: String
        var parts: [String]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.statistics.components, use: overview)
        routes.get(SiteURL.statisticsExport.components, use: overviewExport)
        routes.get(SiteURL.statisticsUnit.components, use: unit)
        routes.get(SiteURL.statisticsUnitExport.components, use: unitExport)
        routes.get(SiteURL.statisticsRankings.components, use: rankings)
        routes.get(SiteURL.statisticsRanking.components, use: ranking)
        routes.get(SiteURL.statisticsRankingExport.components, use: rankingExport)
    }

    static func periodChoices(_ period: StatisticsPeriod, now: Date = Date()) -> [PeriodChoice] {
        var choices = StatisticsPeriod.choices(at: now)
        if !choices.contains(period) { choices.insert(period, at: 0) }
        return choices.map { PeriodChoice(code: $0.code, label: $0.label, selected: $0 == period) }
    }

    static func query(_ path: String, _ items: [(String, String)]) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string ?? path
    }

    private func chosenFigure(_ req: Request) throws -> StatisticsFigure {
        guard let key = req.queryValue("figure"), !key.isEmpty else { return StatisticsSources.figure(.outgoingVolume)! }
        guard let figure = StatisticsSources.figure(FigureKey(key)) else { throw AppError.notFound(Strings.Statistics.figureMissing) }
        return figure
    }

    private func loadOverview(_ req: Request) async throws -> (StatisticsOverview, StatisticsPeriod, StatisticsFigure)? {
        let access = try await req.access()
        guard access.seesOtherUnitsStatistics else { return nil }
        let period = try req.statisticsPeriod()
        let figure = try chosenFigure(req)
        let overview = try await StatisticsOverview.load(figure: figure, period: period, scope: access.statisticsScope, tree: access.tree, on: req.db)
        return (overview, period, figure)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        guard let (overview, period, figure) = try await loadOverview(req) else {
            let access = try await req.access()
            var path = SiteURL.statisticsUnit.link(access.unitID)
            if let code = req.queryValue("period") { path = Self.query(path, [("period", code)]) }
            return req.redirect(to: path)
        }
        let bars = overview.units.prefix(40).map { row in
            StatisticsCharts.Bar(label: row.name, value: row.values.first?.value ?? 0, text: row.values.first?.text ?? "")
        }
        let exportItems = [("period", period.code), ("figure", figure.key.rawValue)]
        let page = OverviewPage(
            periods: Self.periodChoices(period),
            figures: StatisticsSources.figures.map { FigureChoice(key: $0.key.rawValue, label: $0.label, selected: $0.key == figure.key) },
            overview: overview, chart: StatisticsCharts.bars(Array(bars), title: Strings.Statistics.barsTitle(figure.label)),
            headers: overview.units.first?.values.map(\.label) ?? [],
            rows: overview.units.map { row in
                OverviewRow(name: row.name, href: Self.query(SiteURL.statisticsUnit.link(row.unitId), [("period", period.code)]), values: row.values.map(\.text))
            },
            export: ExportLinks(csv: Self.query(SiteURL.statisticsExport.path, exportItems + [("format", "csv")]),
                                xlsx: Self.query(SiteURL.statisticsExport.path, exportItems + [("format", "xlsx")])),
            rankingsHref: SiteURL.statisticsRankings.path)
        return try await req.renderPage("statistics/overview", title: Strings.Statistics.overviewTitle, section: .statistics, page)
    }

    @Sendable func overviewExport(req: Request) async throws -> Response {
        let format = try req.exportFormat()
        guard let (overview, _, _) = try await loadOverview(req) else { throw AppError.notFound() }
        return try await overview.table.download(format, on: req.application)
    }

    private func loadUnit(_ req: Request) async throws -> (UnitStatistics, StatisticsPeriod) {
        let access = try await req.access()
        let unit = try req.idParameter("unitID")
        try access.requireStatistics(of: unit)
        let period = try req.statisticsPeriod()
        return (try await UnitStatistics.load(unit: unit, unitName: access.tree.nameOf[unit] ?? "", period: period, on: req.db), period)
    }

    @Sendable func unit(req: Request) async throws -> Response {
        let (report, period) = try await loadUnit(req)
        let access = try await req.access()
        let base = SiteURL.statisticsUnitExport.link(report.unitId)
        func export(_ table: String) -> ExportLinks {
            ExportLinks(csv: Self.query(base, [("table", table), ("period", period.code), ("format", "csv")]),
                        xlsx: Self.query(base, [("table", table), ("period", period.code), ("format", "xlsx")]))
        }
        let trend = StatisticsCharts.lines([
            .init(name: Strings.page["statistics_outgoing"]!, values: report.trend.map { Double($0.outgoing) }),
            .init(name: Strings.page["statistics_incoming"]!, values: report.trend.map { Double($0.incoming) }),
        ], labels: report.trend.map(\.label), title: Strings.Statistics.trendTitle(report.unitName))
        let distribution = StatisticsCharts.bars(report.distribution.map { bin in
            StatisticsCharts.Bar(label: bin.label, value: Double(bin.count), text: String(bin.count))
        }, title: Strings.Statistics.distributionTitle(report.unitName))
        let hours = { (value: Double?) in value.map(Strings.Statistics.hours) ?? Strings.Statistics.noData }
        let page = UnitPage(
            periods: Self.periodChoices(period), action: SiteURL.statisticsUnit.link(report.unitId), report: report, trendChart: trend,
            distributionChart: distribution, hasDistribution: report.distribution.contains { $0.count > 0 },
            steps: report.steps.map { step in
                StepRow(step: step.step, completed: step.completed, average: hours(step.averageHours), p90: step.p90Hours.map { "≤ " + hours($0) } ?? Strings.Statistics.noData,
                        onTime: step.onTimeRate.map { String(format: "%.1f%%", $0) } ?? Strings.Statistics.noData, overdue: step.overdue, returns: step.returns)
            },
            departmentHeaders: StatisticsSources.figures.filter(\.byDepartment).map(\.label),
            departments: report.departments.map { OverviewRow(name: $0.name, href: "", values: $0.values.map(\.text)) },
            refreshed: report.refreshedAt.map(DisplayFormat.minute), figuresExport: export("figures"), stepsExport: export("steps"),
            departmentsExport: export("departments"),
            backHref: access.seesOtherUnitsStatistics ? Self.query(SiteURL.statistics.path, [("period", period.code)]) : nil,
            rankingsHref: SiteURL.statisticsRankings.path)
        return try await req.renderPage("statistics/unit", title: report.unitName + Strings.Statistics.overviewTitle, section: .statistics, page)
    }

    @Sendable func unitExport(req: Request) async throws -> Response {
        let format = try req.exportFormat()
        let (report, _) = try await loadUnit(req)
        let table: StatisticsTable
        switch req.queryValue("table") ?? "figures" {
        case "figures": table = report.figureTable
        case "steps": table = report.stepTable
        case "departments": table = report.departmentTable
        default: throw AppError.notFound()
        }
        return try await table.download(format, on: req.application)
    }

    @Sendable func rankings(req: Request) async throws -> Response {
        let access = try await req.access()
        let schemes = try await AssessmentSchemes.visible(to: access, on: req.db)
        let page = RankingsPage(schemes: try schemes.map { scheme in
            SchemeLink(name: scheme.name, category: scheme.category, href: SiteURL.statisticsRanking.link(try scheme.requireID()))
        })
        return try await req.renderPage("statistics/rankings", title: Strings.Statistics.rankingsTitle, section: .statistics, page)
    }

    private func loadRanking(_ req: Request) async throws -> (AssessmentRanking, StatisticsPeriod) {
        let access = try await req.access()
        let scheme = try await AssessmentSchemes.visibleScheme(try req.idParameter("schemeID"), access: access, on: req.db)
        let period = try req.statisticsPeriod()
        let ranking = try await AssessmentRanking.compute(scheme: scheme, period: period, tree: access.tree, on: req.db)
        return (ranking.visible(to: AssessmentSchemes.rankingScope(of: scheme, access: access)), period)
    }

    @Sendable func ranking(req: Request) async throws -> Response {
        let (ranking, period) = try await loadRanking(req)
        let access = try await req.access()
        let base = SiteURL.statisticsRankingExport.link(ranking.schemeId)
        let page = RankingPage(
            periods: Self.periodChoices(period),
            indicators: ranking.indicators.map { indicator in
                Strings.Statistics.indicatorText(indicator.label, weight: Self.points(indicator.weight), rule: indicator.ruleLabel,
                                                 target: indicator.target.map(Self.points))
            },
            action: SiteURL.statisticsRanking.link(ranking.schemeId), ranking: ranking,
            chart: StatisticsCharts.bars(ranking.rows.prefix(40).map { StatisticsCharts.Bar(label: "\($0.rank). \($0.unitName)", value: $0.total, text: Self.points($0.total)) },
                                         title: Strings.Statistics.rankingTableTitle(ranking.name, ranking.periodLabel)),
            headers: ranking.indicators.map { "\($0.label)（\(Self.points($0.weight))）" },
            rows: ranking.rows.map { row in
                RankingRow(rank: row.rank, name: row.unitName,
                           href: access.statisticsScope.contains(row.unitId) ? Self.query(SiteURL.statisticsUnit.link(row.unitId), [("period", period.code)]) : nil,
                           total: Self.points(row.total), parts: row.parts.map { "\(Self.points($0.points))（\($0.text)）" })
            },
            export: ExportLinks(csv: Self.query(base, [("period", period.code), ("format", "csv")]), xlsx: Self.query(base, [("period", period.code), ("format", "xlsx")])))
        return try await req.renderPage("statistics/ranking", title: ranking.name, section: .statistics, page)
    }

    @Sendable func rankingExport(req: Request) async throws -> Response {
        let format = try req.exportFormat()
        let (ranking, _) = try await loadRanking(req)
        return try await ranking.table.download(format, on: req.application)
    }

    static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
