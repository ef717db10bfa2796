import Foundation

/// The pages of 督查督办 (see ``SiteURL``).
extension SiteURL {
    static let supervision = SiteURL("/supervision")
    static let supervisionNew = SiteURL("/supervision/new")
    static let supervisionImport = SiteURL("/supervision/import")
    static let supervisionBulletin = SiteURL("/supervision/bulletin")
    static let supervisionItem = SiteURL("/supervision/:itemID")
    static let supervisionEdit = SiteURL("/supervision/:itemID/edit")
    static let supervisionChildren = SiteURL("/supervision/:itemID/children")
    static let supervisionReports = SiteURL("/supervision/:itemID/reports")
    static let supervisionReportDecision = SiteURL("/supervision/:itemID/reports/:reportID/decision")
    static let supervisionRemind = SiteURL("/supervision/:itemID/remind")
    static let supervisionExtension = SiteURL("/supervision/:itemID/extension")
    static let supervisionExtensionDecision = SiteURL("/supervision/:itemID/extension/:requestID/decision")
    static let supervisionComplete = SiteURL("/supervision/:itemID/complete")
    static let supervisionCompletionDecision = SiteURL("/supervision/:itemID/completion/decision")
    static let supervisionEvaluate = SiteURL("/supervision/:itemID/evaluate")
    static let supervisionClose = SiteURL("/supervision/:itemID/close")
    static let supervisionFiles = SiteURL("/supervision/:itemID/files")
    static let supervisionFile = SiteURL("/supervision/:itemID/files/:fileID")
}

/// The API paths of 督查督办 (see ``APIURL``).
extension APIURL {
    static let supervisionItems = APIURL("supervision/items")
    static let supervisionItem = APIURL("supervision/items/:itemID")
    static let supervisionFile = APIURL("supervision/items/:itemID/files/:fileID")
}
