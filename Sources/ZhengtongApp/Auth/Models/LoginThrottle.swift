import Fluent
import Foundation

/// Failed-login counter for one account name or one client address (lockout).
final class LoginThrottle: Model, @unchecked Sendable {
    static let schema = "login_throttles"

    @ID(key: .id) var id: UUID?
    /// `account:<name>` or `address:<ip>`.
    @Field(key: "key") var key: String
    @Field(key: "failures") var failures: Int
    @Field(key: "window_started_ms") var windowStartedMilliseconds: Int64
    @Field(key: "locked_until_ms") var lockedUntilMilliseconds: Int64

    init() {}
}
