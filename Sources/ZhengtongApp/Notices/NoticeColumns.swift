import Fluent
import Foundation
import Vapor

/// 栏目 of a unit, kept by its administrator (`organization.manage` over it): created, renamed, reordered,
/// disabled; each names the role whose holders publish in it and its review process (by default the three-step one
/// for 对外公开, the office's one review otherwise).
enum NoticeColumns {
    struct Input: Sendable {
        var name: String?
        var isPublic: Bool
        var publisherRole: String?
        var processKey: String?
        var sortOrder: String?
        var isDisabled: Bool
    }

    /// Saves `input` as a new column of `unit` (`existing` nil) or over `existing`.
    static func save(_ input: Input, unit: UUID, existing: NoticeColumn?, access: Access, actor: AuditActor, app: Application) async throws -> NoticeColumn {
        let db = app.db
        guard access.keepsColumns(of: unit) else { throw AppError.forbidden() }
        var errors: [String: String] = [:]
        let name = FieldRules.trimmed(input.name)
        if name.isEmpty || name.count > 30 { errors["name"] = Strings.Notices.columnNameRequired }
        else if try await NoticeColumn.query(on: db).filter(\.$unitID == unit).filter(\.$name == name).filter(\.$id != (existing?.id ?? UUID())).first() != nil {
            errors["name"] = Strings.Notices.columnNameTaken
        }
        let role = FieldRules.trimmed(input.publisherRole)
        if try await Role.query(on: db).filter(\.$code == role).first() == nil || BuiltinRole.administrators.map(\.rawValue).contains(role) {
            errors["publisherRole"] = Strings.Notices.columnRoleRequired
        }
        var process = FieldRules.trimmed(input.processKey)
        if process.isEmpty { process = NoticeProcesses.defaultKey(isPublic: input.isPublic) }
        if try await WorkflowDefinitions.newest(process, on: db) == nil, !NoticeProcesses.bundled.contains(process) {
            errors["processKey"] = Strings.Notices.columnProcessRequired
        }
        let order = Int(FieldRules.trimmed(input.sortOrder)) ?? existing?.sortOrder ?? 0
        guard errors.isEmpty else { throw AppError.validation(Strings.Error.formInvalid, fields: errors) }
        let before = existing.map { ["name": $0.name, "public": String($0.isPublic), "role": $0.publisherRole, "process": $0.processKey] } ?? [:]
        let isPublic = input.isPublic, disabled = input.isDisabled, processKey = process
        let existingID = existing?.id
        return try await app.write { db in
            var column = NoticeColumn()
            if let existingID, let found = try await NoticeColumn.find(existingID, on: db) { column = found }
            column.unitID = unit
            column.name = name
            column.isPublic = isPublic
            column.publisherRole = role
            column.processKey = processKey
            column.sortOrder = order
            column.isDisabled = disabled
            column.updatedAt = Date()
            try await column.save(on: db)
            try await AuditLog.record(AuditEvent(action: existingID == nil ? "notice.column.create" : "notice.column.update", targetType: "notice_column",
                                                 targetID: column.id?.uuidString, targetLabel: name, before: before,
                                                 after: ["name": name, "public": String(isPublic), "role": role, "process": processKey,
                                                         "disabled": String(disabled)]), by: actor, on: db)
            return column
        }
    }
}
