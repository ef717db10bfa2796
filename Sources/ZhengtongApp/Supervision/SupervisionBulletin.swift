import Fluent
import Foundation
import Gongwen
import Vapor

/// 督查通报: the figures of a period for a 督查室's items — how many were handled, finished and finished on time, what is
/// overdue and which units it lies with, how the reports came in — written as a text the 督查室 edits and then sends on
/// as a 发文 draft (it becomes an ordinary document with number, seal and exchange).
enum SupervisionBulletin {
    struct Figures: Content, Sendable {
        struct Late: Content, Sendable {
            var unit: String
            var items: [String]
        }

        var from: String
        var to: String
        /// Items handled in the period (opened by then and not closed before it).
        var handled: Int
        var opened: Int
        var completed: Int
        var completedOnTime: Int
        /// 按时办结率, per cent of those completed.
        var onTimeRate: Int
        var overdue: Int
        var byCategory: [String: Int]
        var overdueUnits: [Late]
        var reports: Int
        var reportsOnTime: Int
        var lateReporters: [String]
    }

    struct Draft: Content, Sendable {
        var figures: Figures
        var title: String
        var text: String
    }

    /// The items a 通报 of `from`–`to` speaks of: the top-level items of the person's 督查室 (its unit's) handled in the
    /// period — opened by its end and not closed before its start — 撤销 (set up in error) left out; with the period's
    /// bounds. 422 for a period that is not one.
    static func items(from: String, to: String, access: Access, on db: any Database) async throws -> (items: [SupervisionItem], start: Date, end: Date) {
        guard let start = SupervisionDays.noon(of: from)?.addingTimeInterval(-12 * 3600), let end = SupervisionDays.noon(of: to)?.addingTimeInterval(12 * 3600) else {
            throw AppError.validation(Strings.Supervision.periodInvalid, fields: ["from": Strings.Supervision.periodInvalid])
        }
        guard from <= to else { throw AppError.validation(Strings.Supervision.periodInvalid, fields: ["to": Strings.Supervision.periodInvalid]) }
        let items = try await SupervisionItem.query(on: db).filter(\.$ownerUnitID == access.unitID).filter(\.$parentID == nil)
            .filter(\.$createdAt < end).filter(\.$state != SupervisionItem.State.cancelled.rawValue).all()
            .filter { $0.closedAt.map { $0 >= start } ?? true }
        return (items, start, end)
    }

    /// The period's figures over ``items(from:to:access:on:)``.
    static func figures(from: String, to: String, access: Access, now: Date = Date(), on db: any Database) async throws -> Figures {
        let (items, start, end) = try await items(from: from, to: to, access: access, on: db)
        let today = DocumentDate(now).iso
        let asOf = min(today, to)
        let ids = items.compactMap(\.id)
        let parts = ids.isEmpty ? [] : try await SupervisionAssignment.query(on: db).filter(\.$itemID ~~ ids).all()
        let reports = ids.isEmpty ? [] : try await SupervisionReport.query(on: db).filter(\.$itemID ~~ ids).filter(\.$createdAt >= start).filter(\.$createdAt < end).all()
        let completed = items.filter { $0.stateValue == .completed && ($0.closedAt.map { $0 >= start && $0 < end } ?? false) }
        let onTime = completed.filter { $0.onTime == true }
        let overdueItems = items.filter { !$0.stateValue.isClosed && $0.deadline < asOf }
        var late: [String: [String]] = [:]
        for item in overdueItems {
            for part in parts where part.itemID == item.id && part.roleValue == .lead {
                late[access.tree.nameOf[part.unitID] ?? "", default: []].append(item.title)
            }
        }
        var categories: [String: Int] = [:]
        for item in items { categories[Strings.Supervision.categoryLabel(item.categoryValue), default: 0] += 1 }
        let lateReporters = Set(reports.filter { !$0.onTime }.compactMap { report in parts.first { $0.id == report.assignmentID } }.map { access.tree.nameOf[$0.unitID] ?? "" })
            .union(parts.filter { part in
                guard let due = part.nextReportDue, let item = items.first(where: { $0.id == part.itemID }) else { return false }
                return !item.stateValue.isClosed && due < asOf
            }.map { access.tree.nameOf[$0.unitID] ?? "" })
        return Figures(from: from, to: to, handled: items.count, opened: items.filter { $0.createdAt >= start }.count, completed: completed.count,
                       completedOnTime: onTime.count, onTimeRate: completed.isEmpty ? 0 : onTime.count * 100 / completed.count, overdue: overdueItems.count,
                       byCategory: categories, overdueUnits: late.map { Figures.Late(unit: $0.key, items: $0.value) }.sorted { $0.unit < $1.unit },
                       reports: reports.count, reportsOnTime: reports.filter(\.onTime).count, lateReporters: lateReporters.sorted())
    }

