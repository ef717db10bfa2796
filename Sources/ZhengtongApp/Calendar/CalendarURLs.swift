import Foundation

/// The pages of 日程 (see ``SiteURL``).
extension SiteURL {
    /// `?view=day|week|month&date=`.
    static let calendar = SiteURL("/calendar")
    static let calendarFeed = SiteURL("/calendar/feed")
    static let calendarFeedRevoke = SiteURL("/calendar/feed/revoke")
    /// The iCalendar file, `<token>.ics`: no session, the token is the credential.
    static let calendarFeedFile = SiteURL("/calendar/feed/:file")
}

/// The API paths of 日程 (see ``APIURL``).
extension APIURL {
    static let calendar = APIURL("calendar")
    static let calendarFeed = APIURL("calendar/feed")
}
