import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// The Atom feed of a column marked 对外公开: what passed the three reviews, for the unit's public website to pull
/// (the seeds' "指定的信息自动地发布到政务信息网上"). No sign-in — it is public by the column's choice — and only
/// published items that were not withdrawn, newest first, as plain text.
enum NoticeFeed {
    struct Entry: Sendable {
        var id: UUID
        var title: String
        var text: String
        var published: Date
        var updated: Date
    }

    /// The feed's XML.
    static func atom(columnID: UUID, column: String, unit: String, entries: [Entry]) -> String {
        func text(_ value: String) -> String { MarkupEscaping.escape(value) }
        func time(_ date: Date) -> String { ISODateTime.format(date, in: TimeZone(secondsFromGMT: 0)!) }
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>urn:uuid:\(columnID.uuidString.lowercased())</id>
            <title>\(text(unit + " · " + column))</title>
            <updated>\(time(entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)))</updated>
            <author><name>\(text(unit))</name></author>

            """
        for entry in entries {
            xml += """
                <entry>
                <id>urn:uuid:\(entry.id.uuidString.lowercased())</id>
                <title>\(text(entry.title))</title>
                <published>\(time(entry.published))</published>
                <updated>\(time(entry.updated))</updated>
                <content type="text">\(text(entry.text))</content>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// `GET /feeds/notices/{columnID}`: 404 for a column that is not public (or does not exist).
    static func register(on app: Application) {
        app.get(SiteURL.noticeFeed.components) { req async throws -> Response in
            guard let column = try await NoticeColumn.find(try req.idParameter("columnID"), on: req.db), column.isPublic, !column.isDisabled else {
                throw AppError.notFound()
            }
            let notices = try await Notice.query(on: req.db).filter(\.$columnID == column.requireID()).filter(\.$status == Notice.Status.published.rawValue)
                .sort(\.$publishedAt, .descending).limit(50).all()
            let unit = try await Unit.find(column.unitID, on: req.db)?.name ?? ""
            let entries = try notices.map { notice in
                let blocks = (try? JSONDecoder().decode([NoticeBlock].self, from: Data(notice.blocks.utf8))) ?? []
                return Entry(id: try notice.requireID(), title: notice.title, text: NoticeMarkup.plainText(blocks),
                             published: notice.publishedAt ?? notice.createdAt, updated: notice.updatedAt)
            }
            let response = Response(status: .ok, body: .init(string: atom(columnID: try column.requireID(), column: column.name, unit: unit, entries: entries)))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
            return response
        }
    }
}
