import Fluent
import Foundation
import Vapor

/// 归档设置 of a unit, kept by its records officer: 全宗号, 机构 or 问题, and the classes with their codes.
struct ArchiveSettingsController {
    struct Form: Content, Sendable {
        var fondsCode: String?
        var scheme: String?
        var classes: String?
    }

    struct Page: Encodable, Sendable {
        var form: Form
        var schemes: [SelectOption]
        var errors: [String: String]
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.archiveSettings, use: show)
        routes.post(SiteURL.archiveSettings, use: save)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let unit = try await req.keptArchiveUnit()
        let settings = try await ArchiveSettings.of(unit: unit, on: req.db)
        return try await render(req, form: Form(fondsCode: settings.fondsCode, scheme: settings.scheme,
                                                classes: settings.classList.map { "\($0.code) \($0.name)" }.joined(separator: "\n")), errors: [:])
    }

    private func render(_ req: Request, form: Form, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let t = Strings.page
        let schemes = [(ArchiveSettings.Scheme.department, t["archive_scheme_department"]!), (.subject, t["archive_scheme_subject"]!)]
            .map { SelectOption(value: $0.0.rawValue, label: $0.1, selected: $0.0.rawValue == form.scheme) }
        return try await req.renderPage("archive/settings", title: Strings.Archive.settingsTitle, section: .archive,
                                        Page(form: form, schemes: schemes, errors: errors, error: errors.isEmpty ? nil : Strings.Error.formInvalid),
                                        status: status)
    }

    /// `01 办公室` per line → classes; nil when a line is malformed or a code repeats.
    static func parseClasses(_ text: String) -> [ArchiveSettings.ArchiveClass]? {
        var classes: [ArchiveSettings.ArchiveClass] = []
        for line in text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }).map(String.init)
            guard parts.count == 2, (1...8).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                  !classes.contains(where: { $0.code == parts[0] }) else { return nil }
            classes.append(.init(code: parts[0].uppercased(), name: String(parts[1].trimmingCharacters(in: .whitespaces).prefix(30))))
        }
        return classes.isEmpty ? nil : classes
    }

    @Sendable func save(req: Request) async throws -> Response {
        let unit = try await req.keptArchiveUnit()
        let form = try req.content.decode(Form.self)
        var errors: [String: String] = [:]
        let fonds = FieldRules.trimmed(form.fondsCode).uppercased()
        if fonds.isEmpty || fonds.count > 12 || !fonds.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            errors["fondsCode"] = Strings.Archive.fondsInvalid
        }
        let classes = Self.parseClasses(form.classes ?? "")
        if classes == nil { errors["classes"] = Strings.Archive.classesInvalid }
        let scheme = ArchiveSettings.Scheme(rawValue: form.scheme ?? "") ?? .department
        guard errors.isEmpty, let classes else { return try await render(req, form: form, errors: errors, status: .unprocessableEntity) }
        let actor = req.auditActor()
        try await req.write { db in
            let settings = try await ArchiveSettings.of(unit: unit, on: db)
            let before = ["fonds": settings.fondsCode, "scheme": settings.scheme, "classes": settings.classes]
            settings.fondsCode = fonds
            settings.scheme = scheme.rawValue
            settings.classes = String(decoding: try JSONEncoder().encode(classes), as: UTF8.self)
            settings.updatedAt = Date()
            try await settings.save(on: db)
            try await AuditLog.record(AuditEvent(action: "archive.settings", targetType: "unit", targetID: unit.uuidString, targetLabel: fonds,
                                                 before: before, after: ["fonds": fonds, "scheme": scheme.rawValue, "classes": settings.classes]),
                                      by: actor, on: db)
        }
        req.flash(Strings.Archive.settingsSaved)
        return req.redirect(to: SiteURL.archiveSettings.path)
    }
}
