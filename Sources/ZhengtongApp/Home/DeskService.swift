import Fluent
import Gongwen
import Foundation
import SQLKit
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

    /// What every block of one request needs to know.
    struct Context: Sendable {
        var access: Access
        var now: Date

        /// The units whose deliveries the person signs for (none: no 待签收).
        var exchangeUnits: Set<UUID> { access.exchangeUnits }
        /// Where the person looks after overdue tasks (no units: no 逾期事项).
        var overdueScope: UnitScope { access.overdueScope }

        /// The blocks the person may have at all.
        func offers(_ block: DeskBlock) -> Bool {
            switch block {
            case .todo, .unread, .notices, .recent, .schedule, .alerts: return true
            case .inbox: return !exchangeUnits.isEmpty
            case .overdue: return overdueScope != .units([])
            // 督查员 (of a 督查室 or a responsible unit) and unit leaders (责任领导, and leaders of responsible units).
            case .supervision: return access.has(.supervisionManage) || access.leadsUnit
            case .reportRequests: return access.writesReports
            case .reading: return access.leadsUnit
            }
        }
    }

    /// The person's desk: each of their blocks, in order, with what it holds.
    static func desk(for access: Access, now: Date = Date(), on db: any Database) async throws -> [DeskBlockData] {
        let context = Context(access: access, now: now)
        var result: [DeskBlockData] = []
        var blocks = try await chosen(for: access, on: db)
        // An alert waiting for 确认收到 goes on top of every desk, whatever was chosen, until it is confirmed.
        if try await AlertBox.unconfirmed(by: access, limit: 0, on: db).count > 0 {
            blocks = [.alerts] + blocks.filter { $0 != .alerts }
        }
        for block in blocks where context.offers(block) {
            result.append(try await load(block, context, on: db))
        }
        return result
    }

    /// The blocks the person may have, for the settings page.
    static func offered(to access: Access, on db: any Database) async throws -> [DeskBlock] {
        let context = Context(access: access, now: Date())
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
            let sql = try db.sqlDatabase(), mine = access.circulationsCondition("unread")
            let count = try await sql.raw("SELECT COUNT(*) AS total FROM workflow_circulations c WHERE \(mine)").first()?.decode(column: "total", as: Int.self) ?? 0
            let rows = count == 0 ? [] : try await sql.raw("""
                SELECT c.id, c.sent_at, i.title, u.name AS sent_by_name
                FROM workflow_circulations c JOIN workflow_instances i ON i.id = c.instance_id LEFT JOIN users u ON u.id = c.sent_by
                WHERE \(mine) ORDER BY c.sent_at DESC LIMIT \(unsafeRaw: String(limit))
                """).all()
            return data(count: count, more: SiteURL.tasks.path + "?tab=unread", items: try rows.map { row in
                let sentAt = try row.decode(column: "sent_at", as: Date.self)
                return DeskItem(title: try row.decode(column: "title", as: String.self), href: SiteURL.circulation.link(try row.decode(column: "id", as: UUID.self)),
                                url: nil, meta: try row.decode(column: "sent_by_name", as: String?.self), time: sentAt, timeText: DisplayFormat.minute(sentAt), tags: [])
            })
        case .inbox:
            let sql = try db.sqlDatabase()
            let waiting: SQLQueryString = """
                d.recipient_unit_id IN (\(binds: context.exchangeUnits.sorted { $0.uuidString < $1.uuidString }.map { $0 as any Encodable & Sendable })) \
                AND d.state = \(bind: Delivery.State.sent.rawValue)
                """
            let count = try await sql.raw("SELECT COUNT(*) AS total FROM exchange_deliveries d WHERE \(waiting)").first()?.decode(column: "total", as: Int.self) ?? 0
            let rows = count == 0 ? [] : try await sql.raw("""
                SELECT d.id, d.sent_at, p.title, p.sender_name FROM exchange_deliveries d JOIN exchange_packages p ON p.id = d.package_id
                WHERE \(waiting) ORDER BY d.sent_at LIMIT \(unsafeRaw: String(limit))
                """).all()
            return data(count: count, more: SiteURL.exchange.path, items: try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self), sentAt = try row.decode(column: "sent_at", as: Date.self)
                return DeskItem(title: try row.decode(column: "title", as: String.self), href: SiteURL.delivery.link(id), url: "/api/v1/exchange/\(id.uuidString)",
                                meta: try row.decode(column: "sender_name", as: String.self), time: sentAt, timeText: DisplayFormat.minute(sentAt), tags: [])
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
        case .supervision:
            // The same list as 督办's 待我办理 tab: red and yellow first (the earliest day owed first).
            let days = SupervisionDays(now: now, calendar: try await WorkingDays.calendar(on: db))
            let query = try await SupervisionBoard.query(SupervisionBoard.Filter(view: .todo), access: access, days: days, on: db)
            let total = try await query.count()
            let items = try await query.sort(\.$nextDue).sort(\.$createdAt, .descending).limit(limit).all()
            return data(count: total, more: SiteURL.supervision.path, items: try items.map { item in
                let id = try item.requireID()
                let light = SupervisionLight.of(item, days: days)
                return DeskItem(title: item.title, href: SiteURL.supervisionItem.link(id), url: APIURL.supervisionItem.link(id),
                                meta: Strings.Supervision.stateLabel(item.stateValue) + " · " + Strings.Supervision.dueBody(item.deadline),
                                time: item.updatedAt, timeText: DisplayFormat.minute(item.updatedAt),
                                tags: [.init(label: Strings.Supervision.lightLabel(light), warn: light == .overdue || light == .nearing)])
            })
        case .schedule:
            // Today in Beijing, as the 日程 page's day view shows it.
            let today = DocumentDate(now)
            let entries = try await CalendarSources.entries(for: access, from: ScheduleClock.instant(today, minutes: 0),
                                                            to: ScheduleClock.instant(today, minutes: 24 * 60), on: db)
            return data(count: entries.filter { !$0.cancelled }.count, more: SiteURL.calendar.path + "?view=day", items: entries.prefix(limit).map { entry in
                let view = CalendarEntryView(entry)
                var tags = [DeskItem.Tag(label: view.kindLabel, warn: false)]
                if entry.cancelled { tags.append(.init(label: Strings.page["agenda_cancelled"] ?? "", warn: true)) }
                return DeskItem(title: entry.title, href: entry.path ?? SiteURL.calendar.path + "?view=day", url: nil,
                                meta: [view.time, entry.location].compactMap { $0 }.joined(separator: " · "), time: entry.start, timeText: nil, tags: tags)
            })
        case .alerts:
            let waiting = try await AlertBox.unconfirmed(by: access, limit: limit, on: db)
            return data(count: waiting.count, more: SiteURL.alerts.path, items: try waiting.alerts.map { alert in
                let id = try alert.requireID()
                return DeskItem(title: alert.title, href: SiteURL.alert.link(id), url: APIURL.alert.link(id),
                                meta: Strings.Alerts.categoryLabel(alert.categoryValue), time: alert.sentAt, timeText: DisplayFormat.minute(alert.sentAt),
                                tags: [.init(label: Strings.Alerts.levelLabel(alert.levelValue) + Strings.Alerts.title, warn: alert.levelValue == .major)])
            })
        case .reportRequests:
            let open = try await ReportRequests.list(access: access, openOnly: true, now: now, on: db).sorted { $0.deadline < $1.deadline }
            return data(count: open.count, more: SiteURL.reportRequests.path, items: open.prefix(limit).map { request in
                DeskItem(title: request.topic, href: SiteURL.reportNew.path + "?request=" + request.id.uuidString, url: APIURL.reportRequests.link(),
                         meta: request.unitName, time: request.deadline, timeText: request.deadlineText, tags: [.init(label: t.due(request.deadlineText), warn: false)])
            })
        case .reading:
            let lines = try await ReadingList.lines(for: access, on: db)
            return data(count: lines.filter { $0.readAt == nil }.count, more: SiteURL.reading.path, items: lines.prefix(limit).map { line in
                DeskItem(title: line.title, href: line.href, url: line.url, meta: Strings.Bulletins.readingKindLabel(line.kind) + " · " + line.subtitle,
                         time: line.addedAt, timeText: DisplayFormat.date(line.addedAt),
                         tags: line.readAt == nil ? [.init(label: Strings.Desk.unread, warn: false)] : [])
            })
        case .overdue:
            let found = try await OverdueTasks.page(in: context.overdueScope, now: now, limit: limit, on: db)
            // The task page for those who may open it (a leader of the unit often may not): else the whole list.
            let viewable = try await access.viewable(found.tasks.map(\.instance), on: db)
            return data(count: found.total, more: SiteURL.overdue.path, items: found.tasks.map { task in
                let opens = viewable.contains(task.instanceID)
                return DeskItem(title: task.title, href: opens ? SiteURL.task.link(task.id) : SiteURL.overdue.path,
                                url: opens ? "/api/v1/tasks/\(task.id.uuidString)" : nil,
                                meta: task.name + " · " + (task.assigneeName ?? Strings.Workflow.awaitingClaim),
                                time: task.dueAt, timeText: DisplayFormat.minute(task.dueAt),
                                tags: [.init(label: Strings.Workflow.lateText(now.timeIntervalSince(task.dueAt)), warn: true)])
            })
        }
    }

    /// 最近公文: the person's drafts and the documents of the tasks they completed, newest first, each once. Two
    /// statements reading only the columns shown (read as models, the 24 tasks and their instances were a fifth of
    /// a 工作台's time).
    private static func recent(for access: Access, limit: Int, on db: any Database) async throws -> [DeskItem] {
        var seen: Set<String> = []
        var entries: [(Date, DeskItem)] = []
        let sql = try db.sqlDatabase()
        for row in try await sql.raw("""
            SELECT id, title, updated_at, status FROM outgoing_documents WHERE drafter_id = \(bind: access.userID)
            ORDER BY updated_at DESC LIMIT \(unsafeRaw: String(limit))
            """).all() {
            let id = try row.decode(column: "id", as: UUID.self), title = try row.decode(column: "title", as: String.self)
            let updatedAt = try row.decode(column: "updated_at", as: Date.self)
            seen.insert("outgoing:" + id.uuidString)
            entries.append((updatedAt, DeskItem(title: title.isEmpty ? Strings.Outgoing.untitled : title, href: SiteURL.outgoing.link(id),
                                                url: "/api/v1/outgoing/\(id.uuidString)", meta: Strings.Outgoing.statusLabel(try row.decode(column: "status", as: String.self)),
                                                time: updatedAt, timeText: DisplayFormat.minute(updatedAt), tags: [])))
        }
        // Several completed steps of one document count once: three times the block's length is read.
        for row in try await sql.raw("""
            SELECT t.completed_at, i.business_type, i.business_id, i.title
            FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
            WHERE t.completed_by = \(bind: access.userID) AND t.state = 'completed'
            ORDER BY t.completed_at DESC LIMIT \(unsafeRaw: String(limit * 3))
            """).all() {
            guard let reference = WorkflowBusinesses.reference(type: try row.decode(column: "business_type", as: String.self),
                                                               id: try row.decode(column: "business_id", as: String?.self),
                                                               title: try row.decode(column: "title", as: String.self)),
                  seen.insert(reference.type + ":" + reference.id.uuidString).inserted else { continue }
            let time = try row.decode(column: "completed_at", as: Date?.self) ?? Date(timeIntervalSince1970: 0)
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
