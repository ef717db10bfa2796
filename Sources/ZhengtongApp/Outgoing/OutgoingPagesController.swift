import Fluent
import Foundation
import Gongwen
import Vapor

/// 发文 pages: my documents, a new draft, the document, the drafting form with autosave.
struct OutgoingPagesController {
    struct ListRow: Encodable, Sendable {
        var title: String
        var kind: String
        var status: String
        var number: String?
        var updated: String
        var href: String
    }

    struct ListPage: Encodable, Sendable {
        var rows: [ListRow]
        var newHref: String
        var registerHref: String?
    }

    struct NewForm: Content, Sendable {
        var kind: String?
        var code: String?
    }

    struct NewPage: Encodable, Sendable {
        var kinds: [SelectOption]
        var codes: [SelectOption]
        var error: String?
    }

    struct Problem: Encodable, Sendable {
        var field: String
        var message: String
    }

    struct EditPage: Encodable, Sendable {
        var action: String
        var autosave: String
        var viewHref: String
        var form: OutgoingForm
        var errors: [String: String]
        var error: String?
        var kinds: [SelectOption]
        var urgencies: [SelectOption]
        var classifications: [SelectOption]
        var problems: [Problem]
        var step: String
        /// 纪要's 出席, 请假 and 列席 lists; open when the document is a 纪要 or has any.
        var minutesLists: [ListField]
        var minutesOpen: Bool
        /// The 联合行文 section is open when it has content or an error.
        var coIssuersOpen: Bool
    }

    /// A list typed one entry a line.
    struct ListField: Encodable, Sendable {
        var key: String
        var label: String
        var value: String
        var error: String
    }

    struct VersionRow: Encodable, Sendable {
        var version: Int
        var author: String
        var step: String
        var time: String
    }

    struct AttachmentRow: Encodable, Sendable {
        var name: String
        var size: String
        var href: String
        var deleteHref: String?
    }

    struct ShowPage: Encodable, Sendable {
        var title: String
        var kind: String
        var status: String
        var number: String?
        var issuerMark: String
        var mainRecipients: String
        var paragraphs: [BodyParagraphView]
        var editHref: String?
        var versionsHref: String
        var printHref: String
        var ofdHref: String
        var attachmentsAction: String?
        var attachments: [AttachmentRow]
        var versions: [VersionRow]
        var problems: [Problem]
        var instanceHref: String?
        var submitHref: String?
        var sealCheckHref: String?
        var formHref: String
        /// 分发回执, once dispatched.
        var receiptsHref: String?
        /// 加入信息专供, for whoever keeps a leader's reading list (信息编辑, 文书).
        var readingHref: String?
        /// 联合行文: the co-issuers and whether each has sealed; the form to seal for the person's unit, when it may.
        var coIssuers: [CoIssuerRow]
        var coSealHref: String?
    }

    struct CoIssuerRow: Encodable, Sendable {
        var name: String
        /// 已用印, 待用印 or 平台外（纸质用印）.
        var state: String
    }

