import Fluent
import Foundation
import Vapor

/// A line of a 工作台 block.
struct DeskItem: Content, Sendable {
    struct Tag: Content, Sendable {
        var label: String
        var warn: Bool
    }

    var title: String
    /// Its page.
    var href: String
    /// Where a phone client reads it with a token.
    var url: String?
    /// What else the line says (the step, who sent it, the column …).
    var meta: String?
    var time: Date?
    var timeText: String?
    var tags: [Tag]
}

/// One block as the page draws it and `GET /api/v1/desk` returns it.
struct DeskBlockData: Content, Sendable {
    var block: DeskBlock
    var title: String
    /// How many there are in all.
    var count: Int
    /// Whether the count asks for attention and is shown as a badge (every block but 最近公文, a history).
    var badge: Bool
    var moreHref: String
    /// What the block says when it holds nothing.
    var emptyText: String
    var items: [DeskItem]
}

/// The 工作台: which blocks a person sees (their own choice, else their unit's for their role, else the standard
/// order; blocks that are not theirs — 待签收 for a non-clerk — left out) and what each holds: the top 8 of the
/// person's lists, each read by the same rule as the full list it links to.
enum DeskService {
    static let itemsPerBlock = 8

    /// What every block of one request needs to know of the person, read once.
    struct Context: Sendable {
        var access: Access
        /// The units whose deliveries the person signs for (none: no 待签收).
        var exchangeUnits: Set<UUID>
        /// Where the person looks after overdue tasks (no units: no 逾期事项).
        var overdueScope: UnitScope
        var now: Date

        static func load(_ access: Access, now: Date, on db: any Database) async throws -> Context {
            Context(access: access, exchangeUnits: try await access.exchangeUnits(on: db), overdueScope: try await access.overdueScope(on: db), now: now)
        }

        /// The blocks the person may have at all.
        func offers(_ block: DeskBlock) -> Bool {
            switch block {
            case .todo, .unread, .notices, .recent: return true
            case .inbox: return !exchangeUnits.isEmpty
            case .overdue: return overdueScope != .units([])
            }
        }
    }

    /// The person's desk: each of their blocks, in order, with what it holds.
    static func desk(for access: Access, now: Date = Date(), on db: any Database) async throws -> [DeskBlockData] {
        let context = try await Context.load(access, now: now, on: db)
        var result: [DeskBlockData] = []
        for block in try await chosen(for: access, on: db) where context.offers(block) {
            result.append(try await load(block, context, on: db))
        }
        return result
    }

    /// The blocks the person may have, for the settings page.
    static func offered(to access: Access, on db: any Database) async throws -> [DeskBlock] {
        let context = try await Context.load(access, now: Date(), on: db)
        return DeskBlock.allCases.filter(context.offers)
    }

    /// The person's blocks in order: their own choice, else their unit's for the first of their roles that has one,
    /// else the standard order (blocks not theirs included; ``Context/offers(_:)`` leaves them out).
    static func chosen(for access: Access, on db: any Database) async throws -> [DeskBlock] {
        if let own = try await DeskPreference.query(on: db).filter(\.$userID == access.userID).first() {
            return DeskBlock.list(own.blocks)
        }
        let layouts = try await DeskRoleLayout.query(on: db).filter(\.$unitID == access.unitID).all()
        if let layout = access.grants.lazy.compactMap({ grant in layouts.first { $0.roleCode == grant.role } }).first {
            return DeskBlock.list(layout.blocks)
        }
        return DeskBlock.standard
    }

