import Fluent
import Foundation
import Gongwen
import Vapor

/// 发文登记簿: every number the unit gave out, with filters, CSV export and voiding. For the unit's 收发员.
struct NumberRegisterController {
    struct Filter: Sendable {
        var year: Int
        var code: String?
        var status: String?
    }

    struct Line: Encodable, Sendable {
        var number: String
        var title: String
        var status: String
        var voided: Bool
        var assignedBy: String
        var assignedAt: String
        var voidReason: String?
        var voidHref: String
    }

    struct Page: Encodable, Sendable {
        var lines: [Line]
        var years: [SelectOption]
        var codes: [SelectOption]
        var statuses: [SelectOption]
        var csvHref: String
        var error: String?
    }

    struct VoidForm: Content, Sendable {
        var reason: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.numberRegister, use: list)
        routes.get(SiteURL.numberRegisterCSV, use: csv)
        routes.post(SiteURL.numberVoid, use: void)
    }

    /// The register belongs to the clerk's own unit.
    private func unitID(_ req: Request) async throws -> UUID {
        let access = try await req.access()
        guard access.covers(.documentRegister, unit: access.unitID) else { throw AppError.forbidden(Strings.Outgoing.registerForbidden) }
        return access.unitID
    }

    private func filter(_ req: Request) throws -> Filter {
        let thisYear = DocumentDate(Date()).year
        var year = thisYear
        if let raw = req.queryValue("year"), !raw.isEmpty {
            guard let value = Int(raw), (1000...9999).contains(value) else { throw AppError.validation(Strings.Outgoing.yearInvalid) }
            year = value
        }
        let code = req.queryValue("code").flatMap { $0.isEmpty ? nil : $0 }
        let status = req.queryValue("status").flatMap { NumberRegistration.Status(rawValue: $0)?.rawValue }
        return Filter(year: year, code: code, status: status)
    }

    private func lines(_ req: Request, unitID: UUID, filter: Filter) async throws -> [NumberRegistration] {
        let query = NumberRegistration.query(on: req.db).filter(\.$unitID == unitID).filter(\.$year == filter.year)
        if let code = filter.code { query.filter(\.$issuerCode == code) }
        if let status = filter.status { query.filter(\.$status == status) }
        return try await query.sort(\.$issuerCode).sort(\.$sequence).limit(5000).all()
    }

    @Sendable func list(req: Request) async throws -> Response {
        let unitID = try await unitID(req)
        let filter = try filter(req)
        return try await render(req, unitID: unitID, filter: filter, error: nil)
    }

    private func render(_ req: Request, unitID: UUID, filter: Filter, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let rows = try await lines(req, unitID: unitID, filter: filter)
        let names = try await TaskView.names(Set(rows.map(\.assignedBy)), on: req.db)
        let t = Strings.page
        let lines = try rows.map { row in
            Line(number: row.number, title: row.title, status: row.status == "voided" ? t["register_voided"]! : t["register_assigned"]!,
                 voided: row.status == "voided", assignedBy: names[row.assignedBy] ?? "—", assignedAt: DisplayFormat.minute(row.assignedAt),
                 voidReason: row.voidReason, voidHref: SiteURL.numberVoid.link(try row.requireID()))
        }
        let codes = try await IssuerCode.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$code).all()
        let thisYear = DocumentDate(Date()).year
        let years = Array(Set([thisYear, thisYear - 1, thisYear - 2, filter.year])).sorted(by: >)
            .map { SelectOption(value: String($0), label: String($0), selected: $0 == filter.year) }
        let codeOptions = [SelectOption(value: "", label: t["register_all"]!, selected: filter.code == nil)]
            + codes.map { SelectOption(value: $0.code, label: $0.code, selected: $0.code == filter.code) }
        let statuses = [SelectOption(value: "", label: t["register_all"]!, selected: filter.status == nil),
                        SelectOption(value: "assigned", label: t["register_assigned"]!, selected: filter.status == "assigned"),
                        SelectOption(value: "voided", label: t["register_voided"]!, selected: filter.status == "voided")]
        var components = URLComponents()
        components.path = SiteURL.numberRegisterCSV.path
        components.queryItems = [URLQueryItem(name: "year", value: String(filter.year))]
            + (filter.code.map { [URLQueryItem(name: "code", value: $0)] } ?? []) + (filter.status.map { [URLQueryItem(name: "status", value: $0)] } ?? [])
        return try await req.renderPage("outgoing/register", title: t["register_title"]!, section: .tasks,
                                        Page(lines: lines, years: years, codes: codeOptions, statuses: statuses,
                                             csvHref: components.string ?? SiteURL.numberRegisterCSV.path, error: error), status: status)
    }

    /// The register as CSV (UTF-8 with BOM, so spreadsheet programs on Chinese Windows read it right).
    @Sendable func csv(req: Request) async throws -> Response {
        let unitID = try await unitID(req)
        let filter = try filter(req)
        let rows = try await lines(req, unitID: unitID, filter: filter)
        let names = try await TaskView.names(Set(rows.map(\.assignedBy) + rows.compactMap(\.voidedBy)), on: req.db)
        var text = "\u{FEFF}" + CSVField.line(["发文字号", "标题", "状态", "编号人", "编号时间", "作废人", "作废时间", "作废原因"])
        for row in rows {
            text += CSVField.line([row.number, row.title, row.status == "voided" ? "已作废" : "有效", names[row.assignedBy] ?? "",
                                   DisplayFormat.dateTime(row.assignedAt), row.voidedBy.flatMap { names[$0] } ?? "",
                                   row.voidedAt.map(DisplayFormat.dateTime) ?? "", row.voidReason ?? ""])
        }
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"register-\(filter.year).csv\"")
        return response
    }

    @Sendable func void(req: Request) async throws -> Response {
        let unitID = try await unitID(req)
        let access = try await req.access()
        guard let registration = try await NumberRegistration.find(try req.idParameter("registrationID"), on: req.db),
              registration.unitID == unitID else { throw AppError.notFound() }
        let form = try req.content.decode(VoidForm.self)
        let reason = FieldRules.trimmed(form.reason)
        let filter = Filter(year: registration.year, code: nil, status: nil)
        guard !reason.isEmpty, reason.count <= 200 else {
            return try await render(req, unitID: unitID, filter: filter, error: Strings.Outgoing.voidReasonRequired, status: .unprocessableEntity)
        }
        let actor = req.auditActor()
        do {
            try await req.write { db in
                try await DocumentNumbering.void(registration, reason: reason, by: access.userID, on: db)
                try await AuditLog.record(AuditEvent(action: "number.void", targetType: "number_registration", targetID: registration.id?.uuidString,
                                                     targetLabel: registration.number, after: ["reason": reason]), by: actor, on: db)
            }
        } catch let error as AppError {
            return try await render(req, unitID: unitID, filter: filter, error: error.message, status: error.status)
        }
        req.flash(Strings.Outgoing.numberVoided)
        return req.redirect(to: SiteURL.numberRegister.path + "?year=\(registration.year)")
    }
}
