import Fluent
import Foundation
import Gongwen
import Vapor

/// 督查督办's business actions, each one call that the pages, the API, the import and the demo use alike, in one
/// transaction with its audit record: 立项 (by hand, from a 收文's 批示, or many at once from a task list), 修改, 分解 into
/// 子事项, 终止/撤销. Reports, 催办, 延期, 办结 and 评价 are in ``SupervisionService`` extensions beside this file.
enum SupervisionService {
    typealias Actor = WorkflowService.Actor

    /// What the 督查室 types when it opens or edits an item.
    struct Input: Sendable {
        var title: String?
        var source: SupervisionItem.Source = .manual
        var sourceText: String?
        var incomingID: UUID?
        var category: String?
        var leaderID: UUID?
        var leadUnitIDs: [UUID] = []
        var assistUnitIDs: [UUID] = []
        var requirements: String?
        var deadline: String?
        var cycle: String?
        var cycleDays: String?
        var classification: String?
    }

    /// The input checked.
    struct Checked: Sendable {
        var title: String
        var source: SupervisionItem.Source
        var sourceText: String
        var incoming: IncomingDocument?
        var instruction: String?
        var category: SupervisionItem.Category
        var leaderID: UUID?
        var leadUnitIDs: [UUID]
        var assistUnitIDs: [UUID]
        var requirements: String
        var deadline: String
        var cycle: SupervisionItem.Cycle
        var cycleDays: Int?
        var classification: Classification?
    }

