import Fluent
import Foundation
import Gongwen
import Vapor

/// What the task page shows for a 收文: the registration, the original, the step's hint and — at 登记 — the
/// registration form; 承办 says whether one is 主办 or 协办. What the holder decides (初审's outcome, 批办's
/// departments and deadline) are the step's decisions (``IncomingBusiness``).
struct IncomingTaskPanel: Encodable, Sendable {
    var documentHref: String
    var formHref: String
    var originalHref: String?
    var registrationNumber: String
    var senderName: String
    var senderNumber: String?
    var urgency: String?
    var dueText: String?
    var handling: String
    /// The step's hint, when it has one.
    var hint: String?
    /// 登记: the registration form.
    var registration: IncomingRegistrationForm?
    /// Field messages for the registration form (the shared `incoming/registration-fields` reads `page.errors`).
    var errors: [String: String] = [:]
    /// 承办: this person's part (主办 or 协办).
    var role: String?

    /// `lead`: the instance's 主办 (variable `lead`), to tell a 承办 holder their part.
    static func load(task: WorkflowTaskRecord, instance: WorkflowInstanceRecord, lead: String?, access: Access,
                     on db: any Database) async throws -> IncomingTaskPanel? {
        guard instance.businessType == IncomingSteps.businessType else { return nil }
        let document = try await IncomingSteps.document(of: instance, on: db)
        let id = try document.requireID()
        let holds = task.state == "open" && task.assigneeID == access.userID
        let t = Strings.page
        var hint: String?
        var role: String?
        switch task.node {
        case IncomingSteps.Node.register: hint = t["incoming_register_hint"]
        case IncomingSteps.Node.check: hint = t["incoming_check_hint"]
        case IncomingSteps.Node.close: hint = t["incoming_close_hint"]
        case IncomingSteps.Node.distribute: hint = t["incoming_distribute_hint"]
        case IncomingSteps.Node.handle:
            let isLead = lead != nil && lead == task.assigneeID?.uuidString
            role = isLead ? t["incoming_role_lead"] : t["incoming_role_assist"]
            hint = isLead ? t["incoming_lead_hint"] : t["incoming_assist_hint"]
        default: break
        }
        return IncomingTaskPanel(
            documentHref: SiteURL.incoming.link(id), formHref: SiteURL.incomingForm.link(id),
            originalHref: document.packageID == nil ? nil : SiteURL.incomingOriginal.link(id),
            registrationNumber: document.registrationNumber, senderName: document.senderName, senderNumber: document.senderNumber,
            urgency: document.urgencyValue?.title, dueText: document.dueAt.map(DisplayFormat.minute),
            handling: Strings.Incoming.handlingLabel(IncomingDocument.Handling(rawValue: document.handling) ?? .handle), hint: holds ? hint : nil,
            registration: holds && task.node == IncomingSteps.Node.register
                ? IncomingRegistrationForm(document, action: SiteURL.incomingRegistration.link(id), returnTo: SiteURL.task.link(try task.requireID())) : nil,
            role: holds ? role : nil)
    }
}

/// The registration fields as a form shows them (登记 on the task page, manual registration).
struct IncomingRegistrationForm: Encodable, Sendable {
    var action: String
    var returnTo: String?
    var version: Int
    var senderName: String
    var senderNumber: String
    var title: String
    var kind: String
    var classification: String
    var urgency: String
    var copies: String
    var dueDate: String
    var handling: String
    var kinds: [SelectOption]
    var classifications: [SelectOption]
    var urgencies: [SelectOption]
    /// Manual registration: a scan to upload and how it arrived.
    var withFile = false
    var sources: [SelectOption] = []

    init(_ document: IncomingDocument, action: String, returnTo: String?) {
        self.init(action: action, returnTo: returnTo, version: document.version, senderName: document.senderName, senderNumber: document.senderNumber ?? "",
                  title: document.title, kind: document.kind ?? "", classification: document.classification ?? "", urgency: document.urgency ?? "",
                  copies: String(document.copies), dueDate: document.dueAt.map { DocumentDate($0).iso } ?? "", handling: document.handling)
    }

    init(action: String, returnTo: String?, version: Int, senderName: String, senderNumber: String, title: String, kind: String, classification: String,
         urgency: String, copies: String, dueDate: String, handling: String) {
        self.action = action
        self.returnTo = returnTo
        self.version = version
        self.senderName = senderName
        self.senderNumber = senderNumber
        self.title = title
        self.kind = kind
        self.classification = classification
        self.urgency = urgency
        self.copies = copies
        self.dueDate = dueDate
        self.handling = handling
        kinds = DocumentKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == kind) }
        classifications = Classification.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == classification) }
        urgencies = Urgency.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == urgency) }
    }
}
