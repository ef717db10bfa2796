import Fluent
import Foundation
import Gongwen

/// What the full-text index knows of a notice: its title, body, its files' names and text (read later by the index
/// worker, within the limits every attachment has). The search results pass ``Access/canView(_:on:)`` of the notice,
/// as its page does, so nobody finds one outside its audience.
extension SearchSource {
    static func notice(_ id: UUID, on db: any Database) async throws -> SearchSource? {
        guard let notice = try await Notice.find(id, on: db) else { return nil }
        let unit = try await Unit.find(notice.unitID, on: db)
        let column = try await NoticeColumn.find(notice.columnID, on: db)
        var parts: [Part] = [.text(NoticeMarkup.plainText(NoticeMarkup.parse(notice.body)))]
        for file in try await NoticeAttachment.query(on: db).filter(\.$noticeID == id).sort(\.$createdAt).all() {
            parts.append(.file(name: file.name, data: file.data))
        }
        let date = notice.publishedAt ?? notice.createdAt
        return SearchSource(type: .notice, id: id, unitID: notice.unitID, title: notice.title, number: nil, issuer: unit?.name ?? "",
                            kind: column?.name, year: DocumentDate(date).year, status: notice.status, classification: nil, date: date, parts: parts)
    }
}
