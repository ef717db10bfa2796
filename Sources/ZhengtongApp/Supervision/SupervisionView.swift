import Fluent
import Foundation
import Vapor

/// A 督办事项 as the API shows it and the item page builds on: never the model itself. `actions` says what the caller may
/// do now, so a phone client offers the same buttons as the page.
struct SupervisionItemView: Content, Sendable {
    struct Ref: Content, Sendable {
        var id: UUID
        var name: String
    }

    struct Part: Content, Sendable {
        var id: UUID
        var unit: Ref
        var department: Ref?
        var role: SupervisionAssignment.Role
        var roleLabel: String
        var progress: Int
        var nextReportDue: String?
        /// The unit's own colour: red when its report is late.
        var light: SupervisionLight
        var score: Int?
        var remark: String?
        /// The caller handles this part.
        var mine: Bool
    }

    struct Report: Content, Sendable {
        var id: UUID
        var assignmentID: UUID
        var unitName: String
        var author: String
        var text: String
        var progress: Int
        var dueFor: String?
        var onTime: Bool
        var state: SupervisionReport.State
        var stateLabel: String
        var reason: String?
        var createdAt: Date
        var createdText: String
        var files: [File]
    }

    struct Extension: Content, Sendable {
        var id: UUID
        var requestedBy: String
        var previousDeadline: String
        var requestedDeadline: String
        var reason: String
        var state: SupervisionExtension.State
        var stateLabel: String
        /// Who decided it (the 督查室's person or the 责任领导).
        var decidedBy: String?
        var decisionReason: String?
        var createdAt: Date
        var createdText: String
    }

    struct Reminder: Content, Sendable {
        var unitName: String?
        var sentBy: String
        var message: String
        var createdAt: Date
        var createdText: String
    }

    struct File: Content, Sendable {
        var id: UUID
        var name: String
        var contentType: String
        var size: Int
        var url: String
    }

    struct Child: Content, Sendable {
        var id: UUID
        var title: String
        var deadline: String
        var state: SupervisionItem.State
        var light: SupervisionLight
        var progress: Int
        var responsible: String
    }

    /// What the caller may do now.
    struct Actions: Content, Sendable {
        var edit = false
        var report = false
        var decideReports = false
        var remind = false
        var requestExtension = false
        var decideExtension = false
        var requestCompletion = false
        var decideCompletion = false
        var evaluate = false
        var close = false
        var split = false
        var addFile = false
    }

    var id: UUID
    var parent: Ref?
    var title: String
    var source: SupervisionItem.Source
    var sourceLabel: String
    var sourceText: String
    var incomingID: UUID?
    var instruction: String?
    var category: SupervisionItem.Category
    var categoryLabel: String
    var leader: Ref?
    var office: Ref
    var createdBy: String
    var requirements: String
    var deadline: String
    var cycle: SupervisionItem.Cycle
    var cycleDays: Int?
    var cycleLabel: String
    var classification: String?
    var state: SupervisionItem.State
    var stateLabel: String
    var light: SupervisionLight
    var lightLabel: String
    var nextDue: String?
    var progress: Int
    var completionSummary: String?
    var completionReturned: String?
    var closingReason: String?
    var closedAt: Date?
    var onTime: Bool?
    var version: Int
    var createdAt: Date
    var parts: [Part]
    var children: [Child]
    var reports: [Report]
    var extensions: [Extension]
    var reminders: [Reminder]
    var files: [File]
    var actions: Actions

