import Fluent
import Foundation

// What the audit log records of an organisation record before and after a change: the fields an administrator
// edits, as strings. Used by the administration pages and the CSV import alike.

extension IssuerCode {
    var auditSnapshot: [String: String] {
        ["code": code, "style": style, "issuerMark": issuerMark, "enabled": String(isEnabled)]
    }
}

extension Role {
    var auditSnapshot: [String: String] {
        ["code": code, "name": name, "description": description, "permissions": permissions.sorted().joined(separator: ",")]
    }
}

extension Unit {
    var auditSnapshot: [String: String] {
        ["name": name, "shortName": shortName ?? "", "code": code, "kind": kind.rawValue,
         "parent": $parent.id?.uuidString ?? "", "sortOrder": String(sortOrder)]
    }
}

extension Department {
    var auditSnapshot: [String: String] {
        ["name": name, "parent": $parent.id?.uuidString ?? "", "sortOrder": String(sortOrder)]
    }
}

extension Position {
    var auditSnapshot: [String: String] {
        ["name": name, "code": code, "rank": String(rank)]
    }
}
