import Foundation
import Vapor

/// What happened, as a feature describes it; ``AuditLog`` turns it into a chained row.
struct AuditEvent: Sendable {
    var action: String
    var targetType: String
    var targetID: String?
    var targetLabel: String
    var succeeded: Bool = true
    var before: [String: String] = [:]
    var after: [String: String] = [:]
}

/// Who did it and from where.
struct AuditActor: Sendable {
    var userID: UUID?
    var username: String
    var unitID: UUID?
    var clientAddress: String

    /// The system itself (start-up, command-line tools).
    static func system(_ name: String = "system") -> AuditActor {
        AuditActor(userID: nil, username: name, unitID: nil, clientAddress: "local")
    }
}

extension Request {
    /// The client address; the reverse proxy's report of it only when the deployment trusts one.
    var clientAddress: String {
        guard application.config.trustProxyHeaders else { return remoteAddress?.ipAddress ?? "unknown" }
        if let forwarded = headers.forwarded.first?.for { return forwarded }
        if let forwarded = headers.first(name: .xForwardedFor)?.split(separator: ",").first {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Field-by-field difference of two snapshots, keeping only what changed.
func auditDiff(_ before: [String: String], _ after: [String: String]) -> (before: [String: String], after: [String: String]) {
    var b: [String: String] = [:]
    var a: [String: String] = [:]
    for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
        b[key] = before[key] ?? ""
        a[key] = after[key] ?? ""
    }
    return (b, a)
}
