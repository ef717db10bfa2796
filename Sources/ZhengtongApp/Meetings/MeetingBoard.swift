import Fluent
import Foundation

/// The meetings lists: 我的会议 (called to or hosting), 本单位会议 (the 会务's, drafts included) and 待报名 (units the
/// person signs for as clerk), each upcoming or past.
enum MeetingBoard {
    enum View: String, Sendable, CaseIterable {
        case mine
        case organized
        case invited
    }

    struct Page: Sendable {
        var items: [Meeting]
        var total: Int
    }

    static func list(_ view: View, past: Bool, access: Access, page: Int, perPage: Int, now: Date = Date(), on db: any Database) async throws -> Page {
        let query = Meeting.query(on: db)
        switch view {
        case .mine:
            let called = try await MeetingAttendee.query(on: db).filter(\.$userID == access.userID).all().map(\.meetingID)
            query.group(.or) { either in
                either.filter(\.$id ~~ called)
                either.filter(\.$hostID == access.userID)
            }.filter(\.$state != Meeting.State.draft.rawValue)
        case .organized:
            query.filter(\.$unitID ~~ Array(access.meetingUnits))
        case .invited:
            let invited = try await MeetingUnit.query(on: db).filter(\.$unitID ~~ Array(access.exchangeUnits)).all().map(\.meetingID)
            query.filter(\.$id ~~ invited).filter(\.$state != Meeting.State.draft.rawValue)
        }
        if past {
            query.filter(\.$endsAt < now).sort(\.$startsAt, .descending)
        } else {
            query.filter(\.$endsAt >= now).sort(\.$startsAt)
        }
        let total = try await query.count()
        let items = try await query.range(((page - 1) * perPage)..<(page * perPage)).all()
        return Page(items: items, total: total)
    }

    /// Invitations waiting for the person's 签收 or 报名, for the tab's count.
    static func waitingForUnits(access: Access, now: Date = Date(), on db: any Database) async throws -> Int {
        let units = Array(access.exchangeUnits)
        guard !units.isEmpty else { return 0 }
        let open = try await MeetingUnit.query(on: db).filter(\.$unitID ~~ units).filter(\.$state != MeetingUnit.State.named.rawValue).all().map(\.meetingID)
        return try await Meeting.query(on: db).filter(\.$id ~~ open).filter(\.$state == Meeting.State.notified.rawValue).filter(\.$endsAt >= now).count()
    }
}
