import Fluent
import Foundation

/// The lists of 督办事项, the one query of pages and API: what the person may see (``Access/supervisionItems(on:)``),
/// narrowed by the filters, or what waits for them (待办); and the counts by colour per 责任领导 and per 督查室.
enum SupervisionBoard {
    enum View: String, Sendable, CaseIterable {
        /// What waits for the person: a part of their unit to handle, reports, 延期 or 办结 for them to decide.
        case todo
        case all
    }

    struct Filter: Sendable {
        var view: View = .all
        var category: SupervisionItem.Category?
        /// A responsible unit.
        var unitID: UUID?
        var leaderID: UUID?
        /// The 督查室's unit.
        var officeID: UUID?
        var light: SupervisionLight?
        /// 立项 between these Beijing days.
        var from: String?
        var to: String?
        /// Only items, or also 子事项.
        var includeChildren = true
    }

    struct Page: Sendable {
        var items: [SupervisionItem]
        var total: Int
    }

    static func list(_ filter: Filter, access: Access, days: SupervisionDays, page: Int, perPage: Int, on db: any Database) async throws -> Page {
        let query = try await query(filter, access: access, days: days, on: db)
        let total = try await query.count()
        let items = try await query.sort(\.$createdAt, .descending).sort(\.$id).range(((page - 1) * perPage)..<(page * perPage)).all()
        return Page(items: items, total: total)
    }

    static func query(_ filter: Filter, access: Access, days: SupervisionDays, on db: any Database) async throws -> QueryBuilder<SupervisionItem> {
        let query = try await access.supervisionItems(on: db)
        if filter.view == .todo {
            let ids = try await todo(access: access, on: db)
            query.filter(\.$id ~~ ids)
        }
        if let category = filter.category { query.filter(\.$category == category.rawValue) }
        if let leader = filter.leaderID { query.filter(\.$leaderID == leader) }
        if let office = filter.officeID { query.filter(\.$ownerUnitID == office) }
        if let unit = filter.unitID {
            let ids = try await SupervisionAssignment.query(on: db).filter(\.$unitID == unit).field(\.$itemID).all().map(\.itemID)
            query.filter(\.$id ~~ Array(Set(ids)))
        }
        if !filter.includeChildren { query.filter(\.$parentID == nil) }
        if let from = filter.from, let start = SupervisionDays.noon(of: from) { query.filter(\.$createdAt >= start.addingTimeInterval(-12 * 3600)) }
        if let to = filter.to, let end = SupervisionDays.noon(of: to) { query.filter(\.$createdAt < end.addingTimeInterval(12 * 3600)) }
        switch filter.light {
        case nil: break
        case .done?:
            query.filter(\.$state ~~ [SupervisionItem.State.completed.rawValue, SupervisionItem.State.terminated.rawValue, SupervisionItem.State.cancelled.rawValue])
        case .overdue?:
            query.filter(\.$state == SupervisionItem.State.open.rawValue).filter(\.$nextDue < days.today)
        case .nearing?:
            query.filter(\.$state == SupervisionItem.State.open.rawValue).filter(\.$nextDue >= days.today).filter(\.$nextDue <= days.nearingUntil)
        case .normal?:
            query.group(.or) { group in
                group.filter(\.$state == SupervisionItem.State.completionRequested.rawValue)
                group.group(.and) { open in
                    open.filter(\.$state == SupervisionItem.State.open.rawValue).filter(\.$nextDue > days.nearingUntil)
                }
            }
        }
        return query
    }

