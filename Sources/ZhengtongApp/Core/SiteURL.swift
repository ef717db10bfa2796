import Foundation
import Vapor

/// Every page path, used both to register routes and to build links, so they cannot drift apart.
/// Parameters are written `:name` and filled in by ``link(_:)``.
struct SiteURL: Sendable, Hashable {
    let path: String

    init(_ path: String) { self.path = path }

    /// Route components for registration (`:id` becomes a parameter).
    var components: [PathComponent] {
        path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }

    /// The path with its `:parameters` filled in, in order.
    func link(_ values: any CustomStringConvertible...) -> String {
        var remaining = values.makeIterator()
        return "/" + path.split(separator: "/").map { part in
            part.hasPrefix(":") ? (remaining.next().map { "\($0)" } ?? String(part)) : String(part)
        }.joined(separator: "/")
    }

    static let home = SiteURL("/")
    static let login = SiteURL("/login")
    static let logout = SiteURL("/logout")
    /// Single sign-on: where the button starts, and where the identity platform sends people back.
    static let oidcStart = SiteURL("/login/oidc")
    static let oidcCallback = SiteURL("/login/oidc/callback")
    static let changePassword = SiteURL("/account/password")
    static let directory = SiteURL("/directory")

    static let admin = SiteURL("/admin")
    static let adminUnits = SiteURL("/admin/units")
    static let adminBackups = SiteURL("/admin/backups")
    static let adminUnitNew = SiteURL("/admin/units/new")
    static let adminUnit = SiteURL("/admin/units/:unitID")
    static let adminUnitStatus = SiteURL("/admin/units/:unitID/status")
    static let adminDepartments = SiteURL("/admin/units/:unitID/departments")
    static let adminDepartmentNew = SiteURL("/admin/units/:unitID/departments/new")
    static let adminDepartment = SiteURL("/admin/departments/:departmentID")
    static let adminDepartmentStatus = SiteURL("/admin/departments/:departmentID/status")
    static let adminUsers = SiteURL("/admin/users")
    static let adminUserNew = SiteURL("/admin/users/new")
    static let adminUser = SiteURL("/admin/users/:userID")
    static let adminUserStatus = SiteURL("/admin/users/:userID/status")
    static let adminUserPassword = SiteURL("/admin/users/:userID/password")
    static let adminUserRoles = SiteURL("/admin/users/:userID/roles")
    static let adminUserRoleRevoke = SiteURL("/admin/users/:userID/roles/:grantID/revoke")
    static let adminPositions = SiteURL("/admin/positions")
    static let adminPositionNew = SiteURL("/admin/positions/new")
    static let adminPosition = SiteURL("/admin/positions/:positionID")
    static let adminRoles = SiteURL("/admin/roles")
    static let adminRoleNew = SiteURL("/admin/roles/new")
    static let adminRole = SiteURL("/admin/roles/:roleID")
    static let adminAudit = SiteURL("/admin/audit")

    static let notifications = SiteURL("/notifications")
    static let notificationsReadAll = SiteURL("/notifications/read-all")
    static let notificationOpen = SiteURL("/notifications/:notificationID/open")

