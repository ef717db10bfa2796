import Foundation

/// The rules of a unit's seals: how many it may hold, who keeps them, when one may be applied.
enum SealRules {
    /// 每个单位至多 3 枚电子印章 (the county contract's rule), unless configured otherwise (`ZHENGTONG_SEALS_PER_UNIT`).
    static let defaultPerUnit = 3
    static let nameLimit = 40

    /// Whether `seal` can be applied at `now` by `person`: not revoked, within its validity, and kept by them (or by
    /// no one in particular).
    static func usable(_ seal: UnitSeal, by person: UUID, at now: Date) -> Bool {
        seal.revokedAt == nil && (seal.validUntil.map { now <= $0 } ?? true) && (seal.keeperID == nil || seal.keeperID == person)
    }
}
