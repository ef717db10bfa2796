import Foundation

/// The pages of 会议 (see ``SiteURL``).
extension SiteURL {
    static let meetings = SiteURL("/meetings")
    static let meetingNew = SiteURL("/meetings/new")
    static let meetingRooms = SiteURL("/meetings/rooms")
    static let meetingRoomNew = SiteURL("/meetings/rooms/new")
    static let meetingRoom = SiteURL("/meetings/rooms/:roomID")
    static let meetingRoomEdit = SiteURL("/meetings/rooms/:roomID/edit")
    static let meetingRoomBookings = SiteURL("/meetings/rooms/:roomID/bookings")
    static let meetingBookingCancel = SiteURL("/meetings/bookings/:bookingID/cancel")
    static let meetingBookingDecision = SiteURL("/meetings/bookings/:bookingID/decision")
    static let meeting = SiteURL("/meetings/:meetingID")
    static let meetingEdit = SiteURL("/meetings/:meetingID/edit")
    static let meetingNotify = SiteURL("/meetings/:meetingID/notify")
    static let meetingCancel = SiteURL("/meetings/:meetingID/cancel")
    static let meetingReply = SiteURL("/meetings/:meetingID/reply")
    static let meetingUnitReceive = SiteURL("/meetings/:meetingID/units/:unitID/receive")
    static let meetingUnitAttendees = SiteURL("/meetings/:meetingID/units/:unitID/attendees")
    static let meetingRemind = SiteURL("/meetings/:meetingID/remind")
    static let meetingSeats = SiteURL("/meetings/:meetingID/seats")
    static let meetingSeatMove = SiteURL("/meetings/:meetingID/seats/move")
    static let meetingSeatChart = SiteURL("/meetings/:meetingID/seats/print")
    static let meetingNameCards = SiteURL("/meetings/:meetingID/cards/print")
    static let meetingSignIn = SiteURL("/meetings/:meetingID/sign-in")
    static let meetingMinutes = SiteURL("/meetings/:meetingID/minutes")
    static let meetingFiles = SiteURL("/meetings/:meetingID/files")
    static let meetingFile = SiteURL("/meetings/:meetingID/files/:fileID")
    static let meetingServiceDone = SiteURL("/meetings/:meetingID/services/:requestID/done")
}

/// The API paths of 会议 (see ``APIURL``).
extension APIURL {
    static let meetings = APIURL("meetings")
    static let meeting = APIURL("meetings/:meetingID")
    static let meetingFile = APIURL("meetings/:meetingID/files/:fileID")
    static let rooms = APIURL("rooms")
    static let room = APIURL("rooms/:roomID")
}
