import Fluent
import Foundation
import Vapor

/// 信息专供: a leader's reading list — the issues they read (as a chosen reader), and what the office put there for
/// them with a short note: an issue or one item, or a 发文/收文 the leader may see anyway (the documents' own visibility
/// rules decide; putting one on the list never lets a leader read more). Unread first, then newest.
enum ReadingList {
    typealias Actor = WorkflowService.Actor

    struct Line: Content, Sendable, Equatable {
        /// The issue's id, or the entry's for what the office added.
        var id: UUID
        var kind: ReadingListEntry.Kind
        var title: String
        /// What it is (the 刊物 and 期号, a 文号 …).
        var subtitle: String
        var note: String
        var addedAt: Date
        var readAt: Date?
        /// The page to open.
        var href: String
        /// Where a phone client reads it.
        var url: String
    }

    /// The page that puts `target` on a leader's 信息专供 (linked from the 发文 and 收文 pages).
    static func addPath(kind: ReadingListEntry.Kind, target: UUID) -> String {
        SiteURL.readingAdd.path + "?kind=" + kind.rawValue + "&target=" + target.uuidString
    }

    /// 加入信息专供: `kind`/`target` for `leaderID`, by a 信息编辑 or 文书 over the leader's unit. An issue or item must be
    /// published and the editor's; the leader becomes one of its readers. A document must be one the marker and the
    /// leader may both see. Adding again replaces the note and shows it as unread again.
    static func add(leaderID: UUID, kind: ReadingListEntry.Kind, targetID: UUID, note: String?, access: Access, actor: Actor, app: Application,
                    now: Date = Date()) async throws -> ReadingListEntry {
        let s = Strings.Bulletins.self
        guard access.keepsAnyReadingList else { throw AppError.forbidden(s.notReadingKeeper) }
        let note = FieldRules.trimmed(note)
        guard note.count <= 200 else { throw AppError.validation(s.noteTooLong, fields: ["note": s.noteTooLong]) }
        guard let leader = try await User.find(leaderID, on: app.db), !leader.isDisabled,
              try await UserPosition.query(on: app.db).filter(\.$user.$id == leaderID).filter(\.$department.$id == nil).first() != nil,
              access.keepsReadingList(of: leader.$unit.id) else {
            throw AppError.validation(s.leaderInvalid, fields: ["leader": s.leaderInvalid])
        }
        let leaderAccess = try await Access.load(for: leader, on: app.db)
        var issueForReader: UUID?
        var label: String
        switch kind {
        case .issue, .item:
            let issue: BulletinIssue
            if kind == .issue {
                issue = try await BulletinLookup.visible(targetID, access: access, on: app.db)
                label = targetID.uuidString
            } else {
                let (item, found) = try await BulletinLookup.item(targetID, access: access, on: app.db)
                issue = found
                label = item.title
            }
            guard access.editsBulletins(of: issue.unitID) else { throw AppError.forbidden(s.notEditor) }
            guard issue.statusValue == .published else { throw AppError.conflict(s.notPublished) }
            issueForReader = try issue.requireID()
        case .outgoing:
            let document = try await OutgoingLookup.visible(targetID, access: access, on: app.db)
            guard access.has(.documentRegister) || access.has(.reportEdit), try await leaderAccess.canView(document, on: app.db) else {
                throw AppError.validation(s.leaderCannotSee, fields: ["leader": s.leaderCannotSee])
            }
            label = document.title
        case .incoming:
            let document = try await IncomingLookup.visible(targetID, access: access, on: app.db)
            guard try await leaderAccess.canView(document, on: app.db) else {
                throw AppError.validation(s.leaderCannotSee, fields: ["leader": s.leaderCannotSee])
            }
            label = document.title
        }
        let finalLabel = label
        let readerIssue = issueForReader
        return try await app.write { db in
            if let issueID = readerIssue,
               try await BulletinReader.query(on: db).filter(\.$issueID == issueID).filter(\.$userID == leaderID).first() == nil {
                let reader = BulletinReader()
                reader.issueID = issueID
                reader.userID = leaderID
                reader.createdAt = now
                try await reader.create(on: db)
            }
            let entry = try await ReadingListEntry.query(on: db).filter(\.$leaderID == leaderID).filter(\.$kind == kind.rawValue)
                .filter(\.$targetID == targetID).first() ?? ReadingListEntry()
            let isNew = entry.id == nil
            if isNew {
                entry.id = UUID()
                entry.leaderID = leaderID
                entry.kind = kind.rawValue
                entry.targetID = targetID
            }
            entry.note = note
            entry.addedBy = access.userID
            entry.readAt = nil
            entry.createdAt = now
            if isNew { try await entry.create(on: db) } else { try await entry.update(on: db) }
            try await Notifier.send(NotificationDraft(kind: .readingList, title: s.readingAddedTitle(finalLabel), body: note.isEmpty ? nil : note,
                                                      link: SiteURL.reading.path, key: "reading:\(try entry.requireID().uuidString):\(now.timeIntervalSince1970)"),
                                    to: [leaderID], at: now, on: db)
            try await AuditLog.record(AuditEvent(action: "reading.add", targetType: "reading_list_entry", targetID: entry.id?.uuidString, targetLabel: finalLabel,
                                                 after: ["leader": leader.username, "kind": kind.rawValue]), by: actor.audit, on: db)
            return entry
        }
    }