    static func load(_ item: SupervisionItem, access: Access, days: SupervisionDays, links: LinkKind = .api, on db: any Database) async throws -> SupervisionItemView {
        let id = try item.requireID()
        let tree = access.tree
        let parts = try await SupervisionAssignment.query(on: db).filter(\.$itemID == id).sort(\.$role, .descending).sort(\.$createdAt).all()
        let departments = try await access.departments(on: db)
        let departmentNames = Dictionary(try await Department.query(on: db).filter(\.$id ~~ parts.compactMap(\.departmentID)).all()
            .compactMap { department in department.id.map { ($0, department.name) } }, uniquingKeysWith: { a, _ in a })
        let reports = try await SupervisionReport.query(on: db).filter(\.$itemID == id).sort(\.$createdAt, .descending).all()
        let extensions = try await SupervisionExtension.query(on: db).filter(\.$itemID == id).sort(\.$createdAt, .descending).all()
        let reminders = try await SupervisionReminder.query(on: db).filter(\.$itemID == id).sort(\.$createdAt, .descending).limit(50).all()
        let files = try await SupervisionFile.query(on: db).filter(\.$itemID == id).sort(\.$createdAt)
            .field(\.$id).field(\.$itemID).field(\.$reportID).field(\.$name).field(\.$contentType).field(\.$size).field(\.$createdAt).all()
        let children = try await SupervisionItem.query(on: db).filter(\.$parentID == id).sort(\.$createdAt).all()
        var people = Set(reports.map(\.authorID) + extensions.map(\.requestedBy) + extensions.compactMap(\.decidedBy) + reminders.compactMap(\.sentBy)
                         + [item.createdBy])
        if let leader = item.leaderID { people.insert(leader) }
        let names = try await TaskView.names(people, on: db)
        var parent: SupervisionItem?
        if let parentID = item.parentID { parent = try await SupervisionItem.find(parentID, on: db) }
        func unitName(_ part: SupervisionAssignment) -> String {
            let unit = tree.nameOf[part.unitID] ?? ""
            return part.departmentID.flatMap { departmentNames[$0] }.map { "\(unit)\($0)" } ?? unit
        }
        func fileView(_ file: SupervisionFile) throws -> File {
            let fileID = try file.requireID()
            return File(id: fileID, name: file.name, contentType: file.contentType, size: file.size,
                        url: links == .api ? APIURL.supervisionFile.link(id, fileID) : SiteURL.supervisionFile.link(id, fileID))
        }
        let office = access.isSupervisionOffice(of: item)
        let handled = parts.filter { access.handles($0, departments: departments) }
        let lead = handled.contains { $0.roleValue == .lead }
        let state = item.stateValue
        let open = state == .open
        var actions = Actions()
        actions.edit = office && open
        actions.report = open && !handled.isEmpty
        actions.decideReports = office && reports.contains { $0.stateValue == .submitted }
        actions.remind = open && (office || item.leaderID == access.userID)
        actions.requestExtension = open && lead && !extensions.contains { $0.stateValue == .pending }
        actions.decideExtension = (office || item.leaderID == access.userID) && extensions.contains { $0.stateValue == .pending }
        actions.requestCompletion = open && lead && children.allSatisfy(\.stateValue.isClosed)
        actions.decideCompletion = office && state == .completionRequested
        actions.evaluate = office && state == .completed
        actions.close = office && !state.isClosed
        actions.split = open && lead
        actions.addFile = office && !state.isClosed
        var childViews: [Child] = []
        for child in children {
            let childParts = try await SupervisionAssignment.query(on: db).filter(\.$itemID == child.requireID()).all()
            childViews.append(Child(id: try child.requireID(), title: child.title, deadline: child.deadline, state: child.stateValue,
                                    light: SupervisionLight.of(child, days: days), progress: try await SupervisionProgress.percent(of: child, on: db),
                                    responsible: childParts.map(unitName).joined(separator: "、")))
        }
        let light = SupervisionLight.of(item, days: days)
        return SupervisionItemView(
            id: id, parent: try parent.map { Ref(id: try $0.requireID(), name: $0.title) }, title: item.title, source: item.sourceValue,
            sourceLabel: Strings.Supervision.sourceLabel(item.sourceValue), sourceText: item.sourceText, incomingID: item.incomingID,
            instruction: item.instruction, category: item.categoryValue, categoryLabel: Strings.Supervision.categoryLabel(item.categoryValue),
            leader: item.leaderID.map { Ref(id: $0, name: names[$0] ?? "") }, office: Ref(id: item.ownerUnitID, name: tree.nameOf[item.ownerUnitID] ?? ""),
            createdBy: names[item.createdBy] ?? "", requirements: item.requirements, deadline: item.deadline, cycle: item.cycleValue, cycleDays: item.cycleDays,
            cycleLabel: Strings.Supervision.cycleLabel(item.cycleValue, days: item.cycleDays), classification: item.classification,
            state: state, stateLabel: Strings.Supervision.stateLabel(state), light: light, lightLabel: Strings.Supervision.lightLabel(light),
            nextDue: item.nextDue, progress: try await SupervisionProgress.percent(of: item, on: db), completionSummary: item.completionSummary,
            completionReturned: item.completionReturned, closingReason: item.closingReason, closedAt: item.closedAt, onTime: item.onTime,
            version: item.version, createdAt: item.createdAt,
            parts: try parts.map { part in
                let partLight: SupervisionLight = state.isClosed ? .done
                    : SupervisionLight.of(state: state, nextDue: [part.nextReportDue, item.deadline].compactMap { $0 }.min(), days: days)
                return Part(id: try part.requireID(), unit: Ref(id: part.unitID, name: tree.nameOf[part.unitID] ?? ""),
                            department: part.departmentID.map { Ref(id: $0, name: departmentNames[$0] ?? "") }, role: part.roleValue,
                            roleLabel: Strings.Supervision.roleLabel(part.roleValue), progress: part.progress, nextReportDue: part.nextReportDue,
                            light: partLight, score: part.score, remark: part.remark, mine: handled.contains { $0.id == part.id })
            },
            children: childViews,
            reports: try reports.map { report in
                Report(id: try report.requireID(), assignmentID: report.assignmentID,
                       unitName: parts.first { $0.id == report.assignmentID }.map(unitName) ?? "", author: names[report.authorID] ?? "",
                       text: report.text, progress: report.progress, dueFor: report.dueFor, onTime: report.onTime, state: report.stateValue,
                       stateLabel: Strings.Supervision.reportStateLabel(report.stateValue), reason: report.reason, createdAt: report.createdAt,
                       createdText: DisplayFormat.minute(report.createdAt),
                       files: try files.filter { $0.reportID == report.id }.map(fileView))
            },
            extensions: try extensions.map { request in
                Extension(id: try request.requireID(), requestedBy: names[request.requestedBy] ?? "", previousDeadline: request.previousDeadline,
                          requestedDeadline: request.requestedDeadline, reason: request.reason, state: request.stateValue,
                          stateLabel: Strings.Supervision.extensionStateLabel(request.stateValue), decidedBy: request.decidedBy.flatMap { names[$0] },
                          decisionReason: request.decisionReason,
                          createdAt: request.createdAt, createdText: DisplayFormat.minute(request.createdAt))
            },
            reminders: reminders.map { reminder in
                Reminder(unitName: reminder.assignmentID.flatMap { wanted in parts.first { $0.id == wanted } }.map(unitName),
                         sentBy: reminder.sentBy.flatMap { names[$0] } ?? Strings.Supervision.watchName, message: reminder.message, createdAt: reminder.createdAt,
                         createdText: DisplayFormat.minute(reminder.createdAt))
            },
            files: try files.filter { $0.reportID == nil }.map(fileView),
            actions: actions)
    }
}

