import Foundation

/// The pages of 预警 (see ``SiteURL``).
extension SiteURL {
    static let alerts = SiteURL("/alerts")
    static let alertNew = SiteURL("/alerts/new")
    static let alert = SiteURL("/alerts/:alertID")
    static let alertConfirm = SiteURL("/alerts/:alertID/confirm")
    static let alertResend = SiteURL("/alerts/:alertID/resend")
    static let alertClose = SiteURL("/alerts/:alertID/close")
}

/// The API paths of 预警 (see ``APIURL``).
extension APIURL {
    static let alerts = APIURL("alerts")
    static let alert = APIURL("alerts/:alertID")
    static let alertConfirm = APIURL("alerts/:alertID/confirm")
    static let alertResend = APIURL("alerts/:alertID/resend")
    static let alertClose = APIURL("alerts/:alertID/close")
}
