import Fluent
import Foundation
import Gongwen
import Vapor

/// The 督查通报 page: choose a period, read the figures, edit the generated text and send it on as a 发文 draft.
enum SupervisionBulletinPages {
    struct Page: Encodable, Sendable {
        var from: String
        var to: String
        var figures: SupervisionBulletin.Figures?
        var title: String
        var text: String
        var codes: [SelectOption]
        /// Columns the person may publish in (none: no 发布为通知公告).
        var columns: [SelectOption]
        var action: String
        var errors: [String: String]
        var error: String?
    }

    struct SendForm: Content, Sendable {
        var from: String?
        var to: String?
        var title: String?
        var text: String?
        var issuerCode: String?
        var column: String?
        /// `outgoing` (a 发文 draft, the default) or `notice` (a 通知公告 draft).
        var send: String?
    }

    /// This month so far, when no period is asked for.
    static func period(_ req: Request, from: String? = nil, to: String? = nil, now: Date = Date()) -> (String, String) {
        let today = DocumentDate(now)
        let first = String(format: "%04d-%02d-01", today.year, today.month)
        func given(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        return (given(from) ?? given(req.queryValue("from")) ?? first, given(to) ?? given(req.queryValue("to")) ?? today.iso)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.has(.supervisionManage) else { throw AppError.forbidden(Strings.Supervision.notOffice) }
        let (from, to) = period(req)
        do {
            let figures = try await SupervisionBulletin.figures(from: from, to: to, access: access, on: req.db)
            let draft = SupervisionBulletin.draft(figures, unitName: access.tree.nameOf[access.unitID] ?? "")
            return try await render(req, from: from, to: to, figures: figures, title: draft.title, text: draft.text, code: nil, column: nil, errors: [:], error: nil)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, from: from, to: to, figures: nil, title: "", text: "", code: nil, column: nil, errors: error.fields, error: error.message,
                                    status: error.status)
        }
    }

    @Sendable static func send(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(SendForm.self)
        do {
            if form.send == "notice" {
                let notice = try await SupervisionBulletin.sendAsNotice(title: form.title, text: form.text, columnID: form.column.flatMap(UUID.init(uuidString:)),
                                                                       from: form.from ?? "", to: form.to ?? "", access: access,
                                                                       actor: req.workflowActor(access), app: req.application)
                req.flash(Strings.Supervision.bulletinNoticed)
                return req.redirect(to: SiteURL.notice.link(try notice.requireID()))
            }
            let document = try await SupervisionBulletin.sendAsOutgoing(title: form.title, text: form.text, issuerCode: form.issuerCode.flatMap(UUID.init(uuidString:)),
                                                                       access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Supervision.bulletinSent)
            return req.redirect(to: SiteURL.outgoing.link(try document.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .forbidden {
            let figures = try? await SupervisionBulletin.figures(from: form.from ?? "", to: form.to ?? "", access: access, on: req.db)
            return try await render(req, from: form.from ?? "", to: form.to ?? "", figures: figures, title: form.title ?? "", text: form.text ?? "",
                                    code: form.issuerCode, column: form.column, errors: error.fields, error: error.message, status: error.status)
        }
    }

    private static func render(_ req: Request, from: String, to: String, figures: SupervisionBulletin.Figures?, title: String, text: String, code: String?,
                               column: String?, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let codes = try await IssuerCode.query(on: req.db).filter(\.$unit.$id == access.unitID).filter(\.$isEnabled == true).sort(\.$sortOrder).all()
        return try await req.renderPage("supervision/bulletin", title: Strings.Supervision.bulletinTitle, section: .supervision, Page(
            from: from, to: to, figures: figures, title: title, text: text,
            codes: codes.compactMap { issuer in issuer.id.map { SelectOption(value: $0.uuidString, label: issuer.code, selected: code == $0.uuidString) } },
            columns: try await NoticeBoard.publishable(for: access, on: req.db).compactMap { found in
                found.id.map { SelectOption(value: $0.uuidString, label: (access.tree.nameOf[found.unitID] ?? "") + " · " + found.name, selected: column == $0.uuidString) }
            },
            action: SiteURL.supervisionBulletin.path, errors: errors, error: error), status: status)
    }
}
