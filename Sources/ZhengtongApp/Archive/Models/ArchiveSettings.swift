import Fluent
import Foundation

/// A unit's filing scheme, kept by its records officer: 全宗号, whether the class below the year is 机构 or
/// 问题 (one of them, never both), and the classes with their codes (as in the 档号).
final class ArchiveSettings: Model, @unchecked Sendable {
    static let schema = "archive_settings"

    enum Scheme: String, Codable, Sendable, CaseIterable {
        /// 机构: the department that did the work.
        case department
        /// 问题: a subject heading.
        case subject

        var title: String { self == .department ? "机构" : "问题" }
    }

    struct ArchiveClass: Codable, Sendable, Equatable {
        var code: String
        var name: String
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "fonds_code") var fondsCode: String
    @Field(key: "scheme") var scheme: String
    /// `ArchiveClass` list as JSON.
    @Field(key: "classes") var classes: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var schemeValue: Scheme { Scheme(rawValue: scheme) ?? .department }

    var classList: [ArchiveClass] {
        (try? JSONDecoder().decode([ArchiveClass].self, from: Data(classes.utf8))) ?? []
    }

    /// The unit's settings, or the defaults: 全宗号 from the unit's code, classes by 机构 from its departments
    /// (codes 01, 02 … in their order).
    static func of(unit unitID: UUID, on db: any Database) async throws -> ArchiveSettings {
        if let stored = try await ArchiveSettings.query(on: db).filter(\.$unitID == unitID).first() { return stored }
        let unit = try await Unit.find(unitID, on: db)
        let departments = try await Department.query(on: db).filter(\.$unit.$id == unitID).filter(\.$isDisabled == false).sort(\.$sortOrder).all()
        let settings = ArchiveSettings()
        settings.unitID = unitID
        settings.fondsCode = (unit?.code ?? "Q001").uppercased()
        settings.scheme = Scheme.department.rawValue
        let list = departments.enumerated().map { ArchiveClass(code: String(format: "%02d", $0.offset + 1), name: $0.element.name) }
        settings.classes = String(decoding: (try? JSONEncoder().encode(list.isEmpty ? [ArchiveClass(code: "01", name: unit?.name ?? "本单位")] : list)) ?? Data("[]".utf8),
                                  as: UTF8.self)
        settings.updatedAt = Date()
        return settings
    }
}
