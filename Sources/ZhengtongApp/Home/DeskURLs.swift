/// The pages of the 工作台 (see ``SiteURL``).
extension SiteURL {
    static let deskSettings = SiteURL("/desk/settings")
    static let adminDesk = SiteURL("/admin/units/:unitID/desk")
}