    /// Checks `input` for a person who may open items; `units` false skips the responsible units (an edit keeps them).
    static func check(_ input: Input, access: Access, policy: DocumentRules.Policy, now: Date, units: Bool = true,
                      on db: any Database) async throws -> Checked {
        let s = Strings.Supervision.self
        var errors: [String: String] = [:]
        let title = FieldRules.trimmed(input.title)
        if title.isEmpty { errors["title"] = s.titleRequired } else if title.count > 200 { errors["title"] = s.titleTooLong }
        let requirements = (input.requirements ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if requirements.count > 5000 { errors["requirements"] = s.requirementsTooLong }
        var sourceText = FieldRules.trimmed(input.sourceText)
        if sourceText.count > 200 { errors["sourceText"] = s.sourceTooLong }
        let category = SupervisionItem.Category(rawValue: input.category ?? "")
        if category == nil { errors["category"] = s.categoryRequired }
        let cycle = SupervisionItem.Cycle(rawValue: input.cycle ?? "")
        if cycle == nil { errors["cycle"] = s.cycleRequired }
        var cycleDays: Int?
        if cycle == .custom {
            cycleDays = Int(FieldRules.trimmed(input.cycleDays))
            if cycleDays.map({ !(1...60).contains($0) }) ?? true { errors["cycleDays"] = s.cycleDaysInvalid }
        }
        let today = DocumentDate(now).iso
        let deadline = FieldRules.trimmed(input.deadline)
        if let day = DocumentDate(iso: deadline) {
            if day.iso < today { errors["deadline"] = s.deadlineInPast }
        } else {
            errors["deadline"] = s.deadlineInvalid
        }
        var classification: Classification?
        if let raw = input.classification, !raw.isEmpty {
            classification = Classification(rawValue: raw)
            if classification == nil { errors["classification"] = s.classificationInvalid } else if !policy.allowsClassified {
                errors["classification"] = s.classifiedRefused
            }
        }
        if let leader = input.leaderID {
            let found = try await User.find(leader, on: db)
            let leads = try await UserPosition.query(on: db).filter(\.$user.$id == leader).filter(\.$department.$id == nil).first() != nil
            if found == nil || found?.isDisabled == true || !leads { errors["leader"] = s.leaderInvalid }
        }
        var leads = input.leadUnitIDs.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        var assists = input.assistUnitIDs.reduce(into: [UUID]()) { if !$0.contains($1) && !leads.contains($1) { $0.append($1) } }
        if units {
            if leads.isEmpty { errors["leadUnits"] = s.leadUnitRequired }
            let all = leads + assists
            let enabled = Set(try await Unit.query(on: db).filter(\.$id ~~ all).filter(\.$isDisabled == false).all().compactMap(\.id))
            if all.contains(where: { !enabled.contains($0) || !access.supervises($0) }) { errors["leadUnits"] = s.unitOutsideScope }
        } else {
            leads = []
            assists = []
        }
        var incoming: IncomingDocument?
        var instruction: String?
        let source = input.source
        if source == .instruction {
            guard let id = input.incomingID, let document = try await IncomingDocument.find(id, on: db), try await access.canView(document, on: db) else {
                throw AppError.validation(s.incomingRequired, fields: ["incoming": s.incomingRequired])
            }
            incoming = document
            instruction = try await SupervisionSources.instruction(on: document, on: db)
            if sourceText.isEmpty { sourceText = Strings.Supervision.incomingSource(number: document.registrationNumber, title: document.title) }
        }
        if sourceText.isEmpty && source != .manual { errors["sourceText"] = s.sourceRequired }
        guard errors.isEmpty, let category, let cycle else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return Checked(title: title, source: source, sourceText: sourceText, incoming: incoming, instruction: instruction, category: category,
                       leaderID: input.leaderID, leadUnitIDs: leads, assistUnitIDs: assists, requirements: requirements, deadline: deadline,
                       cycle: cycle, cycleDays: cycleDays, classification: classification)
    }

    /// 立项: a new item of the person's 督查室, its responsible units told.
    static func open(_ input: Input, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> SupervisionItem {
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let checked = try await check(input, access: access, policy: app.documentPolicy, now: now, on: app.db)
        let calendar = try await WorkingDays.calendar(on: app.db)
        return try await app.write { db in
            try await create(checked, parentID: nil, owner: access.unitID, departments: [:], access: access, actor: actor,
                             days: SupervisionDays(now: now, calendar: calendar), now: now, on: db)
        }
    }

    /// 批量立项: every row of a task list, all or none (the rows were checked by ``SupervisionImport``).
    static func openAll(_ inputs: [Input], access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> [SupervisionItem] {
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        var list: [Checked] = []
        for input in inputs { list.append(try await check(input, access: access, policy: app.documentPolicy, now: now, on: app.db)) }
        let checked = list
        let calendar = try await WorkingDays.calendar(on: app.db)
        return try await app.write { db in
            var items: [SupervisionItem] = []
            for one in checked {
                items.append(try await create(one, parentID: nil, owner: access.unitID, departments: [:], access: access, actor: actor,
                                              days: SupervisionDays(now: now, calendar: calendar), now: now, on: db))
            }
            return items
        }
    }

    /// Writes an item and its responsible units (`departments`: a 子事项's department, keyed by its unit).
    static func create(_ checked: Checked, parentID: UUID?, owner: UUID, departments: [UUID: UUID], access: Access, actor: Actor,
                       days: SupervisionDays, now: Date, on db: any Database) async throws -> SupervisionItem {
        let item = SupervisionItem()
        item.id = UUID()
        item.parentID = parentID
        item.ownerUnitID = owner
        item.createdBy = access.userID
        item.title = checked.title
        item.source = checked.source.rawValue
        item.sourceText = checked.sourceText
        item.incomingID = try checked.incoming?.requireID()
        item.instruction = checked.instruction
        item.category = checked.category.rawValue
        item.leaderID = checked.leaderID
        item.requirements = checked.requirements
        item.deadline = checked.deadline
        item.cycle = checked.cycle.rawValue
        item.cycleDays = checked.cycleDays
        item.classification = checked.classification?.rawValue
        item.state = SupervisionItem.State.open.rawValue
        item.version = 1
        item.createdAt = now
        item.updatedAt = now
        try await item.create(on: db)
        let firstReport = checked.cycle == .once ? checked.deadline
            : days.nextReport(after: days.today, cycle: checked.cycle, customDays: checked.cycleDays, deadline: checked.deadline) ?? checked.deadline
        let parts = checked.leadUnitIDs.map { ($0, SupervisionAssignment.Role.lead) } + checked.assistUnitIDs.map { ($0, .assist) }
        for (unit, role) in parts {
            let part = SupervisionAssignment()
            part.itemID = try item.requireID()
            part.unitID = unit
            part.departmentID = departments[unit]
            part.role = role.rawValue
            part.progress = 0
            part.nextReportDue = firstReport
            part.createdAt = now
            try await part.create(on: db)
            try await SupervisionPeople.notify(try await SupervisionPeople.handlers(of: part, on: db), item: item,
                                               title: Strings.Supervision.assignedTitle(item.title), body: Strings.Supervision.dueBody(checked.deadline),
                                               key: "supervision-assigned:\(try part.requireID())", at: now, on: db)
        }
        try await SupervisionProgress.refresh(item, on: db)
        try await item.update(on: db)
        let names = parts.map { access.tree.nameOf[$0.0] ?? "" }.joined(separator: "、")
        try await AuditLog.record(AuditEvent(action: parentID == nil ? "supervision.open" : "supervision.split", targetType: "supervision_item",
                                             targetID: item.id?.uuidString, targetLabel: item.title,
                                             after: ["units": names, "deadline": item.deadline, "parent": parentID?.uuidString ?? ""]), by: actor.audit, on: db)
        return item
    }

    /// 修改: the 督查室, while it is being handled; the responsible units stay. Guarded by `expectedVersion`.
    @discardableResult
    static func edit(_ id: UUID, _ input: Input, expectedVersion: Int, access: Access, actor: Actor, app: Application,
                     now: Date = Date()) async throws -> SupervisionItem {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard access.isSupervisionOffice(of: item) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        var input = input
        input.source = item.sourceValue
        input.incomingID = item.incomingID
        if item.sourceValue == .instruction, FieldRules.trimmed(input.sourceText).isEmpty { input.sourceText = item.sourceText }
        if let parentID = item.parentID, let parent = try await SupervisionItem.find(parentID, on: app.db),
           FieldRules.trimmed(input.deadline) > parent.deadline {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["deadline": Strings.Supervision.childDeadlineLate(parent.deadline)])
        }
        let checked = try await check(input, access: access, policy: app.documentPolicy, now: now, units: false, on: app.db)
        return try await app.write { db in
            guard let current = try await SupervisionItem.find(id, on: db) else { throw AppError.notFound() }
            guard current.stateValue == .open else { throw AppError.conflict(Strings.Supervision.notOpen) }
            guard current.version == expectedVersion else { throw AppError.conflict(Strings.Supervision.editedMeanwhile) }
            let before = ["title": current.title, "deadline": current.deadline, "cycle": current.cycle]
            current.title = checked.title
            current.sourceText = checked.sourceText
            current.category = checked.category.rawValue
            current.leaderID = checked.leaderID
            current.requirements = checked.requirements
            current.cycle = checked.cycle.rawValue
            current.cycleDays = checked.cycleDays
            current.classification = checked.classification?.rawValue
            if current.deadline != checked.deadline {
                current.deadline = checked.deadline
                for part in try await SupervisionAssignment.query(on: db).filter(\.$itemID == id).all() where (part.nextReportDue ?? "") > checked.deadline {
                    part.nextReportDue = checked.deadline
                    try await part.update(on: db)
                }
            }
            current.version += 1
            current.updatedAt = now
            try await SupervisionProgress.refresh(current, on: db)
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "supervision.edit", targetType: "supervision_item", targetID: id.uuidString, targetLabel: current.title,
                                                 before: before, after: ["title": current.title, "deadline": current.deadline, "cycle": current.cycle]),
                                      by: actor.audit, on: db)
            return current
        }
    }

