import Fluent
import Vapor

/// `GET /api/v1/units` and `GET /api/v1/users`.
struct OrganizationAPIController {
    struct UnitDTO: Content, Sendable {
        var id: UUID
        var name: String
        var shortName: String?
        var code: String
        var kind: Unit.Kind
        var parentID: UUID?
        var disabled: Bool
    }

    struct PeoplePage: Content, Sendable {
        var items: [PersonDTO]
        var total: Int
        var page: Int
        var perPage: Int
    }

    func register(on routes: any RoutesBuilder) {
        routes.get("units", use: units)
        routes.get("users", use: users)
    }

    /// The whole unit tree: every person needs it to address documents to other units.
    @Sendable func units(req: Request) async throws -> Response {
        let includeDisabled = try PeopleFilter.flag(req, "includeDisabled")
        let query = Unit.query(on: req.db).sort(\.$sortOrder).sort(\.$name)
        if !includeDisabled { query.filter(\.$isDisabled == false) }
        let units = try await query.all().map { unit in
            UnitDTO(id: unit.id!, name: unit.name, shortName: unit.shortName, code: unit.code, kind: unit.kind,
                    parentID: unit.$parent.id, disabled: unit.isDisabled)
        }
        return try APIResponse.json(units)
    }

    /// People the caller may see; asking for a unit outside that is refused, not silently emptied.
    @Sendable func users(req: Request) async throws -> Response {
        let access = try await req.access()
        let filter = try PeopleFilter.fromQuery(req, perPageLimit: 200)
        if let unitID = filter.unitID, !access.visiblePeopleScope.contains(unitID) {
            throw AppError.forbidden(Strings.Organization.unitPeopleForbidden)
        }
        let (users, total) = try await filter.run(access.scopePeople(User.query(on: req.db)))
        return try APIResponse.json(PeoplePage(items: try await PersonDirectory.load(users, on: req.db),
                                                   total: total, page: filter.page, perPage: filter.perPage))
    }
}

extension PeopleFilter {
    /// Reads `unit`, `department`, `q`, `includeDisabled`, `page` and `perPage` from the query string,
    /// refusing malformed values with a clear message instead of ignoring them.
    static func fromQuery(_ req: Request, perPageLimit: Int) throws -> PeopleFilter {
        var filter = PeopleFilter()
        func uuid(_ name: String) throws -> UUID? {
            guard let raw = req.queryValue(name), !raw.isEmpty else { return nil }
            guard let id = UUID(uuidString: raw) else {
                throw AppError.validation(Strings.API.invalidID(name), fields: [name: Strings.API.invalidIDField])
            }
            return id
        }
        filter.unitID = try uuid("unit")
        filter.departmentID = try uuid("department")
        filter.text = req.queryValue("q").map { String($0.prefix(50)) }
        filter.includeDisabled = try flag(req, "includeDisabled")
        if let raw = req.queryValue("page"), !raw.isEmpty {
            guard let page = Int(raw), page >= 1, page <= 100_000 else {
                throw AppError.validation(Strings.API.pageInvalid, fields: ["page": Strings.API.pageInvalidField])
            }
            filter.page = page
        }
        if let raw = req.queryValue("perPage"), !raw.isEmpty {
            guard let per = Int(raw), (1...perPageLimit).contains(per) else {
                throw AppError.validation(Strings.API.perPageOutOfRange(perPageLimit), fields: ["perPage": Strings.API.perPageOutOfRangeField])
            }
            filter.perPage = per
        }
        return filter
    }

    /// A yes/no query parameter: `true`/`1`/`on` or `false`/`0`/`off`; anything else is refused.
    static func flag(_ req: Request, _ name: String) throws -> Bool {
        guard let raw = req.queryValue(name)?.lowercased(), !raw.isEmpty else { return false }
        switch raw {
        case "true", "1", "on": return true
        case "false", "0", "off": return false
        default: throw AppError.validation(Strings.API.flagInvalid(name), fields: [name: Strings.API.flagInvalidField])
        }
    }
}
