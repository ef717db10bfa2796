import Fluent
import Foundation
import Vapor

/// The 刊物 a person may see and, for each, the issues they may see: an editor every issue of their units' 刊物,
/// a reader the published issues they were given.
enum BulletinBoard {
    struct IssueLine: Content, Sendable {
        var id: UUID
        var status: BulletinIssue.Status
        var numberText: String?
        var publishedAt: Date?
        var firstTitle: String
        var itemCount: Int
        /// The caller's first read, for a reader.
        var readAt: Date?
    }

    struct Line: Content, Sendable {
        var id: UUID
        var name: String
        var kind: Bulletin.Kind
        var unit: BulletinIssueView.Ref
        var editable: Bool
        var issueCount: Int
    }

    struct Detail: Content, Sendable {
        var id: UUID
        var name: String
        var kind: Bulletin.Kind
        var unit: BulletinIssueView.Ref
        var editable: Bool
        var issues: [IssueLine]
    }

    static func lines(for access: Access, on db: any Database) async throws -> [Line] {
        let all = try await Bulletin.query(on: db).sort(\.$createdAt).all()
        let readIssues = try await BulletinReader.query(on: db).filter(\.$userID == access.userID).all().map(\.issueID)
        let readBulletins = Set(try await BulletinIssue.query(on: db).filter(\.$id ~~ readIssues).all().map(\.bulletinID))
        var lines: [Line] = []
        for bulletin in all {
            let id = try bulletin.requireID()
            let editable = access.editsBulletins(of: bulletin.unitID)
            guard editable || readBulletins.contains(id) else { continue }
            lines.append(Line(id: id, name: bulletin.name, kind: bulletin.kindValue, unit: .init(id: bulletin.unitID, name: access.tree.nameOf[bulletin.unitID] ?? ""),
                              editable: editable, issueCount: try await issues(of: bulletin, for: access, on: db).count))
        }
        return lines
    }

    static func detail(_ bulletin: Bulletin, for access: Access, on db: any Database) async throws -> Detail {
        Detail(id: try bulletin.requireID(), name: bulletin.name, kind: bulletin.kindValue,
               unit: .init(id: bulletin.unitID, name: access.tree.nameOf[bulletin.unitID] ?? ""), editable: access.editsBulletins(of: bulletin.unitID),
               issues: try await issues(of: bulletin, for: access, on: db))
    }

    /// Drafts first, then the published, newest first.
    static func issues(of bulletin: Bulletin, for access: Access, on db: any Database) async throws -> [IssueLine] {
        let id = try bulletin.requireID()
        let editor = access.editsBulletins(of: bulletin.unitID)
        let rows = try await BulletinReader.query(on: db).filter(\.$userID == access.userID).all()
        var query = BulletinIssue.query(on: db).filter(\.$bulletinID == id)
        if !editor { query = query.filter(\.$id ~~ rows.map(\.issueID)).filter(\.$status == BulletinIssue.Status.published.rawValue) }
        let issues = try await query.all()
        var lines: [IssueLine] = []
        for issue in issues {
            let issueID = try issue.requireID()
            let items = try await BulletinItem.query(on: db).filter(\.$issueID == issueID).sort(\.$position).all()
            lines.append(IssueLine(id: issueID, status: issue.statusValue,
                                   numberText: issue.number.map { Strings.Bulletins.numberText(year: issue.year ?? 0, number: $0, total: issue.totalNumber) },
                                   publishedAt: issue.publishedAt, firstTitle: items.first?.title ?? "", itemCount: items.count,
                                   readAt: rows.first { $0.issueID == issueID }?.readAt))
        }
        return lines.sorted { a, b in
            if (a.publishedAt == nil) != (b.publishedAt == nil) { return a.publishedAt == nil }
            return (a.publishedAt ?? .distantPast) > (b.publishedAt ?? .distantPast)
        }
    }
}
