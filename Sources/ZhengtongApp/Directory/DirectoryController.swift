import Fluent
import Vapor

/// 通讯录: find anyone you may see by name, unit, department or phone.
struct DirectoryController {
    struct DirectoryPage: Encodable, Sendable {
        var q: String
        var units: [SelectOption]
        var departments: [SelectOption]
        var people: [PersonDTO]
        var total: Int
        var pager: Pager
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.directory, use: directory)
    }

    @Sendable func directory(req: Request) async throws -> Response {
        let access = try await req.access()
        var filter = try PeopleFilter.fromQuery(req, perPageLimit: 100)
        filter.includeDisabled = false
        if let unitID = filter.unitID, !access.visiblePeopleScope.contains(unitID) {
            throw AppError.forbidden(Strings.Organization.unitPeopleForbidden)
        }
        let (users, total) = try await filter.run(access.scopePeople(User.query(on: req.db)))
        let people = try await PersonDirectory.load(users, on: req.db)

        let unitQuery = Unit.query(on: req.db).filter(\.$isDisabled == false)
        if case .units(let ids) = access.visiblePeopleScope { unitQuery.filter(\.$id ~~ Array(ids)) }
        let units = try await UnitOutline.ordered(try await unitQuery.all())
        var departments: [SelectOption] = []
        if let unitID = filter.unitID {
            departments = try await DepartmentOutline.ordered(
                try await Department.query(on: req.db).filter(\.$unit.$id == unitID).filter(\.$isDisabled == false).all()
            ).map { SelectOption(value: $0.id, label: $0.label, selected: $0.id == filter.departmentID?.uuidString) }
        }
        let page = DirectoryPage(
            q: filter.text ?? "",
            units: units.map { SelectOption(value: $0.id, label: $0.label, selected: $0.id == filter.unitID?.uuidString) },
            departments: departments, people: people, total: total,
            pager: Pager(page: filter.page, perPage: filter.perPage, total: total, request: req))
        return try await req.renderPage("directory", title: Strings.page["directory_title"]!, section: .directory, page)
    }
}