    /// What `block` holds.
    private static func load(_ block: DeskBlock, _ context: Context, on db: any Database) async throws -> DeskBlockData {
        let limit = itemsPerBlock, access = context.access, now = context.now
        let t = Strings.Desk.self
        func data(count: Int, badge: Bool? = nil, more: String, items: [DeskItem]) -> DeskBlockData {
            DeskBlockData(block: block, title: block.label, count: count, badge: badge ?? (count > 0), moreHref: more, emptyText: t.emptyText(block), items: items)
        }
        switch block {
        case .todo:
            let page = try await TaskListQuery.open(for: access, page: 1, perPage: limit, now: now, on: db)
            return data(count: page.total, more: SiteURL.tasks.path, items: page.items.map { task in
                var tags: [DeskItem.Tag] = []
                if task.overdue { tags.append(.init(label: t.overdue, warn: true)) } else if let due = task.dueText { tags.append(.init(label: t.due(due), warn: false)) }
                return DeskItem(title: task.title, href: SiteURL.task.link(task.id), url: "/api/v1/tasks/\(task.id.uuidString)", meta: task.name,
                                time: task.createdAt, timeText: task.createdText, tags: tags)
            })
        case .unread:
            let query = access.circulations("unread", on: db)
            let count = try await query.copy().count()
            let rows = count == 0 ? [] : try await query.sort(\.$sentAt, .descending).limit(limit).all()
            let items = try await TaskView.circulations(rows, on: db).map { item in
                DeskItem(title: item.title, href: SiteURL.circulation.link(item.id), url: nil, meta: item.sentBy?.name, time: item.sentAt,
                         timeText: item.sentText, tags: [])
            }
            return data(count: count, more: SiteURL.tasks.path + "?tab=unread", items: items)
        case .inbox:
            let query = Delivery.query(on: db).filter(\.$recipientUnitID ~~ Array(context.exchangeUnits)).filter(\.$state == Delivery.State.sent.rawValue)
            let count = try await query.copy().count()
            let deliveries = count == 0 ? [] : try await query.sort(\.$sentAt).limit(limit).all()
            let packages = deliveries.isEmpty ? [] : try await ExchangePackage.query(on: db).filter(\.$id ~~ deliveries.map(\.packageID))
                .field(\.$id).field(\.$title).field(\.$senderName).all()
            let byID = Dictionary(packages.compactMap { package in package.id.map { ($0, package) } }, uniquingKeysWith: { first, _ in first })
            return data(count: count, more: SiteURL.exchange.path, items: try deliveries.map { delivery in
                let package = byID[delivery.packageID]
                let id = try delivery.requireID()
                return DeskItem(title: package?.title ?? "", href: SiteURL.delivery.link(id), url: "/api/v1/exchange/\(id.uuidString)",
                                meta: package?.senderName, time: delivery.sentAt, timeText: DisplayFormat.minute(delivery.sentAt), tags: [])
            })
        case .notices:
            let page = try await NoticeBoard.received(by: access.userID, page: 1, perPage: limit, now: now, counting: false, on: db)
            let unread = try await NoticeBoard.unreadCount(of: access.userID, now: now, on: db)
            return data(count: unread, more: SiteURL.notices.path, items: page.lines.map { line in
                var tags: [DeskItem.Tag] = []
                if line.pinned { tags.append(.init(label: t.pinned, warn: false)) }
                if line.important { tags.append(.init(label: t.important, warn: true)) }
                if line.readAt == nil { tags.append(.init(label: t.unread, warn: false)) } else if line.changed { tags.append(.init(label: t.changed, warn: false)) }
                if line.replyAsked && !line.replied { tags.append(.init(label: t.replyNeeded, warn: true)) }
                return DeskItem(title: line.title, href: SiteURL.notice.link(line.id), url: "/api/v1/notices/\(line.id.uuidString)",
                                meta: line.columnName + " · " + line.unitName, time: line.publishedAt, timeText: DisplayFormat.minute(line.publishedAt), tags: tags)
            })
        case .recent:
            let items = try await recent(for: access, limit: limit, on: db)
            return data(count: items.count, badge: false, more: SiteURL.tasks.path + "?tab=done", items: items)
        case .overdue:
            let found = try await OverdueTasks.page(in: context.overdueScope, now: now, limit: limit, on: db)
            let instances = try await TaskView.instancesByID(found.tasks.map(\.instanceID), on: db)
            let names = try await TaskView.names(Set(found.tasks.compactMap(\.assigneeID)), on: db)
            // The task page for those who may open it (a leader of the unit often may not): else the whole list.
            let viewable = try await access.viewable(Array(instances.values), on: db)
            return data(count: found.total, more: SiteURL.overdue.path, items: found.tasks.map { task in
                let opens = viewable.contains(task.instanceID)
                return DeskItem(title: instances[task.instanceID]?.title ?? "", href: opens ? SiteURL.task.link(task.id) : SiteURL.overdue.path,
                                url: opens ? "/api/v1/tasks/\(task.id.uuidString)" : nil,
                                meta: task.name + " · " + (task.assigneeID.flatMap { names[$0] } ?? Strings.Workflow.awaitingClaim),
                                time: task.dueAt, timeText: DisplayFormat.minute(task.dueAt),
                                tags: [.init(label: Strings.Workflow.lateText(now.timeIntervalSince(task.dueAt)), warn: true)])
            })
        }
    }