    struct BodyParagraphView: Encodable, Sendable {
        var level: Int
        var text: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.outgoingList, use: list)
        routes.get(SiteURL.outgoingNew, use: newForm)
        routes.post(SiteURL.outgoingList, use: create)
        routes.get(SiteURL.outgoing, use: show)
        routes.get(SiteURL.outgoingEdit, use: edit)
        routes.post(SiteURL.outgoing, use: save)
        routes.post(SiteURL.outgoingAutosave, use: autosave)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let access = try await req.access()
        let documents = try await access.outgoingList(.mine, on: req.db).sort(\.$updatedAt, .descending).limit(200).all()
        let stepsByInstance = try await OutgoingLookup.openSteps(of: documents, on: req.db)
        let rows = try documents.map { document in
            var status = Strings.Outgoing.statusLabel(document.status)
            if document.status == OutgoingDocument.Status.approving.rawValue, let steps = document.instanceID.flatMap({ stepsByInstance[$0] }), !steps.isEmpty {
                status += " · " + steps.joined(separator: Strings.listSeparator)
            }
            return ListRow(title: document.title.isEmpty ? Strings.Outgoing.untitled : document.title,
                    kind: DocumentKind(rawValue: document.kind)?.title ?? document.kind, status: status,
                    number: document.number, updated: DisplayFormat.minute(document.updatedAt), href: SiteURL.outgoing.link(try document.requireID()))
        }
        let register = access.covers(.documentRegister, unit: access.unitID) ? SiteURL.numberRegister.path : nil
        return try await req.renderPage("outgoing/list", title: Strings.page["outgoing_title"]!, section: .outgoing,
                                        ListPage(rows: rows, newHref: SiteURL.outgoingNew.path, registerHref: register))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try await renderNew(req, form: NewForm(kind: DocumentKind.notice.rawValue), error: nil)
    }

    private func renderNew(_ req: Request, form: NewForm, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let codes = try await IssuerCode.query(on: req.db).filter(\.$unit.$id == access.unitID).filter(\.$isEnabled == true).sort(\.$sortOrder).sort(\.$code).all()
        let page = NewPage(kinds: DocumentKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == form.kind) },
                           codes: try codes.map { SelectOption(value: try $0.requireID().uuidString, label: "\($0.code)（\($0.issuerMark)）",
                                                               selected: $0.id?.uuidString == form.code) },
                           error: error ?? (codes.isEmpty ? Strings.Outgoing.issuerCodeRequired : nil))
        return try await req.renderPage("outgoing/new", title: Strings.page["outgoing_new"]!, section: .outgoing, page, status: status)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(NewForm.self)
        guard let kind = DocumentKind(rawValue: form.kind ?? "") else {
            return try await renderNew(req, form: form, error: Strings.Outgoing.kindInvalid, status: .unprocessableEntity)
        }
        do {
            let document = try await OutgoingService.draft(kind: kind, codeID: form.code.flatMap(UUID.init(uuidString:)), code: nil, access: access,
                                                           actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Outgoing.created)
            return req.redirect(to: SiteURL.outgoingEdit.link(try document.requireID()))
        } catch let error as AppError {
            return try await renderNew(req, form: form, error: error.message, status: error.status)
        }
    }

    static func problems(_ document: OfficialDocument, policy: DocumentRules.Policy) -> [Problem] {
        DocumentRules.problems(in: document, stage: .drafting, policy: policy).map { Problem(field: $0.field, message: $0.message) }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let access = try await req.access()
        let id = try document.requireID()
        let content = try document.document()
        let editable = try await access.editingStep(document, on: req.db) != nil
        let versions = try await OutgoingVersion.query(on: req.db).filter(\.$document.$id == id).sort(\.$version, .descending).all()
        let names = try await TaskView.names(Set(versions.map(\.authorID)), on: req.db)
        let attachments = try await OutgoingAttachment.query(on: req.db).filter(\.$document.$id == id).field(\.$id).field(\.$name).field(\.$size)
            .field(\.$document.$id).sort(\.$createdAt).all()
        // 联合行文: each co-issuer's seal, and the button for a co-issuer's seal keeper while it is due.
        let unsealed = try await OutgoingCoIssuers.unsealed(document, on: req.db)
        let coIssuerRows = try await OutgoingCoIssuers.sealStates(document, on: req.db).map { row in
            CoIssuerRow(name: row.name, state: Strings.Outgoing.coIssuerSealState(row.state))
        }
        let coSealHref = content.sealed && document.status == OutgoingDocument.Status.approving.rawValue
            && unsealed.contains(where: { access.covers(.sealUse, unit: $0.unitID) }) ? SiteURL.outgoingCoSeal.link(id) : nil
        let page = ShowPage(
            title: content.title, kind: content.kind.title, status: Strings.Outgoing.statusLabel(document.status), number: document.number,
            issuerMark: content.issuerMark, mainRecipients: content.mainRecipients.joined(separator: "、"),
            paragraphs: content.paragraphs.map { BodyParagraphView(level: $0.level.rawValue, text: $0.text) },
            editHref: editable ? SiteURL.outgoingEdit.link(id) : nil, versionsHref: SiteURL.outgoingVersions.link(id),
            printHref: SiteURL.outgoingPrint.link(id), ofdHref: SiteURL.outgoingOFD.link(id),
            attachmentsAction: editable ? SiteURL.outgoingAttachments.link(id) : nil,
            attachments: try attachments.map { attachment in
                let attachmentID = try attachment.requireID()
                return AttachmentRow(name: attachment.name, size: UploadedFiles.sizeText(attachment.size),
                                     href: SiteURL.outgoingAttachment.link(id, attachmentID),
                                     deleteHref: editable ? SiteURL.outgoingAttachmentDelete.link(id, attachmentID) : nil)
            },
            versions: versions.map { VersionRow(version: $0.version, author: names[$0.authorID] ?? "—", step: $0.step, time: DisplayFormat.minute($0.createdAt)) },
            problems: Self.problems(content, policy: req.application.documentPolicy), instanceHref: document.instanceID.map { SiteURL.instance.link($0) },
            submitHref: document.status == OutgoingDocument.Status.drafting.rawValue && document.$drafter.id == access.userID
                ? SiteURL.outgoingSubmit.link(id) : nil,
            sealCheckHref: content.sealed ? SiteURL.outgoingSeal.link(id) : nil, formHref: SiteURL.outgoingProcessingForm.link(id),
            receiptsHref: document.status == OutgoingDocument.Status.dispatched.rawValue ? SiteURL.outgoingReceipts.link(id) : nil,
            readingHref: access.keepsAnyReadingList ? ReadingList.addPath(kind: .outgoing, target: id) : nil,
            coIssuers: coIssuerRows, coSealHref: coSealHref)
        return try await req.renderPage("outgoing/show", title: content.title.isEmpty ? Strings.Outgoing.untitled : content.title,
                                        section: .outgoing, page)
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        guard let step = try await req.access().editingStep(document, on: req.db) else { throw AppError.forbidden(Strings.Outgoing.notEditable) }
        let content = try document.document()
        return try await renderEdit(req, document: document, form: OutgoingForm(content, version: document.version), problems: Self.problems(content, policy: req.application.documentPolicy),
                                    errors: [:], error: nil, step: step)
    }

    private func renderEdit(_ req: Request, document: OutgoingDocument, form: OutgoingForm, problems: [Problem], errors: [String: String],
                            error: String?, step: String, status: HTTPResponseStatus = .ok) async throws -> Response {
        let id = try document.requireID()
        let page = EditPage(
            action: SiteURL.outgoing.link(id), autosave: SiteURL.outgoingAutosave.link(id), viewHref: SiteURL.outgoing.link(id), form: form,
            errors: errors, error: error,
            kinds: DocumentKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == form.kind) },
            urgencies: [SelectOption(value: "", label: Strings.Outgoing.none, selected: (form.urgency ?? "").isEmpty)]
                + [Urgency.extraUrgent, .urgent].map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == form.urgency) },
            classifications: [SelectOption(value: "", label: Strings.Outgoing.notClassified, selected: (form.classification ?? "").isEmpty)]
                + Classification.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == form.classification) },
            problems: problems, step: step,
            minutesLists: [("attendees", "outgoing_attendees", form.attendees), ("onLeave", "outgoing_on_leave", form.onLeave),
                           ("observers", "outgoing_observers", form.observers)].map { key, label, value in
                ListField(key: key, label: Strings.page[label] ?? label, value: value ?? "", error: errors[key] ?? "")
            },
            minutesOpen: form.kind == DocumentKind.minutes.rawValue || [form.attendees, form.onLeave, form.observers].contains { !($0 ?? "").isEmpty },
            coIssuersOpen: !(form.coIssuers ?? "").isEmpty || errors["coIssuers"] != nil)
        return try await req.renderPage("outgoing/edit", title: Strings.page["outgoing_edit"]!, section: .outgoing, page, status: status)
    }

    /// Saves the form as a new version; what was typed stays on the page when the save is refused.
    @Sendable func save(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let access = try await req.access()
        guard let step = try await access.editingStep(document, on: req.db) else { throw AppError.forbidden(Strings.Outgoing.notEditable) }
        let form = try req.content.decode(OutgoingForm.self)
        do {
            let outcome = try await Self.edit(document, form: form, req: req)
            req.flash(outcome.sentBackToSigner ? Strings.Outgoing.sentBackToSigner : (outcome.changed ? Strings.Outgoing.draftSaved : Strings.Outgoing.nothingChanged))
            return req.redirect(to: SiteURL.outgoing.link(try document.requireID()))
        } catch let error as AppError {
            let problems = (try? form.apply(to: document.document())).map { Self.problems($0, policy: req.application.documentPolicy) } ?? []
            return try await renderEdit(req, document: document, form: form, problems: problems, errors: error.fields, error: error.message,
                                        step: step, status: error.status)
        }
    }

    struct AutosaveResult: Content, Sendable {
        var saved: Bool
        var version: Int
        var savedAt: String
        /// The edit changed a signed document, which went back to the signer: the page stops saving.
        var sentBackToSigner: Bool
        var message: String?
    }

    /// The editor's periodic save: the same service call as the button (JSON answer for the page's script;
    /// errors as JSON too, so the page can say the save failed and keep the text).
    @Sendable func autosave(req: Request) async throws -> Response {
        let document = try await req.visibleOutgoing()
        let form = try req.content.decode(OutgoingForm.self)
        do {
            let outcome = try await Self.edit(document, form: form, req: req)
            return try APIResponse.json(AutosaveResult(saved: outcome.changed, version: outcome.document.version, savedAt: DisplayFormat.time(Date()),
                                                       sentBackToSigner: outcome.sentBackToSigner,
                                                       message: outcome.sentBackToSigner ? Strings.Outgoing.sentBackToSigner : nil))
        } catch let error as AppError {
            return try APIResponse.json(["error": ["code": error.code, "message": error.message]], status: error.status)
        }
    }

    /// The form's fields over the document, through ``OutgoingService/edit(_:typed:expectedVersion:access:actor:app:at:)``.
    static func edit(_ document: OutgoingDocument, form: OutgoingForm, req: Request) async throws -> OutgoingService.EditOutcome {
        let typed = try form.apply(to: document.document())
        guard let expected = form.version.flatMap(Int.init) else { throw AppError.conflict(Strings.Outgoing.editedMeanwhile) }
        let access = try await req.access()
        return try await OutgoingService.edit(try document.requireID(), typed: typed, expectedVersion: expected, access: access,
                                              actor: req.workflowActor(access), app: req.application)
    }
}