    /// What the lead unit types for one 子事项.
    struct ChildInput: Sendable {
        var title: String?
        /// A unit under the lead unit, or nil for one of its departments.
        var unitID: UUID?
        var departmentID: UUID?
        var requirements: String?
        var deadline: String?
    }

    /// 分解: the lead unit's handler splits off a 子事项 for one of its departments or a unit under it, due no later than
    /// the item; the lead unit is its 督查室.
    static func split(_ id: UUID, _ input: ChildInput, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> SupervisionItem {
        let parent = try await SupervisionLookup.visible(id, access: access, on: app.db)
        let lead = try await SupervisionLookup.handledLead(of: parent, access: access, on: app.db)
        guard let lead else { throw AppError.forbidden(Strings.Supervision.notLead) }
        guard parent.stateValue == .open else { throw AppError.conflict(Strings.Supervision.notOpen) }
        let s = Strings.Supervision.self
        var target: UUID?
        var department: UUID?
        if let departmentID = input.departmentID {
            if let found = try await Department.find(departmentID, on: app.db), found.$unit.id == lead.unitID, !found.isDisabled {
                target = lead.unitID
                department = departmentID
            }
        } else if let unitID = input.unitID, unitID != lead.unitID, access.tree.isWithin(unitID, ancestor: lead.unitID),
                  let unit = try await Unit.find(unitID, on: app.db), !unit.isDisabled {
            target = unitID
        }
        guard let target else { throw AppError.validation(s.childTargetInvalid, fields: ["target": s.childTargetInvalid]) }
        let deadline = FieldRules.trimmed(input.deadline)
        if DocumentDate(iso: deadline) != nil, deadline > parent.deadline {
            throw AppError.validation(Strings.Error.formInvalid, fields: ["deadline": s.childDeadlineLate(parent.deadline)])
        }
        let whole = Input(title: input.title, source: .manual, sourceText: parent.title, category: parent.category, leaderID: nil, requirements: input.requirements,
                          deadline: input.deadline, cycle: parent.cycle, cycleDays: parent.cycleDays.map(String.init),
                          classification: parent.classification)
        var typed = try await check(whole, access: access, policy: app.documentPolicy, now: now, units: false, on: app.db)
        typed.leadUnitIDs = [target]
        typed.leaderID = parent.leaderID
        let checked = typed
        let departments = department.map { [target: $0] } ?? [:]
        let calendar = try await WorkingDays.calendar(on: app.db)
        return try await app.write { db in
            guard let current = try await SupervisionItem.find(id, on: db), current.stateValue == .open else { throw AppError.conflict(s.notOpen) }
            return try await create(checked, parentID: id, owner: lead.unitID, departments: departments, access: access,
                                    actor: actor, days: SupervisionDays(now: now, calendar: calendar), now: now, on: db)
        }
    }

    enum Closing: String, Codable, Sendable, CaseIterable {
        /// 终止.
        case terminate
        /// 撤销.
        case cancel
    }

    /// 终止 / 撤销: the 督查室 closes an item that is still being handled, with a reason; its 子事项 close with it.
    static func close(_ id: UUID, _ how: Closing, reason: String?, access: Access, actor: Actor, app: Application,
                      now: Date = Date()) async throws -> SupervisionItem {
        let item = try await SupervisionLookup.visible(id, access: access, on: app.db)
        guard access.isSupervisionOffice(of: item) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let reason = FieldRules.trimmed(reason)
        guard !reason.isEmpty, reason.count <= 500 else {
            throw AppError.validation(Strings.Supervision.reasonRequired, fields: ["reason": Strings.Supervision.reasonRequired])
        }
        return try await app.write { db in
            guard let current = try await SupervisionItem.find(id, on: db) else { throw AppError.notFound() }
            guard !current.stateValue.isClosed else { throw AppError.conflict(Strings.Supervision.alreadyClosed) }
            var queue = [current]
            while let next = queue.popLast() {
                guard !next.stateValue.isClosed else { continue }
                next.state = (how == .terminate ? SupervisionItem.State.terminated : .cancelled).rawValue
                next.closingReason = reason
                next.closedAt = now
                next.version += 1
                next.updatedAt = now
                next.nextDue = nil
                try await next.update(on: db)
                queue += try await SupervisionItem.query(on: db).filter(\.$parentID == next.requireID()).all()
            }
            for part in try await SupervisionAssignment.query(on: db).filter(\.$itemID == id).all() {
                try await SupervisionPeople.notify(try await SupervisionPeople.handlers(of: part, on: db), item: current,
                                                   title: Strings.Supervision.closedTitle(current.title, how), body: reason,
                                                   key: "supervision-closed:\(id)", at: now, on: db)
            }
            try await AuditLog.record(AuditEvent(action: "supervision.\(how.rawValue)", targetType: "supervision_item", targetID: id.uuidString,
                                                 targetLabel: current.title, after: ["reason": reason]), by: actor.audit, on: db)
            return current
        }
    }
}

/// Finding a 督办事项 for a person: the one place it is looked up by id.
enum SupervisionLookup {
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> SupervisionItem {
        guard let item = try await SupervisionItem.find(id, on: db), try await access.canView(item, on: db) else { throw AppError.notFound() }
        return item
    }

    /// The 主办 part of `item` the person handles, if any.
    static func handledLead(of item: SupervisionItem, access: Access, on db: any Database) async throws -> SupervisionAssignment? {
        let departments = try await access.departments(on: db)
        return try await SupervisionAssignment.query(on: db).filter(\.$itemID == item.requireID()).filter(\.$role == SupervisionAssignment.Role.lead.rawValue)
            .all().first { access.handles($0, departments: departments) }
    }

    /// The parts of `item` the person handles.
    static func handled(of item: SupervisionItem, access: Access, on db: any Database) async throws -> [SupervisionAssignment] {
        let departments = try await access.departments(on: db)
        return try await SupervisionAssignment.query(on: db).filter(\.$itemID == item.requireID()).all().filter { access.handles($0, departments: departments) }
    }
}

extension Request {
    /// The 督办事项 the route's `itemID` names, if the signed-in person may see it.
    func visibleSupervisionItem(_ parameter: String = "itemID") async throws -> SupervisionItem {
        try await SupervisionLookup.visible(try idParameter(parameter), access: try await access(), on: db)
    }
}
