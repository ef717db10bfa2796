import Fluent
import Foundation
import Vapor

/// The print views of a meeting for its 会务: the 座次图 (the rostrum above, the hall's rows below, as the audience sees
/// them) and the 席卡 (one A4 landscape sheet per person, folded along the middle, the name upright on the front half and
/// upside down on the back so it reads from both sides). Standalone pages with their own print stylesheet.
enum MeetingPrintPages {
    struct Cell: Encodable, Sendable {
        var number: Int
        var name: String?
        var unit: String?
    }

    struct Row: Encodable, Sendable {
        var label: String
        var cells: [Cell]
    }

    struct ChartPage: Encodable, Sendable {
        var title: String
        var timeText: String
        var placeText: String
        var rostrum: [Cell]
        var rows: [Row]
        var unseated: [String]
        var backHref: String
    }

    struct Card: Encodable, Sendable {
        var name: String
        /// 2-character names are spaced out to the width of 3, as name cards are set.
        var spaced: Bool
    }

    struct CardsPage: Encodable, Sendable {
        var title: String
        var cards: [Card]
        var backHref: String
    }

    private static func organized(_ req: Request) async throws -> (Meeting, MeetingView) {
        let access = try await req.access()
        let meeting = try await MeetingLookup.organized(try req.idParameter("meetingID"), access: access, on: req.db)
        return (meeting, try await MeetingView.load(meeting, access: access, links: .page, on: req.db))
    }

    @Sendable static func seatChart(req: Request) async throws -> Response {
        let (meeting, view) = try await organized(req)
        guard let roomID = meeting.roomID, let room = try await MeetingRoom.find(roomID, on: req.db) else {
            throw AppError.conflict(Strings.Meetings.noRoomLayout)
        }
        let seated = view.attendees.filter(\.expected)
        func person(_ zone: MeetingAttendee.Zone, _ row: Int, _ number: Int) -> MeetingView.Attendee? {
            seated.first { $0.zone == zone && $0.seatRow == row && $0.seatNumber == number }
        }
        let rostrum = room.rostrumSeats > 0 ? (1...room.rostrumSeats).map { number in
            Cell(number: number, name: person(.rostrum, 1, number)?.name, unit: person(.rostrum, 1, number)?.unitName)
        } : []
        let rows = (1...room.rows).map { row in
            Row(label: Strings.Meetings.rowLabel(row), cells: (1...room.seatsPerRow).map { number in
                Cell(number: number, name: person(.hall, row, number)?.name, unit: person(.hall, row, number)?.unitName)
            })
        }
        return try await req.renderPage("meetings/seat-chart", title: Strings.Meetings.seatChartTitle, section: .meetings, ChartPage(
            title: meeting.title, timeText: view.timeText, placeText: view.placeText, rostrum: rostrum, rows: rows,
            unseated: seated.filter { $0.seatRow == nil }.map(\.name), backHref: SiteURL.meeting.link(view.id)))
    }

    @Sendable static func nameCards(req: Request) async throws -> Response {
        let (_, view) = try await organized(req)
        let zone = MeetingAttendee.Zone(rawValue: req.queryValue("zone") ?? "")
        let people = view.attendees.filter { $0.expected && (zone == nil || $0.zone == zone) }
        return try await req.renderPage("meetings/name-cards", title: Strings.Meetings.nameCardsTitle, section: .meetings, CardsPage(
            title: view.title, cards: people.map { Card(name: $0.name, spaced: $0.name.count == 2) }, backHref: SiteURL.meeting.link(view.id)))
    }
}