    /// The figures written as a 通报 the 督查室 can edit.
    static func draft(_ figures: Figures, unitName: String) -> Draft {
        let s = Strings.Supervision.self
        var lines = [s.bulletinOverview(figures)]
        if !figures.byCategory.isEmpty {
            lines.append(s.bulletinCategories(figures.byCategory.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) 项" }.joined(separator: "，")))
        }
        if figures.overdueUnits.isEmpty {
            lines.append(s.bulletinNoOverdue)
        } else {
            lines.append(s.bulletinOverdueHeading)
            for (index, late) in figures.overdueUnits.enumerated() {
                lines.append("（\(index + 1)）\(late.unit)：\(late.items.map { "《\($0)》" }.joined(separator: "、"))。")
            }
        }
        lines.append(s.bulletinReports(figures))
        lines.append(figures.overdueUnits.isEmpty && figures.lateReporters.isEmpty ? s.bulletinClosingNoneLate : s.bulletinClosing)
        return Draft(figures: figures, title: s.bulletinDocumentTitle(unit: unitName, from: figures.from, to: figures.to), text: lines.joined(separator: "\n"))
    }

    /// Publishes the (edited) 通报 as a 通知公告 draft in a column the person may publish in, for the units responsible
    /// for the period's items (each without the units under it); it goes through the column's review like any notice.
    static func sendAsNotice(title: String?, text: String?, columnID: UUID?, from: String, to: String, access: Access,
                             actor: SupervisionService.Actor, app: Application, now: Date = Date()) async throws -> Notice {
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let items = try await items(from: from, to: to, access: access, on: app.db).items.compactMap(\.id)
        let units = items.isEmpty ? [] : Set(try await SupervisionAssignment.query(on: app.db).filter(\.$itemID ~~ items).all().map(\.unitID))
        let audience = NoticeAudience(units: units.sorted { $0.uuidString < $1.uuidString }.map { .init(unit: $0, withSubunits: false) })
        let notice = try await NoticeService.draft(.init(columnID: columnID, title: title, body: text, audience: audience, important: false,
                                                         pinnedUntil: nil, expiresAt: nil, replyFields: []),
                                                   access: access, actor: actor, app: app, now: now)
        try await app.write { db in
            try await AuditLog.record(AuditEvent(action: "supervision.bulletin", targetType: "notice", targetID: notice.id?.uuidString,
                                                 targetLabel: notice.title), by: actor.audit, on: db)
        }
        return notice
    }

    /// Sends the (edited) 通报 on as a 通报 发文 draft under one of the unit's 机关代字 (its first when none is chosen);
    /// returns the draft.
    static func sendAsOutgoing(title: String?, text: String?, issuerCode: UUID?, access: Access, actor: SupervisionService.Actor, app: Application,
                               now: Date = Date()) async throws -> OutgoingDocument {
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let title = FieldRules.trimmed(title)
        let text = (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [String: String] = [:]
        if title.isEmpty || title.count > 200 { errors["title"] = Strings.Supervision.titleRequired }
        if text.isEmpty || text.count > 50_000 { errors["text"] = Strings.Supervision.bulletinTextRequired }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        // Without a choice, the unit's first 机关代字 (the one its own documents usually carry).
        var code = issuerCode
        if code == nil {
            code = try await IssuerCode.query(on: app.db).filter(\.$unit.$id == access.unitID).filter(\.$isEnabled == true).sort(\.$sortOrder).first()?.id
        }
        let document = try await OutgoingService.draft(kind: .circular, codeID: code, code: nil, access: access, actor: actor, app: app)
        var typed = try document.document()
        typed.title = title
        typed.body = text
        let outcome = try await OutgoingService.edit(try document.requireID(), typed: typed, expectedVersion: document.version, access: access, actor: actor,
                                                     app: app, at: now)
        try await app.write { db in
            try await AuditLog.record(AuditEvent(action: "supervision.bulletin", targetType: "outgoing_document", targetID: document.id?.uuidString,
                                                 targetLabel: title), by: actor.audit, on: db)
        }
        return outcome.document
    }
}
