import Foundation

/// The pages of 信息报送 (see ``SiteURL``).
extension SiteURL {
    static let reports = SiteURL("/reports")
    static let reportNew = SiteURL("/reports/new")
    static let reportInbox = SiteURL("/reports/inbox")
    static let reportRequests = SiteURL("/reports/requests")
    static let reportRanking = SiteURL("/reports/ranking")
    static let reportRankingExport = SiteURL("/reports/ranking/export")
    static let reportRankingCircular = SiteURL("/reports/ranking/circular")
    static let report = SiteURL("/reports/:reportID")
    static let reportEdit = SiteURL("/reports/:reportID/edit")
    static let reportReview = SiteURL("/reports/:reportID/review")
    static let reportResubmit = SiteURL("/reports/:reportID/resubmit")
    static let reportDecide = SiteURL("/reports/:reportID/decide")
    static let reportFiles = SiteURL("/reports/:reportID/files")
    static let reportFile = SiteURL("/reports/:reportID/files/:fileID")
    static let reportScheme = SiteURL("/admin/units/:unitID/report-scheme")
}

/// The API paths of 信息报送 (see ``APIURL``).
extension APIURL {
    static let reports = APIURL("reports")
    static let reportRanking = APIURL("reports/ranking")
    static let reportRankingExport = APIURL("reports/ranking/export")
    static let reportRankingCircular = APIURL("reports/ranking/circular")
    static let reportRequests = APIURL("reports/requests")
    static let reportTargets = APIURL("reports/targets")
    static let report = APIURL("reports/:reportID")
    static let reportReview = APIURL("reports/:reportID/review")
    static let reportResubmit = APIURL("reports/:reportID/resubmit")
    static let reportAdopt = APIURL("reports/:reportID/adopt")
    static let reportReturn = APIURL("reports/:reportID/return")
    static let reportArchive = APIURL("reports/:reportID/archive")
    static let reportFiles = APIURL("reports/:reportID/files")
    static let reportFile = APIURL("reports/:reportID/files/:fileID")
    static let reportScheme = APIURL("units/:unitID/report-scheme")
}
