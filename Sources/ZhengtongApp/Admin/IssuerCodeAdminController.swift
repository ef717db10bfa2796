import Fluent
import Gongwen
import Vapor

/// 机关代字 of a unit: the prefixes of its document numbers, each with its letterhead style and
/// 发文机关标志. Managed by the organisation administrator of the unit.
struct IssuerCodeAdminController {
    struct CodeForm: Content, Sendable {
        var code: String?
        var style: String?
        var issuerMark: String?
        var enabled: String?
    }

    struct Row: Encodable, Sendable {
        var code: String
        var style: String
        var issuerMark: String
        var enabled: Bool
        var editHref: String
    }

    struct Page: Encodable, Sendable {
        var unitName: String
        var rows: [Row]
        var styles: [SelectOption]
        var form: CodeForm
        var errors: [String: String]
        var error: String?
        var action: String
        var editing: Bool
        /// The unit's first valid seal, once made; all of them are on 印章管理 (`sealAction`).
        var seal: SealView?
        var sealAction: String
    }

    struct SealView: Encodable, Sendable {
        var name: String
        var svg: String
        var fingerprint: String
        var created: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.adminIssuerCodes, use: list)
        routes.post(SiteURL.adminIssuerCodes, use: create)
        routes.get(SiteURL.adminIssuerCode, use: edit)
        routes.post(SiteURL.adminIssuerCode, use: update)
    }

    private func unit(_ req: Request) async throws -> ZhengtongApp.Unit {
        guard let unit = try await Unit.find(try req.idParameter("unitID"), on: req.db) else { throw AppError.notFound() }
        try await req.access().require(.organizationManage, unit: try unit.requireID())
        return unit
    }

    private func code(_ req: Request, unit: ZhengtongApp.Unit) async throws -> IssuerCode {
        guard let code = try await IssuerCode.find(try req.idParameter("codeID"), on: req.db), code.$unit.id == unit.id else { throw AppError.notFound() }
        return code
    }

    @Sendable func list(req: Request) async throws -> Response {
        let unit = try await unit(req)
        return try await render(req, unit: unit, form: CodeForm(style: "file", issuerMark: unit.name + "文件"), editing: nil, errors: [:], error: nil)
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let code = try await code(req, unit: unit)
        return try await render(req, unit: unit, form: CodeForm(code: code.code, style: code.style, issuerMark: code.issuerMark, enabled: code.isEnabled ? "on" : nil),
                                editing: code, errors: [:], error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let unit = try await unit(req)
        return try await save(req, unit: unit, existing: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let unit = try await unit(req)
        return try await save(req, unit: unit, existing: try await code(req, unit: unit))
    }

    private func save(_ req: Request, unit: ZhengtongApp.Unit, existing: IssuerCode?) async throws -> Response {
        let form = try req.content.decode(CodeForm.self)
        let unitID = try unit.requireID()
        var errors: [String: String] = [:]
        let codeText = FieldRules.trimmed(form.code)
        let mark = FieldRules.trimmed(form.issuerMark)
        if !DocumentNumber.isValidIssuerCode(codeText) { errors["code"] = Strings.Outgoing.codeInvalid }
        if mark.isEmpty || mark.count > 40 { errors["issuerMark"] = Strings.Outgoing.issuerMarkRequired }
        guard let style = LetterheadStyle(rawValue: form.style ?? ""), IssuerCode.styles.contains(style) else {
            errors["style"] = Strings.Outgoing.styleInvalid
            return try await render(req, unit: unit, form: form, editing: existing, errors: errors, error: Strings.Error.formInvalid, status: .unprocessableEntity)
        }
        if errors["code"] == nil, let clash = try await IssuerCode.query(on: req.db).filter(\.$unit.$id == unitID).filter(\.$code == codeText).first(),
           clash.id != existing?.id {
            errors["code"] = Strings.Outgoing.codeTaken
        }
        // A code already used in numbers keeps its spelling: the register names it.
        if let existing, existing.code != codeText,
           try await NumberRegistration.query(on: req.db).filter(\.$unitID == unitID).filter(\.$issuerCode == existing.code).first() != nil {
            errors["code"] = Strings.Outgoing.codeInUse
        }
        guard errors.isEmpty else {
            return try await render(req, unit: unit, form: form, editing: existing, errors: errors, error: Strings.Error.formInvalid, status: .unprocessableEntity)
        }
        let record = existing ?? IssuerCode(unitID: unitID, code: codeText, style: style.rawValue, issuerMark: mark)
        let before = existing.map(\.auditSnapshot) ?? [:]
        record.code = codeText
        record.style = style.rawValue
        record.issuerMark = mark
        record.isEnabled = existing == nil || form.enabled == "on"
        let actor = req.auditActor()
        try await req.write { db in
            try await record.save(on: db)
            let diff = auditDiff(before, record.auditSnapshot)
            try await AuditLog.record(AuditEvent(action: existing == nil ? "issuer_code.create" : "issuer_code.update", targetType: "issuer_code",
                                                 targetID: record.id?.uuidString, targetLabel: "\(unit.name) \(record.code)",
                                                 before: diff.before, after: diff.after), by: actor, on: db)
        }
        req.flash(Strings.Outgoing.saved)
        return req.redirect(to: SiteURL.adminIssuerCodes.link(unitID))
    }

    private func render(_ req: Request, unit: ZhengtongApp.Unit, form: CodeForm, editing: IssuerCode?, errors: [String: String], error: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let unitID = try unit.requireID()
        let codes = try await IssuerCode.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$sortOrder).sort(\.$code).all()
        let rows = try codes.map { code in
            Row(code: code.code, style: LetterheadStyle(rawValue: code.style)?.title ?? code.style, issuerMark: code.issuerMark,
                enabled: code.isEnabled, editHref: SiteURL.adminIssuerCode.link(unitID, try code.requireID()))
        }
        let styles = IssuerCode.styles.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == form.style) }
        let action = try editing.map { SiteURL.adminIssuerCode.link(unitID, try $0.requireID()) } ?? SiteURL.adminIssuerCodes.link(unitID)
        let seal = try await UnitSeal.query(on: req.db).filter(\.$unitID == unitID).filter(\.$revokedAt == nil).sort(\.$createdAt).first().map { seal in
            SealView(name: seal.name, svg: SealDesign.make(unitName: seal.name).svg(), fingerprint: String(SHA256Hex.of(seal.publicKey).prefix(16)),
                     created: DisplayFormat.minute(seal.createdAt))
        }
        return try await req.renderPage("admin/issuer-codes", title: Strings.page["issuer_codes"]!, section: .admin,
                                        Page(unitName: unit.name, rows: rows, styles: styles, form: form, errors: errors, error: error,
                                             action: action, editing: editing != nil, seal: seal, sealAction: SiteURL.adminUnitSeals.link(unitID)),
                                        status: status)
    }
}