    static let tasks = SiteURL("/tasks")
    static let task = SiteURL("/tasks/:taskID")
    static let taskCommand = SiteURL("/tasks/:taskID/:command")
    static let circulation = SiteURL("/circulations/:itemID")
    static let circulationCommand = SiteURL("/circulations/:itemID/:command")
    static let workflowStart = SiteURL("/workflow/start")
    static let overdue = SiteURL("/workflow/overdue")
    static let instance = SiteURL("/workflow/instances/:instanceID")
    static let instanceDiagram = SiteURL("/workflow/instances/:instanceID/diagram.svg")
    static let instanceCommand = SiteURL("/workflow/instances/:instanceID/:command")
    static let delegations = SiteURL("/workflow/delegations")
    static let delegationEnd = SiteURL("/workflow/delegations/:delegationID/end")
    static let adminWorkflow = SiteURL("/admin/workflow")
    static let adminWorkflowPreview = SiteURL("/admin/workflow/preview")
    static let adminWorkflowDeploy = SiteURL("/admin/workflow/deploy")
    static let adminDefinition = SiteURL("/admin/workflow/definitions/:definitionID")
    static let adminDefinitionExport = SiteURL("/admin/workflow/definitions/:definitionID/export")
    static let adminDefinitionDiagram = SiteURL("/admin/workflow/definitions/:definitionID/diagram.svg")
    static let adminDefinitionStatus = SiteURL("/admin/workflow/definitions/:definitionID/status")
    static let adminCalendar = SiteURL("/admin/workflow/calendar")
    static let adminCalendarDelete = SiteURL("/admin/workflow/calendar/:dayID/delete")
    static let adminJobRetry = SiteURL("/admin/workflow/jobs/:jobID/retry")
    static let adminIssuerCodes = SiteURL("/admin/units/:unitID/issuer-codes")
    static let adminIssuerCode = SiteURL("/admin/units/:unitID/issuer-codes/:codeID")
    static let numberRegister = SiteURL("/outgoing/register")
    static let numberRegisterCSV = SiteURL("/outgoing/register.csv")
    static let numberVoid = SiteURL("/outgoing/register/:registrationID/void")
    static let outgoingList = SiteURL("/outgoing")
    static let outgoingNew = SiteURL("/outgoing/new")
    static let outgoing = SiteURL("/outgoing/:documentID")
    static let outgoingEdit = SiteURL("/outgoing/:documentID/edit")
    static let outgoingAutosave = SiteURL("/outgoing/:documentID/autosave")
    static let outgoingVersions = SiteURL("/outgoing/:documentID/versions")
    static let outgoingAttachments = SiteURL("/outgoing/:documentID/attachments")
    static let outgoingAttachment = SiteURL("/outgoing/:documentID/attachments/:attachmentID")
    static let outgoingAttachmentDelete = SiteURL("/outgoing/:documentID/attachments/:attachmentID/delete")
    static let outgoingPrint = SiteURL("/outgoing/:documentID/print")
    static let outgoingOFD = SiteURL("/outgoing/:documentID/ofd")
    static let outgoingSubmit = SiteURL("/outgoing/:documentID/submit")
    static let outgoingNumber = SiteURL("/outgoing/:documentID/number")
    static let outgoingSeal = SiteURL("/outgoing/:documentID/seal")
    static let outgoingCoSeal = SiteURL("/outgoing/:documentID/co-seal")
    static let outgoingProcessingForm = SiteURL("/outgoing/:documentID/form")
    static let outgoingReceipts = SiteURL("/outgoing/:documentID/receipts")
    static let outgoingDistribution = SiteURL("/outgoing/:documentID/distribution")

    static let exchange = SiteURL("/exchange")
    static let delivery = SiteURL("/exchange/deliveries/:deliveryID")
    static let deliveryAccept = SiteURL("/exchange/deliveries/:deliveryID/accept")
    static let deliveryRefuse = SiteURL("/exchange/deliveries/:deliveryID/refuse")
    static let deliveryResend = SiteURL("/exchange/deliveries/:deliveryID/resend")
    static let deliveryPrint = SiteURL("/exchange/deliveries/:deliveryID/print")
    static let deliveryOFD = SiteURL("/exchange/deliveries/:deliveryID/ofd")
    static let deliveryFile = SiteURL("/exchange/deliveries/:deliveryID/files/:fileID")
    static let distributionLists = SiteURL("/exchange/lists")
    static let distributionList = SiteURL("/exchange/lists/:listID")
    static let distributionListDelete = SiteURL("/exchange/lists/:listID/delete")

    static let incomingList = SiteURL("/incoming")
    static let incomingNew = SiteURL("/incoming/new")
    static let incoming = SiteURL("/incoming/:incomingID")
    static let incomingForm = SiteURL("/incoming/:incomingID/form")
    static let incomingFile = SiteURL("/incoming/:incomingID/files/:fileID")
    static let incomingRegistration = SiteURL("/incoming/:incomingID/registration")
    static let incomingCirculate = SiteURL("/incoming/:incomingID/circulate")
    static let incomingOriginal = SiteURL("/incoming/:incomingID/original")
    static let incomingOriginalOFD = SiteURL("/incoming/:incomingID/original.ofd")
    static let adminReceivingSettings = SiteURL("/admin/units/:unitID/receiving")

    static let search = SiteURL("/search")

    static let archive = SiteURL("/archive")
    static let archiveCSV = SiteURL("/archive/catalogue.csv")
    static let archiveExport = SiteURL("/archive/export")
    static let archivePending = SiteURL("/archive/pending")
    static let archiveFileDocument = SiteURL("/archive/pending/:sourceType/:sourceID")
    static let archiveSettings = SiteURL("/archive/settings")
    static let archiveItem = SiteURL("/archive/items/:itemID")
    static let archiveItemCorrect = SiteURL("/archive/items/:itemID/correct")
    static let archiveItemPrint = SiteURL("/archive/items/:itemID/print")
    static let archiveItemFile = SiteURL("/archive/items/:itemID/files/:fileID")
}

extension RoutesBuilder {
    @discardableResult
    func get(_ url: SiteURL, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        get(url.components, use: handler)
    }

    @discardableResult
    func post(_ url: SiteURL, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        post(url.components, use: handler)
    }
}
