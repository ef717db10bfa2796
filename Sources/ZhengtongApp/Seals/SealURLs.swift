import Foundation

/// The pages of 印章管理 (see ``SiteURL``).
extension SiteURL {
    static let adminUnitSeals = SiteURL("/admin/units/:unitID/seals")
    static let adminUnitSealRevoke = SiteURL("/admin/units/:unitID/seals/:sealID/revoke")
    static let adminUnitSealKeeper = SiteURL("/admin/units/:unitID/seals/:sealID/keeper")
}

/// The API paths of 印章管理 (see ``APIURL``).
extension APIURL {
    static let unitSeals = APIURL("units/:unitID/seals")
    static let unitSealRevoke = APIURL("units/:unitID/seals/:sealID/revoke")
    static let unitSealKeeper = APIURL("units/:unitID/seals/:sealID/keeper")
}