    /// The items waiting for the person.
    static func todo(access: Access, on db: any Database) async throws -> [UUID] {
        var ids = Set<UUID>()
        let departments = try await access.departments(on: db)
        let units = Array(access.handledSupervisionUnits)
        var parts: [SupervisionAssignment] = []
        if !units.isEmpty { parts += try await SupervisionAssignment.query(on: db).filter(\.$unitID ~~ units).all() }
        if !departments.isEmpty { parts += try await SupervisionAssignment.query(on: db).filter(\.$departmentID ~~ departments.map { Optional($0) }).all() }
        let handled = Set(parts.filter { access.handles($0, departments: departments) }.map(\.itemID))
        if !handled.isEmpty {
            ids.formUnion(try await SupervisionItem.query(on: db).filter(\.$id ~~ Array(handled)).filter(\.$state == SupervisionItem.State.open.rawValue)
                .field(\.$id).all().compactMap(\.id))
        }
        // As the 督查室: reports to check, 延期 and 办结 to decide.
        let offices = Array(access.handledSupervisionUnits)
        if !offices.isEmpty {
            let mine = SupervisionItem.query(on: db).field(\.$id).filter(\.$ownerUnitID ~~ offices)
            let waitingReports = Set(try await SupervisionReport.query(on: db).filter(\.$state == SupervisionReport.State.submitted.rawValue).field(\.$itemID).all().map(\.itemID))
            let waitingExtensions = Set(try await SupervisionExtension.query(on: db).filter(\.$state == SupervisionExtension.State.pending.rawValue)
                .field(\.$itemID).all().map(\.itemID))
            let asked = Set(try await SupervisionItem.query(on: db).filter(\.$state == SupervisionItem.State.completionRequested.rawValue).field(\.$id).all()
                .compactMap(\.id))
            let candidates = waitingReports.union(waitingExtensions).union(asked)
            if !candidates.isEmpty {
                ids.formUnion(try await mine.filter(\.$id ~~ Array(candidates)).all().compactMap(\.id))
            }
        }
        // As 责任领导: 延期 to decide.
        let led = Set(try await SupervisionItem.query(on: db).filter(\.$leaderID == access.userID).field(\.$id).all().compactMap(\.id))
        if !led.isEmpty {
            ids.formUnion(try await SupervisionExtension.query(on: db).filter(\.$itemID ~~ Array(led))
                .filter(\.$state == SupervisionExtension.State.pending.rawValue).field(\.$itemID).all().map(\.itemID))
        }
        return ids.sorted { $0.uuidString < $1.uuidString }
    }

    /// Counts by colour, per key (a 责任领导, a 督查室's unit, a responsible unit).
    struct Tally: Sendable, Encodable {
        var key: UUID?
        var name: String
        var normal = 0
        var nearing = 0
        var overdue = 0
        var done = 0

        var total: Int { normal + nearing + overdue + done }

        mutating func add(_ light: SupervisionLight) {
            switch light {
            case .normal: normal += 1
            case .nearing: nearing += 1
            case .overdue: overdue += 1
            case .done: done += 1
            }
        }
    }

    /// The board: each 责任领导's and each 主办单位's items by colour, over what the filter shows (top-level items).
    static func tallies(_ filter: Filter, access: Access, days: SupervisionDays, on db: any Database) async throws -> (leaders: [Tally], units: [Tally]) {
        var whole = filter
        whole.light = nil
        let items = try await query(whole, access: access, days: days, on: db).field(\.$id).field(\.$leaderID).field(\.$state).field(\.$nextDue).all()
        let lights = Dictionary(uniqueKeysWithValues: items.compactMap { item in item.id.map { ($0, SupervisionLight.of(item, days: days)) } })
        var leaders: [UUID?: Tally] = [:]
        for item in items {
            guard let id = item.id, let light = lights[id] else { continue }
            leaders[item.leaderID, default: Tally(key: item.leaderID, name: "")].add(light)
        }
        let names = try await TaskView.names(Set(leaders.keys.compactMap { $0 }), on: db)
        var units: [UUID: Tally] = [:]
        let ids = Array(lights.keys)
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[chunk..<min(ids.count, chunk + 500)])
            for part in try await SupervisionAssignment.query(on: db).filter(\.$itemID ~~ slice).filter(\.$role == SupervisionAssignment.Role.lead.rawValue).all() {
                guard let light = lights[part.itemID] else { continue }
                units[part.unitID, default: Tally(key: part.unitID, name: access.tree.nameOf[part.unitID] ?? "")].add(light)
            }
        }
        var leaderList: [Tally] = []
        for tally in leaders.values {
            var named = tally
            named.name = tally.key.flatMap { names[$0] } ?? Strings.Supervision.noLeader
            leaderList.append(named)
        }
        leaderList.sort { (a: Tally, b: Tally) -> Bool in a.total == b.total ? a.name < b.name : a.total > b.total }
        let unitList = units.values.sorted { (a: Tally, b: Tally) -> Bool in a.overdue == b.overdue ? a.name < b.name : a.overdue > b.overdue }
        return (leaderList, unitList)
    }
}
