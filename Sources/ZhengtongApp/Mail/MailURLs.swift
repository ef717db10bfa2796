import Foundation

/// The pages of 内部邮件 (see ``SiteURL``).
extension SiteURL {
    static let mail = SiteURL("/mail")
    static let mailCompose = SiteURL("/mail/compose")
    static let mailDraft = SiteURL("/mail/drafts/:messageID")
    static let mailDraftEdit = SiteURL("/mail/drafts/:messageID/edit")
    static let mailDraftAutosave = SiteURL("/mail/drafts/:messageID/autosave")
    static let mailDraftAttachmentDelete = SiteURL("/mail/drafts/:messageID/attachments/:attachmentID/delete")
    static let mailMessage = SiteURL("/mail/messages/:messageID")
    static let mailRespond = SiteURL("/mail/messages/:messageID/respond")
    static let mailRecall = SiteURL("/mail/messages/:messageID/recall")
    static let mailAction = SiteURL("/mail/messages/:messageID/action")
    static let mailAttachment = SiteURL("/mail/messages/:messageID/attachments/:attachmentID")
    static let mailRecipients = SiteURL("/mail/recipients")
    static let mailSettings = SiteURL("/mail/settings")
    static let mailFolders = SiteURL("/mail/folders")
    static let mailFolderDelete = SiteURL("/mail/folders/:folderID/delete")
    static let mailGroups = SiteURL("/mail/groups")
    static let mailGroupDelete = SiteURL("/mail/groups/:groupID/delete")
}

/// The API resource a mail notification points at (``NotificationLinks``).
extension APIURL {
    static let mailMessage = APIURL("mail/messages/:messageID")
}
