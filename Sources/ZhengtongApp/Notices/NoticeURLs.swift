import Foundation

/// The pages of 通知公告 (see ``SiteURL``).
extension SiteURL {
    static let notices = SiteURL("/notices")
    static let noticesMine = SiteURL("/notices/mine")
    static let noticeNew = SiteURL("/notices/new")
    static let notice = SiteURL("/notices/:noticeID")
    static let noticeEdit = SiteURL("/notices/:noticeID/edit")
    static let noticeSubmit = SiteURL("/notices/:noticeID/submit")
    static let noticeReply = SiteURL("/notices/:noticeID/reply")
    static let noticeRemind = SiteURL("/notices/:noticeID/remind")
    static let noticeWithdraw = SiteURL("/notices/:noticeID/withdraw")
    static let noticeReceipts = SiteURL("/notices/:noticeID/receipts")
    static let noticeReceiptsCSV = SiteURL("/notices/:noticeID/receipts.csv")
    static let noticeFiles = SiteURL("/notices/:noticeID/files")
    static let noticeFile = SiteURL("/notices/:noticeID/files/:fileID")
    static let noticeFileDelete = SiteURL("/notices/:noticeID/files/:fileID/delete")
    static let adminNoticeColumns = SiteURL("/admin/units/:unitID/notice-columns")
    static let adminNoticeColumn = SiteURL("/admin/notice-columns/:columnID")
    static let noticeFeed = SiteURL("/feeds/notices/:columnID")
}