    /// 最近公文: the person's drafts and the documents of the tasks they completed, newest first, each once.
    private static func recent(for access: Access, limit: Int, on db: any Database) async throws -> [DeskItem] {
        var seen: Set<String> = []
        var entries: [(Date, DeskItem)] = []
        for document in try await OutgoingDocument.query(on: db).filter(\.$drafter.$id == access.userID).sort(\.$updatedAt, .descending).limit(limit)
            .field(\.$id).field(\.$title).field(\.$updatedAt).field(\.$status).all() {
            let id = try document.requireID()
            seen.insert("outgoing:" + id.uuidString)
            entries.append((document.updatedAt, DeskItem(title: document.title.isEmpty ? Strings.Outgoing.untitled : document.title, href: SiteURL.outgoing.link(id),
                                                         url: "/api/v1/outgoing/\(id.uuidString)", meta: Strings.Outgoing.statusLabel(document.status),
                                                         time: document.updatedAt, timeText: DisplayFormat.minute(document.updatedAt), tags: [])))
        }
        let done = try await WorkflowTaskRecord.query(on: db).filter(\.$completedBy == access.userID).filter(\.$state == "completed")
            .sort(\.$completedAt, .descending).limit(limit * 3).field(\.$id).field(\.$instance.$id).field(\.$completedAt).all()
        let instances = try await TaskView.instancesByID(done.map(\.$instance.id), on: db)
        for task in done {
            guard let instance = instances[task.$instance.id], let reference = WorkflowBusinesses.reference(type: instance.businessType, id: instance.businessID,
                                                                                                               title: instance.title),
                  seen.insert(reference.type + ":" + reference.id.uuidString).inserted else { continue }
            let time = task.completedAt ?? Date(timeIntervalSince1970: 0)
            entries.append((time, DeskItem(title: reference.title, href: reference.href, url: reference.url,
                                           meta: WorkflowBusinesses.business(ofType: reference.type)?.label,
                                           time: time, timeText: DisplayFormat.minute(time), tags: [])))
        }
        return entries.sorted { $0.0 > $1.0 }.prefix(limit).map(\.1)
    }

    /// A person's own blocks: the ones chosen, in the order given (a block not theirs is left out).
    static func savePreference(_ blocks: [DeskBlock], access: Access, actor: AuditActor, app: Application) async throws {
        let text = DeskBlock.text(DeskBlock.unique(blocks))
        try await app.write { db in
            let preference = try await DeskPreference.query(on: db).filter(\.$userID == access.userID).first() ?? DeskPreference()
            preference.userID = access.userID
            preference.blocks = text
            preference.updatedAt = Date()
            try await preference.save(on: db)
            try await AuditLog.record(AuditEvent(action: "desk.preference", targetType: "user", targetID: access.userID.uuidString, targetLabel: access.username,
                                                 after: ["blocks": text]), by: actor, on: db)
        }
    }

    /// Back to the unit's (or the standard) blocks.
    static func resetPreference(access: Access, actor: AuditActor, app: Application) async throws {
        try await app.write { db in
            try await DeskPreference.query(on: db).filter(\.$userID == access.userID).delete()
            try await AuditLog.record(AuditEvent(action: "desk.preference.reset", targetType: "user", targetID: access.userID.uuidString,
                                                 targetLabel: access.username), by: actor, on: db)
        }
    }

    /// The unit administrator's blocks for holders of `role` in `unit`.
    static func saveRoleLayout(_ blocks: [DeskBlock], unit: UUID, role: String, access: Access, actor: AuditActor, app: Application) async throws {
        guard access.covers(.organizationManage, unit: unit) else { throw AppError.forbidden() }
        guard try await Role.query(on: app.db).filter(\.$code == role).first() != nil else {
            throw AppError.validation(Strings.Desk.roleRequired, fields: ["role": Strings.Desk.roleRequired])
        }
        let text = DeskBlock.text(DeskBlock.unique(blocks))
        try await app.write { db in
            let layout = try await DeskRoleLayout.query(on: db).filter(\.$unitID == unit).filter(\.$roleCode == role).first() ?? DeskRoleLayout()
            layout.unitID = unit
            layout.roleCode = role
            layout.blocks = text
            layout.updatedAt = Date()
            try await layout.save(on: db)
            try await AuditLog.record(AuditEvent(action: "desk.role_layout", targetType: "unit", targetID: unit.uuidString, targetLabel: role,
                                                 after: ["blocks": text]), by: actor, on: db)
        }
    }
}