/// A line of a list of 督办事项.
struct SupervisionLine: Content, Sendable {
    var id: UUID
    var title: String
    var categoryLabel: String
    var office: String
    var leader: String?
    var responsible: String
    var deadline: String
    var nextDue: String?
    var state: SupervisionItem.State
    var stateLabel: String
    var light: SupervisionLight
    var lightLabel: String
    var progress: Int
    var isChild: Bool
    var url: String

    static func load(_ items: [SupervisionItem], access: Access, days: SupervisionDays, links: LinkKind, on db: any Database) async throws -> [SupervisionLine] {
        let ids = items.compactMap(\.id)
        let parts = ids.isEmpty ? [] : try await SupervisionAssignment.query(on: db).filter(\.$itemID ~~ ids).all()
        let names = try await TaskView.names(Set(items.compactMap(\.leaderID)), on: db)
        return try items.map { item in
            let id = try item.requireID()
            let mine = parts.filter { $0.itemID == id }
            let light = SupervisionLight.of(item, days: days)
            let progress = item.stateValue == .completed ? 100 : (mine.isEmpty ? 0 : mine.map(\.progress).reduce(0, +) / mine.count)
            return SupervisionLine(
                id: id, title: item.title, categoryLabel: Strings.Supervision.categoryLabel(item.categoryValue), office: access.tree.nameOf[item.ownerUnitID] ?? "",
                leader: item.leaderID.flatMap { names[$0] },
                responsible: mine.sorted { $0.role > $1.role }.map { access.tree.nameOf[$0.unitID] ?? "" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                    .joined(separator: "、"),
                deadline: item.deadline, nextDue: item.nextDue, state: item.stateValue, stateLabel: Strings.Supervision.stateLabel(item.stateValue),
                light: light, lightLabel: Strings.Supervision.lightLabel(light), progress: progress, isChild: item.parentID != nil,
                url: links == .api ? APIURL.supervisionItem.link(id) : SiteURL.supervisionItem.link(id))
        }
    }
}