    /// The person's list, unread first, then newest. Documents they may no longer see are left out.
    static func lines(for access: Access, on db: any Database) async throws -> [Line] {
        var lines: [Line] = []
        let entries = try await ReadingListEntry.query(on: db).filter(\.$leaderID == access.userID).all()
        let notes = Dictionary(entries.filter { $0.kindValue == .issue }.map { ($0.targetID, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try await BulletinReader.query(on: db).filter(\.$userID == access.userID).all()
        let issues = try await BulletinIssue.query(on: db).filter(\.$id ~~ rows.map(\.issueID)).filter(\.$status == BulletinIssue.Status.published.rawValue).all()
        let bulletins = try await Bulletin.query(on: db).filter(\.$id ~~ issues.map(\.bulletinID)).all()
        for row in rows {
            guard let issue = issues.first(where: { $0.id == row.issueID }), let bulletin = bulletins.first(where: { $0.id == issue.bulletinID }) else { continue }
            let entry = notes[row.issueID]
            let first = try await BulletinItem.query(on: db).filter(\.$issueID == row.issueID).sort(\.$position).first()
            lines.append(Line(id: row.issueID, kind: .issue, title: Strings.Bulletins.issueLabel(name: bulletin.name, year: issue.year ?? 0, number: issue.number ?? 0),
                              subtitle: first?.title ?? "", note: entry?.note ?? "", addedAt: max(issue.publishedAt ?? row.createdAt, entry?.createdAt ?? .distantPast),
                              readAt: row.readAt, href: SiteURL.bulletinIssue.link(row.issueID), url: APIURL.bulletinIssue.link(row.issueID)))
        }
        for entry in entries where entry.kindValue != .issue {
            let id = try entry.requireID()
            switch entry.kindValue {
            case .issue: continue
            case .item:
                guard let item = try await BulletinItem.find(entry.targetID, on: db), let issue = try await BulletinIssue.find(item.issueID, on: db),
                      try await access.canView(issue, on: db) else { continue }
                let name = try await Bulletin.find(issue.bulletinID, on: db)?.name ?? ""
                lines.append(Line(id: id, kind: .item, title: item.title, subtitle: Strings.Bulletins.issueLabel(name: name, year: issue.year ?? 0, number: issue.number ?? 0),
                                  note: entry.note, addedAt: entry.createdAt, readAt: entry.readAt, href: SiteURL.readingEntry.link(id), url: APIURL.bulletinIssue.link(item.issueID)))
            case .outgoing:
                guard let document = try await OutgoingDocument.find(entry.targetID, on: db), try await access.canView(document, on: db) else { continue }
                lines.append(Line(id: id, kind: .outgoing, title: document.title, subtitle: document.number ?? Strings.Bulletins.kindOutgoing, note: entry.note,
                                  addedAt: entry.createdAt, readAt: entry.readAt, href: SiteURL.readingEntry.link(id), url: APIURL.outgoing.link(entry.targetID)))
            case .incoming:
                guard let document = try await IncomingDocument.find(entry.targetID, on: db), try await access.canView(document, on: db) else { continue }
                lines.append(Line(id: id, kind: .incoming, title: document.title, subtitle: document.registrationNumber, note: entry.note,
                                  addedAt: entry.createdAt, readAt: entry.readAt, href: SiteURL.readingEntry.link(id), url: APIURL.incoming.link(entry.targetID)))
            }
        }
        return lines.sorted { a, b in
            if (a.readAt == nil) != (b.readAt == nil) { return a.readAt == nil }
            return a.addedAt > b.addedAt
        }
    }

    /// Opening an entry the office added: read now; where it leads (nil when the person may no longer see it).
    static func open(_ entryID: UUID, access: Access, app: Application, now: Date = Date()) async throws -> String {
        guard let entry = try await ReadingListEntry.find(entryID, on: app.db), entry.leaderID == access.userID else { throw AppError.notFound() }
        let href: String
        switch entry.kindValue {
        case .issue:
            href = SiteURL.bulletinIssue.link(try await BulletinLookup.visible(entry.targetID, access: access, on: app.db).requireID())
        case .item:
            let (item, issue) = try await BulletinLookup.item(entry.targetID, access: access, on: app.db)
            href = SiteURL.bulletinIssue.link(try issue.requireID()) + "#item-\(try item.requireID().uuidString)"
        case .outgoing:
            href = SiteURL.outgoing.link(try await OutgoingLookup.visible(entry.targetID, access: access, on: app.db).requireID())
        case .incoming:
            href = SiteURL.incoming.link(try await IncomingLookup.visible(entry.targetID, access: access, on: app.db).requireID())
        }
        if entry.readAt == nil {
            try await app.write { db in
                try await ReadingListEntry.query(on: db).filter(\.$id == entryID).filter(\.$readAt == nil).set(\.$readAt, to: now).update()
            }
        }
        return href
    }
}
