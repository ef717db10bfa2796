import Foundation

/// The pages of 刊物 and 信息专供 (see ``SiteURL``).
extension SiteURL {
    static let bulletins = SiteURL("/bulletins")
    static let bulletinIssues = SiteURL("/bulletins/:bulletinID/issues")
    static let bulletinIssue = SiteURL("/bulletin-issues/:issueID")
    static let bulletinIssueItems = SiteURL("/bulletin-issues/:issueID/items")
    static let bulletinIssueItem = SiteURL("/bulletin-issues/:issueID/items/:itemID")
    static let bulletinIssueItemRemove = SiteURL("/bulletin-issues/:issueID/items/:itemID/remove")
    static let bulletinIssueItemMove = SiteURL("/bulletin-issues/:issueID/items/:itemID/move")
    static let bulletinIssueSubmit = SiteURL("/bulletin-issues/:issueID/submit")
    static let bulletinIssuePrint = SiteURL("/bulletin-issues/:issueID/print")
    static let bulletinIssueOFD = SiteURL("/bulletin-issues/:issueID/ofd")
    static let bulletinItemInstruct = SiteURL("/bulletin-items/:itemID/instruct")
    static let bulletinInstructionSupervise = SiteURL("/bulletin-instructions/:instructionID/supervise")
    static let reading = SiteURL("/reading")
    static let readingAdd = SiteURL("/reading/add")
    static let readingEntry = SiteURL("/reading/:entryID")
}

/// The API of 刊物 and 信息专供 (see ``APIURL``).
extension APIURL {
    static let bulletins = APIURL("bulletins")
    static let bulletin = APIURL("bulletins/:bulletinID")
    static let bulletinIssues = APIURL("bulletins/:bulletinID/issues")
    static let bulletinIssue = APIURL("bulletin-issues/:issueID")
    static let bulletinIssueItems = APIURL("bulletin-issues/:issueID/items")
    static let bulletinIssueItem = APIURL("bulletin-issues/:issueID/items/:itemID")
    static let bulletinIssueItemRemove = APIURL("bulletin-issues/:issueID/items/:itemID/remove")
    static let bulletinIssueOrder = APIURL("bulletin-issues/:issueID/order")
    static let bulletinIssueSubmit = APIURL("bulletin-issues/:issueID/submit")
    static let bulletinIssueRead = APIURL("bulletin-issues/:issueID/read")
    static let bulletinIssueOFD = APIURL("bulletin-issues/:issueID/ofd")
    static let bulletinItemInstructions = APIURL("bulletin-items/:itemID/instructions")
    static let bulletinInstructionSupervise = APIURL("bulletin-instructions/:instructionID/supervise")
    static let adoptedReports = APIURL("adopted-reports")
    static let readingList = APIURL("reading-list")
    static let readingListEntryRead = APIURL("reading-list/:entryID/read")
}
