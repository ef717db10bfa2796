import Fluent
import Vapor

/// 管理 › 考核方案: the list, a scheme's form (name, category, units, indicators with weight, rule and target), delete.
/// A refused form comes back with what was typed. The work is ``AssessmentSchemes``'.
struct AssessmentAdminController {
    struct ListPage: Encodable, Sendable {
        var schemes: [Item]
        var newHref: String
    }

    struct Item: Encodable, Sendable {
        var name: String
        var category: String
        var units: Int
        var indicators: Int
        var href: String
        var rankingHref: String
    }

    struct Option: Encodable, Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct IndicatorRow: Encodable, Sendable {
        var figures: [Option]
        var weight: String
        var rules: [Option]
        var target: String
    }

    struct FormPage: Encodable, Sendable {
        var isNew: Bool
        var action: String
        var deleteAction: String?
        var rankingHref: String?
        var name: String
        var category: String
        /// The version the form shows (hidden; 修改 is refused when it is not the scheme's now).
        var version: Int?
        var units: [Option]
        var indicators: [IndicatorRow]
        var error: String?
        var errors: [String: String]
        var listHref: String
    }

    /// The form as posted: parallel lists of the indicator rows' fields (each row always sends all four).
    struct Form: Content, Sendable {
        var name: String?
        var category: String?
        var units: [UUID]?
        var figure: [String]?
        var weight: [String]?
        var rule: [String]?
        var target: [String]?
        var version: Int?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminAssessment.components, use: list)
        routes.get(SiteURL.adminAssessmentNew.components, use: new)
        routes.post(SiteURL.adminAssessment.components, use: create)
        routes.get(SiteURL.adminAssessmentScheme.components, use: edit)
        routes.post(SiteURL.adminAssessmentScheme.components, use: update)
        routes.post(SiteURL.adminAssessmentDelete.components, use: delete)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.managesAssessment else { throw AppError.notFound() }
        let schemes = try await AssessmentScheme.query(on: req.db).sort(\.$category).sort(\.$name).all()
            .filter { access.covers(.assessmentManage, unit: $0.ownerUnitID) }
        var items: [Item] = []
        for scheme in schemes {
            let detail = try await AssessmentSchemes.detail(of: scheme, on: req.db)
            items.append(Item(name: scheme.name, category: scheme.category, units: detail.units.count, indicators: detail.indicators.count,
                              href: SiteURL.adminAssessmentScheme.link(detail.id), rankingHref: SiteURL.statisticsRanking.link(detail.id)))
        }
        return try await req.renderPage("statistics/admin-list", title: Strings.Statistics.adminTitle, section: .admin,
                                        ListPage(schemes: items, newHref: SiteURL.adminAssessmentNew.path))
    }

    @Sendable func new(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.managesAssessment else { throw AppError.notFound() }
        let blank = AssessmentSchemes.Input(name: "", category: "", units: [], indicators: [])
        return try await render(req, access: access, id: nil, input: blank, error: nil, errors: [:])
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.managesAssessment else { throw AppError.notFound() }
        let input = try await read(req)
        do {
            let scheme = try await AssessmentSchemes.create(input, access: access, actor: req.auditActor(), app: req.application)
            req.flash(Strings.Statistics.schemeSaved)
            return req.redirect(to: SiteURL.adminAssessmentScheme.link(try scheme.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, access: access, id: nil, input: input, error: error.message, errors: error.fields, status: error.status)
        }
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let access = try await req.access()
        let scheme = try await managed(req, access: access)
        let detail = try await AssessmentSchemes.detail(of: scheme, on: req.db)
        return try await render(req, access: access, id: detail.id, input: detail.input, error: nil, errors: [:])
    }

    @Sendable func update(req: Request) async throws -> Response {
        let access = try await req.access()
        let scheme = try await managed(req, access: access)
        let id = try scheme.requireID()
        let input = try await read(req)
        do {
            _ = try await AssessmentSchemes.update(id, input, access: access, actor: req.auditActor(), app: req.application)
            req.flash(Strings.Statistics.schemeSaved)
            return req.redirect(to: SiteURL.adminAssessmentScheme.link(id))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await render(req, access: access, id: id, input: input, error: error.message, errors: error.fields, status: error.status)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let access = try await req.access()
        try await AssessmentSchemes.delete(try req.idParameter("schemeID"), access: access, actor: req.auditActor(), app: req.application)
        req.flash(Strings.Statistics.schemeDeleted)
        return req.redirect(to: SiteURL.adminAssessment.path)
    }

    private func managed(_ req: Request, access: Access) async throws -> AssessmentScheme {
        guard let scheme = try await AssessmentScheme.find(try req.idParameter("schemeID"), on: req.db) else { throw AppError.notFound() }
        try access.requireAssessmentManagement(of: scheme.ownerUnitID)
        return scheme
    }

    /// The posted form as the service's input; rows left blank (no figure) are dropped, a weight or target that is
    /// not a number is kept as an impossible value so the check names it.
    private func read(_ req: Request) async throws -> AssessmentSchemes.Input {
        let form = try await req.decodeForm(Form.self)
        let figures = form.figure ?? [], weights = form.weight ?? [], rules = form.rule ?? [], targets = form.target ?? []
        var indicators: [AssessmentSchemes.Input.Indicator] = []
        for index in figures.indices where !figures[index].isEmpty {
            let weight = index < weights.count ? Double(weights[index].trimmingCharacters(in: .whitespaces)) ?? -1 : -1
            let targetText = index < targets.count ? targets[index].trimmingCharacters(in: .whitespaces) : ""
            indicators.append(.init(figure: figures[index], weight: weight, rule: index < rules.count ? rules[index] : "",
                                    target: targetText.isEmpty ? nil : Double(targetText)))
        }
        return AssessmentSchemes.Input(name: form.name ?? "", category: form.category ?? "", units: form.units ?? [], indicators: indicators,
                                       version: form.version)
    }

    private func render(_ req: Request, access: Access, id: UUID?, input: AssessmentSchemes.Input, error: String?, errors: [String: String],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let scope = access.assessableUnits
        let units = access.tree.nameOf.filter { scope.contains($0.key) }.sorted { ($0.value, $0.key.uuidString) < ($1.value, $1.key.uuidString) }
        let chosen = Set(input.units)
        func row(_ indicator: AssessmentSchemes.Input.Indicator?) -> IndicatorRow {
            IndicatorRow(
                figures: [Option(value: "", label: "—", selected: indicator == nil)]
                    + StatisticsSources.figures.map { Option(value: $0.key.rawValue, label: $0.label, selected: indicator?.figure == $0.key.rawValue) },
                weight: indicator.map { $0.weight < 0 ? "" : StatisticsPagesController.points($0.weight) } ?? "",
                rules: ScoringRule.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: (indicator?.rule ?? ScoringRule.ratioToBest.rawValue) == $0.rawValue) },
                target: indicator?.target.map(StatisticsPagesController.points) ?? "")
        }
        let page = FormPage(
            isNew: id == nil, action: id.map { SiteURL.adminAssessmentScheme.link($0) } ?? SiteURL.adminAssessment.path,
            deleteAction: id.map { SiteURL.adminAssessmentDelete.link($0) }, rankingHref: id.map { SiteURL.statisticsRanking.link($0) },
            name: input.name, category: input.category, version: input.version,
            units: units.map { Option(value: $0.key.uuidString, label: $0.value, selected: chosen.contains($0.key)) },
            indicators: input.indicators.map(row) + Array(repeating: row(nil), count: 3),
            error: error, errors: errors, listHref: SiteURL.adminAssessment.path)
        return try await req.renderPage("statistics/admin-form", title: id == nil ? Strings.Statistics.newSchemeTitle : input.name,
                                        section: .admin, page, status: status)
    }
}
