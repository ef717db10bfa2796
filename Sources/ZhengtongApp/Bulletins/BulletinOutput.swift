import Fluent
import Foundation
import Gongwen
import Vapor

/// An issue in the bulletin layout (``BulletinLayout``): the print view and the OFD, laid out off the event loop.
enum BulletinOutput {
    static func content(_ issue: BulletinIssue, on db: any Database) async throws -> BulletinContent {
        let bulletin = try await Bulletin.find(issue.bulletinID, on: db)
        let unit = try await Unit.find(issue.unitID, on: db)
        let items = try await BulletinItem.query(on: db).filter(\.$issueID == issue.requireID()).sort(\.$position).all()
        let numberLine = issue.number.map { Strings.Bulletins.numberText(year: issue.year ?? 0, number: $0, total: issue.totalNumber) }
            ?? Strings.Bulletins.statusLabel(issue.statusValue)
        return BulletinContent(name: bulletin?.name ?? "", numberLine: numberLine, editor: unit?.name ?? "", date: DocumentDate(issue.publishedAt ?? issue.updatedAt),
                               items: items.map { .init(title: $0.title, note: $0.note, paragraphs: $0.paragraphs, source: $0.sourceUnitName) },
                               reportTo: issue.reportTo, sendTo: issue.sendTo, distributeTo: issue.distributeTo, copies: issue.copies)
    }

    static func printHTML(_ issue: BulletinIssue, app: Application) async throws -> String {
        let content = try await content(issue, on: app.db)
        return try await app.threadPool.runIfActive {
            PrintHTML.render(BulletinLayout.layout(content), title: content.name + " " + content.numberLine, seals: [], stylesheetHref: OutgoingOutput.stylesheetPath)
        }
    }

    /// The OFD's bytes and a file name for it.
    static func ofd(_ issue: BulletinIssue, app: Application) async throws -> (data: Data, name: String) {
        let content = try await content(issue, on: app.db)
        let id = try issue.requireID()
        let created = issue.createdAt, modified = issue.updatedAt
        let data = try await app.threadPool.runIfActive {
            try OFDWriter.package(BulletinLayout.layout(content), metadata: OFDMetadata(documentID: id, title: content.name + " " + content.numberLine,
                                                                                         author: content.editor, creationDate: created, modificationDate: modified),
                                  seals: [], fonts: DocumentFonts.library)
        }
        return (data, filename(content))
    }

    static func filename(_ content: BulletinContent) -> String {
        "\(content.name)\(content.numberLine).ofd"
    }
}
