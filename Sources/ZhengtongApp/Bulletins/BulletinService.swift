import Fluent
import Foundation
import Gongwen
import SQLKit
import Vapor

/// 刊物's business actions, each one call that the pages, the API and the demo use alike, in one transaction with its
/// audit record: a 刊物 created; an issue composed (readers and footer, items copied from adopted 信息 or typed in,
/// edited, ordered, 按语), sent for approval, published with its 期号 (by ``BulletinBusiness``), read.
/// 批示 and 信息专供 are in ``BulletinInstructions`` and ``ReadingList``.
enum BulletinService {
    typealias Actor = WorkflowService.Actor
    static let businessType = "bulletin"

    // MARK: 刊物

    static func createBulletin(name: String?, kind: String?, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> Bulletin {
        let s = Strings.Bulletins.self
        guard access.editsBulletins(of: access.unitID) else { throw AppError.forbidden(s.notEditor) }
        var errors: [String: String] = [:]
        let name = FieldRules.trimmed(name)
        if name.isEmpty || name.count > 50 { errors["name"] = s.nameInvalid }
        let kind = Bulletin.Kind(rawValue: kind ?? "")
        if kind == nil { errors["kind"] = s.kindInvalid }
        guard errors.isEmpty, let kind else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return try await app.write { db in
            if try await Bulletin.query(on: db).filter(\.$unitID == access.unitID).filter(\.$name == name).first() != nil {
                throw AppError.validation(s.nameTaken, fields: ["name": s.nameTaken])
            }
            let bulletin = Bulletin()
            bulletin.id = UUID()
            bulletin.unitID = access.unitID
            bulletin.name = name
            bulletin.kind = kind.rawValue
            bulletin.createdBy = access.userID
            bulletin.createdAt = now
            try await bulletin.create(on: db)
            try await AuditLog.record(AuditEvent(action: "bulletin.create", targetType: "bulletin", targetID: bulletin.id?.uuidString, targetLabel: name,
                                                 after: ["kind": kind.rawValue]), by: actor.audit, on: db)
            return bulletin
        }
    }

    // MARK: Composing

    /// An issue's readers and footer, as the editor types them.
    struct IssueInput: Sendable {
        var readerPeople: [UUID] = []
        var readerUnits: [UUID] = []
        var reportTo: String?
        var sendTo: String?
        var distributeTo: String?
        var copies: Int?
    }

    struct CheckedIssue: Sendable {
        var people: [UUID]
        var units: [UUID]
        var reportTo: String
        var sendTo: String
        var distributeTo: String
        var copies: Int?
    }

    static func check(_ input: IssueInput, on db: any Database) async throws -> CheckedIssue {
        let s = Strings.Bulletins.self
        var errors: [String: String] = [:]
        let people = input.readerPeople.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        let units = input.readerUnits.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        if people.count > 500 || units.count > 500 { errors["readers"] = s.readersInvalid }
        if !people.isEmpty, try await User.query(on: db).filter(\.$id ~~ people).filter(\.$isDisabled == false).count() != people.count {
            errors["readers"] = s.readersInvalid
        }
        if !units.isEmpty, try await Unit.query(on: db).filter(\.$id ~~ units).filter(\.$isDisabled == false).count() != units.count {
            errors["readers"] = s.readersInvalid
        }
        func line(_ text: String?, _ field: String) -> String {
            let value = FieldRules.trimmed(text)
            if value.count > 300 { errors[field] = s.footerTooLong }
            return value
        }
        let reportTo = line(input.reportTo, "reportTo"), sendTo = line(input.sendTo, "sendTo"), distributeTo = line(input.distributeTo, "distributeTo")
        if let copies = input.copies, !(1...100_000).contains(copies) { errors["copies"] = s.copiesInvalid }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return CheckedIssue(people: people, units: units, reportTo: reportTo, sendTo: sendTo, distributeTo: distributeTo, copies: input.copies)
    }

    private static func apply(_ checked: CheckedIssue, to issue: BulletinIssue) throws {
        issue.readerPeople = String(decoding: try JSONEncoder().encode(checked.people), as: UTF8.self)
        issue.readerUnits = String(decoding: try JSONEncoder().encode(checked.units), as: UTF8.self)
        issue.reportTo = checked.reportTo
        issue.sendTo = checked.sendTo
        issue.distributeTo = checked.distributeTo
        issue.copies = checked.copies
    }

    /// 新建一期: a draft of `bulletinID`'s next issue (its 期号 comes at publishing). The footer starts as the last
    /// issue's when none is given, as an office reuses its 报/送/发 lines.
    static func newIssue(of bulletinID: UUID, _ input: IssueInput, access: Access, actor: Actor, app: Application, now: Date = Date()) async throws -> BulletinIssue {
        let bulletin = try await BulletinLookup.bulletin(bulletinID, access: access, on: app.db)
        guard access.editsBulletins(of: bulletin.unitID) else { throw AppError.forbidden(Strings.Bulletins.notEditor) }
        var input = input
        if input.reportTo == nil && input.sendTo == nil && input.distributeTo == nil,
           let last = try await BulletinIssue.query(on: app.db).filter(\.$bulletinID == bulletinID).sort(\.$createdAt, .descending).first() {
            input.reportTo = last.reportTo
            input.sendTo = last.sendTo
            input.distributeTo = last.distributeTo
            if input.readerPeople.isEmpty && input.readerUnits.isEmpty {
                input.readerPeople = last.chosenPeople
                input.readerUnits = last.chosenUnits
            }
        }
        let checked = try await check(input, on: app.db)
        return try await app.write { db in
            let issue = BulletinIssue()
            issue.id = UUID()
            issue.bulletinID = bulletinID
            issue.unitID = bulletin.unitID
            issue.status = BulletinIssue.Status.draft.rawValue
            try apply(checked, to: issue)
            issue.version = 1
            issue.createdBy = access.userID
            issue.createdAt = now
            issue.updatedAt = now
            try await issue.create(on: db)
            try await AuditLog.record(AuditEvent(action: "bulletin.issue.create", targetType: "bulletin_issue", targetID: issue.id?.uuidString,
                                                 targetLabel: bulletin.name), by: actor.audit, on: db)
            return issue
        }
    }

    /// The change to a draft, guarded by `expectedVersion` (two editors at once: the second gets 409) and by the
    /// issue being a draft. `change` runs inside the transaction on the fresh row; the version is bumped after it.
    private static func changeDraft(_ issueID: UUID, expectedVersion: Int, access: Access, actor: Actor, app: Application, now: Date, action: String,
                                    details: [String: String] = [:],
                                    _ change: @escaping @Sendable (BulletinIssue, any Database) async throws -> Void) async throws -> BulletinIssue {
        let issue = try await BulletinLookup.visible(issueID, access: access, on: app.db)
        guard access.editsBulletins(of: issue.unitID) else { throw AppError.forbidden(Strings.Bulletins.notEditor) }
        return try await app.write { db in
            // The version moves first, on the row itself: of two editors racing, the second waits for the first's row
            // lock (PostgreSQL; SQLite's write gate queues them) and then matches nothing — 409, nothing half-written.
            let sql = try db.sqlDatabase()
            let bumped = try await sql.raw("""
                UPDATE bulletin_issues SET version = version + 1, updated_at = \(bind: now)
                WHERE id = \(bind: issueID) AND version = \(bind: expectedVersion) AND status = \(bind: BulletinIssue.Status.draft.rawValue)
                RETURNING version
                """).first()
            guard let current = try await BulletinIssue.find(issueID, on: db) else { throw AppError.notFound() }
            guard bumped != nil else {
                throw AppError.conflict(current.statusValue == .draft ? Strings.Bulletins.editedMeanwhile : Strings.Bulletins.notDraft)
            }
            try await change(current, db)
            try await AuditLog.record(AuditEvent(action: action, targetType: "bulletin_issue", targetID: issueID.uuidString, targetLabel: issueID.uuidString,
                                                 after: details.merging(["version": String(current.version)]) { a, _ in a }), by: actor.audit, on: db)
            return current
        }
    }

    /// 修改 an issue's readers and footer.
    @discardableResult
    static func editIssue(_ issueID: UUID, _ input: IssueInput, expectedVersion: Int, access: Access, actor: Actor, app: Application,
                          now: Date = Date()) async throws -> BulletinIssue {
        let checked = try await check(input, on: app.db)
        return try await changeDraft(issueID, expectedVersion: expectedVersion, access: access, actor: actor, app: app, now: now, action: "bulletin.issue.update") { issue, db in
            try apply(checked, to: issue)
            try await BulletinIssue.query(on: db).filter(\.$id == issueID)
                .set(\.$readerPeople, to: issue.readerPeople).set(\.$readerUnits, to: issue.readerUnits)
                .set(\.$reportTo, to: issue.reportTo).set(\.$sendTo, to: issue.sendTo).set(\.$distributeTo, to: issue.distributeTo)
                .set(\.$copies, to: issue.copies).update()
        }
    }

    /// An item as the editor types it; `reportID` copies an adopted 信息 instead (its text may be edited afterwards).
    struct ItemInput: Sendable {
        var reportID: UUID?
        var title: String?
        var body: String?
        var sourceUnitName: String?
        var note: String?
    }

    struct CheckedItem: Sendable {
        var title: String
        var body: String
        var sourceUnitName: String
        var note: String
    }

    static func check(_ input: ItemInput) throws -> CheckedItem {
        let s = Strings.Bulletins.self
        var errors: [String: String] = [:]
        let title = FieldRules.trimmed(input.title)
        if title.isEmpty { errors["title"] = s.itemTitleRequired } else if title.count > 200 { errors["title"] = s.itemTitleTooLong }
        let body = (input.body ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty { errors["body"] = s.itemBodyRequired } else if body.count > 20_000 { errors["body"] = s.itemBodyTooLong }
        let source = FieldRules.trimmed(input.sourceUnitName)
        if source.count > 100 { errors["sourceUnitName"] = s.sourceTooLong }
        let note = (input.note ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 1000 { errors["note"] = s.noteTooLong }
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        return CheckedItem(title: title, body: body, sourceUnitName: source, note: note)
    }

    /// 添加稿件: an adopted 信息 copied (title, text, unit, report and 信息员 kept), or one typed in.
    static func addItem(to issueID: UUID, _ input: ItemInput, expectedVersion: Int, access: Access, actor: Actor, app: Application,
                        now: Date = Date()) async throws -> BulletinItem {
        var input = input
        var report: AdoptedReport?
        if let reportID = input.reportID {
            guard let adopted = try await ReportCatalog.adopted(id: reportID, for: access, on: app.db) else {
                throw AppError.validation(Strings.Bulletins.reportNotAdopted, fields: ["report": Strings.Bulletins.reportNotAdopted])
            }
            report = adopted
            input.title = FieldRules.trimmed(input.title).isEmpty ? adopted.title : input.title
            input.body = FieldRules.trimmed(input.body).isEmpty ? adopted.body : input.body
            input.sourceUnitName = FieldRules.trimmed(input.sourceUnitName).isEmpty ? adopted.unitName : input.sourceUnitName
        }
        let checked = try check(input)
        let item = BulletinItem()
        item.id = UUID()
        _ = try await changeDraft(issueID, expectedVersion: expectedVersion, access: access, actor: actor, app: app, now: now, action: "bulletin.item.add",
                                  details: ["title": checked.title, "report": report?.id.uuidString ?? ""]) { [report] issue, db in
            let count = try await BulletinItem.query(on: db).filter(\.$issueID == issueID).count()
            guard count < 50 else { throw AppError.validation(Strings.Bulletins.tooManyItems) }
            if let report, try await BulletinItem.query(on: db).filter(\.$issueID == issueID).filter(\.$reportID == report.id).first() != nil {
                throw AppError.validation(Strings.Bulletins.reportAlreadyIn, fields: ["report": Strings.Bulletins.reportAlreadyIn])
            }
            item.issueID = issueID
            item.position = count + 1
            item.title = checked.title
            item.body = checked.body
            item.sourceUnitName = checked.sourceUnitName
            item.sourceUnitID = report?.unitID
            item.reportID = report?.id
            item.reporterID = report?.reporterID
            item.note = checked.note
            item.createdAt = now
            try await item.create(on: db)
        }
        return item
    }

    /// 修改稿件 (title, text, source, 按语); the copy only — the reported 信息 stays as it was.
    static func editItem(_ itemID: UUID, in issueID: UUID, _ input: ItemInput, expectedVersion: Int, access: Access, actor: Actor, app: Application,
                         now: Date = Date()) async throws -> BulletinIssue {
        let checked = try check(input)
        return try await changeDraft(issueID, expectedVersion: expectedVersion, access: access, actor: actor, app: app, now: now, action: "bulletin.item.update",
                                     details: ["item": itemID.uuidString]) { _, db in
            guard let item = try await BulletinItem.find(itemID, on: db), item.issueID == issueID else { throw AppError.notFound() }
            item.title = checked.title
            item.body = checked.body
            item.sourceUnitName = checked.sourceUnitName
            item.note = checked.note
            try await item.update(on: db)
        }
    }

    static func removeItem(_ itemID: UUID, from issueID: UUID, expectedVersion: Int, access: Access, actor: Actor, app: Application,
                           now: Date = Date()) async throws -> BulletinIssue {
        try await changeDraft(issueID, expectedVersion: expectedVersion, access: access, actor: actor, app: app, now: now, action: "bulletin.item.remove",
                              details: ["item": itemID.uuidString]) { _, db in
            guard let item = try await BulletinItem.find(itemID, on: db), item.issueID == issueID else { throw AppError.notFound() }
            try await item.delete(on: db)
            try await renumber(issueID, order: nil, on: db)
        }
    }

    /// 排序: `order` names every item of the issue once.
    static func order(_ issueID: UUID, _ order: [UUID], expectedVersion: Int, access: Access, actor: Actor, app: Application,
                      now: Date = Date()) async throws -> BulletinIssue {
        try await changeDraft(issueID, expectedVersion: expectedVersion, access: access, actor: actor, app: app, now: now, action: "bulletin.item.order") { _, db in
            try await renumber(issueID, order: order, on: db)
        }
    }

    /// Positions 1…n: in `order` when given (which must be exactly the issue's items), else closing the gaps.
    private static func renumber(_ issueID: UUID, order: [UUID]?, on db: any Database) async throws {
        let items = try await BulletinItem.query(on: db).filter(\.$issueID == issueID).sort(\.$position).all()
        var sequence = items
        if let order {
            let ids = items.compactMap(\.id)
            guard order.count == ids.count, Set(order) == Set(ids) else {
                throw AppError.validation(Strings.Bulletins.orderInvalid, fields: ["order": Strings.Bulletins.orderInvalid])
            }
            sequence = order.compactMap { id in items.first { $0.id == id } }
        }
        for (index, item) in sequence.enumerated() where item.position != index + 1 {
            item.position = index + 1
            try await item.update(on: db)
        }
    }

    // MARK: Approval and publishing

    /// 送审: the issue goes to the office's approver on `bulletin-approval`; it needs items and readers.
    static func submit(_ issueID: UUID, expectedVersion: Int, access: Access, actor: Actor, app: Application) async throws -> BulletinIssue {
        let s = Strings.Bulletins.self
        let issue = try await BulletinLookup.visible(issueID, access: access, on: app.db)
        guard access.editsBulletins(of: issue.unitID) else { throw AppError.forbidden(s.notEditor) }
        guard issue.statusValue == .draft else { throw AppError.conflict(s.notDraft) }
        guard issue.version == expectedVersion else { throw AppError.conflict(s.editedMeanwhile) }
        guard try await BulletinItem.query(on: app.db).filter(\.$issueID == issueID).count() > 0 else { throw AppError.validation(s.noItems) }
        guard !issue.chosenPeople.isEmpty || !issue.chosenUnits.isEmpty else {
            throw AppError.validation(s.noReaders, fields: ["readers": s.noReaders])
        }
        guard try await WorkflowDefinitions.newest(BulletinBusiness.process, on: app.db) != nil else { throw AppError.validation(s.processMissing) }
        let bulletin = try await BulletinLookup.bulletin(issue.bulletinID, access: access, on: app.db)
        _ = try await app.workflow.start(processKey: BulletinBusiness.process, title: s.approvalTitle(bulletin.name), businessType: businessType,
                                         businessID: issueID.uuidString, by: actor) { instanceID, db in
            guard let current = try await BulletinIssue.find(issueID, on: db), current.version == expectedVersion, current.statusValue == .draft else {
                throw AppError.conflict(s.editedMeanwhile)
            }
            current.status = BulletinIssue.Status.reviewing.rawValue
            current.instanceID = instanceID
            current.submittedBy = access.userID
            current.returnedReason = nil
            current.version += 1
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "bulletin.issue.submit", targetType: "bulletin_issue", targetID: issueID.uuidString,
                                                 targetLabel: bulletin.name), by: actor.audit, on: db)
        }
        return try await BulletinLookup.visible(issueID, access: access, on: app.db)
    }

    /// The counter keys of a 刊物: its 期号 per year and its running total.
    static func numberKey(_ bulletinID: UUID) -> String { "bulletin:\(bulletinID.uuidString)" }
    static func totalKey(_ bulletinID: UUID) -> String { "bulletin-total:\(bulletinID.uuidString)" }

    /// 发布, when the approval ends approved (inside its command's transaction): the 期号 and 总期号 are taken here,
    /// the way 文号 are (``SequenceCounter``: gap-free, concurrent publishers queue), and the readers are fixed: the
    /// people chosen and the leaders of the units chosen.
    static func publish(_ issue: BulletinIssue, at now: Date, on db: any Database) async throws {
        let id = try issue.requireID()
        let year = DocumentDate(now).year
        issue.year = year
        issue.number = try await SequenceCounter.next(unit: issue.unitID, key: numberKey(issue.bulletinID), year: year, on: db)
        issue.totalNumber = try await SequenceCounter.next(unit: issue.unitID, key: totalKey(issue.bulletinID), year: 0, on: db)
        issue.status = BulletinIssue.Status.published.rawValue
        issue.publishedAt = now
        issue.version += 1
        issue.updatedAt = now
        try await issue.update(on: db)
        let readers = try await readers(of: issue, on: db)
        for reader in readers {
            let row = BulletinReader()
            row.issueID = id
            row.userID = reader
            row.createdAt = now
            try await row.create(on: db)
        }
        let name = try await Bulletin.find(issue.bulletinID, on: db)?.name ?? ""
        let label = Strings.Bulletins.issueLabel(name: name, year: year, number: issue.number ?? 0)
        try await Notifier.send(NotificationDraft(kind: .bulletinPublished, title: Strings.Bulletins.publishedTitle(label), body: nil,
                                                  link: SiteURL.bulletinIssue.link(id), key: "bulletin-published:\(id.uuidString)"),
                                to: readers, at: now, on: db)
        try await Notifier.send(NotificationDraft(kind: .bulletinPublished, title: Strings.Bulletins.publishedEditorTitle(label), body: nil,
                                                  link: SiteURL.bulletinIssue.link(id), key: "bulletin-published-editor:\(id.uuidString)"),
                                to: [issue.submittedBy ?? issue.createdBy], at: now, on: db)
    }

    /// The people an issue goes to: those chosen, and the active leaders of the units chosen (a unit "reads" through
    /// its leaders — the people 刊物 are written for).
    static func readers(of issue: BulletinIssue, on db: any Database) async throws -> [UUID] {
        var people = try await User.query(on: db).filter(\.$id ~~ issue.chosenPeople).filter(\.$isDisabled == false).all().compactMap(\.id)
        for leader in try await Leadership.leaders(of: Set(issue.chosenUnits), on: db) where !people.contains(leader.id) { people.append(leader.id) }
        return people
    }

    /// The approver sent it back (or the process stopped): a draft again, with the reason.
    static func returned(_ issue: BulletinIssue, reason: String?, at now: Date, on db: any Database) async throws {
        issue.status = BulletinIssue.Status.draft.rawValue
        issue.returnedReason = reason.map(FieldRules.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        issue.instanceID = nil
        issue.version += 1
        issue.updatedAt = now
        try await issue.update(on: db)
        let id = try issue.requireID()
        try await Notifier.send(NotificationDraft(kind: .bulletinReturned, title: Strings.Bulletins.returnedTitle, body: issue.returnedReason,
                                                  link: SiteURL.bulletinIssue.link(id), key: "bulletin-returned:\(id.uuidString):\(issue.version)"),
                                to: [issue.submittedBy ?? issue.createdBy], at: now, on: db)
    }

    /// 阅读: a reader's first open is recorded (and the issue's line on their 信息专供 is read). Nothing for others.
    static func markRead(_ issue: BulletinIssue, by person: UUID, at now: Date = Date(), app: Application) async throws {
        let id = try issue.requireID()
        guard issue.statusValue == .published,
              let row = try await BulletinReader.query(on: app.db).filter(\.$issueID == id).filter(\.$userID == person).first(), row.readAt == nil else { return }
        try await app.write { db in
            try await BulletinReader.query(on: db).filter(\.$issueID == id).filter(\.$userID == person).filter(\.$readAt == nil).set(\.$readAt, to: now).update()
            try await ReadingListEntry.query(on: db).filter(\.$leaderID == person).filter(\.$kind == ReadingListEntry.Kind.issue.rawValue)
                .filter(\.$targetID == id).filter(\.$readAt == nil).set(\.$readAt, to: now).update()
        }
    }
}

/// Finding 刊物 and issues for a person: the one place they are looked up by id.
enum BulletinLookup {
    static func visible(_ id: UUID, access: Access, on db: any Database) async throws -> BulletinIssue {
        guard let issue = try await BulletinIssue.find(id, on: db), try await access.canView(issue, on: db) else { throw AppError.notFound() }
        return issue
    }

    static func bulletin(_ id: UUID, access: Access, on db: any Database) async throws -> Bulletin {
        guard let bulletin = try await Bulletin.find(id, on: db), try await access.canView(bulletin, on: db) else { throw AppError.notFound() }
        return bulletin
    }

    /// An item and its issue, if the person may see the issue.
    static func item(_ id: UUID, access: Access, on db: any Database) async throws -> (BulletinItem, BulletinIssue) {
        guard let item = try await BulletinItem.find(id, on: db) else { throw AppError.notFound() }
        return (item, try await visible(item.issueID, access: access, on: db))
    }
}
